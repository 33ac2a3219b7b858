"""The editor's report as PDF: the same HTML page the services write, laid out by Qt's own
rich-text document and printed with its PDF writer (no browser, no network)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSizeF, Qt
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FactdeskError, WriteError
from desktop_app.services import Project
from desktop_app.services.files import existing_folder, write_atomically
from desktop_app.services.report import Report, report_html
from desktop_app.ui.jobs import Jobs
from desktop_app.ui.places import start_in
from desktop_app.ui.workers import Outcome, WorkEnd, Worker

#: A4 at 300 dots per inch with 15 mm margins: what a printed desk report uses.
RESOLUTION = 300
MARGIN_MM = 15.0


def report_document(page: str) -> QTextDocument:
    """The report's HTML as a Qt document, ready to show or print."""
    document = QTextDocument()
    document.setHtml(page)
    return document


def write_pdf(page: str, out: Path) -> None:
    """Lay out ``page`` (the report's HTML) on A4 pages and write them to ``out`` as PDF,
    through a temporary file so a failed write leaves nothing behind. Works without a
    display (a Qt application is made offscreen when none exists).

    Raises:
        WriteError: ``out`` cannot be written.
    """
    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QGuiApplication([]))
    out = out.expanduser()
    existing_folder(out)  # a mistyped folder is said, not made
    try:
        handle, temporary = tempfile.mkstemp(prefix=".incoming-", suffix=".pdf", dir=out.parent)
        os.close(handle)
    except OSError as exc:
        raise WriteError(f"cannot write {out}: {exc.strerror or exc}") from None
    try:
        writer = QPdfWriter(temporary)
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait,
                                         QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                         QPageLayout.Unit.Millimeter))
        writer.setTitle("Editor's report")
        writer.setCreator("Factdesk")
        document = report_document(page)
        # Laid out in points (what the page's fonts are sized in); printing scales it.
        rect = writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        document.setPageSize(QSizeF(rect.width(), rect.height()))
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        if Path(temporary).stat().st_size == 0:
            raise WriteError(f"cannot write {out}: the PDF writer wrote nothing")
        mode = 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(f"cannot write {out}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_keep: list[QGuiApplication] = []


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


class ReportPreview(QDialog):
    """The report as it will print, with Save as HTML and Save as PDF (non-modal: the
    window stays usable while it is open)."""

    def __init__(self, project: Project, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(report.title)
        self.project, self.report, self.page = project, report, report_html(report)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.setDocument(report_document(self.page))
        self.view.document().setParent(self.view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.html_button = self.buttons.addButton("Save as &HTML…",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.pdf_button = self.buttons.addButton("Save as &PDF…",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        self.html_button.clicked.connect(lambda: self._save("html"))
        self.pdf_button.clicked.connect(lambda: self._save("pdf"))
        self.saved = QLabel()  # where the last save went: a person sees it was written
        self.saved.setTextFormat(Qt.TextFormat.PlainText)
        self.saved.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.saved)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width = min(900, int(screen.width() * 0.8)) if screen else 900
        height = min(1000, int(screen.height() * 0.8)) if screen else 700
        self.resize(width, height)

    def ask_target(self, kind: str) -> Path | None:
        """Where to save (a file dialog; tests replace this)."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the report", start_in(f"report.{kind}"),
            "HTML (*.html)" if kind == "html" else "PDF (*.pdf)")
        return Path(name) if name else None

    def save(self, kind: str, out: Path) -> None:
        """Write the previewed report as ``kind`` ("html" or "pdf") to ``out``.

        Raises:
            WriteError: the file cannot be written.
        """
        if kind == "pdf":
            write_pdf(self.page, out)
        else:
            write_atomically(out, self.page.encode("utf-8"))

    def _save(self, kind: str) -> None:
        out = self.ask_target(kind)
        if out is None:
            return
        try:
            self.save(kind, out)
        except FactdeskError as exc:
            show_error(self, str(exc))
            return
        self.saved.setText(f"Saved as {out}")


def show_error(parent: QWidget, message: str) -> None:
    """A failure a person must read, as plain text."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Factdesk", message, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()


class ReportActions(QObject):
    """File > Report…: the report is gathered in the background, then previewed."""

    def __init__(self, window: QMainWindow, project: Project,
                 report_error: Callable[[str], None], jobs: Jobs) -> None:
        super().__init__(window)
        self.window, self.project, self._error = window, project, report_error
        self._jobs = jobs
        self.preview: ReportPreview | None = None

    def add_to(self, menu: QMenu) -> None:
        """Put "Report…" in ``menu``."""
        menu.addAction("Re&port…", self.start)

    def start(self) -> Worker:
        """Gather the report off the GUI thread; the preview opens when it is ready."""
        return self._jobs.run("Gathering the report", lambda progress, cancelled: (
            self.project.report.build(progress=progress, cancelled=cancelled)), self._built)

    def _built(self, end: WorkEnd[Report]) -> None:
        if end.outcome is Outcome.FAILED:
            self._error(end.error)
            return
        if end.outcome is not Outcome.DONE or end.result is None:
            return
        self.preview = ReportPreview(self.project, end.result, self.window)
        self.preview.show()
