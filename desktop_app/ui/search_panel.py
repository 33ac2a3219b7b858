"""The search panel: a query box, the hits with their snippets, and the facet counts.

Activating a hit asks the window to show its article with the hit's words highlighted.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from desktop_app.core.errors import FactdeskError
from desktop_app.services import Project
from desktop_app.ui.plain import tooltip
from desktop_app.ui.rich_delegate import HTML_ROLE, RichTextDelegate

Index = QModelIndex | QPersistentModelIndex
KIND_LABEL = {"article": "Article", "claim": "Claim", "entity": "Entity"}


def _hit_html(hit: Any) -> str:
    """A hit as the list shows it: kind and title in bold, where and when, and the
    snippet with the matched words in bold (every piece of text escaped)."""
    where = " · ".join(p for p in (hit.outlet, hit.published and hit.published.isoformat())
                       if p)
    pieces, cursor = [], 0
    for start, end in hit.snippet_marks:
        pieces += [html.escape(hit.snippet[cursor:start]),
                   f"<b>{html.escape(hit.snippet[start:end])}</b>"]
        cursor = end
    pieces.append(html.escape(hit.snippet[cursor:]))
    head = f"<b>{html.escape(KIND_LABEL.get(hit.kind, hit.kind))}: {html.escape(hit.title)}</b>"
    lines = [head] + ([f"<small>{html.escape(where)}</small>"] if where else []) + [
        "".join(pieces)]
    return "<br/>".join(lines)


class HitListModel(QAbstractListModel):
    """The hits of one search, best first."""

    HitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            where = " · ".join(p for p in (hit.outlet, hit.published and
                                           hit.published.isoformat()) if p)
            head = f"{KIND_LABEL.get(hit.kind, hit.kind)}: {hit.title}"
            return f"{head}\n{where}\n{hit.snippet}" if where else f"{head}\n{hit.snippet}"
        if role == HTML_ROLE:
            return _hit_html(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(hit.snippet)
        if role == self.HitRole:
            return hit
        return None

    def set_hits(self, hits) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int):
        return self._hits[row]


class SearchPanel(QWidget):
    """Search the whole project: articles, claims and entities."""

    sig_article_requested = Signal(str, object)
    """A hit was activated: the article's id and the character offsets to highlight."""

    sig_index_requested = Signal()
    """A search met an index that is not current: it is to be rebuilt in the background
    (never on the GUI thread). A missing index is waited for (the search runs again once
    it is ready); one only behind (a job's commits) is searched as it is meanwhile."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._waiting = False
        self.query = QLineEdit()
        self.query.setPlaceholderText('Search: words, "a phrase", tag:china, outlet:…')
        self.query.setClearButtonEnabled(True)
        self.query.returnPressed.connect(self.run_search)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.linkActivated.connect(self.query.setText)
        self.hits = HitListModel(self)
        self.hit_view = QListView()
        self.hit_view.setModel(self.hits)
        self.hit_view.setWordWrap(True)
        self.hit_view.setAlternatingRowColors(True)
        self.hit_view.setItemDelegate(RichTextDelegate(self.hit_view))  # matched words bold
        self.hit_view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap on resize
        self.hit_view.activated.connect(self._hit_activated)
        self.hit_view.clicked.connect(self._hit_activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.hit_view, 1)

    def set_ready(self, ready: bool, message: str = "") -> None:
        """While the index is being rebuilt the box is disabled and says so; once it is
        ready again, a search that was waiting for it runs."""
        self.query.setEnabled(ready)
        self.summary.setText(message)
        if ready and self._waiting:
            self._waiting = False
            self.run_search()

    def run_search(self) -> None:
        text = self.query.text().strip()
        if not text:
            self.hits.set_hits([])
            self.summary.clear()
            return
        if not self.project.search.is_current():
            self.sig_index_requested.emit()  # in the background; meanwhile, what there is
            if not self.project.search.searchable():
                self._waiting = True
                return
        try:
            results = self.project.search.find(text, limit=50, rebuild=False)
        except FactdeskError as exc:
            self.hits.set_hits([])
            self.summary.setText(str(exc))
            return
        self.hits.set_hits(results.hits)
        self.summary.setText(self._describe(results))

    @staticmethod
    def _describe(results) -> str:
        if results.total == 0:
            if results.suggestion:
                return f"No matches. Did you mean: {results.suggestion}"
            return "No matches."
        lines = [f"{results.total} match{'es' if results.total != 1 else ''}"
                 + (f", the first {len(results.hits)} shown"
                    if results.total > len(results.hits) else "")]
        for facet in ("kind", "outlet", "tag", "verdict", "entity"):
            counts = results.facets.get(facet) or {}
            if counts:
                top = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:5])
                lines.append(f"{facet}: {top}")
        return "\n".join(lines)

    def _hit_activated(self, index: QModelIndex) -> None:
        hit = self.hits.hit_at(index.row())
        article_id = hit.id if hit.kind == "article" else hit.article_id
        if article_id:
            self.sig_article_requested.emit(article_id, tuple(hit.offsets))
