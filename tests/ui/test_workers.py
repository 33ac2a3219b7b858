"""The one background worker: it runs any task off the GUI thread and reports its progress in
order, then exactly one end (a result, a message for a person, or "cancelled") in the GUI
thread; it stays alive until that end is delivered, and the app can wait for all of them."""

from __future__ import annotations

import gc
import threading
from collections.abc import Generator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QThread

from desktop_app.core.errors import ImportRefusedError, WorkCancelled
from desktop_app.ui.workers import (
    Cancelled,
    Outcome,
    Progress,
    ReportProgress,
    WorkEnd,
    Worker,
    plain,
    wait_for_workers,
)

WAIT = 30_000  # ms: generous, only reached when something is broken


def _finish(qtbot, worker: Worker) -> WorkEnd:
    """Start ``worker`` and return the end it delivers."""
    with qtbot.waitSignal(worker.sig_work_finished, timeout=WAIT) as finished:
        worker.start()
    return finished.args[0]


def test_the_result_is_delivered_in_the_gui_thread(qtbot):
    threads: list[bool] = []

    def task(_progress: ReportProgress, _cancelled: Cancelled) -> tuple[bool, int]:
        return QThread.currentThread() is QCoreApplication.instance().thread(), 6 * 7

    worker = Worker(task)
    worker.sig_work_finished.connect(
        lambda _end: threads.append(
            QThread.currentThread() is QCoreApplication.instance().thread()))
    end = _finish(qtbot, worker)
    assert end == WorkEnd(Outcome.DONE, (False, 42))  # ran off the GUI thread
    assert threads == [True]  # reported in the GUI thread, once
    assert worker.end == end


def test_a_plain_function_is_called_with_its_arguments_and_named_after_it(qtbot):
    worker = Worker(plain(sorted, [3, 1, 2], reverse=True))
    assert worker.name == "sorted"
    assert _finish(qtbot, worker).result == [3, 2, 1]


def test_a_factdesk_error_is_delivered_as_its_message(qtbot):
    def task(_progress: ReportProgress, _cancelled: Cancelled) -> None:
        raise ImportRefusedError("notes.docx: this kind of file cannot be imported")

    end = _finish(qtbot, Worker(task))
    assert end == WorkEnd(Outcome.FAILED, None,
                          "notes.docx: this kind of file cannot be imported")


def test_a_file_that_cannot_be_opened_is_named_with_the_reason(qtbot, tmp_path: Path):
    missing = tmp_path / "gone" / "bundle.factdesk"
    end = _finish(qtbot, Worker(plain(missing.read_bytes)))
    assert end.outcome is Outcome.FAILED and end.result is None
    assert end.error == f"{missing} cannot be read or written: No such file or directory"


def test_an_unexpected_error_names_its_type(qtbot):
    end = _finish(qtbot, Worker(plain(int, "twelve")))
    assert end == WorkEnd(Outcome.FAILED, None,
                          "unexpected ValueError: invalid literal for int() with base 10: "
                          "'twelve'")


def test_progress_reported_by_a_callback_arrives_in_order_before_the_end(qtbot):
    def task(progress: ReportProgress, _cancelled: Cancelled) -> str:
        for done in range(1, 51):
            progress(done, 50, f"article {done}")
        return "all read"

    worker = Worker(task)
    seen: list[Progress | str] = []
    worker.sig_progress_changed.connect(seen.append)
    worker.sig_work_finished.connect(lambda end: seen.append(end.result))
    _finish(qtbot, worker)
    assert seen == [Progress(n, 50, f"article {n}") for n in range(1, 51)] + ["all read"]


def test_a_generator_task_yields_its_progress_and_returns_its_result(qtbot):
    def task(_progress: ReportProgress, _cancelled: Cancelled
             ) -> Generator[Progress, None, int]:
        for done in range(3):
            yield Progress(done, 3, "indexing")
        return 3

    worker = Worker(task)
    seen: list[Progress] = []
    worker.sig_progress_changed.connect(seen.append)
    assert _finish(qtbot, worker) == WorkEnd(Outcome.DONE, 3)
    assert seen == [Progress(0, 3, "indexing"), Progress(1, 3, "indexing"),
                    Progress(2, 3, "indexing")]


def test_cancel_stops_a_task_that_checks_the_flag_and_is_reported_as_cancelled(qtbot):
    """A task that sees the cancel and returns ends as CANCELLED, with what it returned (the
    whole items it finished), never as DONE."""
    started = threading.Event()
    steps: list[int] = []

    def task(progress: ReportProgress, cancelled: Cancelled) -> str:
        started.set()
        for step in range(1_000_000):
            if cancelled():
                return "stopped"
            steps.append(step)
            started.wait()
            threading.Event().wait(0.001)  # a step of work
        return "ran to the end"

    worker = Worker(task)
    with qtbot.waitSignal(worker.sig_work_finished, timeout=WAIT) as finished:
        worker.start()
        assert started.wait(WAIT / 1000)
        worker.cancel()
    end = finished.args[0]
    assert end == WorkEnd(Outcome.CANCELLED, "stopped")  # what it finished comes along
    assert worker.cancel_requested
    assert 0 < len(steps) < 1_000_000


