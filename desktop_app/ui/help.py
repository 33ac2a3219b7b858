"""The View and Help menus: which docks show, the keyboard shortcuts (read from the menus
themselves, so the list is never out of date) and About (version, licence, where the project
and the settings live)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
)

import desktop_app
from desktop_app.services import Project
from desktop_app.services.settings import Settings


def add_view_menu(window: QMainWindow, docks: Iterable[QDockWidget]) -> QMenu:
    """A View menu with one check item per dock: ticking it shows the dock."""
    menu = window.menuBar().addMenu("&View")
    for dock in docks:
        menu.addAction(dock.toggleViewAction())
    return menu


def leaf_actions(menu: QMenu, path: str) -> Iterator[tuple[str, QAction]]:
    """Every command of ``menu`` and its submenus as ("Path > Command", action), a submenu
    filled first as it fills itself when opened (Recent projects)."""
    for action in menu.actions():
        if action.isSeparator():
            continue
        name = f"{path} > {action.text().replace('&', '')}"
        sub = action.menu()
        if isinstance(sub, QMenu):
            sub.aboutToShow.emit()
            yield from leaf_actions(sub, name)
        else:
            yield name, action


def shortcut_lines(window: QMainWindow) -> list[str]:
    """Every menu command that has a keyboard shortcut, as "keys  Menu > Command", in menu
    order (Qt's native text for the keys, e.g. "Ctrl+M")."""
    lines = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for name, action in leaf_actions(menu, top.text().replace("&", "")):
            keys = action.shortcut().toString()
            if keys:
                lines.append(f"{keys:<16} {name}")
    return lines


class TextDialog(QDialog):
    """A window of plain text with Close (non-modal: the main window stays usable)."""

    def __init__(self, title: str, text: str, window: QMainWindow) -> None:
        super().__init__(window)
        self.setWindowTitle(title)
        self.text = QPlainTextEdit(text)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # one command a line
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMinimumSize(520, 300)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(self._fitting_size(text, layout, buttons.sizeHint().height()))

    def _fitting_size(self, text: str, layout: QVBoxLayout, below: int) -> QSize:
        """Big enough to show every line without scrolling or wrapping, within 80% of the
        screen (what is longer scrolls)."""
        metrics = QFontMetrics(self.text.font())
        lines = text.splitlines() or [""]
        width = max(metrics.horizontalAdvance(line) for line in lines) + metrics.maxWidth()
        height = metrics.lineSpacing() * (len(lines) + 1)
        margins = layout.contentsMargins()
        # the text box's frame and document margin, the scroll bar, the layout's spacing
        extra = 2 * (self.text.frameWidth() + int(self.text.document().documentMargin()))
        size = QSize(width + extra + self.text.verticalScrollBar().sizeHint().width()
                     + margins.left() + margins.right(),
                     height + extra + below + layout.spacing()
                     + margins.top() + margins.bottom())
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            size = size.boundedTo(QSize(int(screen.width() * 0.8), int(screen.height() * 0.8)))
        return size.expandedTo(self.minimumSizeHint())


def about_text(project: Project) -> str:
    """What About says: the version, the licence, and where things are kept."""
    settings = Settings.load()
    return "\n".join([
        f"Factdesk {desktop_app.__version__}",
        "An offline desk for fact-checkers. MIT licence.",
        "",
        f"This project: {project.folder}",
        f"Your settings: {settings.path}",
        f"Your signing key and trusted keys: {settings.path.parent / 'keys'}",
        f"Changes are recorded under the name: {project.author}",
    ])


class HelpMenu:
    """Help > Keyboard shortcuts and Help > About Factdesk."""

    def __init__(self, window: QMainWindow, project: Project) -> None:
        self.window, self.project = window, project
        self.dialog: TextDialog | None = None
        menu = window.menuBar().addMenu("&Help")
        menu.addAction("&Keyboard shortcuts", self.show_shortcuts)
        menu.addAction("&About Factdesk", self.show_about)

    def show_shortcuts(self) -> TextDialog:
        """The shortcuts of every menu command."""
        return self._show("Keyboard shortcuts", "\n".join(shortcut_lines(self.window)))

    def show_about(self) -> TextDialog:
        """Version, licence and where the project and settings live."""
        return self._show("About Factdesk", about_text(self.project))

    def _show(self, title: str, text: str) -> TextDialog:
        self.dialog = TextDialog(title, text, self.window)
        self.dialog.show()
        return self.dialog
