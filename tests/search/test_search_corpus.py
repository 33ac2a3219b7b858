"""Search over the five real articles, through the project as the app and CLI use it."""

import shutil

import pytest

from desktop_app.search import SearchQueryError
from desktop_app.services import open_project


@pytest.fixture
def corpus(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    project.ids = {a.original_name[:3]: a.id for a in project.articles.list()}
    return project


def _articles(results):
    return {h.id for h in results.hits if h.kind == "article"}


def test_las_bambas_finds_both_articles_that_mention_it(corpus, corpus_dir):
    mentioning = {p.name[:3] for p in corpus_dir.glob("*.txt")
                  if "Las Bambas" in p.read_text(encoding="utf-8")}
    assert mentioning == {"000", "001"}
    found = _articles(corpus.search.find('"Las Bambas"'))
    assert found == {corpus.ids[n] for n in mentioning}


def test_lopez_aliaga_without_accents_finds_both_spellings(corpus):
    results = corpus.search.find("Lopez Aliaga")
    assert _articles(results) == {corpus.ids["000"], corpus.ids["001"]}
    surfaces = set()
    for hit in results.hits:
        text = corpus.articles.get(hit.id).text
        surfaces |= {text[s:e] for s, e in hit.offsets}
    assert {"López", "Aliaga"} <= surfaces
    assert "Cazorla" in corpus.articles.get(corpus.ids["001"]).text


def test_phrase_offsets_slice_exactly_the_phrase(corpus):
    for phrase in ("Chancay Port", "critical minerals", "Asia-Pacific Economic Cooperation"):
        results = corpus.search.find(f'"{phrase}"')
        assert results.hits, phrase
        for hit in results.hits:
            text = corpus.articles.get(hit.id).text
            assert hit.offsets
            for start, end in hit.offsets:
                # stemming lets "critical minerals" find "critical mineral" too
                assert text[start:end].lower().rstrip("s") == phrase.lower().rstrip("s")
            assert hit.snippet_marks  # where the phrase is in the snippet, to show it
            for start, end in hit.snippet_marks:
                shown = hit.snippet[start:end].lower().rstrip("s")
                assert shown == phrase.lower().rstrip("s"), (shown, phrase)


def test_peru_finds_peru_with_an_accent_and_stems_match(tmp_path, corpus):
    note = tmp_path / "accent.txt"
    note.write_text("Perú signs a trade pact\n\nThe government of Perú said it was investing "
                    "in new ports this year.", encoding="utf-8")
    corpus.articles.import_paths([note])
    added = next(a.id for a in corpus.articles.list() if a.original_name == "accent.txt")
    assert added in _articles(corpus.search.find("Peru", limit=50))
    assert added in _articles(corpus.search.find("investments ports"))


def test_field_filters_return_only_matching_claims(corpus):
    a = corpus.claims.add(corpus.ids["002"], quote="Chancay Port", tags=["ports"],
                         verdict="mostly true", note="port cost").claim
    b = corpus.claims.add(corpus.ids["004"], quote="less than 5% of global totals",
                         tags=["reserves"], verdict="false").claim
    apec = corpus.entities.add("APEC", "organization",
                             aliases=["Asia-Pacific Economic Cooperation"]).entity
    c = corpus.claims.add(corpus.ids["003"], quote="November 15-16", entities=[apec.id]).claim

    def claims(query):
        return {h.id for h in corpus.search.find(query, kind="claim").hits}

    assert claims("tag:ports") == {a.id}
    assert claims('verdict:"mostly true"') == {a.id}
    assert claims("verdict:false") == {b.id}
    assert claims("entity:APEC") == {c.id}
    assert claims('entity:"Asia-Pacific Economic Cooperation"') == {c.id}
    assert {h.id for h in corpus.search.find("port", tags=("ports",)).hits} == {a.id}
    facets = corpus.search.find("kind:claim").facets
    assert facets["kind"] == {"claim": 3}
    assert facets["tag"] == {"ports": 1, "reserves": 1}
    assert facets["entity"] == {"APEC": 1}


def test_an_edited_claim_is_found_by_its_new_note_at_once(corpus):
    claim = corpus.claims.add(corpus.ids["003"], quote="November 15-16").claim
    assert not corpus.search.find("quinquagenary").hits
    corpus.claims.edit(claim.id, note="summit dates: check the quinquagenary programme")
    assert [h.id for h in corpus.search.find("quinquagenary").hits] == [claim.id]
    corpus.claims.delete(claim.id)
    assert not corpus.search.find("quinquagenary").hits


@pytest.mark.parametrize("damage", ["delete", "garbage"])
def test_a_lost_or_corrupt_index_is_rebuilt_with_the_same_results(corpus, damage):
    corpus.claims.add(corpus.ids["002"], quote="Chancay Port", tags=["ports"])
    queries = ['"Las Bambas"', "Lopez Aliaga", "tag:ports", "minerals"]
    before = [[(h.kind, h.id, h.offsets) for h in corpus.search.find(q).hits] for q in queries]
    folder = corpus.folder
    corpus.close()
    if damage == "delete":
        shutil.rmtree(folder / "index")
    else:
        for path in (folder / "index").iterdir():
            path.write_bytes(b"\x00garbage\xff" * 100)
    with open_project(folder, author="tester") as reopened:
        assert not reopened.search.is_current()
        after = [[(h.kind, h.id, h.offsets) for h in reopened.search.find(q).hits] for q in queries]
        assert reopened.search.is_current()
    assert after == before


def test_did_you_mean_when_nothing_matches(corpus):
    results = corpus.search.find("Chancy")
    assert results.total == 0 and results.suggestion == "chancay"


def test_boolean_prefix_and_date_queries(corpus):
    assert _articles(corpus.search.find("Chancay NOT megaport")) == {corpus.ids["002"]}
    assert _articles(corpus.search.find("Ishiba OR Qiang")) == {corpus.ids[n]
                                                           for n in ("002", "003", "004")}
    assert corpus.ids["000"] in _articles(corpus.search.find("PeruR*"))
    assert _articles(corpus.search.find("published:2024-11", kind="article")) == {corpus.ids["003"]}
    assert _articles(corpus.search.find("published:[2024-11-01 TO 2024-11-30]")) == {
        corpus.ids["003"]}


@pytest.mark.parametrize("query,words", [('"Las Bambas', "unbalanced quotes"),
                                         ("title:(mining", "unbalanced ()"),
                                         ("colour:red", "unknown field"),
                                         ('""', "no words"),
                                         ("verdict:flase", "a verdict is one of"),
                                         ("status:reveiwed Peru", "a status is one of"),
                                         ("kind:claims", "a kind is one of"),
                                         ("type:persn", "a type is one of"),
                                         ("published:2024-13", "is not a date"),
                                         ("date:2024-02-30", "is not a date"),
                                         ("Peru OR", "joins nothing"),
                                         ("Peru AND", "joins nothing"),
                                         ("OR Peru", "joins nothing"),
                                         ("verdict: true", "needs a value"),
                                         ("Peru tag:", "needs a value")])
def test_a_query_the_parser_cannot_read_gets_a_clear_message(corpus, query, words):
    """Including a value that can match nothing (a misspelt verdict, a month 13): said as
    a mistake, not answered with "nothing found"."""
    with pytest.raises(SearchQueryError, match=words):
        corpus.search.find(query)


def test_values_of_closed_fields_are_read_as_typed_and_never_respelled(corpus):
    """verdict:"mostly true", verdict:mostly-true and a wildcard are all valid; a value is
    never offered a "did you mean" (it would be a word respelled into nonsense)."""
    for query in ('verdict:"mostly true"', "verdict:mostly-true", "verdict:most*",
                  "status:reviewed", "kind:claim Peru", "published:2024"):
        results = corpus.search.find(query)
        assert results.suggestion is None, (query, results.suggestion)


def test_sort_by_date_puts_the_newest_first(corpus):
    hits = [h for h in corpus.search.find("Peru", sort="date", limit=10).hits if h.published]
    assert hits and hits[0].id == corpus.ids["003"]


def test_an_edit_is_kept_in_the_index_after_closing_without_a_rebuild(corpus):
    """Edits reach the index at once and stay in it when the project is closed and opened
    again: the index is current on reopening, with the edit found."""
    claim = corpus.claims.add(corpus.ids["003"], quote="November 15-16").claim
    corpus.claims.edit(claim.id, note="the sesquicentennial programme")
    assert [h.id for h in corpus.search.find("sesquicentennial").hits] == [claim.id]
    folder = corpus.folder
    corpus.close()
    with open_project(folder, author="tester") as reopened:
        assert reopened.search.is_current()
        assert [h.id for h in reopened.search.find("sesquicentennial").hits] == [claim.id]


def test_a_snippet_keeps_the_sources_own_guillemets_and_says_where_the_hits_are():
    """A French source quotes with « »: the snippet shows them as written, and the hits
    are given as ranges in it, not as more « » a reader could not tell apart."""
    from desktop_app.search.highlight import snippet

    text = "Le ministre a parlé d'un « accord   historique » avec Lima, selon l'AFP."
    start = text.index("accord")
    excerpt, marks = snippet(text, ((start, start + len("accord")),))
    assert "« accord historique »" in excerpt  # whitespace folded, the quote marks kept
    assert [excerpt[s:e] for s, e in marks] == ["accord"]