def test_cancel_closes_a_generator_between_its_steps(qtbot):
    closed = threading.Event()
    first = threading.Event()
    resume = threading.Event()

    def task(_progress: ReportProgress, _cancelled: Cancelled
             ) -> Generator[Progress, None, str]:
        try:
            for done in range(1_000):
                yield Progress(done, 1_000)
                first.set()
                resume.wait(WAIT / 1000)
            return "ran to the end"
        finally:
            closed.set()

    worker = Worker(task)
    seen: list[Progress] = []
    worker.sig_progress_changed.connect(seen.append)
    with qtbot.waitSignal(worker.sig_work_finished, timeout=WAIT) as finished:
        worker.start()
        assert first.wait(WAIT / 1000)
        worker.cancel()
        resume.set()
    assert finished.args[0] == WorkEnd(Outcome.CANCELLED)
    assert closed.is_set()  # its finally blocks ran
    # the step it was in when cancelled still reports, and no step after it is asked for
    assert seen == [Progress(0, 1_000), Progress(1, 1_000)]


def test_an_error_after_a_cancel_is_still_reported_as_an_error(qtbot):
    def task(_progress: ReportProgress, cancelled: Cancelled) -> None:
        worker.cancel()
        raise ImportRefusedError(f"cancel seen: {cancelled()}")

    worker = Worker(task)
    assert _finish(qtbot, worker) == WorkEnd(Outcome.FAILED, None, "cancel seen: True")


def test_forgotten_workers_still_deliver_their_end_and_do_not_crash(qtbot):
    """Nobody keeps a reference to these workers: they must live until their end is delivered
    (a worker collected while the pool ran it once crashed the process)."""
    ends: list[int] = []
    for number in range(20):
        worker = Worker(plain(pow, number, 2))
        worker.sig_progress_changed.connect(ends.append)  # never called: no progress
        worker.sig_work_finished.connect(lambda end: ends.append(end.result))
        worker.start()
        del worker
        gc.collect()
    qtbot.waitUntil(lambda: len(ends) == 20, timeout=WAIT)
    gc.collect()
    assert sorted(ends) == [n * n for n in range(20)]
    assert Worker.running() == 0


def test_waiting_for_workers_returns_after_every_end_is_delivered(qtbot):
    release = threading.Event()
    ends: list[str] = []
    worker = Worker(plain(lambda: "written" if release.wait(WAIT / 1000) else "timed out"))
    worker.sig_work_finished.connect(lambda end: ends.append(end.result))
    worker.start()
    threading.Timer(0.2, release.set).start()
    assert wait_for_workers()
    assert ends == ["written"]
    assert Worker.running() == 0


def test_a_worker_runs_its_task_only_once(qtbot):
    worker = Worker(plain(str, "once"))
    assert _finish(qtbot, worker).result == "once"
    with pytest.raises(RuntimeError, match="only once"):
        worker.start()


def test_work_is_started_from_the_gui_thread_only(qtbot):
    refused: list[str] = []

    def start_elsewhere() -> None:
        try:
            Worker(plain(str, "x")).start()
        except RuntimeError as exc:
            refused.append(str(exc))

    thread = threading.Thread(target=start_elsewhere)
    thread.start()
    thread.join()
    assert refused == ["background work is started from the GUI thread only"]


def test_the_worker_module_never_reaches_a_widget():
    """Background work only reports; the window alone touches widgets (Qt allows widgets in
    the GUI thread only): the module imports nothing of Qt but QtCore."""
    import ast

    import desktop_app.ui.workers as workers

    tree = ast.parse(Path(workers.__file__).read_text(encoding="utf-8"))
    qt = {node.module for node in ast.walk(tree)
          if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6")}
    qt |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
           for alias in node.names if alias.name.startswith("PySide6")}
    assert qt == {"PySide6.QtCore"}


def test_a_task_that_stops_with_work_cancelled_ends_cancelled_with_its_message(qtbot):
    """WorkCancelled (what a use case raises when it sees the cancel) is no failure: the
    end is CANCELLED and carries the use case's word on what was not written."""

    def task(_progress: ReportProgress, cancelled: Cancelled) -> None:
        worker.cancel()
        if cancelled():
            raise WorkCancelled("nothing was written")

    worker = Worker(task)
    assert _finish(qtbot, worker) == WorkEnd(Outcome.CANCELLED, None, "nothing was written")
