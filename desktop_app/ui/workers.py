"""Background work: a QRunnable with a QObject for its signals. It never touches a widget."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from desktop_app.core.errors import FactdeskError
from desktop_app.services import Project


class Running:
    """Keeps each background worker alive until its end has been delivered.

    Without a reference, Python may collect a worker (and its signals object) while the pool
    still runs it; its last emission then reaches a deleted object and the process crashes.
    """

    def __init__(self) -> None:
        self._workers: set[QRunnable] = set()

    def start(self, worker: QRunnable, finished: SignalInstance) -> None:
        self._workers.add(worker)
        finished.connect(lambda *_args: self._workers.discard(worker))
        QThreadPool.globalInstance().start(worker)

    def __len__(self) -> int:
        return len(self._workers)


class ImportSignals(QObject):
    """Signals of an :class:`ImportWorker`."""

    sig_import_finished = Signal(object, str)
    """The import ended: the ImportReport, or None and the message for a person."""


class ImportWorker(QRunnable):
    """Imports files and folders off the GUI thread."""

    def __init__(self, project: Project, paths: Sequence[Path]) -> None:
        super().__init__()
        self.signals = ImportSignals()
        self._project, self._paths = project, list(paths)

    def run(self) -> None:
        try:
            report = self._project.articles.import_paths(self._paths)
        except FactdeskError as exc:
            self.signals.sig_import_finished.emit(None, str(exc))
            return
        except Exception as exc:  # a dialog, never a crash of the worker thread
            self.signals.sig_import_finished.emit(None, f"unexpected {type(exc).__name__}: {exc}")
            return
        self.signals.sig_import_finished.emit(report, "")


class ReindexSignals(QObject):
    """Signals of a :class:`ReindexWorker`."""

    sig_reindex_changed = Signal(int)
    """Progress: how many documents are indexed so far."""

    sig_reindex_finished = Signal(int, str)
    """The rebuild ended: documents indexed, and a message for a person when it failed."""


class ReindexWorker(QRunnable):
    """Rebuilds a missing, stale or corrupt search index off the GUI thread."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.signals = ReindexSignals()
        self._project = project

    def run(self) -> None:
        try:
            count = self._project.search.reindex(progress=self.signals.sig_reindex_changed.emit)
        except Exception as exc:  # reported in a dialog; searching later rebuilds again
            self.signals.sig_reindex_finished.emit(0, f"The search index could not be rebuilt: "
                                                      f"{exc}")
            return
        self.signals.sig_reindex_finished.emit(count, "")


class CheckSignals(QObject):
    """Signals of a :class:`CheckWorker`."""

    sig_check_finished = Signal(object, str)
    """The check ended: the CheckReport, or None and the message for a person."""


class CheckWorker(QRunnable):
    """Runs the check for disagreements off the GUI thread."""

    def __init__(self, project: Project) -> None:
        super().__init__()
        self.signals = CheckSignals()
        self._project = project

    def run(self) -> None:
        try:
            report = self._project.checking.check()
        except FactdeskError as exc:
            self.signals.sig_check_finished.emit(None, str(exc))
            return
        except Exception as exc:  # a dialog, never a crash of the worker thread
            self.signals.sig_check_finished.emit(None, f"unexpected {type(exc).__name__}: {exc}")
            return
        self.signals.sig_check_finished.emit(report, "")


class ExchangeSignals(QObject):
    """Signals of an :class:`ExchangeWorker`."""

    sig_exchange_finished = Signal(object, str)
    """The export or import ended: its result, or None and the message for a person."""


class ExchangeWorker(QRunnable):
    """Runs one bundle or standard-format export or import off the GUI thread."""

    def __init__(self, task, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.signals = ExchangeSignals()
        self._task, self._args, self._kwargs = task, args, kwargs

    def run(self) -> None:
        try:
            result = self._task(*self._args, **self._kwargs)
        except FactdeskError as exc:
            self.signals.sig_exchange_finished.emit(None, str(exc))
            return
        except OSError as exc:
            self.signals.sig_exchange_finished.emit(
                None, f"{exc.filename or 'the file'} cannot be written: {exc.strerror}")
            return
        except Exception as exc:  # a dialog, never a crash of the worker thread
            self.signals.sig_exchange_finished.emit(
                None, f"unexpected {type(exc).__name__}: {exc}")
            return
        self.signals.sig_exchange_finished.emit(result, "")
