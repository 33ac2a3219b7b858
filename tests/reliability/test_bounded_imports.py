"""Other tools' files are bounded: a W3C or ClaimReview file bringing more records than one
import takes is refused before the project's write lock is taken, and nothing is written."""

from __future__ import annotations

import json

import pytest

from desktop_app.core.errors import RefusedFileError
from desktop_app.services import exchange
from tests.conftest import snapshot


def _annotations(count: int) -> list[dict]:
    return [{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
             "id": f"urn:uuid:00000000-0000-4000-8000-{i:012d}",
             "body": {"type": "TextualBody", "value": f"note {i}"},
             "target": {"source": "https://example.org/a",
                        "selector": {"type": "TextQuoteSelector", "exact": "roads"}}}
            for i in range(count)]


def _reviews(count: int) -> list[dict]:
    return [{"@context": "https://schema.org", "@type": "ClaimReview",
             "claimReviewed": f"The bridge cost {i} million dollars.",
             "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5,
                              "worstRating": 1, "alternateName": "False"},
             "url": f"https://example.org/r/{i}",
             "author": {"@type": "Organization", "name": "Example Checks"}}
            for i in range(count)]


def test_files_with_more_records_than_one_import_takes_are_refused(project, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setattr(exchange, "MAX_RECORDS", 5)
    w3c_file = tmp_path / "many.jsonld"
    w3c_file.write_text(json.dumps(_annotations(6)), encoding="utf-8")
    review_file = tmp_path / "many.json"
    review_file.write_text(json.dumps(_reviews(6)), encoding="utf-8")
    before = snapshot(project.folder)
    with pytest.raises(RefusedFileError, match="holds 6 annotations.*up to 5"):
        project.exchange.import_w3c(w3c_file)
    with pytest.raises(RefusedFileError, match="holds 6 reviews.*up to 5"):
        project.exchange.import_claimreview(review_file)
    assert snapshot(project.folder) == before
    review_file.write_text(json.dumps(_reviews(5)), encoding="utf-8")
    assert len(project.exchange.import_claimreview(review_file).added) == 5
