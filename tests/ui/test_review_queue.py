"""The editor's review queue in the window, worked by keyboard only: the keys go to whatever
widget has the focus, as a person's typing does, and nothing calls the window's slots."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.vocab import ReviewItemKind
from desktop_app.services import Project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.review_panel import ReviewPanel

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, project: Project, corpus_dir) -> MainWindow:
    project.articles.import_paths([corpus_dir])
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def _press(qtbot, window: MainWindow, key: Qt.Key,
           modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on the keyboard: it goes to the widget that has the focus."""
    target: QWidget = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def _type(qtbot, window: MainWindow, text: str) -> None:
    target: QWidget = QApplication.focusWidget() or window
    qtbot.keyClicks(target, text)


def _ids(panel: ReviewPanel) -> list[str]:
    return [item.id for item in panel.shown_items()]


def _checked(qtbot, window: MainWindow) -> ReviewPanel:
    """Check > Find disagreements by its key (Ctrl+K), waited for until the queue shows
    what it found."""
    panel = window.review.panel
    _press(qtbot, window, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: panel.queue.open_counts() != (0, 0), timeout=60_000)
    return panel


def test_the_queue_is_worked_by_keyboard_and_every_decision_undone_by_ctrl_z(
        qtbot, window: MainWindow, project: Project) -> None:
    panel = _checked(qtbot, window)
    flags = project.flags.list(status="open")
    review_claims = project.claims.list(status="needs review")
    assert len(flags) == 2 and len(review_claims) == 4
    assert window.review.dock.windowTitle() == "Review — 2 flags, 4 claims open"

    _press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)  # Review > Open review queue
    assert window.review.dock.isVisible() and QApplication.focusWidget() is panel.view
    assert set(_ids(panel)) == {f.id for f in flags} | {c.id for c in review_claims}

    # J and K step through the items; each shows its passage in the reader.
    first = panel.current_item()
    _press(qtbot, window, Qt.Key.Key_J)
    second = panel.current_item()
    assert second.id == _ids(panel)[1]
    assert window.current_claim().id == second.claims[0].id
    assert window.reader.article_text[second.claims[0].start:second.claims[0].end] \
        == second.claims[0].exact
    _press(qtbot, window, Qt.Key.Key_K)
    assert panel.current_item().id == first.id == _ids(panel)[0]
    assert window.current_claim().id == first.claims[0].id

    # C confirms the first flag: it leaves the open queue at once, the next takes its place.
    assert first.kind is ReviewItemKind.FLAG
    _press(qtbot, window, Qt.Key.Key_C)
    assert project.flags.get(first.id).status == "confirmed"
    assert first.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 1 flag, 4 claims open"
    dismissed = panel.current_item()
    assert dismissed.kind is ReviewItemKind.FLAG and dismissed.id != first.id

    # N writes the note, Enter returns to the list, D dismisses with that note.
    _press(qtbot, window, Qt.Key.Key_N)
    assert QApplication.focusWidget() is panel.note
    _type(qtbot, window, "same figure, two framings")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is panel.view
    _press(qtbot, window, Qt.Key.Key_D)
    stored = project.flags.get(dismissed.id)
    assert (stored.status, stored.note) == ("dismissed", "same figure, two framings")
    assert dismissed.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 0 flags, 4 claims open"

    # A digit gives the claim that needs review its verdict and marks it reviewed.
    claim = panel.current_item()
    assert claim.kind is ReviewItemKind.CLAIM and claim.status == "needs review"
    _press(qtbot, window, Qt.Key.Key_5)  # 5: false
    rated = project.claims.get(claim.id)
    assert (rated.verdict, rated.status) == ("false", "reviewed")
    assert claim.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 0 flags, 3 claims open"

    # Ctrl+Z takes each decision back, in the project and in the queue.
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    back = project.claims.get(claim.id)
    assert (back.verdict, back.status) == ("unverified", "needs review")
    assert claim.id in _ids(panel) and panel.current_item().id == claim.id
    assert window.review.dock.windowTitle() == "Review — 0 flags, 4 claims open"
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    reopened = project.flags.get(dismissed.id)
    assert (reopened.status, reopened.note) == ("open", "")
    assert panel.current_item().id == dismissed.id
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert project.flags.get(first.id).status == "open"
    assert panel.current_item().id == first.id
    assert window.review.dock.windowTitle() == "Review — 2 flags, 4 claims open"
    assert set(_ids(panel)) == {f.id for f in flags} | {c.id for c in review_claims}
    actions = [e.action for e in project.history.audit(target=dismissed.id)]
    assert actions == ["check", "flag.dismissed", "undo"]
