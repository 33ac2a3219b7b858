"""Qt item models over the project's records. They hold frozen dataclasses and refresh only
the rows a mutation reports as changed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.core.models import Claim
from desktop_app.ui.plain import shown, tooltip

Index = QModelIndex | QPersistentModelIndex


class HeaderedTableModel(QAbstractTableModel):
    """A flat table whose columns are named by ``HEADERS``: the column count and the header
    labels every table of the window shares."""

    HEADERS: tuple[str, ...] = ()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.HEADERS)):
            return self.HEADERS[section]
        return None


class ClaimTableModel(HeaderedTableModel):
    """The claims of one article: quote, verdict, status, tags."""

    HEADERS = ("Quote", "Verdict", "Status", "Tags", "Note")
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._claims: list[Claim] = []
        self._in_conflict: frozenset[str] = frozenset()
        self._rows: dict[str, int] | None = None  # claim id -> row, built when first asked

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._claims)

    def set_conflicts(self, claim_ids: frozenset[str]) -> None:
        """Mark the claims edited on both sides of a bundle exchange."""
        if claim_ids == self._in_conflict:
            return
        self._in_conflict = claim_ids
        if self._claims:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._claims) - 1, 2))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._claims):
            return None
        claim = self._claims[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            status = (f"{claim.status} · in conflict" if claim.id in self._in_conflict
                      else claim.status)
            values = (" ".join(claim.exact.split()), claim.verdict, status,
                      ", ".join(claim.tags), claim.note)
            value = values[index.column()] if 0 <= index.column() < len(values) else None
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(value)
            return shown(value) if value is not None else None
        if role == self.IdRole:
            return claim.id
        return None

    def claims(self) -> list[Claim]:
        return list(self._claims)

    def claim_at(self, row: int) -> Claim:
        return self._claims[row]

    def row_of(self, claim_id: str) -> int:
        """The row of a claim, or -1 when it is not shown."""
        if self._rows is None:
            self._rows = {c.id: r for r, c in enumerate(self._claims)}
        return self._rows.get(claim_id, -1)

    def set_claims(self, claims: Sequence[Claim]) -> None:
        self.beginResetModel()
        self._claims = list(claims)
        self._rows = None
        self.endResetModel()

    def upsert(self, claim: Claim) -> None:
        """Put one claim in place (insert in position order, or refresh its row)."""
        for row, existing in enumerate(self._claims):
            if existing.id == claim.id:
                self._claims[row] = claim
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
                return
        row = sum(1 for c in self._claims if (c.start, c.end) <= (claim.start, claim.end))
        self.beginInsertRows(QModelIndex(), row, row)
        self._claims.insert(row, claim)
        self._rows = None
        self.endInsertRows()

    def remove(self, claim_id: str) -> None:
        for row, existing in enumerate(self._claims):
            if existing.id == claim_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._claims[row]
                self._rows = None
                self.endRemoveRows()
                return
