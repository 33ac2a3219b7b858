"""The entity edits of the main window: register, rename, delete, merge and link, each one
command on the undo stack through the services; and the entity dock and page kept current."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QDockWidget

    from desktop_app.core.models import Claim
    from desktop_app.services import Project
    from desktop_app.ui.entities_panel import EntitiesPanel, EntityPage
    from desktop_app.ui.reader import Reader


class EntityActions(QMainWindow):
    """Mixed into the main window: what the entities dock and page ask for. What it uses of
    the window is declared here (annotations only: the window sets them)."""

    project: Project
    _article_id: str | None
    reader: Reader
    entities_panel: EntitiesPanel
    entities_dock: QDockWidget
    entity_page: EntityPage
    entity_page_dock: QDockWidget
    current_claim: Callable[[], Claim | None]
    show_error: Callable[[str], None]
    _push: Callable[..., bool]

    def add_entity(self, name: str, entity_type: str) -> None:
        self._push(f"New entity {name}",
                   lambda: self.project.entities.add(name, entity_type).changes)

    def rename_entity(self, entity_id: str, name: str) -> None:
        self._push(f"Rename entity to {name}",
                   lambda: self.project.entities.edit(entity_id, name=name).changes)

    def delete_entity(self, entity_id: str) -> None:
        """Delete an entity; when claims link to it, first ask whether to unlink them."""
        entity = self.project.entities.get(entity_id)
        linked = self.project.entities.claim_counts().get(entity.id, 0)
        if linked and not self.confirm_unlink(entity.name, linked):
            return
        self._push(f"Delete entity {entity.name}", lambda: self.project.entities.delete(
            entity.id, unlink=bool(linked)).changes)

    def confirm_unlink(self, name: str, claims: int) -> bool:
        """Ask whether deleting ``name`` may unlink it from ``claims`` claims."""
        box = QMessageBox(QMessageBox.Icon.Question, "Delete entity",
                          f"{name} is linked to {claims} claim{'s' if claims != 1 else ''}. "
                          "Unlink and delete it?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a name is untrusted text
        return box.exec() == QMessageBox.StandardButton.Yes

    def merge_entities(self, source_id: str, target_id: str) -> None:
        """Merge one entity into another (undoable: the undo restores both)."""
        source = self.project.entities.get(source_id)
        target = self.project.entities.get(target_id)
        self._push(f"Merge {source.name} into {target.name}",
                   lambda: self.project.entities.merge(source.id, target.id).changes)

    def link_entity_id(self, entity_id: str) -> None:
        """Link the selected claim to a known entity (from a suggestion)."""
        claim = self.current_claim()
        if claim is None:
            self.show_error("Choose a claim in the list first.")
            return
        self._push("Link entity", lambda: self.project.entities.link(claim.id, entity_id))

    def show_entity_page(self, entity_id: str) -> None:
        """Open an entity's page: its claims across all sources, by publication date."""
        self.entity_page.show_entity(entity_id)
        self.entity_page_dock.show()
        self.entity_page_dock.raise_()

    def entities_changed(self) -> None:
        """Entities were added, edited, merged or removed: refresh what lists them."""
        self.entities_panel.refresh()
        if self._article_id is not None:
            mentions = [(m.start, m.end, m.entity_name)
                        for m in self.project.entities.mentions(self._article_id)]
            self.reader.set_mentions(mentions)
        if self.entity_page.entity_id is not None:
            try:
                self.entity_page.show_entity(self.entity_page.entity_id)
            except Exception:  # the entity was deleted: the page empties
                self.entity_page.timeline.set_rows([])
        self._suggest_if_shown()

    def _suggest_if_shown(self) -> None:
        """Refresh the open article's entity suggestions, only while the dock is seen
        (finding new candidates reads every article)."""
        if self.entities_dock.isVisible() and not self.entities_dock.visibleRegion().isEmpty():
            self.entities_panel.show_suggestions(self._article_id)
