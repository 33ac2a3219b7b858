"""The claims table: the open article's claims, or the whole project's, filtered by tag,
verdict, review status, entity and author, sortable and keyboard-navigable. Edits go
through the inspector."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.models import Claim
from desktop_app.services import Project
from desktop_app.ui.models import ClaimTableModel
from desktop_app.ui.panels import WrappingRow

Index = QModelIndex | QPersistentModelIndex
ANY = "any"


class ClaimFilter(QSortFilterProxyModel):
    """Keeps the claims that match every filter set (None: not filtered)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tag: str | None = None
        self.verdict: str | None = None
        self.status: str | None = None
        self.entity_id: str | None = None
        self.author: str | None = None

    def set_filters(self, **values: str | None) -> None:
        self.beginFilterChange()
        for name, value in values.items():
            setattr(self, name, value)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, claim: Claim) -> bool:
        """True when ``claim`` passes every filter set."""
        return ((self.tag is None or self.tag.lower() in (t.lower() for t in claim.tags))
                and (self.verdict is None or claim.verdict == self.verdict)
                and (self.status is None or claim.status == self.status)
                and (self.entity_id is None or self.entity_id in claim.entity_ids)
                and (self.author is None or claim.author == self.author))

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:  # noqa: N802 (Qt's name)
        source = self.sourceModel()
        assert isinstance(source, ClaimTableModel)
        return row < source.rowCount() and self.accepts(source.claim_at(row))


class ClaimsPanel(QWidget):
    """Filters above the claims table; a switch between this article and the project."""

    sig_scope_changed = Signal(bool)
    """True: the whole project's claims are wanted; False: the open article's."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.claims = ClaimTableModel(self)
        self.proxy = ClaimFilter(self)
        self.proxy.setSourceModel(self.claims)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.project_wide = QCheckBox("Whole project")
        self.project_wide.toggled.connect(self.sig_scope_changed)
        self.combos: dict[str, QComboBox] = {}
        for name in ("verdict", "status", "tag", "entity", "author"):
            combo = QComboBox()
            combo.setToolTip(f"Only claims with this {name}")
            combo.addItem(f"{name}: {ANY}", None)
            combo.activated.connect(lambda _i: self._apply())
            # a long tag or entity name does not widen the panel past the screen
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
            self.combos[name] = combo
        # the filters wrap on a narrow window rather than make it wider than the screen
        filters = WrappingRow([*self.combos.values(), self.project_wide])
        for verdict in vocab.VERDICTS:
            self.combos["verdict"].addItem(verdict, verdict)
        for status in vocab.REVIEW_STATUSES:
            self.combos["status"].addItem(status, status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(filters)
        layout.addWidget(self.view, 1)

    def refresh_choices(self) -> None:
        """Offer the project's tags, entities and authors as they are now."""
        choices = {
            "tag": [(t.name, t.name) for t in self.project.claims.tags()],
            "entity": [(e.name, e.id) for e in self.project.entities.list()],
            "author": [(a, a) for a in sorted({c.author for c in self.claims.claims()})],
        }
        for name, items in choices.items():
            combo = self.combos[name]
            kept = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for label, value in items:
                combo.addItem(label, value)
            found = combo.findData(kept) if kept is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)

    def set_filter(self, name: str, value: str | None) -> None:
        """Set one filter (verdict, status, tag, entity or author) to ``value`` (None: any)."""
        combo = self.combos[name]
        if value is not None and combo.findData(value) < 0:
            self.refresh_choices()
        combo.setCurrentIndex(max(combo.findData(value), 0) if value is not None else 0)
        self._apply()

    def _apply(self) -> None:
        data = {name: combo.currentData() for name, combo in self.combos.items()}
        self.proxy.set_filters(verdict=data["verdict"], status=data["status"], tag=data["tag"],
                               entity_id=data["entity"], author=data["author"])

    def claim_at_view_row(self, row: int) -> Claim | None:
        """The claim of a row of the (filtered, sorted) view."""
        index = self.proxy.mapToSource(self.proxy.index(row, 0))
        return self.claims.claim_at(index.row()) if index.isValid() else None

    def view_row_of(self, claim_id: str) -> int:
        """The view row of a claim, or -1 when it is not shown (filtered out or absent)."""
        row = self.claims.row_of(claim_id)
        if row < 0:
            return -1
        return self.proxy.mapFromSource(self.claims.index(row, 0)).row()
