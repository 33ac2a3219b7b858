"""Work coming in from other tools: Web Annotations (our own and Hypothesis-style) become
claims on the right article and words; other fact-checkers' ClaimReviews become rated claims."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import RefusedFileError
from tests.conftest import snapshot
from tests.services.bundle_helpers import person_project


@pytest.fixture
def two_desks(tmp_path, corpus_dir):
    alice = person_project(tmp_path, "alice")
    bob = person_project(tmp_path, "bob")
    alice.articles.import_paths([corpus_dir])
    bob.articles.import_paths([corpus_dir])
    yield alice, bob
    alice.close()
    bob.close()


def test_our_w3c_export_imports_as_the_same_claims_elsewhere(two_desks, tmp_path):
    alice, bob = two_desks
    article = next(a for a in alice.articles.list()
                   if "Las Bambas" in alice.articles.get(a.id).text)
    peru = alice.entities.add("Peru", "place", wikidata="Q419").entity
    bob.entities.add("Perú", "place", wikidata="Q419")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1, verdict="false",
                            tags=["mining"], note="Owned by MMG.", entities=[peru.id]).claim
    out = tmp_path / "alice.jsonld"
    alice.exchange.export_w3c(out)
    result = bob.exchange.import_w3c(out)
    assert result.added == (claim.id,)
    mine = bob.claims.get(claim.id)
    bob_article = bob.articles.get(mine.article_id)
    assert bob_article.text[mine.start : mine.end] == "Las Bambas"
    assert (mine.start, mine.end) == (claim.start, claim.end)
    assert (mine.verdict, mine.tags, mine.note) == ("false", ("mining",), "Owned by MMG.")
    assert [bob.entities.get(e).name for e in mine.entity_ids] == ["Perú"]
    assert mine.author == "alice"
    again = bob.exchange.import_w3c(out)
    assert again.added == () and again.skipped[0][1] == "already in the project"


def test_a_hypothesis_style_annotation_lands_by_quote(two_desks, tmp_path):
    _alice, bob = two_desks
    article = next(a for a in bob.articles.list()
                   if "Las Bambas" in bob.articles.get(a.id).text)
    text = bob.articles.get(article.id).text
    at = text.index("Las Bambas")
    annotation = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/AbC123xyz",
        "type": "Annotation",
        "created": "2024-11-20T10:00:00.000000+00:00",
        "creator": "acct:carol@hypothes.is",
        "body": [{"type": "TextualBody", "value": "Check the ownership.",
                  "format": "text/markdown"},
                 {"type": "TextualBody", "value": "mining", "purpose": "tagging"}],
        "target": [{"source": "https://example.org/somewhere-else",
                    "selector": [{"type": "TextQuoteSelector", "exact": "Las Bambas",
                                  "prefix": text[at - 20 : at],
                                  "suffix": text[at + 10 : at + 30]}]}],
    }
    other = dict(annotation, id="https://hypothes.is/a/nowhere",
                 target={"source": "https://example.org/x",
                         "selector": {"type": "TextQuoteSelector", "exact": "not in any article"}})
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps([annotation, other]), encoding="utf-8")
    result = bob.exchange.import_w3c(path)
    assert len(result.added) == 1
    assert result.skipped == (("https://hypothes.is/a/nowhere",
                               "no article here holds its target or its quote"),)
    claim = bob.claims.get(result.added[0])
    assert (claim.start, claim.end, claim.exact) == (at, at + 10, "Las Bambas")
    assert claim.tags == ("mining",) and claim.note == "Check the ownership."
    assert claim.author == "acct:carol@hypothes.is"


def test_an_invalid_annotation_file_is_refused_and_nothing_is_written(two_desks, tmp_path,
                                                                      testdata_dir):
    _alice, bob = two_desks
    before = snapshot(bob.folder)
    sample = (testdata_dir / "wa" / "web-annotation-tests" / "tools" / "samples" / "incorrect"
              / "anno4.json")
    with pytest.raises(RefusedFileError, match="bad @context"):
        bob.exchange.import_w3c(sample)
    assert snapshot(bob.folder) == before


def test_the_four_real_claimreviews_import_as_rated_claims(project, testdata_dir):
    folder = testdata_dir / "claimreview"
    verdicts = {}
    for path in sorted(folder.glob("*.jsonld")):
        result = project.exchange.import_claimreview(path)
        assert len(result.added) == 1, path.name
        claim = project.claims.get(result.added[0])
        verdicts[path.name.split("_")[0]] = claim.verdict
        assert claim.status == "needs review"
        article = project.articles.get(claim.article_id)
        assert article.text == claim.exact and article.format == "claimreview"
    assert verdicts == {"newsnation": "true", "polygraph": verdicts["polygraph"],
                        "schemaorg": "false", "snopes": "unproven"}
    snopes = project.claims.list(verdict="unproven")[0]
    assert "Snopes rated “Unproven”" in snopes.note
    assert project.search.find("Yovanovitch").total >= 1
    # the same file again is a duplicate, not a second claim
    again = project.exchange.import_claimreview(folder / "snopes_yovanovitch_net_worth.raw.jsonld")
    assert again.added == () and again.skipped


def test_annotations_without_ids_or_with_bad_tags_are_handled_one_by_one(two_desks, tmp_path):
    _alice, bob = two_desks
    base = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
            "target": {"source": "https://example.org/x",
                       "selector": {"type": "TextQuoteSelector", "exact": "Las Bambas"}}}
    text = bob.articles.get(next(a.id for a in bob.articles.list()
                            if "Las Bambas" in bob.articles.get(a.id).text)).text
    at = text.index("Las Bambas")
    placed = dict(base, target={"source": "https://example.org/x", "selector": {
        "type": "TextQuoteSelector", "exact": "Las Bambas", "prefix": text[at - 30 : at],
        "suffix": text[at + 10 : at + 40]}})
    long_tag = dict(placed, id="https://example.org/a/2",
                    body={"type": "TextualBody", "value": "x" * 101, "purpose": "tagging"})
    path = tmp_path / "no-ids.json"
    path.write_text(json.dumps([placed, long_tag]), encoding="utf-8")
    first = bob.exchange.import_w3c(path)
    assert len(first.added) == 1
    assert first.skipped == (("https://example.org/a/2", "a tag is limited to 100 characters"),)
    again = bob.exchange.import_w3c(path)
    assert again.added == () and len(bob.claims.list()) == 1  # no id, yet not added twice


def test_two_fact_checkers_reviewing_one_statement_give_two_claims(project, testdata_dir,
                                                                    tmp_path):
    node = json.loads((testdata_dir / "claimreview" / "snopes_yovanovitch_net_worth.pretty.json"
                       ).read_text(encoding="utf-8"))
    other = dict(node, url="https://checker.example/yovanovitch",
                 author={"@type": "Organization", "name": "Other Check"},
                 reviewRating={"@type": "Rating", "alternateName": "False"})
    (tmp_path / "one.json").write_text(json.dumps(node), encoding="utf-8")
    (tmp_path / "two.json").write_text(json.dumps(other), encoding="utf-8")
    project.exchange.import_claimreview(tmp_path / "one.json")
    project.exchange.import_claimreview(tmp_path / "two.json")
    assert project.exchange.import_claimreview(tmp_path / "two.json").added == ()
    assert len(project.articles.list()) == 1
    assert sorted(c.verdict for c in project.claims.list()) == ["false", "unproven"]


def test_a_broken_embedded_review_never_stops_a_page_import(project, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Port deal</title><script type='application/ld+json'>"
        '{"@type": "ClaimReview", "@graph": 5, "claimReviewed": "\\ud800"}</script></head>'
        "<body><article><p>" + "The port of Chancay opened in November 2024 with fanfare. " * 8
        + "</p></article></body></html>", encoding="utf-8")
    [outcome] = project.articles.import_paths([page]).outcomes
    assert outcome.status == "added"
    assert outcome.notes == ("an embedded ClaimReview could not be read: left out",)
