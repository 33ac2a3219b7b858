"""Background work: one generic worker runs any task off the GUI thread and never touches a
widget. It reports progress, then exactly one end: a result, a message for a person, or that it
was cancelled. Every signal reaches its slots in the GUI thread.

A task is called as ``task(progress, cancelled)``:

- ``progress(done, total=None, label="")`` reports how far it got (``total`` None: unknown);
- ``cancelled()`` is True once someone asked the work to stop; a task that can stop early checks
  it between steps and returns (cancelling is cooperative: nothing is interrupted);
- it returns its result, or it is a generator that yields :class:`Progress` and returns its
  result; a generator is asked for its next step only while no cancel was requested.

:func:`plain` makes a task of a function that neither reports progress nor checks for cancel.

Why our own and not superqt's ``create_worker``: our services report progress through a
callback (``Project.reindex(progress=...)``) and cannot be turned into generators, so superqt's
progress channel (``yielded``) does not reach them, and its ``FunctionWorker.quit()`` is never
seen by the function and ends without any "aborted" report. Its ``WorkerBase.run`` also replaces
the process-wide ``warnings.showwarning`` from the worker thread inside
``warnings.catch_warnings()``, which the Python documentation calls not thread-safe: after two
overlapping workers (an import and a check, say) it stays pointed at a finished worker and every
later warning in the app is silently swallowed (seen with superqt 0.9.0).

Lifetime: a started worker stays referenced until its end has been delivered (a worker that
Python collected while the pool still ran it once crashed the process), and the pool thread
never holds a reference to any Qt object of the GUI thread: it reports through one relay object
that lives as long as the process, so the last reference to a worker is always dropped in the
GUI thread.
"""

from __future__ import annotations

import inspect
import itertools
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QThreadPool, Signal

from desktop_app.core.errors import FactdeskError, WorkCancelled

R = TypeVar("R")


@dataclass(frozen=True)
class Progress:
    """How far a task got: ``done`` steps of ``total`` (None when unknown), and a short label
    for a person (may be empty)."""

    done: int
    total: int | None = None
    label: str = ""


class ReportProgress(Protocol):
    """What a task calls to report progress; it returns at once (the GUI thread shows it)."""

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None: ...


Cancelled = Callable[[], bool]
"""What a task calls to learn whether it was asked to stop."""

Task = Callable[[ReportProgress, Cancelled], Any]
"""A callable run off the GUI thread: returns its result, or a generator of Progress whose
return value is the result."""


class Outcome(StrEnum):
    """How a piece of background work ended."""

    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class WorkEnd(Generic[R]):
    """The end of a piece of work: its outcome, the task's result (when DONE, or when a
    CANCELLED task still returned what it finished) and the message for a person (when
    FAILED, or what a CANCELLED task said it left undone)."""

    outcome: Outcome
    result: R | None = None
    error: str = ""


def message_for(exc: BaseException) -> str:
    """The message a person sees for an error a task raised.

    A FactdeskError already speaks to a person: its message as it is. An OSError names the
    file and the system's reason (the worker cannot tell whether it was being read or written).
    Anything else is a fault of ours, named by its type so that it can be reported.
    """
    if isinstance(exc, FactdeskError):
        return str(exc)
    if isinstance(exc, OSError):
        reason = exc.strerror or str(exc) or type(exc).__name__
        return f"{exc.filename or 'the file'} cannot be read or written: {reason}"
    return f"unexpected {type(exc).__name__}: {exc}"


def plain(function: Callable[..., R], *args: Any, **kwargs: Any) -> Task:
    """A task that calls ``function(*args, **kwargs)``: no progress, never stops early."""

    def task(_progress: ReportProgress, _cancelled: Cancelled) -> R:
        return function(*args, **kwargs)

    task.__name__ = getattr(function, "__name__", "task")
    return task


