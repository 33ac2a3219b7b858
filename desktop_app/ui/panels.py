"""The layout shared by panels that compare two things: a list on the left; on the right a
heading, the two sides next to each other, and a row of buttons under them that wraps on a
narrow window rather than make the window wider than the screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop_app.ui.flow_layout import FlowLayout


class WrappingRow(QWidget):
    """A row of widgets that wraps onto more lines when narrow, and asks for the height of
    all its lines: a dock or window lays out by minimum sizes, so without this the second
    line would be cut off by the bottom of a short dock."""

    def __init__(self, widgets: Sequence[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self.flow.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            self.flow.addWidget(widget)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        height = self.flow.heightForWidth(event.size().width())
        if height != self.minimumHeight():
            self.setMinimumHeight(height)


def lay_out_side_by_side(
    owner: QWidget,
    listing: Sequence[QWidget],
    heading: QWidget,
    sides: Sequence[QWidget],
    buttons: Sequence[QWidget],
) -> None:
    """Give ``owner`` the list-and-two-sides layout."""
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 0, 0)
    for widget in listing:
        left_layout.addWidget(widget, 1 if widget is listing[-1] else 0)
    pair = QSplitter(Qt.Orientation.Horizontal)
    for side in sides:
        pair.addWidget(side)
    right = QWidget()
    right_layout = QVBoxLayout(right)
    right_layout.setContentsMargins(0, 0, 0, 0)
    right_layout.addWidget(heading)
    right_layout.addWidget(pair, 1)
    # wraps: a dock with buttons in a row is never wider than the screen
    right_layout.addWidget(WrappingRow(buttons))
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setSizes([360, 900])
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(splitter)
