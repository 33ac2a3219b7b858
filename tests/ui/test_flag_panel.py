"""Flags in the app: the check runs in the background, each flag shows its two passages side
by side, and confirming or dismissing is an undoable edit recorded in the audit log."""

import pytest

from desktop_app.ui.flag_panel import FlagPanel
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _run_check(qtbot, window):
    worker = window.start_check()
    with qtbot.waitSignal(worker.sig_work_finished, timeout=60_000) as done:
        pass
    report, error = done.args[0].result, done.args[0].error
    assert error == ""
    return report


def test_the_check_fills_the_panel_with_both_passages_side_by_side(qtbot, window, project):
    report = _run_check(qtbot, window)
    panel: FlagPanel = window.flag_panel
    assert panel.flags.rowCount() == len(report.flags) == 2
    flag = panel.current_flag()
    left, right = (side.toPlainText() for side in panel.sides)
    for side_text, claim_id in zip((left, right), (flag.claim_a, flag.claim_b), strict=True):
        claim = project.claims.get(claim_id)
        assert claim.exact in side_text
        assert project.articles.get(claim.article_id).title in side_text
    assert flag.explanation in panel.explanation.text()
    assert "2 new flags" in window.statusBar().currentMessage()


def test_dismissing_is_undoable_and_audited(qtbot, window, project, monkeypatch):
    _run_check(qtbot, window)
    flag = window.flag_panel.current_flag()
    monkeypatch.setattr("desktop_app.ui.main_window.QInputDialog.getText",
                        lambda *args, **kwargs: ("same figure, two framings", True))
    window.flag_panel.buttons["dismissed"].click()
    assert project.flags.get(flag.id).status == "dismissed"
    assert project.flags.get(flag.id).note == "same figure, two framings"
    window.undo_stack.undo()
    assert project.flags.get(flag.id).status == "open"
    window.undo_stack.redo()
    assert project.flags.get(flag.id).status == "dismissed"
    actions = [e.action for e in project.history.audit(target=flag.id)]
    assert actions == ["check", "flag.dismissed", "undo", "redo"]
    rerun = _run_check(qtbot, window)
    assert rerun.flags == () and project.flags.get(flag.id).status == "dismissed"


def test_opening_a_passage_selects_its_claim_in_the_article(qtbot, window, project):
    _run_check(qtbot, window)
    flag = window.flag_panel.current_flag()
    window.show_claim(flag.claim_b)
    assert window.current_claim().id == flag.claim_b


def test_flag_model_follows_the_qt_contract(qtmodeltester, qtbot, window):
    _run_check(qtbot, window)
    qtmodeltester.check(window.flag_panel.flags)


def test_deleting_a_flagged_claim_updates_the_panel_and_undo_brings_the_flag_back(
        qtbot, window, project):
    _run_check(qtbot, window)
    flag = window.flag_panel.current_flag()
    window.flag_panel.update_flag(project.flags.resolve(flag.id, status="confirmed",
                                                       note="checked").flag)
    window.show_claim(flag.claim_a)
    asked: list[int] = []

    def cancel(_claim, flags: int) -> bool:
        asked.append(flags)
        return False

    window.confirm_delete = cancel
    window.delete_claim()  # the person said Cancel: nothing goes
    assert asked == [1] and flag.id in {f.id for f in project.flags.list()}
    window.confirm_delete = lambda claim, flags: True
    window.delete_claim()
    assert "and the 1 flag on it" in window.statusBar().currentMessage()
    assert [f.id for f in project.flags.list()] != [] and flag.id not in {
        f.id for f in project.flags.list()}
    assert flag.id not in {window.flag_panel.flags.flag_at(r).id
                           for r in range(window.flag_panel.flags.rowCount())}
    window.undo_stack.undo()
    restored = project.flags.get(flag.id)
    assert (restored.status, restored.note) == ("confirmed", "checked")
    assert _run_check(qtbot, window).flags == ()  # the restored flag is known to the check


def test_after_a_check_that_raised_many_flags_the_list_is_read_in_the_background(
        qtbot, window, project, monkeypatch):
    """Thousands of flags are read off the window's thread after a check (the window would
    otherwise stop while they are read); the list shows them once read, first one current,
    and a reading asked for meanwhile is not lost."""
    import threading

    from desktop_app.ui import flag_panel

    monkeypatch.setattr(flag_panel, "READ_IN_PLACE_AT_MOST", 1)  # the corpus raises 2
    readers: list[threading.Thread] = []
    real = project.flags.list

    def counted(*args, **kwargs):
        readers.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(project.flags, "list", counted)
    panel: FlagPanel = window.flag_panel
    _run_check(qtbot, window)  # its end asks the panel to read 2 flags: over the mark
    qtbot.waitUntil(lambda: panel.flags.rowCount() == 2, timeout=10_000)
    assert readers and threading.main_thread() not in readers
    assert panel.current_flag() is not None and panel.buttons["confirmed"].isEnabled()

    readers.clear()
    panel.refresh()
    panel.status_filter.setCurrentText("dismissed")  # asked while the first is read
    qtbot.waitUntil(lambda: panel.flags.rowCount() == 0 and panel._reading is None,
                    timeout=10_000)
    assert len(readers) == 2 and threading.main_thread() not in readers
    assert not panel.buttons["confirmed"].isEnabled()  # nothing current: nothing to decide


def test_a_check_ending_while_a_search_is_read_leaves_the_search_in_front(
        qtbot, window, project):
    """The person searched while the check ran and is reading the hits: the check's end
    does not pull the Flags tab over them (the status bar says what it found)."""
    window.search_dock.show()
    window.search_dock.raise_()
    window.search_panel.query.setFocus()
    qtbot.waitUntil(lambda: window.search_panel.query.hasFocus())
    _run_check(qtbot, window)
    assert window.search_panel.query.isVisible()  # the Flags tab was not raised over it
    assert "new flags" in window.statusBar().currentMessage()
