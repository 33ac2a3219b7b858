"""Text as people paste it: quotes, annotations and searches typed or copied in another form
than the stored text (soft hyphens, half-spaces, PDF ligatures, apostrophes) still match."""

from __future__ import annotations

import json

import pytest

from desktop_app.exchange import w3c
from tests.importers.pdf_helpers import one_page_pdf

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Dock tender doubts</title>
</head><body><article><h1>Dock tender doubts</h1>
<p>The council said the new dock had drawn inter&shy;national lenders from nine regions.
Critics asked who the lenders were and how much they would earn from the tolls.</p>
<p>The council promised to publish the list of lenders before the winter session.</p>
</article></body></html>"""


@pytest.fixture
def page(project, tmp_path):
    path = tmp_path / "dock.html"
    path.write_text(PAGE, encoding="utf-8")
    report = project.articles.import_paths([path])
    return project.articles.get(report.outcomes[0].article_id)


def test_a_pasted_quote_with_a_soft_hyphen_finds_the_cleaned_words(project, page):
    assert "\u00ad" not in page.text
    claim = project.claims.add(page.id, quote="inter\u00adnational lenders").claim
    assert claim.exact == "international lenders"


def test_an_annotation_whose_quote_keeps_the_soft_hyphen_lands_on_the_same_span(
        project, page, tmp_path):
    typed = project.claims.add(page.id, quote="international lenders").claim
    project.claims.delete(typed.id)
    annotation = {
        "@context": w3c.CONTEXT, "type": "Annotation", "id": "https://annot.example/a/1",
        "body": {"type": "TextualBody", "value": "Which regions?", "purpose": "commenting"},
        "target": {"source": "https://news.example.net/dock", "selector": [
            {"type": "TextQuoteSelector", "exact": "inter\u00adnational lenders",
             "prefix": "had drawn ", "suffix": " from nine"}]},
    }
    path = tmp_path / "a.jsonld"
    path.write_text(json.dumps(annotation), encoding="utf-8")
    result = project.exchange.import_w3c(path)
    assert len(result.added) == 1
    claim = project.claims.get(result.added[0])
    assert (claim.start, claim.end) == (typed.start, typed.end)
    assert claim.note == "Which regions?"


def test_persian_half_spaces_are_kept_and_a_copied_quote_is_found(project, tmp_path):
    path = tmp_path / "budget.txt"
    path.write_text("گزارش بودجه شهر\n\nشهرداری می\u200cخواهد هزینه\u200cهای ساخت پل را "
                    "کاهش دهد و گزارش کامل را منتشر کند.\n", encoding="utf-8")
    article = project.articles.get(project.articles.import_paths([path]).outcomes[0].article_id)
    assert article.text.count("\u200c") == 2
    claim = project.claims.add(article.id, quote="می\u200cخواهد هزینه\u200cهای ساخت پل").claim
    assert claim.exact == "می\u200cخواهد هزینه\u200cهای ساخت پل"
    # typed without the half-space, the words are found too
    assert project.claims.add(article.id, quote="هزینههای ساخت").claim.exact == \
        "هزینه\u200cهای ساخت"


def test_pdf_ligatures_do_not_hide_quotes_or_search_words(project, tmp_path):
    path = tmp_path / "audit.pdf"
    path.write_bytes(one_page_pdf(
        b"(The of\xaecial \xaegures show that the \xaenancial of\xaece paid early.) Tj "
        b"0 -14 Td (Cash \xafows to the \xaeling agency were not in the budget.) Tj"))
    article = project.articles.get(project.articles.import_paths([path]).outcomes[0].article_id)
    assert not any(0xFB00 <= ord(ch) <= 0xFB06 for ch in article.text)
    claim = project.claims.add(article.id, quote="official figures show that the financial "
                              "office paid").claim
    assert claim.exact.startswith("official figures")
    for query in ("financial", '"cash flows"', "filing"):
        assert article.id in {h.id for h in project.search.find(query).hits}, query


def test_either_apostrophe_finds_either_spelling(project, tmp_path):
    (tmp_path / "curly.txt").write_text(
        "Lenders in Chile\n\nChile’s state lenders won’t say how much the bridge cost, "
        "and the ministry’s auditors are waiting.\n", encoding="utf-8")
    (tmp_path / "straight.txt").write_text(
        "Audit of the tunnel\n\nBolivia's road agency didn't publish the tunnel budget, "
        "and the government's auditors asked for it.\n", encoding="utf-8")
    report = project.articles.import_paths([tmp_path / "curly.txt", tmp_path / "straight.txt"])
    curly, straight = (o.article_id for o in report.outcomes)
    cases = {curly: ["Chile's", "Chile’s", '"Chile\'s state lenders"', "won't", "won’t",
                     "“Chile’s state lenders”", "CHILE’S"],
             straight: ["Bolivia's", "Bolivia’s", '"government’s auditors"', "didn’t",
                        "didn't"]}
    for article_id, queries in cases.items():
        for query in queries:
            results = project.search.find(query, kind="article")
            assert [h.id for h in results.hits] == [article_id], query


def test_did_you_mean_offers_only_words_the_articles_hold(project, tmp_path):
    (tmp_path / "curly.txt").write_text(
        "Lenders in Chile\n\nChile’s state lenders won’t say how much the bridge cost.\n",
        encoding="utf-8")
    project.articles.import_paths([tmp_path / "curly.txt"])
    corpus_words = {"chile", "state", "lenders", "won't", "say", "how", "much", "the",
                    "bridge", "cost", "in"}
    for query in ("Chiles's lendrs", "brdge’s costs", "wont"):
        results = project.search.find(query)
        if results.suggestion is not None:
            suggested = results.suggestion.lower().replace("’", "'").split()
            assert all(w.strip('"') in corpus_words or w in query.lower().split()
                       for w in suggested), results.suggestion
    assert project.search.find("brdge").suggestion == "bridge"


def test_entity_names_match_in_whatever_form_they_are_typed_or_printed(project, tmp_path):
    from desktop_app.core.errors import InvalidValueError

    entity = project.entities.add("O’Connor Dredging", "organization").entity
    with pytest.raises(InvalidValueError, match="already"):
        project.entities.add("O'CONNOR DREDGING", "organization")
    assert [e.id for e in project.entities.list("o'connor")] == [entity.id]
    path = tmp_path / "dredge.txt"
    path.write_text("Dredging delays\n\nThe contract went to O'Con\u00adnor Dredging in May; "
                    "ＯʼＣＯＮＮＯＲ ＤＲＥＤＧＩＮＧ later denied it.\n", encoding="utf-8")
    article = project.articles.get(project.articles.import_paths([path]).outcomes[0].article_id)
    found = project.entities.suggest(article.id).mentions
    assert [article.text[m.start:m.end] for m in found] == [
        "O'Connor Dredging", "ＯʼＣＯＮＮＯＲ ＤＲＥＤＧＩＮＧ"]


def test_hypothesis_s_own_export_lands_as_a_claim_with_its_note_and_tags(
        project, page, tmp_path):
    export = {
        "export_date": "2024-10-02T08:00:00.000Z", "export_userid": "acct:desk@hypothes.is",
        "client_version": "1.1400.0",
        "annotations": [{
            "id": "Zx98Yw", "uri": "https://news.example.net/dock", "user": "acct:desk@hypothes.is",
            "text": "Ask for the list of regions.", "tags": ["lenders", "ask-council"],
            "target": [{"source": "https://news.example.net/dock", "selector": [
                {"type": "RangeSelector", "startContainer": "/article[1]/p[1]",
                 "startOffset": 0, "endContainer": "/article[1]/p[1]", "endOffset": 9},
                {"type": "TextQuoteSelector", "exact": "drawn international lenders from nine "
                 "regions", "prefix": "the new dock had ", "suffix": ".\\nCritics"}]}],
        }],
    }
    path = tmp_path / "hypothesis.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    result = project.exchange.import_w3c(path)
    assert len(result.added) == 1, result.skipped
    claim = project.claims.get(result.added[0])
    assert claim.exact == "drawn international lenders from nine regions"
    assert claim.note == "Ask for the list of regions."
    assert sorted(claim.tags) == ["ask-council", "lenders"] and claim.author == "desk"


def test_html_pages_keep_half_spaces_and_emoji_joiners(project, tmp_path):
    path = tmp_path / "fa.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>پل شهر</title></head><body><article>"
        "<h1>پل شهر</h1><p>شهرداری می&zwnj;خواهد هزینه\u200cهای ساخت پل را کاهش دهد و "
        "گزارش کامل را منتشر کند.</p><p>Readers answered with 👩\u200d🔧 and 👨\u200d👩\u200d👧 "
        "in the comments below the story about the bridge.</p></article></body></html>",
        encoding="utf-8")
    article = project.articles.get(project.articles.import_paths([path]).outcomes[0].article_id)
    assert "می\u200cخواهد هزینه\u200cهای" in article.text
    assert "👩\u200d🔧" in article.text and "👨\u200d👩\u200d👧" in article.text
    assert project.claims.add(article.id, quote="میخواهد هزینههای ساخت").claim.exact == \
        "می\u200cخواهد هزینه\u200cهای ساخت"


def test_one_statement_reviewed_with_other_quotes_or_case_is_one_article(project, tmp_path):
    def review(statement: str, outlet: str, rating: str) -> dict:
        return {"@context": "https://schema.org", "@type": "ClaimReview",
                "url": f"https://{outlet}.example/r", "claimReviewed": statement,
                "author": {"@type": "Organization", "name": outlet},
                "reviewRating": {"@type": "Rating", "alternateName": rating}}

    (tmp_path / "one.jsonld").write_text(json.dumps(review(
        "The city’s new pier is “the longest in Europe”.", "one", "False")), encoding="utf-8")
    (tmp_path / "two.jsonld").write_text(json.dumps(review(
        'The city\'s new pier is "the longest in Europe".', "two", "Engañoso")),
        encoding="utf-8")
    project.exchange.import_claimreview(tmp_path / "one.jsonld")
    project.exchange.import_claimreview(tmp_path / "two.jsonld")
    assert len(project.articles.list()) == 1
    assert sorted(c.verdict for c in project.claims.list()) == ["false", "mixed"]
