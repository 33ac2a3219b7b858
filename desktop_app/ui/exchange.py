"""File > Export and Import: bundles for colleagues and the field's formats.

A bundle is first read as a dry run and its summary shown (who made and signed it, what
would be added, updated or be in conflict); nothing is written until the person says Import.
All work runs in the background; the window only shows results.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Project
from desktop_app.services.bundles import BundleReport
from desktop_app.ui.jobs import Jobs
from desktop_app.ui.places import start_in
from desktop_app.ui.workers import (
    Cancelled,
    Outcome,
    ReportProgress,
    Task,
    WorkEnd,
    Worker,
    plain,
)

BUNDLE_FILTER = "Factdesk bundles (*.factdesk)"


class BundlePreviewDialog(QDialog):
    """What importing a bundle would do, with Import and Cancel."""

    def __init__(self, report: BundleReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Import {report.bundle}?")
        self.report = report
        layout = QVBoxLayout(self)
        trust = ("Warning: this bundle claims to come from someone you trust, but it was "
                 "signed with a different key. Do not import it unless you know why."
                 if report.suspicious else
                 "The signing key is one your team trusts." if report.trusted else
                 "Check the signer before importing: the key is not in your trusted keys."
                 if report.signature != "unsigned" else
                 "The bundle is not signed: you cannot tell who made it.")
        self.trust = QLabel(trust)
        self.trust.setWordWrap(True)
        self.trust.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.trust)
        self.summary = QPlainTextEdit("\n".join(report.summary_lines()))
        self.summary.setReadOnly(True)
        self.summary.setFont(QFont("monospace"))
        self.summary.setMinimumSize(620, 200)
        layout.addWidget(self.summary)
        #: Unticked, an untrusted bundle's changes to existing claims become conflicts to
        #: settle and its flag changes are held back; ticked, they are applied.
        self.trust_choice = QCheckBox(
            "Trust this bundle: apply its changes to claims and flags I already have")
        self.trust_choice.setVisible(not report.trusted)
        layout.addWidget(self.trust_choice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(not report.nothing_to_do)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)


class ExchangeActions(QObject):
    """The File menu's export and import entries for one window."""

    sig_project_changed = Signal(object)
    """An import changed the project: carries its Changes."""

    sig_message_requested = Signal(str)
    """A line for the status bar."""

    sig_error_requested = Signal(str)
    """A problem to show a person in a dialog."""

    sig_exchange_finished = Signal(str)
    """An export, import or preview ended (shown or failed): what it was."""

    def __init__(self, project: Project, window: QMainWindow,
                 current_article: Callable[[], str | None], jobs: Jobs) -> None:
        super().__init__(window)
        self.project = project
        self.window = window
        self._current_article = current_article
        self._jobs = jobs
        self.preview: BundlePreviewDialog | None = None

    def add_to(self, menu: QMenu) -> None:
        menu.addAction("Import &bundle…", self.choose_bundle)
        menu.addAction("Import &W3C annotations…", self.choose_annotations)
        menu.addAction("Import Claim&Review…", self.choose_reviews)
        export = menu.addMenu("&Export")
        export.addAction("&Bundle for colleagues…", self.choose_bundle_target)
        export.addAction("Bundle of &this article…", self.choose_article_bundle_target)
        export.addAction("&W3C Web Annotation…", lambda: self._choose_target(
            "w3c", "Web Annotation JSON-LD (*.jsonld *.json)", "claims.jsonld"))
        export.addAction("&ClaimReview…", lambda: self._choose_target(
            "claimreview", "ClaimReview JSON-LD (*.json *.jsonld)", "claimreview.json"))
        export.addAction("C&SV…", lambda: self._choose_target(
            "csv", "CSV (*.csv)", "claims.csv"))

    # -- running ------------------------------------------------------------------------------

    def _run(self, title: str, done: Callable[[WorkEnd[Any]], None], task: Task) -> Worker:
        """Run one export or import as a job of the window (progress and Cancel in the
        status bar); ``done`` gets its end."""
        name = getattr(task, "__name__", "task")

        def finished(end: WorkEnd[Any]) -> None:
            try:
                done(end)
            finally:
                self.sig_exchange_finished.emit(name)

        return self._jobs.run(title, task, finished)

    @staticmethod
    def _stoppable(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
        """A task calling a use case that takes ``progress`` and ``cancelled``."""

        def task(progress: ReportProgress, cancelled: Cancelled) -> Any:
            return function(*args, progress=progress, cancelled=cancelled, **kwargs)

        task.__name__ = getattr(function, "__name__", "task")
        return task

    def _failed(self, end: WorkEnd[Any]) -> bool:
        """Whether the work brought nothing to show; a failure is told in a dialog. Work
        cancelled too late to stop (it returned its result) is shown as done."""
        if end.outcome is Outcome.CANCELLED and end.result is not None:
            return False
        if end.outcome is Outcome.FAILED:
            self.sig_message_requested.emit("")
            self.sig_error_requested.emit(end.error)
        elif end.outcome is Outcome.CANCELLED:
            self.sig_message_requested.emit(end.error or "Cancelled.")
        return end.outcome is not Outcome.DONE

    # -- bundles ------------------------------------------------------------------------------

    def choose_bundle(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import a bundle", start_in(),
                                              BUNDLE_FILTER)
        if name:
            self.preview_bundle(Path(name))

    def preview_bundle(self, path: Path) -> Worker:
        """Read the bundle as a dry run; the summary dialog opens when it is done."""
        return self._run(f"Reading {path.name}", lambda end: self._previewed(path, end),
                         self._stoppable(self.project.bundles.import_file, path, dry_run=True))

    def _previewed(self, path: Path, end: WorkEnd[BundleReport]) -> None:
        report = end.result
        if self._failed(end) or report is None:
            return
        self.sig_message_requested.emit("")
        self.preview = BundlePreviewDialog(report, self.window)
        preview = self.preview
        self.preview.accepted.connect(
            lambda: self.import_bundle(path, trust=preview.trust_choice.isChecked()))
        self.preview.open()

    def import_bundle(self, path: Path, *, trust: bool = False) -> Worker:
        """Import the bundle at ``path`` in the background; ``trust`` applies an untrusted
        bundle's changes to existing claims and flags (else they wait as conflicts)."""
        return self._run(f"Importing {path.name}", self._imported,
                         self._stoppable(self.project.bundles.import_file, path, trust=trust))

    def _imported(self, end: WorkEnd[BundleReport]) -> None:
        report = end.result
        if self._failed(end) or report is None:
            return
        added = sum(report.added.values())
        self.sig_project_changed.emit(report.changes)
        self.sig_message_requested.emit(
            f"{report.bundle}: {added} added, {sum(report.updated.values())} updated, "
            f"{len(report.conflicts)} in conflict")

    def choose_bundle_target(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, "Export a bundle",
                                              start_in(f"{self.project.folder.name}.factdesk"),
                                              BUNDLE_FILTER)
        if name:
            self.export("bundle", Path(name))

    def choose_article_bundle_target(self) -> None:
        article_id = self._current_article()
        if article_id is None:
            self.sig_error_requested.emit("Open an article first: its bundle holds it with its "
                                          "claims, their entities and the flags between them.")
            return
        name, _ = QFileDialog.getSaveFileName(self.window, "Export this article as a bundle",
                                              start_in(f"article-{article_id[:8]}.factdesk"),
                                              BUNDLE_FILTER)
        if name:
            self.export("bundle", Path(name), articles=[article_id])

    # -- the field's formats ------------------------------------------------------------------

    def _choose_target(self, kind: str, filter_: str, default: str) -> None:
        name, _ = QFileDialog.getSaveFileName(self.window, f"Export {kind}", start_in(default),
                                              filter_)
        if name:
            self.export(kind, Path(name))

    def export(self, kind: str, path: Path, articles: list[str] | None = None) -> Worker:
        extra = (articles,) if articles else ()
        formats: dict[str, Callable[..., Any]] = {
            "w3c": self.project.exchange.export_w3c,
            "claimreview": self.project.exchange.export_claimreview,
            "csv": self.project.exchange.export_csv}
        task = self._stoppable(self.project.bundles.export, path, *extra) \
            if kind == "bundle" else plain(formats[kind], path)
        return self._run(f"Exporting to {path.name}", lambda end: self._exported(path, end),
                         task)

    def _exported(self, path: Path, end: WorkEnd[Any]) -> None:
        if not self._failed(end):
            self.sig_message_requested.emit(f"Exported {path.name}")

    def choose_annotations(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import W3C annotations", start_in(),
                                              "Web Annotation JSON-LD (*.jsonld *.json)")
        if name:
            self.import_other("w3c", Path(name))

    def choose_reviews(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window, "Import ClaimReview", start_in(),
                                              "ClaimReview JSON-LD (*.jsonld *.json)")
        if name:
            self.import_other("claimreview", Path(name))

    def import_other(self, kind: str, path: Path) -> Worker:
        exchange = self.project.exchange
        task = exchange.import_w3c if kind == "w3c" else exchange.import_claimreview
        return self._run(f"Importing {path.name}", self._other_imported, plain(task, path))

    def _other_imported(self, end: WorkEnd[Any]) -> None:
        result = end.result
        if self._failed(end) or result is None:
            return
        self.sig_message_requested.emit(
            f"{len(result.added)} claims added, {len(result.skipped)} left out")
        if result.skipped:
            self.sig_error_requested.emit(
                "Some items were left out:\n" + "\n".join(
                    f"{label}: {reason}" for label, reason in result.skipped[:20]))
        self.sig_project_changed.emit(result.changes)
