"""schema.org ClaimReview: the four real reviews read with their quirks; our export carries
the properties fact-check readers require."""

from __future__ import annotations

import json
from datetime import date

import pytest

from desktop_app.core.errors import RefusedFileError
from desktop_app.exchange.claimreview import read_reviews, verdict_for


@pytest.fixture(scope="module")
def reviews(testdata_dir):
    folder = testdata_dir / "claimreview"
    return {path.name.split("_")[0]: read_reviews(path.read_bytes(), path.name)[0]
            for path in sorted(folder.glob("*.jsonld"))}


def test_all_four_real_reviews_are_read(reviews):
    assert set(reviews) == {"snopes", "polygraph", "newsnation", "schemaorg"}


def test_snopes_sentinel_rating_stays_off_the_scale(reviews):
    snopes = reviews["snopes"]
    assert snopes.verdict == "unproven" and snopes.rating_name == "Unproven"
    assert snopes.rating_value is None
    assert snopes.claim_reviewed.endswith("$17 million.")  # trailing space trimmed
    assert snopes.reviewer == "Snopes" and snopes.published == date(2019, 11, 18)
    assert snopes.claim_author == "Multiple Sources"  # "type" without "@" still read
    assert any("sentinel" in w for w in snopes.warnings)


def test_polygraph_lower_case_rating_and_odd_dates(reviews):
    polygraph = reviews["polygraph"]
    assert len(polygraph.claim_reviewed) > 500
    assert polygraph.verdict in {"false", "mostly false", "mixed"}
    assert any("lower case" in w for w in polygraph.warnings)


def test_newsnation_numbers_given_as_strings(reviews):
    newsnation = reviews["newsnation"]
    assert newsnation.verdict == "true" and newsnation.rating_value == 1.0
    assert any("given as text" in w for w in newsnation.warnings)


def test_politifact_numeric_only_rating_is_placed_on_its_own_scale(reviews):
    perry = reviews["schemaorg"]
    assert perry.rating_name is None and perry.rating_value == 1.0
    assert perry.verdict == "false"  # 1 on a scale of 1..6
    assert perry.claim_author == "Rich Perry"  # kept as published, misspelling and all


def test_verdict_names_and_scales():
    assert verdict_for("Pants on Fire!", None, None, None) == "false"
    assert verdict_for("Half True", None, None, None) == "mixed"
    assert verdict_for(None, 5, 5, 1) == "true"
    assert verdict_for(None, -1, -1, -1) == "unproven"
    assert verdict_for("Whatever", 3, 5, 1) == "mixed"


def test_a_file_without_any_review_is_refused():
    with pytest.raises(RefusedFileError, match="no ClaimReview"):
        read_reviews(b'{"@type": "NewsArticle"}', "x.jsonld")
    with pytest.raises(RefusedFileError, match="bad JSON"):
        read_reviews(b"{", "x.jsonld")


def test_export_of_the_corpus_rated_claims_has_the_required_properties(project, corpus_dir,
                                                                       tmp_path):
    project.articles.import_paths([corpus_dir])
    verdicts = ["false", "mostly true", "unproven", "true", "mixed"]
    for article, verdict in zip(project.articles.list(), verdicts, strict=True):
        first_sentence = project.articles.get(article.id).text.split(". ")[0][:80]
        project.claims.add(article.id, quote=first_sentence, occurrence=1, verdict=verdict,
                          note=f"Rated {verdict}.")
    project.claims.add(project.articles.list()[0].id, start=0, end=3)  # unverified: not exported
    out = tmp_path / "reviews.json"
    result = project.exchange.export_claimreview(out, reviewer="Desk", base_url="https://desk.example/")
    documents = json.loads(out.read_text(encoding="utf-8"))
    assert result.records == len(documents) == 5
    for document in documents:
        assert document["@context"] == "https://schema.org"
        assert document["@type"] == "ClaimReview"
        assert document["url"].startswith("https://desk.example/claims/")
        assert document["claimReviewed"]
        assert document["author"] == {"@type": "Organization", "name": "Desk"}
        date.fromisoformat(document["datePublished"])
        rating = document["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"]
        if rating["alternateName"] == "Unproven":
            assert "ratingValue" not in rating
        else:
            assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        item = document["itemReviewed"]
        assert item["@type"] == "Claim" and item["appearance"]["headline"]
        # reading our own export back gives the same verdicts
    again = read_reviews(out.read_bytes(), out.name)
    assert sorted(r.verdict for r in again) == sorted(verdicts)


def test_graph_forms_and_hostile_json_are_handled(testdata_dir):
    review = (testdata_dir / "claimreview" / "snopes_yovanovitch_net_worth.pretty.json")
    node = json.loads(review.read_text(encoding="utf-8"))
    single = json.dumps({"@context": "http://schema.org", "@graph": node}).encode()
    assert read_reviews(single, "graph.jsonld")[0].verdict == "unproven"
    for odd in (5, None, "text"):
        with pytest.raises(RefusedFileError, match="no ClaimReview"):
            read_reviews(json.dumps({"@graph": odd}).encode(), "odd.jsonld")
    with pytest.raises(RefusedFileError, match="bad JSON"):
        read_reviews(b"[" * 900 + b"]" * 900, "deep.jsonld")
    with pytest.raises(RefusedFileError, match="half of a surrogate pair"):
        read_reviews(json.dumps(node).replace("Snopes", "\\udc00Snopes").encode(), "s.jsonld")
