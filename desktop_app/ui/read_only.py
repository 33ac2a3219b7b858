"""A project opened read-only (its folder or database file cannot be written): a strip
across the top of the window says so and what can still be done, and the commands that
would change the project are disabled instead of failing one by one when tried.

Reading, searching, exports and the report stay available; the panels whose decision
buttons follow the current item (flags, review queue, conflicts) ask ``project.read_only``
themselves.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMainWindow, QMenu, QSizePolicy

from desktop_app.ui.strip import add_top_strip

#: The File menu's entries that add to the project; matched without their "&" mnemonic.
_IMPORTS = ("Import files…", "Import folder…", "Import bundle…", "Import W3C annotations…",
            "Import ClaimReview…")


def read_only_text(folder: object) -> str:
    """What the strip says: why nothing can be changed, what still works, what to do."""
    return (f"Read-only: {folder} cannot be written, so this project can be read, searched, "
            "exported and reported on but not changed. To work on it, copy the folder to a "
            "place you can write to and open the copy (File > Open project…).")


class ReadOnlyStrip(QFrame):
    """One line across the top of the window; colours from the palette."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setObjectName("read_only_strip")
        self.setStyleSheet("QFrame#read_only_strip { background: palette(alternate-base); "
                           "border: 1px solid palette(mid); border-radius: 4px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.label = QLabel(text)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setMinimumHeight(1)  # its height is set for its width below
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 4, 8, 4)
        self._layout.addWidget(self.label, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        """As tall as the text wrapped at this width: a tool bar would otherwise give it
        the height of the text wrapped at the label's preferred, narrower width."""
        super().resizeEvent(event)
        margins = self.contentsMargins() + self._layout.contentsMargins()
        width = event.size().width() - margins.left() - margins.right()
        height = self.label.heightForWidth(width) + margins.top() + margins.bottom()
        if height > 0 and height != self.maximumHeight():
            self.setFixedHeight(height)
        self.label.setGeometry(self.contentsRect().marginsRemoved(self._layout.contentsMargins()))


def _label(action: QAction) -> str:
    return action.text().replace("&", "")


def show_read_only(window: QMainWindow) -> ReadOnlyStrip:
    """Put the strip in ``window`` (a MainWindow on a read-only project) and disable what
    would change the project: the Claim menu, Check > Find disagreements, the imports, the
    claim inspector's fields and the entity list's editing. Returns the strip."""
    strip = ReadOnlyStrip(read_only_text(window.project.folder))  # type: ignore[attr-defined]
    add_top_strip(window, "Read-only", "read_only", strip)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        if _label(menu_action) == "Claim":  # the menu and every command in it
            menu_action.setEnabled(False)
            for action in menu.actions():
                action.setEnabled(False)
                submenu = action.menu()
                if isinstance(submenu, QMenu):
                    for inner in submenu.actions():
                        inner.setEnabled(False)
        for action in menu.actions():
            if _label(action) in _IMPORTS:
                action.setEnabled(False)
    for action in (window.mark_action, window.check_action):  # type: ignore[attr-defined]
        action.setEnabled(False)
    inspector = window.inspector  # type: ignore[attr-defined]
    for widget in (inspector.verdict, inspector.status, inspector.tag_input,
                   inspector.entity_input, inspector.tags, inspector.entities):
        widget.setEnabled(False)
    inspector.note.setReadOnly(True)
    window.review.panel.note.setEnabled(False)  # type: ignore[attr-defined]  # no decision
    entities = window.entities_panel  # type: ignore[attr-defined]
    entities.set_writable(False)
    return strip
