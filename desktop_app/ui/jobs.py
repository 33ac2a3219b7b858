"""Long work in the window: one status-bar widget shows the job that runs (its name, a
progress bar with "n of m", a Cancel button; Esc cancels too) and every long job of the
window (import, index rebuild, check, bundle import and export, report) runs through it.

Jobs run one at a time, in the one generic :class:`~desktop_app.ui.workers.Worker`: a job
asked for while another runs waits its turn (the bar says how many wait), so two jobs never
write to the project at once and the person always sees which one the Cancel button stops.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from desktop_app.core.models import ImportReport
from desktop_app.ui.workers import Outcome, Progress, Task, WorkEnd, Worker


class JobBar(QWidget):
    """What the status bar shows of the job that runs: its name and stage, a progress bar
    ("n of m"; busy only until the job says how much there is) and Cancel."""

    sig_cancel_requested = Signal()
    """Cancel was clicked (or Esc pressed in the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setMinimumWidth(160)
        self.progress.setFormat("%v of %m")
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop this job (Esc)")
        self.cancel_button.clicked.connect(self.sig_cancel_requested)
        self.cancel_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self, title: str, waiting: int) -> None:
        """Show a job that has just started; how much it will do is not known yet."""
        self._title = title
        self._waiting = waiting
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText("Cancel")
        self._say("")
        self.show()

    def set_waiting(self, waiting: int) -> None:
        """How many jobs wait for this one."""
        self._waiting = waiting
        self._say(self._stage)

    def advance(self, progress: Progress) -> None:
        """Show how far the job got: ``done`` of ``total`` (a busy bar while total is None
        or 0)."""
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        else:
            self.progress.setRange(0, 0)
        self._say(progress.label)

    def stopping(self) -> None:
        """A cancel was asked for: the job stops at its next whole item."""
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText("Stopping…")

    def end(self) -> None:
        self.hide()

    def _say(self, stage: str) -> None:
        self._stage = stage
        text = f"{self._title}: {stage}" if stage else f"{self._title}…"
        if self._waiting:
            text += f" ({self._waiting} more waiting)"
        self.label.setText(text)

    _title = ""
    _stage = ""
    _waiting = 0


#: How long (seconds) a thread running Python holds the GIL before the window's thread, when
#: it waits, gets it: CPython's default, 5 ms, is paid at every call the window makes into Qt
#: or SQLite while a job runs pure Python (its "convoy"), which made the window stutter.
SWITCH_INTERVAL = 0.001

@dataclass
class Job:
    """A job of the window: a title for a person, its worker, and what is done with its
    end (in the GUI thread)."""

    title: str
    worker: Worker
    done: Callable[[WorkEnd[Any]], None]
    #: The job does all of its work or none (a check, a bundle): a result after a cancel
    #: means the cancel came too late. An import keeps the whole files it read instead.
    whole: bool = True


class Jobs(QObject):
    """The window's long jobs, one at a time, shown in one :class:`JobBar` in the window's
    status bar."""

    sig_job_finished = Signal(str, object)
    """A job ended: its title and its :class:`~desktop_app.ui.workers.WorkEnd` (after its
    own ``done`` ran)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL))
        self.bar = JobBar()
        window.statusBar().addPermanentWidget(self.bar)
        self.bar.sig_cancel_requested.connect(self.cancel)
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
        self.escape.setContext(Qt.ShortcutContext.WindowShortcut)
        self.escape.setEnabled(False)  # Esc belongs to the window's panels when no job runs
        self.escape.activated.connect(self.cancel)
        self.current: Job | None = None
        self.waiting: list[Job] = []

    def run(self, title: str, task: Task, done: Callable[[WorkEnd[Any]], None], *,
            whole: bool = True) -> Worker:
        """Run ``task`` as the job ``title`` now, or once the jobs before it ended; ``done``
        gets its end. ``whole``: the task does all of its work or none, so a result it
        returns after a cancel was asked means the cancel came too late (said in the status
        bar). Returns its worker (started, or started later)."""
        job = Job(title, Worker(task), done, whole)
        job.worker.sig_progress_changed.connect(
            lambda progress: self._progress(job, progress))
        job.worker.sig_work_finished.connect(lambda end: self._finished(job, end))
        if self.current is None and not self.waiting:
            self._start(job)
        else:  # after the jobs asked for before it, even those a job's end asked for
            self.waiting.append(job)
            self.bar.set_waiting(len(self.waiting))
        return job.worker

    def busy(self) -> bool:
        """True while a job runs."""
        return self.current is not None

    def cancel(self) -> None:
        """Ask the job that runs to stop (it stops at its next whole item)."""
        if self.current is not None and not self.current.worker.cancel_requested:
            self.current.worker.cancel()
            self.bar.stopping()

    def _start(self, job: Job) -> None:
        self.current = job
        self.bar.begin(job.title, len(self.waiting))
        self.escape.setEnabled(True)
        job.worker.start()

    def _progress(self, job: Job, progress: Progress) -> None:
        if job is self.current:
            self.bar.advance(progress)

    def _finished(self, job: Job, end: WorkEnd[Any]) -> None:
        if job is self.current:
            self.current = None
            self.escape.setEnabled(False)
            self.bar.end()
        try:
            job.done(end)
            if job.whole and end.outcome is Outcome.CANCELLED and end.result is not None:
                self._too_late(job.title)
        finally:
            self.sig_job_finished.emit(job.title, end)
            if self.current is None and self.waiting:
                self._start(self.waiting.pop(0))

    def _too_late(self, title: str) -> None:
        """Say that a cancel came when the job could no longer stop (it was writing its
        last, whole step) and that it finished, before what the job itself said."""
        window = self.parent()
        if not isinstance(window, QMainWindow):
            return
        said = window.statusBar().currentMessage()
        window.statusBar().showMessage(
            f"Too late to cancel: {title} had begun writing its results and finished."
            + (f" {said}" if said else ""), 15_000)


def cancelled_import_line(report: ImportReport) -> str:
    """The status line of an import that was cancelled: what was imported, what was not."""
    added, left = len(report.added), len(report.cancelled)
    return (f"Import cancelled: {added} article{'s' if added != 1 else ''} imported, "
            f"{left} file{'s' if left != 1 else ''} not read")


def cancelled_import_message(report: ImportReport, shown: int = 20) -> str:
    """What a person reads after cancelling an import: the files read whole were imported,
    and these (the first ``shown`` of them named) were not."""
    left = report.cancelled
    names = [o.path for o in left[:shown]]
    more = [f"… and {len(left) - shown} more"] if len(left) > shown else []
    failed = [f"Not imported, with a problem: {o.reason or o.path}" for o in report.failed]
    return "\n".join([cancelled_import_line(report) + ". Files read before the cancel were "
                      "imported whole; these were not (import them again):",
                      *names, *more, *failed])
