"""The review queue's item model, and the proxy that applies the editor's filters.

The model holds every item of the queue (open and decided); a new reading of the queue is
merged row by row (:meth:`ReviewModel.set_queue`), so the view keeps its place and a decided
item leaves the "open" filter the moment its row changes.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QGuiApplication, QPalette

from desktop_app.core.review import ReviewFilter, ReviewItem, ReviewQueue
from desktop_app.core.vocab import ReviewItemKind
from desktop_app.ui.models import HeaderedTableModel
from desktop_app.ui.plain import shown, tooltip

Index = QModelIndex | QPersistentModelIndex


class ReviewModel(HeaderedTableModel):
    """One row per review item: what it is, its severity and status, what it says, the
    articles it comes from and who raised or marked it."""

    HEADERS = ("Item", "Severity", "Status", "What", "Articles", "Author")
    ItemRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[ReviewItem] = []
        self._titles: dict[str, str] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def item_at(self, row: int) -> ReviewItem:
        return self._items[row]

    def items(self) -> list[ReviewItem]:
        return list(self._items)

    def row_of(self, item_id: str) -> int:
        """The row of an item, or -1."""
        return next((r for r, item in enumerate(self._items) if item.id == item_id), -1)

    def _texts(self, item: ReviewItem) -> tuple[str, ...]:
        kinds = ", ".join(item.flag_kinds)
        what = ("Flag" if item.kind is ReviewItemKind.FLAG else "Claim") + (
            f" · {kinds}" if kinds else "")
        titles = " / ".join(self._titles.get(a, "?") for a in item.article_ids)
        return (what, item.severity or "—", item.status, item.summary, titles, item.author)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            texts = self._texts(item)
            if not 0 <= index.column() < len(texts):
                return None
            value = texts[index.column()]
            return tooltip(value) if role == Qt.ItemDataRole.ToolTipRole else shown(value)
        if role == Qt.ItemDataRole.ForegroundRole and not item.open:
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == self.ItemRole:
            return item
        return None

    def set_queue(self, queue: ReviewQueue) -> None:
        """Merge a new reading of the queue: rows of items gone are removed, new items are
        inserted where the queue's order puts them, changed items are updated in place."""
        retitled = self._titles != queue.article_titles
        self._titles = dict(queue.article_titles)
        wanted = list(queue.items)
        keep = {item.id for item in wanted}
        had = {item.id for item in self._items}
        if len(keep ^ had) > MERGE_AT_MOST:
            # Many rows come or go (a check's flags): one reset is far cheaper than a
            # signal per row through the filter; the panel puts the current item back.
            self.beginResetModel()
            self._items = wanted
            self.endResetModel()
            return
        for row in reversed(range(len(self._items))):
            if self._items[row].id not in keep:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._items[row]
                self.endRemoveRows()
        for row, item in enumerate(wanted):
            if row < len(self._items) and self._items[row].id == item.id:
                if self._items[row] != item:
                    self._items[row] = item
                    self.dataChanged.emit(self.index(row, 0),
                                          self.index(row, self.columnCount() - 1))
                continue
            old = next((r for r in range(row + 1, len(self._items))
                        if self._items[r].id == item.id), -1)
            if old >= 0:  # moved up: take it out of its old place first
                self.beginRemoveRows(QModelIndex(), old, old)
                del self._items[old]
                self.endRemoveRows()
            self.beginInsertRows(QModelIndex(), row, row)
            self._items.insert(row, item)
            self.endInsertRows()
        if retitled and self._items:
            self.dataChanged.emit(self.index(0, 4), self.index(len(self._items) - 1, 4))


#: Above this many items come or gone, a new reading replaces the rows (a model reset)
#: instead of being merged row by row.
MERGE_AT_MOST = 50


class ReviewFilterProxy(QSortFilterProxyModel):
    """The rows of :class:`ReviewModel` that pass a :class:`ReviewFilter`, in queue order.
    Filtering is dynamic: a row that stops matching (an item decided) leaves at once."""

    def __init__(self, source: ReviewModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = ReviewFilter()
        self._source = source
        self.setSourceModel(source)
        self.setDynamicSortFilter(True)

    @property
    def filter(self) -> ReviewFilter:
        return self._filter

    def set_filter(self, wanted: ReviewFilter) -> None:
        if wanted == self._filter:
            return
        self.beginFilterChange()
        self._filter = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if source_parent.isValid() or not 0 <= source_row < self._source.rowCount():
            return False
        return self._filter.matches(self._source.item_at(source_row))

    def item_at(self, row: int) -> ReviewItem:
        """The item shown at ``row``."""
        return self._source.item_at(self.mapToSource(self.index(row, 0)).row())

    def row_of(self, item_id: str) -> int:
        """The shown row of an item, or -1 when it is filtered out or gone."""
        source = self._source.row_of(item_id)
        if source < 0:
            return -1
        return self.mapFromSource(self._source.index(source, 0)).row()
