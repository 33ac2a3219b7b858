"""A page that carries a schema.org ClaimReview brings its verdict along when imported."""

from __future__ import annotations

import gzip

SNOPES = "8380689f358c1e3a0f6fca6e11ed13e5304a74060139f7a584347db213950446"
POLYGRAPH = "1ee91d1fce65e09be8b8d2d29eab771546d98ca2ba5c862941e660e9fec12432"


def _page(testdata_dir, tmp_path, page_id: str):
    folder = testdata_dir / "html" / "zyte-article-extraction-benchmark" / "html"
    path = tmp_path / f"{page_id[:8]}.html"
    path.write_bytes(gzip.decompress((folder / f"{page_id}.html.gz").read_bytes()))
    return path


def test_a_real_fact_check_page_imports_with_its_verdict_on_the_statement(
        project, testdata_dir, tmp_path):
    report = project.articles.import_paths([_page(testdata_dir, tmp_path, SNOPES)])
    [outcome] = report.outcomes
    assert outcome.status == "added"
    assert outcome.notes == ("embedded ClaimReview (Snopes rated “Unproven”) became a claim",)
    [claim] = project.claims.list(article=outcome.article_id)
    text = project.articles.get(outcome.article_id).text
    assert text[claim.start : claim.end] == claim.exact
    assert claim.exact.startswith("Former U.S. ambassador to Ukraine Marie Yovanovitch")
    assert (claim.verdict, claim.status, claim.author) == ("unproven", "needs review", "Snopes")
    assert "snopes.com/fact-check/marie-yovanovitch-net-worth" in claim.note
    assert report.changes.claims == {claim.id}


def test_a_review_whose_statement_is_not_in_the_text_is_reported_not_forced(
        project, testdata_dir, tmp_path):
    report = project.articles.import_paths([_page(testdata_dir, tmp_path, POLYGRAPH)])
    [outcome] = report.outcomes
    assert outcome.status == "added" and project.claims.list() == []
    assert len(outcome.notes) == 1
    assert "is not in the article's text, so no claim was made" in outcome.notes[0]
