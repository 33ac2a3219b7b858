"""The library: the project's articles as a sortable table (title, outlet, author, published,
claims, open flags), filtered by the search query language, optionally grouped by outlet."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.errors import FactdeskError
from desktop_app.core.models import ArticleSummary
from desktop_app.services import Project
from desktop_app.ui.models import HeaderedTableModel
from desktop_app.ui.plain import shown, tooltip
from desktop_app.ui.workers import Outcome, WorkEnd, Worker, plain

Index = QModelIndex | QPersistentModelIndex


class ArticleTableModel(HeaderedTableModel):
    """The project's articles, one row each, with their claim and open-flag counts."""

    HEADERS = ("Title", "Outlet", "Author", "Published", "Claims", "Open flags")
    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._articles: list[ArticleSummary] = []
        self._rows: dict[str, int] = {}
        self._flags: dict[str, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.grouped = False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._articles)

    def _values(self, article: ArticleSummary) -> tuple[str | int, ...]:
        return (article.title, article.publisher or "", article.author or "",
                article.published.isoformat() if article.published else "",
                article.claim_count, self._flags.get(article.id, 0))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        if not 0 <= index.column() < len(self.HEADERS):
            return None
        article = self._articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._values(article)[index.column()]
            return shown(value) if isinstance(value, str) else value
        if role == self.SortRole:
            value = self._values(article)[index.column()]
            return value.casefold() if isinstance(value, str) else value
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [article.title, article.publisher, article.author,
                     article.published.isoformat() if article.published else None,
                     f"{article.claim_count} claims"]
            return tooltip(" · ".join(p for p in parts if p))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 4:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == self.IdRole:
            return article.id
        return None

    def set_articles(self, articles: Sequence[ArticleSummary]) -> None:
        self.beginResetModel()
        self._articles = list(articles)
        self._order()
        self.endResetModel()

    def _key(self, column: int):
        """The sort key of a row for ``column`` (the one column only: it runs per row)."""
        flags = self._flags
        value = (
            lambda a: a.title.casefold(),
            lambda a: (a.publisher or "").casefold(),
            lambda a: (a.author or "").casefold(),
            lambda a: a.published.isoformat() if a.published else "",
            lambda a: a.claim_count,
            lambda a: flags.get(a.id, 0),
        )[column]
        if not self.grouped:
            return value
        return lambda a: ((a.publisher or "").casefold(), value(a))

    def _order(self) -> None:
        """Put the rows in the sort order asked for, and index them by article id."""
        if self._sort is not None and 0 <= self._sort[0] < len(self.HEADERS):
            column, order = self._sort
            self._articles.sort(key=self._key(column),
                                reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = {article.id: row for row, article in enumerate(self._articles)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by one column's value (grouped: by outlet first), in one Python sort of the
        rows: the proxy's own sort would call back into Python for every comparison
        (at 10,000 articles, some 250,000 calls of ``data()``: seconds)."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._articles[index.row()].id for index in persistent]
        self._order()
        self.changePersistentIndexList(
            persistent, [self.index(self._rows[i], index.column())
                         for i, index in zip(ids, persistent, strict=True)])
        self.layoutChanged.emit()

    def set_grouped(self, grouped: bool) -> None:
        """Sort by outlet first (or not), then by the column sorted on."""
        self.grouped = grouped
        if self._sort is not None:
            self.sort(*self._sort)

    def set_open_flags(self, counts: dict[str, int]) -> None:
        """Show new open-flag counts (article id -> count)."""
        if counts != self._flags:
            self._flags = dict(counts)
            if self._sort is not None and self._sort[0] == 5:  # sorted by open flags
                self.sort(*self._sort)
            if self._articles:
                self.dataChanged.emit(self.index(0, 5), self.index(len(self._articles) - 1, 5))

    def claim_total(self) -> int:
        """The claims of every article listed."""
        return sum(article.claim_count for article in self._articles)

    def article_at(self, row: int) -> ArticleSummary:
        return self._articles[row]

    def row_of(self, article_id: str) -> int:
        return self._rows.get(article_id, -1)

    def set_claim_count(self, article_id: str, count: int) -> None:
        """Show a new number of claims for one article (after a mark, delete or undo)."""
        row = self.row_of(article_id)
        if row >= 0 and self._articles[row].claim_count != count:
            self._articles[row] = dataclasses.replace(self._articles[row], claim_count=count)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))


