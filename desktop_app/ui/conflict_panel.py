"""The conflicts panel: claims edited on both sides of a bundle exchange, our version and
theirs side by side, and the buttons a person uses to settle them."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from desktop_app.core.models import Claim, ClaimConflict
from desktop_app.services import Project
from desktop_app.ui.panels import lay_out_side_by_side
from desktop_app.ui.plain import tooltip

Index = QModelIndex | QPersistentModelIndex
Conflict = tuple[Claim, ClaimConflict]


class ConflictListModel(QAbstractListModel):
    """Claims in conflict, one row each: the quote and who sent the other version."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Conflict] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        claim, conflict = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"“{claim.exact[:60]}” — {conflict.from_author}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"from {conflict.bundle}")
        return None

    def set_conflicts(self, rows: Sequence[Conflict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def conflict_at(self, row: int) -> Conflict:
        return self._rows[row]

    def claim_ids(self) -> frozenset[str]:
        return frozenset(claim.id for claim, _conflict in self._rows)


def _version(title: str, values: dict[str, Any]) -> str:
    rows = [("verdict", values["verdict"]), ("status", values["status"]),
            ("tags", ", ".join(values["tags"]) or "—"), ("note", values["note"] or "—"),
            ("quote", values["exact"])]
    cells = "".join(f"<tr><td><b>{name}</b></td><td>{html.escape(str(value))}</td></tr>"
                    for name, value in rows)
    return f"<h4>{html.escape(title)}</h4><table cellspacing='4'>{cells}</table>"


class ConflictPanel(QWidget):
    """Claims in conflict with both versions side by side."""

    sig_settle_requested = Signal(str, str)
    """A person chose a version: the claim's id and "ours" or "theirs"."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.conflicts = ConflictListModel(self)
        self.view = QListView()
        self.view.setModel(self.conflicts)
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # names come from other people
        self.sides = (QTextBrowser(), QTextBrowser())
        self.keep_ours = QPushButton("Keep &ours")
        self.take_theirs = QPushButton("Take &theirs")
        self.keep_ours.clicked.connect(lambda: self._settle("ours"))
        self.take_theirs.clicked.connect(lambda: self._settle("theirs"))
        lay_out_side_by_side(self, [self.view], self.heading, self.sides,
                             [self.keep_ours, self.take_theirs])
        self.refresh()

    def refresh(self) -> None:
        self.conflicts.set_conflicts(self.project.bundles.conflicts())
        if self.conflicts.rowCount():
            self.view.setCurrentIndex(self.conflicts.index(0))
        else:
            self.show_conflict(None)

    def claim_ids(self) -> frozenset[str]:
        """The claims now in conflict."""
        return self.conflicts.claim_ids()

    def current(self) -> Conflict | None:
        index = self.view.currentIndex()
        return self.conflicts.conflict_at(index.row()) if index.isValid() else None

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.show_conflict(self.current())

    def show_conflict(self, row: Conflict | None) -> None:
        settles = row is not None and not self.project.read_only
        self.keep_ours.setEnabled(settles)
        self.take_theirs.setEnabled(settles)
        if row is None:
            self.heading.setText("No claims in conflict.")
            for side in self.sides:
                side.clear()
            return
        claim, conflict = row
        self.heading.setText(f"Edited here and by {conflict.from_author} ({conflict.bundle}) "
                             "since the two projects last exchanged it.")
        ours = {"verdict": claim.verdict, "status": claim.status, "tags": list(claim.tags),
                "note": claim.note, "exact": claim.exact}
        self.sides[0].setHtml(_version("Ours", ours))
        self.sides[1].setHtml(_version(f"Theirs ({conflict.from_author})", conflict.incoming))

    def _settle(self, keep: str) -> None:
        row = self.current()
        if row is not None:
            self.sig_settle_requested.emit(row[0].id, keep)
