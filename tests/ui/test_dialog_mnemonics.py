"""No two controls of one dialog share an Alt+letter, in every dialog the app opens: each
command of every menu is run (with a claim, an entity and flags to act on) and every dialog
it opens, modal or not, is read and closed; the dialogs no menu command reaches directly
(a project that cannot be opened, a bundle's preview, the first run's welcome, confirming an
entity's delete, a flag's note) are opened the way the app opens them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QMenu,
    QWidget,
)

from desktop_app.services import open_project
from desktop_app.services.recent import RecentProjects
from desktop_app.ui import app as ui_app
from desktop_app.ui.help import leaf_actions
from desktop_app.ui.projects import Desk
from desktop_app.ui.window_layout import WindowLayout
from desktop_app.ui.workers import Worker, wait_for_workers
from tests.conftest import SAMPLES


def mnemonic_texts(dialog: QWidget) -> list[str]:
    """The texts in ``dialog`` that answer an Alt+letter: its visible buttons and check
    boxes, group boxes, and labels that name a field (a buddy)."""
    texts = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog)]
    texts += [g.title() for g in dialog.findChildren(QGroupBox) if g.isVisibleTo(dialog)]
    texts += [label.text() for label in dialog.findChildren(QLabel)
              if label.buddy() is not None and label.isVisibleTo(dialog)]
    return texts


def clashes(texts: list[str]) -> dict[str, list[str]]:
    """Alt+letters used by more than one text, with the texts."""
    by_letter: dict[str, list[str]] = {}
    for text in texts:
        found = re.search(r"&([^&])", text.replace("&&", ""))
        if found:
            by_letter.setdefault(found.group(1).lower(), []).append(text)
    return {letter: users for letter, users in by_letter.items() if len(users) > 1}


class DialogCatcher:
    """Reads, then closes, every dialog that opens while it runs: modal ones from inside
    their own event loop (a timer), others when :meth:`sweep` is called."""

    def __init__(self) -> None:
        self.seen: dict[str, list[str]] = {}
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _take(self, dialog: QWidget) -> None:
        name = f"{type(dialog).__name__}: {dialog.windowTitle()}"
        self.seen[name] = mnemonic_texts(dialog)
        if isinstance(dialog, QDialog):
            dialog.reject()
        dialog.close()

    def poll(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            self._take(modal)

    def sweep(self) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                self._take(widget)

    def settle(self, qtbot) -> None:
        """Let background work end (its end may open a dialog), then sweep."""
        for _ in range(3):
            qtbot.waitUntil(lambda: Worker.running() == 0, timeout=120_000)
            wait_for_workers()
            qtbot.wait(30)
            self.sweep()


@pytest.fixture
def desk(qtbot, tmp_path):
    project_dir = tmp_path / "p"
    with open_project(project_dir, author="tester") as project:
        project.articles.import_paths([SAMPLES])
        article = project.articles.list()[0]
        text = project.articles.get(article.id).text
        claim = project.claims.add(article.id, start=0, end=text.index(" ", 20)).claim
        entity = project.entities.add("Ana Lucía Ferrán", "person").entity
        project.entities.link(claim.id, entity.id)
        project.checking.check()
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    made = Desk(recent=RecentProjects.load(tmp_path / "recent.json"),
                layout=WindowLayout(settings))
    made.sig_window_changed.connect(qtbot.addWidget)
    assert made.open(project_dir)
    made.window.show_claim(claim.id)
    yield made
    made.window.close()
    made.close()


def test_the_project_commands_add_no_clash_to_the_file_menu(desk):
    file_menu = desk.window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&New project…", "&Open project…", "Recen&t projects"]
    assert not clashes(texts), clashes(texts)


def test_every_dialog_a_menu_command_opens_has_distinct_alt_letters(qtbot, desk):
    window = desk.window
    catcher = DialogCatcher()
    skipped = {"File > Quit"}
    run: list[str] = []
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for name, action in list(leaf_actions(menu, top.text().replace("&", ""))):
            if name in skipped or name.startswith("File > Recent projects") \
                    or not action.isEnabled():
                continue
            run.append(name)
            action.trigger()
            catcher.settle(qtbot)
    catcher.timer.stop()  # a catcher left polling would take the next test's dialogs
    assert "Check > Find disagreements" in run and "Help > About Factdesk" in run
    titles = " | ".join(catcher.seen)
    for expected in ("Import articles", "Keyboard shortcuts", "About Factdesk", "Tags",
                     "Note", "Export a bundle", "Open a Factdesk project folder", "Report"):
        assert expected in titles, titles
    for name, texts in catcher.seen.items():
        assert not clashes(texts), (name, clashes(texts))


def _opened(qtbot, open_it: Callable[[], object]) -> dict[str, list[str]]:
    catcher = DialogCatcher()
    open_it()
    catcher.settle(qtbot)
    catcher.timer.stop()
    assert catcher.seen, "no dialog opened"
    return catcher.seen


def test_the_dialogs_no_menu_command_opens_directly_have_distinct_alt_letters(
        qtbot, desk, tmp_path, monkeypatch):
    window = desk.window
    seen: dict[str, list[str]] = {}
    bundle = tmp_path / "out.factdesk"
    window.project.bundles.export(bundle)
    seen |= _opened(qtbot, lambda: window.exchange.preview_bundle(bundle))
    future = tmp_path / "missing-parent" / "file-not-folder"
    future.parent.mkdir()
    future.write_text("not a project", encoding="utf-8")
    seen |= _opened(qtbot, lambda: desk.open(future))
    entity_id = window.project.entities.list()[0].id
    seen |= _opened(qtbot, lambda: window.delete_entity(entity_id))
    flag = window.project.flags.list()[0]
    seen |= _opened(qtbot, lambda: window.resolve_flag(flag, "confirmed"))
    with open_project(tmp_path / "empty", author="tester") as empty:
        from desktop_app.ui.main_window import MainWindow

        fresh = MainWindow(empty)
        qtbot.addWidget(fresh)
        monkeypatch.setattr(ui_app, "user_settings", lambda: QSettings(
            str(tmp_path / "w2.ini"), QSettings.Format.IniFormat), raising=False)
        seen |= _opened(qtbot, lambda: ui_app.offer_samples(fresh))
        fresh.close()
    titles = " | ".join(seen)
    for expected in ("Import ", "cannot open the project", "Delete entity", "Confirmed flag",
                     "Welcome to Factdesk"):
        assert expected in titles, titles
    for name, texts in seen.items():
        assert not clashes(texts), (name, clashes(texts))


def test_a_clash_is_found_when_there_is_one() -> None:
    assert clashes(["&Open", "Open &selected", "&Other"]) == {"o": ["&Open", "&Other"]}
    assert clashes(["Save && &close", "&Save"]) == {}
