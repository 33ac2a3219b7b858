"""The report as PDF, through Qt's PDF writer: pages a person can read, holding both flags'
passages; a file that cannot be written leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pypdf import PdfReader

from desktop_app.core.errors import WriteError
from desktop_app.services import open_project
from desktop_app.services.report import report_html
from desktop_app.ui.report import write_pdf


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_holds_both_flags_passages(qapp, project_dir, corpus_dir, tmp_path) -> None:
    with open_project(project_dir, author="tester") as project:
        project.articles.import_paths([corpus_dir])
        project.checking.check()
        flags = project.flags.list()
        passages = [project.claims.get(c).exact for f in flags for c in (f.claim_a, f.claim_b)]
        write_pdf(report_html(project.report.build()), tmp_path / "report.pdf")
    reader = PdfReader(tmp_path / "report.pdf")
    text = _words(" ".join(page.extract_text() for page in reader.pages))
    assert len(reader.pages) >= 1
    for passage in passages:
        assert _words(passage)[:40] in text


def test_an_unwritable_place_is_refused_and_leaves_nothing(qapp, tmp_path) -> None:
    """A folder that is really a file cannot hold the report: a clear refusal."""
    (tmp_path / "notes.txt").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(WriteError, match="cannot write"):
        write_pdf("<p>x</p>", tmp_path / "notes.txt" / "report.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_command_line_writes_html_and_pdf(project_dir, corpus_dir, tmp_path) -> None:
    def factdesk(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "FACTDESK_AUTHOR": "tester"}
        env.pop("QT_QPA_PLATFORM", None)  # the PDF must be made without a display too
        env.pop("DISPLAY", None)
        return subprocess.run([sys.executable, "-m", "desktop_app", "--project",
                               str(project_dir), *args], capture_output=True, text=True,
                              env=env, timeout=120)

    assert factdesk("import", str(corpus_dir)).returncode == 0
    assert factdesk("check").returncode == 0
    for name in ("report.html", "report.pdf"):
        done = factdesk("report", str(tmp_path / name))
        assert done.returncode == 0, done.stderr
        assert "2 disagreements" in done.stdout
        assert (tmp_path / name).stat().st_size > 1000
    refused = factdesk("report", str(tmp_path / "report.docx"))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
    assert PdfReader(tmp_path / "report.pdf").pages


def test_file_report_previews_and_saves_both_forms(qtbot, project_dir, corpus_dir,
                                                    tmp_path) -> None:
    from desktop_app.ui.main_window import MainWindow

    with open_project(project_dir, author="tester") as project:
        project.articles.import_paths([corpus_dir])
        project.checking.check()
        window = MainWindow(project)
        qtbot.addWidget(window)
        action = next(a for a in window.menuBar().actions()[0].menu().actions()
                      if a.text() == "Re&port…")
        action.trigger()
        qtbot.waitUntil(lambda: window.reports.preview is not None, timeout=30_000)
        preview = window.reports.preview
        assert "Disagreements" in preview.view.toPlainText()
        targets = iter([tmp_path / "r.html", tmp_path / "r.pdf"])
        preview.ask_target = lambda _kind: next(targets)
        preview.html_button.click()
        preview.pdf_button.click()
        assert preview.saved.text() == f"Saved as {tmp_path / 'r.pdf'}"
        assert "Editor&#x27;s report" in (tmp_path / "r.html").read_text(encoding="utf-8")
        assert PdfReader(tmp_path / "r.pdf").pages
        preview.close()
