"""Projects in the window: New, Open, Recent, the last one reopened at start, and a project
that cannot be opened (newer version, damaged file, read-only folder) bringing up a dialog
that says so and offers another. Window settings and the recent list go to files of the
test, never the user's own."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings

from desktop_app.services import Project, open_project
from desktop_app.services.recent import RecentProjects
from desktop_app.services.settings import PROJECT_ENV
from desktop_app.ui.project_dialog import ProjectDialog
from desktop_app.ui.projects import Desk
from desktop_app.ui.window_layout import WindowLayout
from tests.conftest import ROOT

SCREEN = QRect(0, 0, 1366, 740)


def _article(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _project(folder: Path, *texts: str) -> Path:
    with open_project(folder, author="tester") as project:
        if texts:
            project.articles.import_paths(
                [_article(folder.parent / f"in-{folder.name}", f"a{i}", text)
                 for i, text in enumerate(texts)])
    return folder


class Picker:
    """Stands for the folder dialog: answers each question with the next folder."""

    def __init__(self, *answers: Path | None) -> None:
        self.answers = list(answers)
        self.captions: list[str] = []

    def __call__(self, _parent, caption: str) -> Path | None:
        self.captions.append(caption)
        return self.answers.pop(0)


@pytest.fixture
def make_desk(tmp_path, qtbot, monkeypatch):
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    desks: list[Desk] = []

    def make(picker: Picker | None = None, fill_later: bool = False) -> Desk:
        desk = Desk(recent=RecentProjects.load(tmp_path / "config" / "recent.json"),
                    layout=WindowLayout(QSettings(str(tmp_path / "config" / "window.ini"),
                                                  QSettings.Format.IniFormat)),
                    picker=picker or Picker(), available=SCREEN, fill_later=fill_later)
        desk.sig_window_changed.connect(qtbot.addWidget)
        desks.append(desk)
        return desk

    yield make
    for desk in desks:
        if desk.window is not None:
            desk.window.close()
        desk.close()


def _titles(desk: Desk) -> str:
    assert desk.window is not None
    return desk.window.windowTitle()


def test_new_project_opens_an_empty_project_in_the_chosen_folder(tmp_path, make_desk):
    desk = make_desk(Picker(tmp_path / "fresh"))
    assert desk.open(_project(tmp_path / "first", "The port cost 3 million."))
    assert desk.new_project()
    assert _titles(desk) == "Factdesk — fresh"
    assert (tmp_path / "fresh" / "project.sqlite3").exists()
    assert desk.window.library.articles.rowCount() == 0
    assert desk.recent.folders[:2] == [tmp_path / "fresh", tmp_path / "first"]


def test_open_project_replaces_the_window_and_closes_the_old_project(tmp_path, make_desk,
                                                                      monkeypatch):
    closed: list[Path] = []
    real_close = Project.close

    def close(project: Project) -> None:
        closed.append(project.folder)
        real_close(project)

    other = _project(tmp_path / "other", "The bridge opened in 2031.", "Rain fell.")
    first = _project(tmp_path / "first")
    monkeypatch.setattr(Project, "close", close)
    desk = make_desk(Picker(other))
    assert desk.open(first)
    first_window, first_project = desk.window, desk.project
    assert desk.open_project()
    assert _titles(desk) == "Factdesk — other"
    assert desk.window is not first_window and not first_window.isVisible()
    assert desk.window.library.articles.rowCount() == 2
    assert closed == [first_project.folder]


def test_recent_projects_lists_the_opened_folders_and_reopens_one(tmp_path, make_desk):
    one = _project(tmp_path / "one", "One article.")
    two = _project(tmp_path / "two")
    desk = make_desk()
    assert desk.open(one) and desk.open(two)
    menu = desk.window.recent_menu
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert texts == [f"&1 {two}", f"&2 {one}"]
    assert not menu.actions()[0].isEnabled()  # the project already open
    menu.actions()[1].trigger()
    assert _titles(desk) == "Factdesk — one"
    assert desk.window.library.articles.rowCount() == 1


def test_the_last_project_opened_is_reopened_at_start(tmp_path, make_desk):
    one = _project(tmp_path / "one")
    two = _project(tmp_path / "two")
    desk = make_desk()
    assert desk.open(one) and desk.open(two)
    desk.window.close()
    desk.close()
    again = make_desk()
    assert again.open_at_start(None)
    assert again.project.folder == two


def test_the_app_started_without_a_project_reopens_the_last_one(tmp_path):
    """Two real starts of the app: the second, given no project, opens the first's."""
    env = {k: v for k, v in os.environ.items() if k != PROJECT_ENV}
    env.update(QT_QPA_PLATFORM="offscreen", FACTDESK_QUIT_AFTER_START="1",
               FACTDESK_AUTHOR="tester", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    desk = tmp_path / "my desk"
    first = subprocess.run([sys.executable, "-m", "desktop_app", "--project", str(desk)],
                           cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    second = subprocess.run([sys.executable, "-m", "desktop_app"], cwd=ROOT,
                            capture_output=True, text=True, env=env, timeout=120)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "factdesk: window shown: Factdesk — my desk"
    assert not (tmp_path / "data" / "Factdesk" / "default-project").exists()


# -- projects that cannot be opened ----------------------------------------------------------


def _newer(folder: Path) -> Path:
    _project(folder, "Made by a later Factdesk.")
    connection = sqlite3.connect(folder / "project.sqlite3")
    connection.execute("UPDATE alembic_version SET version_num = 'f999_from_the_future'")
    connection.commit()
    connection.close()
    return folder


def _damaged(folder: Path) -> Path:
    _project(folder, *(f"Article {i}: " + "the council spent money on roads. " * 150
                       for i in range(20)))
    database = folder / "project.sqlite3"
    for leftover in ("project.sqlite3-wal", "project.sqlite3-shm"):
        (folder / leftover).unlink(missing_ok=True)
    data = bytearray(database.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset:offset + 200] = b"\xff" * 200
    database.write_bytes(bytes(data))
    return folder


def _read_only_new(folder: Path) -> Path:
    folder.mkdir()
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    return folder


UNOPENABLE = [
    ("newer", _newer, ["made by a newer Factdesk", "update Factdesk to open it"]),
    ("damaged", _damaged, ["malformed|not a database", "database file is damaged"]),
    ("read-only", _read_only_new, ["is read-only: cannot create a project",
                                   "cannot be written to from here"]),
]


@pytest.mark.parametrize(("kind", "make", "says"), UNOPENABLE, ids=[u[0] for u in UNOPENABLE])
def test_an_unopenable_project_says_why_and_offers_a_recent_one(tmp_path, make_desk, kind,
                                                                 make, says):
    import re

    good = _project(tmp_path / "good", "A good article.")
    bad = make(tmp_path / "bad")
    try:
        desk = make_desk()
        assert desk.open(good)
        desk.window.close()
        desk.close()
        desk = make_desk()
        seen: list[ProjectDialog] = []

        def answer(dialog: ProjectDialog) -> None:
            seen.append(dialog)
            assert dialog.recent.count() == 1  # the offer: the good project, selected
            assert dialog.recent.item(0).text() == str(good)
            assert dialog.open_selected_button.isEnabled()
            assert dialog.open_other_button.isVisibleTo(dialog)
            assert dialog.new_button.isVisibleTo(dialog)
            dialog.open_selected_button.click()

        desk.dialog_hook = answer
        assert desk.open(bad, create=(kind == "read-only"))
        text = seen[0].text()
        assert f"Factdesk cannot open the project in {bad}" in text
        for phrase in says:
            assert re.search(phrase, text), text
        assert "Open another project instead" in text
        assert desk.project.folder == good and _titles(desk) == "Factdesk — good"
    finally:
        bad.chmod(stat.S_IRWXU)


def test_the_offer_can_be_another_folder_or_a_new_project(tmp_path, make_desk):
    other = _project(tmp_path / "other", "Another article.")
    desk = make_desk(Picker(other))
    desk.dialog_hook = lambda dialog: dialog.open_other_button.click()
    assert desk.open_at_start(_newer(tmp_path / "newer"))
    assert desk.project.folder == other
    desk.window.close()
    desk.close()

    desk = make_desk(Picker(tmp_path / "not-empty-so-no", tmp_path / "brand-new"))
    _article(tmp_path / "not-empty-so-no", "x", "someone's notes")
    said: list[str] = []

    def new_project(dialog: ProjectDialog) -> None:
        dialog.new_button.click()  # a folder with files: said, and the dialog stays
        said.append(dialog.reason.text())
        assert dialog.choice is None
        dialog.new_button.click()

    desk.dialog_hook = new_project
    assert desk.open(tmp_path / "newer")
    assert "not empty" in said[0]
    assert desk.project.folder == tmp_path / "brand-new"
    assert (tmp_path / "brand-new" / "project.sqlite3").exists()


def test_cancelling_the_offer_keeps_the_project_that_is_open(tmp_path, make_desk):
    good = _project(tmp_path / "good", "Kept.")
    desk = make_desk(Picker(_newer(tmp_path / "newer")))
    assert desk.open(good)
    window = desk.window

    def cancel(dialog: ProjectDialog) -> None:
        assert dialog.quit_button.text() == "&Cancel"  # a window is open: nothing quits
        dialog.quit_button.click()

    desk.dialog_hook = cancel
    assert not desk.open_project()
    assert desk.window is window and window.isVisible()
    assert desk.project.folder == good
    assert len(desk.project.articles.list()) == 1


def test_a_project_in_a_read_only_folder_opens_read_only_and_says_so(tmp_path, make_desk):
    folder = _project(tmp_path / "shared", "Read, not written.")
    for path in folder.rglob("*"):
        path.chmod(stat.S_IRUSR | (stat.S_IXUSR if path.is_dir() else 0))
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        desk = make_desk()
        assert desk.open(folder)
        assert desk.project.read_only
        assert _titles(desk) == "Factdesk — shared (read-only)"
        desk.window.close()
        desk.close()
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(stat.S_IRWXU)


def test_at_start_the_window_shows_first_and_the_library_fills_in_the_background(
        tmp_path, make_desk, qtbot):
    folder = _project(tmp_path / "big", *(f"Article {i} on the harbour." for i in range(12)))
    desk = make_desk(fill_later=True)
    assert desk.open(folder)
    window = desk.window
    assert window.isVisible()
    qtbot.waitUntil(lambda: window.library.articles.rowCount() == 12, timeout=60_000)
    qtbot.waitUntil(lambda: window.reader.article_text != "", timeout=10_000)
    assert window.library.count.text() == "12 articles, 0 claims"


def test_a_library_that_cannot_be_read_in_the_background_offers_another_project(
        tmp_path, make_desk, qtbot, monkeypatch):
    good = _project(tmp_path / "good", "A good article.")
    bad = _damaged(tmp_path / "bad")
    desk = make_desk(fill_later=True)
    assert desk.open(good)
    seen: list[str] = []

    def answer(dialog: ProjectDialog) -> None:
        seen.append(dialog.text())
        dialog.open_selected_button.click()

    desk.dialog_hook = answer
    if desk.open(bad):  # opened: the damage shows when the articles are read
        qtbot.waitUntil(lambda: bool(seen), timeout=60_000)
    assert "database file is damaged" in seen[0]
    qtbot.waitUntil(lambda: desk.project is not None and desk.project.folder == good,
                    timeout=10_000)


def test_the_new_project_dialog_takes_the_name_of_a_folder_that_does_not_exist_yet(
        tmp_path, qtbot):
    """File > New project… asks for a folder to be made: a typed new name is accepted (a
    folder dialog would answer "Directory not found"), and the project is made there."""
    from PySide6.QtWidgets import QDialog, QFileDialog

    from desktop_app.ui.projects import new_folder_dialog

    dialog = new_folder_dialog(None, "Name a new folder for the project")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the same on every desktop
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile(str(tmp_path / "Harbour desk"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert Path(dialog.selectedFiles()[0]) == tmp_path / "Harbour desk"
    assert not (tmp_path / "Harbour desk").exists()  # made only when the project is
