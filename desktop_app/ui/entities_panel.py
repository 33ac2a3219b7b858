"""The entity registry as a dock (add, rename, delete, merge; suggestions for the open
article) and an entity's page: what every source said about it, by publication date."""

from __future__ import annotations

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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.models import Entity, Flag
from desktop_app.services import Project
from desktop_app.services.entities import EntityClaim
from desktop_app.ui.flow_layout import FlowLayout
from desktop_app.ui.models import HeaderedTableModel

Index = QModelIndex | QPersistentModelIndex


class EntityTableModel(HeaderedTableModel):
    """The registry: name, type, aliases, Wikidata id, linked claims."""

    HEADERS = ("Name", "Type", "Aliases", "Wikidata", "Claims")
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entities: list[Entity] = []
        self._counts: dict[str, int] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entities)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entities):
            return None
        entity = self._entities[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and 0 <= index.column() < len(self.HEADERS):
            values = (entity.name, entity.type, ", ".join(entity.aliases),
                      dict(entity.external_ids).get("wikidata", ""),
                      self._counts.get(entity.id, 0))
            return values[index.column()]
        if role == self.IdRole:
            return entity.id
        return None

    def set_entities(self, entities: Sequence[Entity], counts: dict[str, int]) -> None:
        self.beginResetModel()
        self._entities, self._counts = list(entities), dict(counts)
        self.endResetModel()

    def entity_at(self, row: int) -> Entity:
        return self._entities[row]


class EntitiesPanel(QWidget):
    """The registry and the open article's suggestions. Edits are asked for by signal."""

    sig_add_requested = Signal(str, str)
    """Register an entity: name, type."""
    sig_rename_requested = Signal(str, str)
    sig_delete_requested = Signal(str)
    sig_merge_requested = Signal(str, str)
    """Merge the first entity into the second."""
    sig_page_requested = Signal(str)
    sig_link_requested = Signal(str)
    """Link the selected claim to this entity id."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.entities = EntityTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.entities)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter entities")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.doubleClicked.connect(lambda index: self._page(index))
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name")
        self.type = QComboBox()
        self.type.addItems(list(vocab.ENTITY_TYPES))
        buttons = FlowLayout()  # wraps rather than widen the dock past the screen
        self._editing: list[QWidget] = [self.name, self.type]
        for label, slot in (("Add", self._add), ("Rename", self._rename),
                            ("Delete", self._delete), ("Merge into…", self._merge),
                            ("Page", lambda: self._page(self.view.currentIndex()))):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            if label != "Page":
                self._editing.append(button)
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.type)
        self.suggestions = QListWidget()
        self.suggestions.setMaximumHeight(140)
        self.suggestions.itemActivated.connect(self._suggestion)
        suggestion_note = QLabel("In the open article (double-click: a mention links the "
                                 "selected claim, a candidate is added):")
        suggestion_note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addLayout(add_row)
        layout.addLayout(buttons)
        layout.addWidget(suggestion_note)
        layout.addWidget(self.suggestions)

    def refresh(self) -> None:
        """Read the registry and its claim counts again."""
        self.entities.set_entities(self.project.entities.list(),
                                   self.project.entities.claim_counts())

    def show_suggestions(self, article_id: str | None) -> None:
        """List the open article's mentions of known entities and its new candidates."""
        self.suggestions.clear()
        if article_id is None:
            return
        found = self.project.entities.suggest(article_id)
        seen: set[str] = set()
        for mention in found.mentions:
            if mention.entity_id in seen:
                continue
            seen.add(mention.entity_id)
            item = QListWidgetItem(f"Link: {mention.entity_name} (“{mention.surface}”)")
            item.setData(Qt.ItemDataRole.UserRole, ("link", mention.entity_id))
            self.suggestions.addItem(item)
        for candidate in found.candidates[:30]:
            item = QListWidgetItem(f"Add: {candidate.name} ({candidate.type_guess}, "
                                   f"{candidate.count}×)")
            item.setData(Qt.ItemDataRole.UserRole, ("add", candidate.name,
                                                    candidate.type_guess))
            self.suggestions.addItem(item)

    def selected_ids(self) -> list[str]:
        rows = self.view.selectionModel().selectedRows()
        return [self.proxy.mapToSource(r).data(EntityTableModel.IdRole) for r in rows]

    def select(self, entity_ids: Sequence[str]) -> None:
        """Select the rows of these entities (a test or a merge picks them)."""
        selection = self.view.selectionModel()
        selection.clear()
        flags = selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        for row in range(self.entities.rowCount()):
            if self.entities.entity_at(row).id in entity_ids:
                index = self.proxy.mapFromSource(self.entities.index(row, 0))
                selection.setCurrentIndex(index, flags)

    def _add(self) -> None:
        name = self.name.text().strip()
        if name:
            self.sig_add_requested.emit(name, self.type.currentText())
            self.name.clear()

    def _rename(self) -> None:
        ids, name = self.selected_ids(), self.name.text().strip()
        if len(ids) == 1 and name:
            self.sig_rename_requested.emit(ids[0], name)
            self.name.clear()

    def _delete(self) -> None:
        for entity_id in self.selected_ids():
            self.sig_delete_requested.emit(entity_id)

    def _merge(self) -> None:
        """Merge the other selected entity into the current one (two rows selected)."""
        ids = self.selected_ids()
        current = self.proxy.mapToSource(self.view.currentIndex()).data(EntityTableModel.IdRole)
        if len(ids) == 2 and current in ids:
            source = next(i for i in ids if i != current)
            self.sig_merge_requested.emit(source, current)

    def _page(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_page_requested.emit(
                self.proxy.mapToSource(index).data(EntityTableModel.IdRole))

    def set_writable(self, writable: bool) -> None:
        """Enable or disable what changes entities (adding, renaming, deleting, merging and
        the suggestions that add or link one); listing and the entity's page stay."""
        for widget in (*self._editing, self.suggestions):
            widget.setEnabled(writable)

    def _suggestion(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if data[0] == "link":
            self.sig_link_requested.emit(data[1])
        else:
            self.sig_add_requested.emit(data[1], data[2])


class TimelineModel(HeaderedTableModel):
    """Claims about one entity, oldest source first: date, source, quote, verdict."""

    HEADERS = ("Published", "Source", "Quote", "Verdict", "Status")
    IdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[EntityClaim] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) \
                and 0 <= index.column() < len(self.HEADERS):
            source = " · ".join(p for p in (row.outlet, row.article_title) if p)
            values = (row.published or "undated", source, " ".join(row.claim.exact.split()),
                      row.claim.verdict, row.claim.status)
            return values[index.column()]
        if role == self.IdRole:
            return row.claim.id
        return None

    def set_rows(self, rows: Sequence[EntityClaim]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> EntityClaim:
        return self._rows[row]


class EntityPage(QWidget):
    """Everything said about one entity across all sources, by publication date, and the
    open flags on those claims."""

    sig_claim_requested = Signal(str)
    sig_flag_requested = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.entity_id: str | None = None
        self.heading = QLabel("Choose an entity and press Page.")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.timeline = TimelineModel(self)
        self.view = QTableView()
        self.view.setModel(self.timeline)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.activated.connect(self._claim)
        self.view.doubleClicked.connect(self._claim)
        self.flags = QListWidget()
        self.flags.setMaximumHeight(90)
        self.flags.itemActivated.connect(
            lambda item: self.sig_flag_requested.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(QLabel("Open flags"))
        layout.addWidget(self.flags)

    def show_entity(self, entity_id: str) -> None:
        """Fill the page for one entity (read through the services)."""
        entity = self.project.entities.get(entity_id)
        self.entity_id = entity.id
        rows = self.project.entities.claims_about(entity.id)
        sources = {r.claim.article_id for r in rows}
        self.heading.setText(f"{entity.name} ({entity.type}) — {len(rows)} claim"
                             f"{'s' if len(rows) != 1 else ''} in {len(sources)} source"
                             f"{'s' if len(sources) != 1 else ''}")
        self.timeline.set_rows(rows)
        claim_ids = {r.claim.id for r in rows}
        self._show_flags([f for f in self.project.flags.list(status="open")
                          if f.claim_a in claim_ids or f.claim_b in claim_ids])

    def _show_flags(self, flags: Sequence[Flag]) -> None:
        self.flags.clear()
        for flag in flags:
            item = QListWidgetItem(f"{flag.kind} ({flag.severity}): {flag.explanation}")
            item.setData(Qt.ItemDataRole.UserRole, flag.id)
            self.flags.addItem(item)

    def _claim(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_claim_requested.emit(self.timeline.row_at(index.row()).claim.id)
