"""A project opened read-only says so at the top of the window and disables what would
change it, while reading, searching, exporting and the report stay available."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.services import Project, open_project
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def read_only_project(tmp_path: Path, corpus_dir: Path) -> Iterator[Project]:
    """The corpus, checked (two flags), one claim needing review, then the folder made
    unwritable and the project opened again."""
    folder = tmp_path / "desk"
    with open_project(folder, author="tester") as project:
        project.articles.import_paths([corpus_dir])
        project.checking.check()
        article = project.articles.list()[0]
        text = project.articles.get(article.id).text
        project.claims.add(article.id, start=0, end=text.index(" ", 20), status="needs review")
    paths = [folder, *folder.rglob("*")]
    for path in paths:
        path.chmod(stat.S_IRUSR | (stat.S_IXUSR if path.is_dir() else 0))
    try:
        with open_project(folder) as opened:
            assert opened.read_only
            yield opened
    finally:
        for path in paths:
            path.chmod(stat.S_IRWXU)


def _menu(window: MainWindow, title: str):
    return next(a for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def test_a_read_only_project_says_so_and_offers_no_change(qtbot, read_only_project) -> None:
    window = MainWindow(read_only_project)
    qtbot.addWidget(window)
    window.show()
    strip = window.read_only_strip
    assert strip.isVisible() and "Read-only" in strip.label.text()
    assert str(read_only_project.folder) in strip.label.text()
    label = strip.label
    for width in (1366, 1024):  # the whole text inside the strip, one line or wrapped
        window.resize(width, 740)
        qtbot.waitUntil(lambda: strip.rect().contains(label.geometry())
                        and label.height() >= label.heightForWidth(label.width()))
    claim_menu = _menu(window, "Claim")
    assert not claim_menu.isEnabled()
    assert not any(a.isEnabled() for a in claim_menu.menu().actions() if a.text())
    assert not window.review.panel.note.isEnabled()
    assert not window.mark_action.isEnabled() and not window.check_action.isEnabled()
    file_menu = _menu(window, "File").menu()
    enabled = {a.text().replace("&", ""): a.isEnabled() for a in file_menu.actions()}
    assert not enabled["Import files…"] and not enabled["Import bundle…"]
    assert enabled["Report…"] and enabled["Export"]  # what reads the project still works
    window.show_flags()
    panel = window.flag_panel
    assert panel.flags.rowCount() == 2 and panel.current_flag() is not None
    assert not any(button.isEnabled() for button in panel.buttons.values())
    window.review.open_queue()
    assert window.review.panel.current_item() is not None
    assert not window.review.confirm_action.isEnabled()
    assert not any(a.isEnabled() for a in window.review.verdict_actions.values())
    claim = read_only_project.claims.list()[0]
    window.show_claim(claim.id)
    assert not window.inspector.verdict.isEnabled() and window.inspector.note.isReadOnly()
    assert window.search_panel.isEnabled()


def test_a_writable_project_shows_no_strip_and_takes_decisions(qtbot, project,
                                                               corpus_dir) -> None:
    project.articles.import_paths([corpus_dir])
    project.checking.check()
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    assert not hasattr(window, "read_only_strip")
    assert _menu(window, "Claim").isEnabled() and window.check_action.isEnabled()
    window.show_flags()
    assert window.flag_panel.buttons["confirmed"].isEnabled()
