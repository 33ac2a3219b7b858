"""The View and Help menus, and no two commands sharing one Alt+letter."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QDockWidget, QMenu

import desktop_app
from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, project_dir, corpus_dir):
    project = open_project(project_dir, author="tester")
    project.articles.import_paths([corpus_dir])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    yield window
    project.close()


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def _menu(window: MainWindow, name: str) -> QMenu:
    for action in window.menuBar().actions():
        if action.text().replace("&", "") == name and isinstance(action.menu(), QMenu):
            return action.menu()
    raise AssertionError(f"no {name} menu")


def _no_clash_among_shown_buttons(window: MainWindow) -> None:
    top = [(a.text(), _mnemonic(a.text())) for a in window.menuBar().actions()]
    buttons = [(b.text(), _mnemonic(b.text())) for b in window.findChildren(QAbstractButton)
               if b.isVisibleTo(window)]
    letters = [m for _t, m in top + buttons if m]
    assert len(letters) == len(set(letters)), [t for t in top + buttons if t[1]]


def test_no_two_commands_share_an_alt_letter(window) -> None:
    """The menu bar and every button of the window answer Alt+letter together; each menu's
    items answer it among themselves once the menu is open."""
    _no_clash_among_shown_buttons(window)
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    while menus:
        menu = menus.pop()
        items = [a for a in menu.actions() if not a.isSeparator()]
        letters = [m for m in (_mnemonic(a.text()) for a in items) if m]
        assert len(letters) == len(set(letters)), [a.text() for a in items]
        menus += [a.menu() for a in items if isinstance(a.menu(), QMenu)]


def test_the_view_menu_shows_and_hides_every_dock(window) -> None:
    view = _menu(window, "View")
    docks = window.findChildren(QDockWidget)
    assert {a.text() for a in view.actions()} == {d.windowTitle() for d in docks}
    flags = next(a for a in view.actions() if a.text() == "Flags")
    dock = next(d for d in docks if d.windowTitle() == "Flags")
    flags.trigger()
    assert dock.isHidden()
    flags.trigger()
    assert not dock.isHidden()


def test_help_lists_the_shortcuts_and_says_where_things_live(window) -> None:
    shortcuts = window.help.show_shortcuts().text.toPlainText()
    assert "Ctrl+M" in shortcuts and "Claim > Mark selection as claim" in shortcuts
    assert "Ctrl+K" in shortcuts and "Check > Find disagreements" in shortcuts
    about = window.help.show_about().text.toPlainText()
    assert f"Factdesk {desktop_app.__version__}" in about and "MIT" in about
    assert str(window.project.folder) in about and "keys" in about


def test_no_alt_letter_clash_whichever_dock_is_in_front(window) -> None:
    """Tabbed docks show their buttons one tab at a time: each in front in turn (the review
    queue's among them) must share no Alt+letter with the menu bar or the other docks."""
    docks = window.findChildren(QDockWidget)
    assert window.review.dock in docks
    for dock in docks:
        dock.show()
        dock.raise_()
        _no_clash_among_shown_buttons(window)


def test_help_lists_the_review_queue_keys(window) -> None:
    """J/K and the decisions are menu commands, so Help lists them with their keys."""
    lines = window.help.show_shortcuts().text.toPlainText().splitlines()
    for keys, command in (("Ctrl+Shift+R", "Review > Open review queue"),
                          ("J", "Review > Next item"), ("K", "Review > Previous item"),
                          ("C", "Review > Confirm flag"), ("D", "Review > Dismiss flag"),
                          ("R", "Review > Reopen"), ("N", "Review > Write a note"),
                          ("O", "Review > Show the other side"), ("F", "Review > Filters"),
                          ("1", "Review > Set verdict and mark reviewed > true"),
                          ("5", "Review > Set verdict and mark reviewed > false")):
        assert f"{keys:<16} {command}" in lines, command