class ArticleFilter(QSortFilterProxyModel):
    """Keeps only the articles a search allowed (None: all), in the order of the article
    model, which sorts itself (by the column's value; grouped: by outlet first)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(ArticleTableModel.SortRole)
        self._allowed: frozenset[str] | None = None
        self.grouped = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The view's sort (a header click) is done by the article model."""
        source = self.sourceModel()
        if isinstance(source, ArticleTableModel):
            source.sort(column, order)

    def set_allowed(self, ids: frozenset[str] | None) -> None:
        self.beginFilterChange()
        self._allowed = ids
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_grouped(self, grouped: bool) -> None:
        self.grouped = grouped
        source = self.sourceModel()
        if isinstance(source, ArticleTableModel):
            source.set_grouped(grouped)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        """Grouped, an outlet is named on the first row of its group only."""
        value = super().data(index, role)
        if (self.grouped and role == Qt.ItemDataRole.DisplayRole and index.column() == 1
                and index.row() > 0
                and super().data(self.index(index.row() - 1, 1), role) == value):
            return ""
        return value

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 (Qt's name)
        if self._allowed is None:
            return True
        source = self.sourceModel()
        return source.index(row, 0, parent).data(ArticleTableModel.IdRole) in self._allowed


class Library(QWidget):
    """The left pane: filter box, group toggle, article table and a count."""

    sig_library_filled = Signal()
    """The articles read in the background are shown."""

    sig_fill_failed = Signal(str)
    """The articles could not be read in the background: why."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.articles = ArticleTableModel(self)
        self.proxy = ArticleFilter(self)
        self.proxy.setSourceModel(self.articles)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText('Filter: words, "a phrase", outlet:…, tag:…')
        self.filter.setClearButtonEnabled(True)
        self.filter.returnPressed.connect(self.apply_filter)
        self.filter.textChanged.connect(self._filter_cleared)
        self.group = QCheckBox("Group by outlet")
        self.group.toggled.connect(self.proxy.set_grouped)
        self.count = QLabel()
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 90), (2, 90), (3, 84), (4, 50), (5, 70)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.articles.rowCount()
        claims = self.articles.claim_total()
        self.count.setText(f"{total} articles, {claims} claim{'s' if claims != 1 else ''}"
                           if shown == total
                           else f"{shown} of {total} articles shown")

    def refresh(self) -> None:
        """Read the articles and their counts again."""
        self.articles.set_articles(self.project.articles.list())
        self.articles.set_open_flags(self.project.flags.open_by_article())
        self._count()

    def fill_in_background(self) -> Worker:
        """Read the articles and their counts off the GUI thread (a large project's list
        takes a good part of a second), then show them and emit
        :attr:`sig_library_filled`: the window shows at once, empty, and fills."""
        project = self.project
        worker = Worker(plain(lambda: (project.articles.list(), project.flags.open_by_article())))
        self.count.setText("Reading the articles…")
        worker.sig_work_finished.connect(self._filled)
        return worker.start()

    def _filled(self, end: WorkEnd[tuple[list[ArticleSummary], dict[str, int]]]) -> None:
        if end.outcome is not Outcome.DONE or end.result is None:
            self.count.setText(end.error or "")
            if end.outcome is Outcome.FAILED:
                self.sig_fill_failed.emit(end.error or "the articles could not be read")
            return
        articles, flags = end.result
        self.articles.set_open_flags(flags)
        self.articles.set_articles(articles)
        self._count()
        self.sig_library_filled.emit()

    def refresh_flags(self) -> None:
        self.articles.set_open_flags(self.project.flags.open_by_article())

    def set_claim_count(self, article_id: str, count: int) -> None:
        self.articles.set_claim_count(article_id, count)
        self._count()

    def _filter_cleared(self, text: str) -> None:
        """An emptied filter box shows every article again at once."""
        if not text:
            self.apply_filter()

    def apply_filter(self) -> None:
        """Keep the articles the query finds (in their text, claims or entities)."""
        query = self.filter.text().strip()
        if not query:
            self.proxy.set_allowed(None)
            self.filter.setToolTip("")
            self._count()
            return
        try:
            results = self.project.search.find(query, limit=10_000)
        except FactdeskError as exc:
            self.filter.setToolTip(str(exc).replace("<", "‹"))
            self.count.setText(str(exc))
            return
        self.filter.setToolTip("")
        ids = {hit.article_id or hit.id for hit in results.hits
               if hit.kind in ("article", "claim") and (hit.article_id or hit.id)}
        self.proxy.set_allowed(frozenset(ids))
        self._count()

    def select(self, article_id: str, *, quiet: bool = False) -> None:
        """Make ``article_id`` the current row; ``quiet`` does it without telling."""
        row = self.articles.row_of(article_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.articles.index(row, 0))
        if not index.isValid() or self.view.currentIndex().row() == index.row():
            return
        selection = self.view.selectionModel()
        if quiet:
            selection.blockSignals(True)
        self.view.setCurrentIndex(index)
        self.view.selectRow(index.row())
        if quiet:
            selection.blockSignals(False)
            self.view.viewport().update()

    def article_id_at(self, index: QModelIndex) -> str | None:
        """The article of a row of the view."""
        return self.proxy.mapToSource(index).data(ArticleTableModel.IdRole) if index.isValid() \
            else None