class Worker(QObject):
    """Runs one task in the global thread pool and reports its progress and its end.

    Connect to the signals, then call :meth:`start` (once) from the GUI thread. There is no
    need to keep a reference: the worker keeps itself alive until its end is delivered.
    """

    sig_progress_changed = Signal(object)
    """The task reported progress: carries a :class:`Progress`. Always before the end."""

    sig_work_finished = Signal(object)
    """The work ended: carries a :class:`WorkEnd`. Emitted exactly once per started worker."""

    def __init__(self, task: Task) -> None:
        super().__init__()  # never a parent: a parent's deletion must not delete running work
        self._task = task
        self._cancel = threading.Event()
        self._started = False
        self.end: WorkEnd[Any] | None = None
        """The end once delivered, else None."""

    @property
    def name(self) -> str:
        """The task's name (the service function's, for :func:`plain` tasks)."""
        return getattr(self._task, "__name__", "task")

    def start(self) -> Worker:
        """Queue the task in the global thread pool; returns the worker itself.

        Raises RuntimeError when called twice, off the GUI thread or without a Qt application.
        """
        relay = _relay()
        if self._started:
            raise RuntimeError("a worker runs its task only once")
        self._started = True
        key = next(_keys)
        relay.running[key] = self
        job = _Job(key, self._task, self._cancel, relay)
        QThreadPool.globalInstance().start(job.run)
        return self

    def cancel(self) -> None:
        """Ask the task to stop. It ends as CANCELLED unless it fails first (a
        :class:`~desktop_app.core.errors.WorkCancelled` it raises is no failure: its message
        comes with the end); a result it still returns (the whole items it finished) comes
        with the end too."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @staticmethod
    def running() -> int:
        """How many started workers have not yet delivered their end."""
        return len(_RELAY.running) if _RELAY is not None else 0


def wait_for_workers(msecs: int = -1) -> bool:
    """Wait until every background task has finished, then deliver their ends.

    Called before the app closes the project its tasks write to. ``msecs`` < 0 waits as long as
    it takes. Returns True when no worker is left without a delivered end.
    """
    finished = QThreadPool.globalInstance().waitForDone(msecs)
    if _RELAY is not None:
        QCoreApplication.sendPostedEvents(_RELAY, 0)  # the queued progress and ends
    return finished and Worker.running() == 0


class _Relay(QObject):
    """The one object the pool threads emit on; it lives in the GUI thread for the whole
    process and hands each report to its worker there."""

    _sig_progress_changed = Signal(int, object)
    _sig_work_finished = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.running: dict[int, Worker] = {}
        queued = Qt.ConnectionType.QueuedConnection
        self._sig_progress_changed.connect(self._deliver_progress, queued)
        self._sig_work_finished.connect(self._deliver_end, queued)

    def _deliver_progress(self, key: int, progress: Progress) -> None:
        worker = self.running.get(key)
        if worker is not None:
            worker.sig_progress_changed.emit(progress)

    def _deliver_end(self, key: int, end: WorkEnd[Any]) -> None:
        worker = self.running.get(key)
        if worker is None:
            return
        try:
            worker.end = end
            worker.sig_work_finished.emit(end)
        finally:
            del self.running[key]  # only now may Python collect it, in this thread


_RELAY: _Relay | None = None
_keys = itertools.count(1)


def _relay() -> _Relay:
    global _RELAY
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("background work needs a running Qt application")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("background work is started from the GUI thread only")
    if _RELAY is None:
        _RELAY = _Relay()
    return _RELAY


class _Job:
    """What runs in the pool thread: the task, the cancel flag and the relay's signals; no
    reference to the worker itself."""

    def __init__(self, key: int, task: Task, cancel: threading.Event, relay: _Relay) -> None:
        self._key, self._task, self._cancel = key, task, cancel
        self._progress = relay._sig_progress_changed
        self._finished = relay._sig_work_finished

    def report(self, done: int, total: int | None = None, label: str = "") -> None:
        self._progress.emit(self._key, Progress(done, total, label))

    def run(self) -> None:
        end: WorkEnd[Any] = WorkEnd(Outcome.FAILED, error="unexpected end of background work")
        try:
            result = self._task(self.report, self._cancel.is_set)
            if inspect.isgenerator(result):
                result = self._drive(result)
            end = (WorkEnd(Outcome.CANCELLED, result) if self._cancel.is_set()
                   else WorkEnd(Outcome.DONE, result))
        except WorkCancelled as exc:  # stopped where it was asked to: no failure
            end = WorkEnd(Outcome.CANCELLED, error=str(exc))
        except Exception as exc:  # a message for a person, never a crash of the pool thread
            end = WorkEnd(Outcome.FAILED, error=message_for(exc))
        finally:
            self._finished.emit(self._key, end)

    def _drive(self, steps: Generator[Any, Any, Any]) -> Any:
        """Run a generator task step by step, reporting each Progress it yields; stop it
        (running its ``finally`` blocks) as soon as a cancel is requested."""
        while True:
            if self._cancel.is_set():
                steps.close()
                return None
            try:
                step = next(steps)
            except StopIteration as stop:
                return stop.value
            if isinstance(step, Progress):
                self._progress.emit(self._key, step)
