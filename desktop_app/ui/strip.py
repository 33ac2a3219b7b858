"""A strip across the top of the main window, above the panels: the guided first step and
the read-only notice. It sits in a tool bar that cannot be moved, floated or hidden from
the View menu, so it stays where it is until its owner removes it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolBar, QWidget


def add_top_strip(window: QMainWindow, title: str, name: str, content: QWidget) -> QToolBar:
    """Put ``content`` across the top of ``window`` in a fixed tool bar named ``name``
    (for saved layouts) and titled ``title``; shown at once. Returns the tool bar (remove
    it with ``window.removeToolBar``)."""
    bar = QToolBar(title, window)
    bar.setObjectName(name)
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setVisible(False)
    bar.addWidget(content)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    bar.show()  # at once, not at the window's next layout pass
    return bar
