"""CSV of claims: opens cleanly in a spreadsheet and never runs a formula."""

from __future__ import annotations

import csv
import io

from desktop_app.exchange.csv_export import HEADER, neutralise


def test_formula_starts_are_neutralised():
    for dangerous in ("=1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=x", "＝1"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Perú said 60%") == "Perú said 60%"
    assert neutralise(12) == "12"


def test_project_csv_has_a_bom_one_row_per_claim_and_safe_cells(project, corpus_dir, tmp_path):
    project.articles.import_paths([corpus_dir])
    article = next(a for a in project.articles.list()
                   if "Las Bambas" in project.articles.get(a.id).text)
    peru = project.entities.add("Perú", "place").entity
    project.claims.add(article.id, quote="Las Bambas", occurrence=1, verdict="false",
                      tags=["mining", "=cmd|' /C calc'!A0"], note='=HYPERLINK("http://x")',
                      entities=[peru.id])
    project.claims.add(article.id, start=0, end=5, note="line one\nline two")
    out = tmp_path / "claims.csv"
    assert project.exchange.export_csv(out).records == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == HEADER
    assert len(rows) == 3
    by_note = {row[HEADER.index("note")]: dict(zip(HEADER, row, strict=True)) for row in rows[1:]}
    first = by_note["'=HYPERLINK(\"http://x\")"]
    assert first["tags"] == "'=cmd|' /C calc'!A0; mining"
    assert first["entities"] == "Perú" and first["verdict"] == "false"
    assert first["outlet"] == (article.publisher or "")
    assert "line one\nline two" in by_note
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
