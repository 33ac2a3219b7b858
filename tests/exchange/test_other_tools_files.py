"""Other tools' files as they really are: ClaimReviews in the wild and Hypothesis's own JSON."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import RefusedFileError
from desktop_app.exchange.claimreview import read_review_file, read_reviews, verdict_for
from desktop_app.exchange.w3c import read_annotations


def _review(claim: object, rating: dict, url: str) -> dict:
    return {"@type": "ClaimReview", "url": url, "datePublished": "2024-10-02",
            "author": {"@type": "Organization", "name": "Desk Example"},
            "claimReviewed": claim, "reviewRating": {"@type": "Rating", **rating}}


def _graph(*reviews: dict) -> bytes:
    return json.dumps({"@context": "https://schema.org", "@graph": list(reviews)}).encode()


def test_one_unusual_review_is_left_out_with_its_reason_and_the_others_read():
    data = _graph(
        _review("La presa costó el doble de lo anunciado.", {"alternateName": "Falso"},
                "https://a.example/1"),
        _review({"@type": "Claim", "text": "The dam employs 900 people."},
                {"ratingValue": "2", "bestRating": "5", "worstRating": "1",
                 "alternateName": "Mostly false"}, "https://a.example/2"),
        _review(42, {"alternateName": "Faux"}, "https://a.example/3"),
    )
    read = read_review_file(data, "wild.jsonld")
    assert [(r.claim_reviewed, r.verdict) for r in read.reviews] == [
        ("La presa costó el doble de lo anunciado.", "false"),
        ("The dam employs 900 people.", "mostly false")]
    assert read.left_out == (("https://a.example/3",
                              "it has no claimReviewed text (nor a Claim object with text)"),)
    assert any("Claim object" in w for w in read.reviews[1].warnings)


def test_a_file_whose_every_review_is_unreadable_is_refused_with_the_reasons():
    with pytest.raises(RefusedFileError, match="https://a.example/9: it has no claimReviewed"):
        read_reviews(_graph(_review(None, {"alternateName": "Faux"}, "https://a.example/9")),
                     "bad.jsonld")


@pytest.mark.parametrize(("name", "verdict"), [
    ("Falso", "false"), ("FAUX", "false"), ("Falsch", "false"), ("Engañoso", "mixed"),
    ("Verdadero", "true"), ("Vrai", "true"), ("Plutôt faux", "mostly false"),
    ("Überwiegend wahr", "mostly true"), ("Sin evidencia", "unproven"),
    ("Fuorviante", "mixed"), ("Onwaar", "false"), ("Verdade", "true"),
])
def test_rating_names_in_other_languages_map_to_our_scale(name, verdict):
    assert verdict_for(name, None, None, None) == verdict


def test_a_rating_name_we_do_not_know_stays_unverified_with_a_warning():
    data = _graph(_review("The bridge opened in 1990.", {"alternateName": "Cuento chino"},
                          "https://a.example/4"))
    review = read_reviews(data, "odd.jsonld")[0]
    assert review.verdict == "unverified"
    assert any("“Cuento chino” is not one Factdesk knows" in w for w in review.warnings)
    # with a place on its own scale, the scale decides
    data = _graph(_review("The bridge opened in 1990.", {
        "alternateName": "Cuento chino", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
        "https://a.example/5"))
    assert read_reviews(data, "odd.jsonld")[0].verdict == "false"


HYPOTHESIS_ROW = {
    "id": "Qw12ErTy", "created": "2024-10-01T08:00:00.000000+00:00",
    "user": "acct:night_desk@hypothes.is", "uri": "https://news.example.net/dock",
    "text": "Which regions exactly?", "tags": ["lenders", "follow-up"],
    "target": [{"source": "https://news.example.net/dock", "selector": [
        {"type": "RangeSelector", "startContainer": "/article[1]/p[1]", "startOffset": 3,
         "endContainer": "/article[1]/p[1]", "endOffset": 40},
        {"type": "TextPositionSelector", "start": 44, "end": 80},
        {"type": "TextQuoteSelector", "exact": "drawn international lenders",
         "prefix": "the new dock had ", "suffix": " from nine"}]}],
    "links": {"html": "https://hypothes.is/a/Qw12ErTy"},
    "user_info": {"display_name": "Night Desk"},
}


@pytest.mark.parametrize("document", [
    {"export_date": "2024-10-02T00:00:00.000Z", "export_userid": "acct:night_desk@hypothes.is",
     "client_version": "1.1400.0", "annotations": [HYPOTHESIS_ROW]},
    {"total": 1, "rows": [HYPOTHESIS_ROW]},
    [HYPOTHESIS_ROW],
    HYPOTHESIS_ROW,
])
def test_hypothesis_s_own_export_and_api_rows_read_like_web_annotations(document):
    (found,) = read_annotations(json.dumps(document).encode(), "hypothesis.json")
    assert found.id == "https://hypothes.is/a/Qw12ErTy"
    assert found.sources == ("https://news.example.net/dock",)
    assert (found.exact, found.prefix, found.suffix) == (
        "drawn international lenders", "the new dock had ", " from nine")
    assert (found.start, found.end) == (44, 80)
    assert found.note == "Which regions exactly?"
    assert found.tags == ("lenders", "follow-up") and found.creator == "Night Desk"


@pytest.mark.parametrize(("document", "words"), [
    ({"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": "x"},
     "ClaimReview: import it with import-claimreview"),
    ({"title": "notes", "entries": [1, 2]}, "a JSON object with the keys title, entries"),
    ([1, 2, 3], "a list of 3 JSON values"),
])
def test_a_file_in_no_format_we_know_is_refused_naming_what_it_looks_like(document, words):
    with pytest.raises(RefusedFileError, match="not a Web Annotation file") as refused:
        read_annotations(json.dumps(document).encode(), "other.json")
    assert words in str(refused.value)


def test_ratings_and_items_given_as_lists_are_read_with_a_note():
    node = _review("The ferry carries 3,000 cars a day.", {}, "https://a.example/7")
    node["reviewRating"] = [{"@type": "Rating", "alternateName": ["Faux", "False"]}]
    node["itemReviewed"] = [{"@type": "Claim", "author": {"name": "Port office"}}]
    review = read_reviews(_graph(node), "lists.jsonld")[0]
    assert (review.verdict, review.rating_name, review.claim_author) == (
        "false", "Faux", "Port office")
    assert any("reviewRating given as a list" in w for w in review.warnings)


@pytest.mark.parametrize(("data", "words"), [
    (b"PK\x03\x04rest of a zip", "zip archive"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "HTML or XML"),
    (b"quote,note,tags\nsome words,a note,x\n", "CSV or TSV"),
    (b"just some words someone saved", "plain text"),
])
def test_a_file_that_is_not_json_is_refused_naming_what_it_looks_like(data, words):
    with pytest.raises(RefusedFileError, match="no JSON at all") as refused:
        read_annotations(data, "other.jsonld")
    assert words in str(refused.value)


def test_reviews_nested_in_a_page_or_typed_by_iri_are_found():
    page = {"@context": "https://schema.org", "@type": "WebPage", "mainEntity": {
        "@type": "https://schema.org/ClaimReview", "claimReviewed": "The pier is 2 km long.",
        "reviewRating": {"@type": "Rating", "alternateName": "¡Falso!", "ratingValue": "1,0"}}}
    review = read_reviews(json.dumps(page).encode(), "page.jsonld")[0]
    assert (review.claim_reviewed, review.verdict) == ("The pier is 2 km long.", "false")
    assert review.rating_value == 1.0
    assert verdict_for("Four Pinocchios", None, None, None) == "false"
    assert verdict_for("Missing context", None, None, None) == "mixed"
