"""Long work in the window: every long job shows "n of m" progress with Cancel in the status
bar, and a cancel leaves the project as it was, or with whole items only (said in a message).

Cancels are asked from inside the job, after a given number of items, through the real
worker's cancel (what the Cancel button calls), so where the job stops does not depend on
how fast the machine is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool

from desktop_app.core.vocab import ImportStatus
from desktop_app.services import checking
from desktop_app.services.bundles import IMPORT_CANCELLED, IMPORT_STEPS
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workers import Outcome, Progress, WorkEnd, Worker
from tests.conftest import snapshot, table_rows
from tests.services.bundle_helpers import person_project

WAIT = 120_000


def _own_articles(folder: Path, count: int) -> list[Path]:
    """``count`` small articles of our own, each with its own text."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"note-{n:02d}.txt"
        path.write_text(f"Harbour note {n}\n\nThe council met on day {n} and approved "
                        f"{n + 3} new berths for the port.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _cancel_after(window: MainWindow, items: int, label: str = "") -> list[Progress]:
    """Wrap the job that starts next so that its worker is asked to stop once it reported
    ``items`` steps (of the stage ``label``, when given); returns what it reported."""
    seen: list[Progress] = []
    real_run = window.jobs.run

    def run(title: str, task: Any, done: Any, **options: Any) -> Worker:
        def stopping(progress: Any, cancelled: Any) -> Any:
            def report(done_: int, total: int | None = None, label_: str = "") -> None:
                seen.append(Progress(done_, total, label_))
                progress(done_, total, label_)
                if done_ >= items and (not label or label_ == label):
                    current = window.jobs.current
                    assert current is not None
                    current.worker.cancel()  # what Cancel does; thread-safe
            return task(report, cancelled)

        return real_run(title, stopping, done, **options)

    window.jobs.run = run  # type: ignore[method-assign]
    return seen


def _end(qtbot, worker: Worker) -> WorkEnd[Any]:
    if worker.end is None:
        with qtbot.waitSignal(worker.sig_work_finished, timeout=WAIT) as finished:
            pass
        return finished.args[0]
    return worker.end


@pytest.fixture
def window(qtbot, project):
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    yield window
    QThreadPool.globalInstance().waitForDone(WAIT)


# -- cancelling ------------------------------------------------------------------------------


def test_an_import_cancelled_half_way_keeps_whole_files_and_names_those_not_read(
        qtbot, window, project, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    paths = _own_articles(tmp_path / "in", 12)
    _cancel_after(window, 4)
    end = _end(qtbot, window.start_import([tmp_path / "in"]))

    assert end.outcome is Outcome.CANCELLED
    report = end.result
    added = {Path(o.path).name for o in report.added}
    not_read = {Path(o.path).name for o in report.cancelled}
    assert len(added) == 4 and len(not_read) == 8  # read 0..3, asked to stop before the 5th
    assert added | not_read == {p.name for p in paths} and not added & not_read
    # The project holds exactly the files read, each whole.
    texts = [project.articles.get(a.id).text for a in project.articles.list()]
    assert len(texts) == 4
    for name in added:
        n = int(name[5:7])
        assert sum(f"day {n} and approved {n + 3} new berths for the port." in t
                   for t in texts) == 1
    assert all(o.status == ImportStatus.CANCELLED for o in report.cancelled)
    # The person is told: how many were imported, and which files were not.
    assert window.statusBar().currentMessage() == \
        "Import cancelled: 4 articles imported, 8 files not read"
    assert len(shown) == 1 and all(str(tmp_path / "in" / n) in shown[0] for n in not_read)
    assert window.articles.rowCount() == 4
    assert not window.jobs.bar.isVisible()


def test_a_check_cancelled_half_way_writes_nothing_and_says_so(qtbot, window, project,
                                                               corpus_dir, project_dir):
    project.articles.import_paths([corpus_dir])
    before = table_rows(project_dir)
    seen = _cancel_after(window, 1, checking.COMPARING)
    end = _end(qtbot, window.start_check())

    assert end.outcome is Outcome.CANCELLED
    assert any(p.label == checking.COMPARING for p in seen)  # it got to comparing
    assert table_rows(project_dir) == before
    assert project.flags.list() == []
    assert window.statusBar().currentMessage() == checking.NOTHING_WRITTEN
    assert window.check_action.isEnabled()
    # The same check, not cancelled, does find disagreements in these articles.
    window.jobs.run = type(window.jobs).run.__get__(window.jobs)  # type: ignore[method-assign]
    assert _end(qtbot, window.start_check()).outcome is Outcome.DONE
    assert project.flags.list()


def test_a_cancel_that_comes_once_the_check_writes_says_it_came_too_late(
        qtbot, window, project, corpus_dir):
    """Cancel pressed while the check writes its flags (it no longer stops then): the
    check finishes, and the status bar says the cancel came too late before what the
    check found, rather than letting the person believe it stopped."""
    project.articles.import_paths([corpus_dir])
    _cancel_after(window, 0, checking.WRITING)
    end = _end(qtbot, window.start_check())
    assert end.result is not None and project.flags.list()  # it did not stop
    message = window.statusBar().currentMessage()
    assert message.startswith("Too late to cancel: Checking had begun writing")
    assert "new flags" in message


def test_a_bundle_import_cancelled_at_its_write_writes_nothing(qtbot, tmp_path, corpus_dir):
    alice = person_project(tmp_path, "alice")
    alice.articles.import_paths([corpus_dir])
    alice.checking.check()
    bundle = tmp_path / "alice.factdesk"
    alice.bundles.export(bundle)
    bob = person_project(tmp_path, "bob")
    window = MainWindow(bob)
    qtbot.addWidget(window)
    try:
        before = snapshot(bob.folder)
        _cancel_after(window, len(IMPORT_STEPS) - 1)  # the last stage: inside the write
        end = _end(qtbot, window.exchange.import_bundle(bundle, trust=True))
        assert end.outcome is Outcome.CANCELLED and end.error == IMPORT_CANCELLED
        assert snapshot(bob.folder) == before
        assert window.statusBar().currentMessage() == IMPORT_CANCELLED
        assert bob.articles.list() == []
    finally:
        QThreadPool.globalInstance().waitForDone(WAIT)
        alice.close()
        bob.close()


def test_a_bundle_export_cancelled_leaves_no_file(qtbot, window, project, corpus_dir,
                                                  tmp_path):
    project.articles.import_paths([corpus_dir])
    _cancel_after(window, 1)
    out = tmp_path / "out" / "all.factdesk"
    out.parent.mkdir()
    end = _end(qtbot, window.exchange.export("bundle", out))
    assert end.outcome is Outcome.CANCELLED
    assert list(out.parent.iterdir()) == []


# -- progress and Cancel for every job -------------------------------------------------------


def _watch(window: MainWindow, worker: Worker) -> list[tuple[int, int, bool, bool]]:
    """What the status bar showed at each progress report: the bar's maximum and value,
    whether Cancel was enabled and whether the job bar was shown."""
    bar = window.jobs.bar
    shown: list[tuple[int, int, bool, bool]] = []
    worker.sig_progress_changed.connect(lambda _p: shown.append(
        (bar.progress.maximum(), bar.progress.value(), bar.cancel_button.isEnabled(),
         bar.isVisible())))
    return shown


def _assert_determinate(shown: list[tuple[int, int, bool, bool]]) -> None:
    assert shown, "the job reported no progress"
    assert max(m for m, _v, _c, _s in shown) > 0
    values = [v for m, v, _c, _s in shown if m > 0]
    assert values[-1] > values[0]  # it advanced
    assert all(c and s for _m, _v, c, s in shown)  # shown with Cancel enabled throughout


@pytest.fixture
def checked(window, project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    project.checking.check()
    return window


def test_the_import_shows_n_of_m_and_cancel(qtbot, window, tmp_path):
    _own_articles(tmp_path / "in", 6)
    worker = window.start_import([tmp_path / "in"])
    shown = _watch(window, worker)
    assert window.jobs.bar.progress.format() == "%v of %m"
    _end(qtbot, worker)
    _assert_determinate(shown)
    assert shown[-1][:2] == (6, 6)


def test_the_check_shows_n_of_m_and_cancel(qtbot, checked):
    worker = checked.start_check()
    shown = _watch(checked, worker)
    _end(qtbot, worker)
    _assert_determinate(shown)


def test_the_index_rebuild_shows_n_of_m_and_cancel(qtbot, checked):
    worker = checked.start_reindex()
    shown = _watch(checked, worker)
    assert _end(qtbot, worker).outcome is Outcome.DONE
    _assert_determinate(shown)


def test_a_bundle_export_and_import_show_n_of_m_and_cancel(qtbot, checked, tmp_path):
    bundle = tmp_path / "all.factdesk"
    worker = checked.exchange.export("bundle", bundle)
    shown = _watch(checked, worker)
    assert _end(qtbot, worker).outcome is Outcome.DONE
    _assert_determinate(shown)
    worker = checked.exchange.import_bundle(bundle)
    shown = _watch(checked, worker)
    assert _end(qtbot, worker).outcome is Outcome.DONE
    _assert_determinate(shown)


def test_the_report_shows_n_of_m_and_cancel(qtbot, checked):
    worker = checked.reports.start()
    shown = _watch(checked, worker)
    assert _end(qtbot, worker).outcome is Outcome.DONE
    _assert_determinate(shown)
    checked.reports.preview.close()


# -- one job at a time, Esc --------------------------------------------------------------------


def test_a_second_job_waits_for_the_first_and_the_bar_says_so(qtbot, checked):
    first = checked.start_check()
    second = checked.reports.start()
    assert checked.jobs.current is not None and checked.jobs.current.worker is first
    assert "1 more waiting" in checked.jobs.bar.label.text()
    _end(qtbot, first)
    assert _end(qtbot, second).outcome is Outcome.DONE
    assert first.end is not None and first.end.outcome is Outcome.DONE
    checked.reports.preview.close()


def test_escape_cancels_the_job_that_runs(qtbot, checked, project_dir):
    before = table_rows(project_dir)
    worker = checked.start_check()
    checked.activateWindow()
    qtbot.keyClick(checked, Qt.Key.Key_Escape)
    assert not checked.jobs.bar.cancel_button.isEnabled()  # "Stopping…"
    assert worker.cancel_requested
    assert _end(qtbot, worker).outcome is Outcome.CANCELLED
    assert table_rows(project_dir) == before
    assert not checked.jobs.escape.isEnabled()  # Esc is the panels' again
