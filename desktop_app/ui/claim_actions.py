"""The claim edits of the main window: each one asks the services and lands on the undo
stack as one :class:`~desktop_app.ui.commands.ChangeCommand` (``_push``), and the views
refresh exactly what the change touched (``_changes_applied``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QInputDialog, QMainWindow, QMessageBox

from desktop_app.core import vocab
from desktop_app.core.errors import AmbiguousIdError, FactdeskError, NotFoundError
from desktop_app.core.models import Changes, Claim
from desktop_app.ui.commands import ChangeCommand

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDockWidget

    from desktop_app.services import Project
    from desktop_app.ui.claims_panel import ClaimsPanel
    from desktop_app.ui.conflict_panel import ConflictPanel
    from desktop_app.ui.entities_panel import EntitiesPanel
    from desktop_app.ui.flag_panel import FlagPanel
    from desktop_app.ui.inspector import Inspector
    from desktop_app.ui.library import Library
    from desktop_app.ui.models import ClaimTableModel
    from desktop_app.ui.reader import Reader


class ClaimActions(QMainWindow):
    """Mixed into the main window: marking, editing, linking and deleting claims. What it
    uses of the window is declared here (annotations only: the window sets them)."""

    project: Project
    undo_stack: QUndoStack
    _article_id: str | None
    library: Library
    reader: Reader
    claims: ClaimTableModel
    claims_panel: ClaimsPanel
    conflict_panel: ConflictPanel
    entities_panel: EntitiesPanel
    flag_panel: FlagPanel
    inspector: Inspector
    inspector_dock: QDockWidget
    current_claim: Callable[[], Claim | None]
    show_claim: Callable[[str], None]
    show_error: Callable[[str], None]
    entities_changed: Callable[[], None]

    def _refresh_claim(self, claim: Claim, exists: bool) -> None:
        """Update just the one claim that changed."""
        wide = self.claims_panel.project_wide.isChecked()
        if claim.article_id != self._article_id and not wide:
            return
        if exists:
            self.claims.upsert(claim)
        else:
            self.claims.remove(claim.id)
        if claim.article_id == self._article_id:
            if exists:
                self.reader.put_claim(claim)
            else:
                self.reader.drop_claim(claim.id)
            self.library.set_claim_count(claim.article_id, len(self.reader.claims()))

    def _changes_applied(self, changes: Changes) -> None:
        """Refresh exactly what a change (or its undo) touched."""
        for claim_id in sorted(changes.claims):
            try:
                self._refresh_claim(self.project.claims.get(claim_id), True)
            except NotFoundError:
                self.claims.remove(claim_id)
                self.reader.drop_claim(claim_id)
                if self._article_id:
                    self.library.set_claim_count(self._article_id, len(self.reader.claims()))
        for flag_id in sorted(changes.flags):
            try:
                self.flag_panel.update_flag(self.project.flags.get(flag_id))
            except NotFoundError:
                self.flag_panel.refresh()
                break
        shown = self.inspector.claim
        if shown is not None and (shown.id in changes.claims or changes.entities
                                  or changes.flags or changes.tags):
            try:
                self.inspector.show_claim(self.project.claims.get(shown.id))
            except NotFoundError:
                self.inspector.show_claim(None)
        if changes.tags or changes.entities:
            self.claims_panel.refresh_choices()
        if changes.entities:
            self.entities_changed()
        elif any(row.table == "claim_entities" for row in changes.rows):
            self.entities_panel.refresh()  # links moved: the claim counts changed
        if changes.flags:
            self.library.refresh_flags()
        if any(row.table == "claim_conflicts" for row in changes.rows):
            self.conflict_panel.refresh()
            self.claims.set_conflicts(self.conflict_panel.claim_ids())

    def _push(self, text: str, apply: Callable[[], Changes],
              refused: Callable[[], str] | None = None) -> bool:
        """Apply an edit, and only when the services accept it (and it changed something)
        put it on the undo stack. When they refuse it, ``refused`` (if given) keeps what the
        person typed and returns a sentence saying where, added to the error shown.
        Returns False when the edit was refused."""
        command = ChangeCommand(text, self.project.history, apply, self._changes_applied,
                                self.show_error)
        try:
            changed = command.first()
        except FactdeskError as exc:
            kept = refused() if refused is not None else ""
            self.show_error(f"{exc}\n\n{kept}" if kept else str(exc))
            return False
        if changed:
            self.undo_stack.push(command)
        return True

    def save_note(self, claim_id: str, note: str) -> None:
        """The note typed in the Claim panel, as one edit. Refused (the server went away, a
        reader's role, a read-only project), the typed note stays in the field and goes to
        the clipboard: nothing the person wrote is lost."""
        def keep() -> str:
            QApplication.clipboard().setText(note)
            self.inspector.keep_unsaved_note(claim_id, note)
            return ("Your note was not saved: it is still in the Note field and was copied "
                    "to the clipboard.")

        self._edit("Note", claim_id=claim_id, note=note, refused=keep)

    def mark_selection(self) -> None:
        span = self.reader.selection()
        if self._article_id is None or span is None:
            self.show_error("Select the words of the claim in the article first.")
            return
        start, end = span
        article_id = self._article_id
        made: list[str] = []

        def apply() -> Changes:
            result = self.project.claims.add(article_id, start=start, end=end)
            made.append(result.claim.id)
            return result.changes

        self._push("Mark claim", apply)
        if made:
            self.show_claim(made[0])

    def mark_and_link(self) -> None:
        """Mark the selection as a claim and put the cursor in the inspector's entity
        picker, to link it next."""
        self.mark_selection()
        if self.inspector.claim is not None:
            self.inspector_dock.show()
            self.inspector_dock.raise_()  # its tab may be behind Entities or Entity page
            self.inspector.entity_input.setFocus()

    def _edit(self, text: str, *, tags: tuple[str, ...] | None = None,
              claim_id: str | None = None, refused: Callable[[], str] | None = None,
              **fields: str) -> None:
        """Edit ``claim_id`` (default: the selected claim) as one undo step (``refused``:
        see :meth:`_push`)."""
        if claim_id is None:
            claim = self.current_claim()
            if claim is None:
                self.show_error("Choose a claim in the list first.")
                return
            claim_id = claim.id
        target = claim_id
        # On a shared project the edit carries the version shown: if another member changed
        # the claim meanwhile, it is kept as a conflict (shown in Conflicts), not written over.
        shown = self.current_claim()
        version = (shown.version if self.project.shared and shown is not None
                   and shown.id == target else None)
        self._push(text, lambda: self.project.claims.edit(target, set_tags=tags, version=version,
                                                           **fields).changes, refused)

    def set_verdict(self, verdict: str) -> None:
        self._edit(f"Verdict: {verdict}", verdict=verdict)

    def set_status(self, status: str) -> None:
        self._edit(f"Review status: {status}", status=status)

    def edit_tags(self) -> None:
        claim = self.current_claim()
        if claim is None:
            self.show_error("Choose a claim in the list first.")
            return
        text, ok = QInputDialog.getText(self, "Tags", "Tags, separated by commas:",
                                        text=", ".join(claim.tags))
        if ok:
            tags = tuple(t.strip() for t in text.split(",") if t.strip())
            self._edit("Tags", tags=tags)

    def edit_note(self) -> None:
        claim = self.current_claim()
        if claim is None:
            self.show_error("Choose a claim in the list first.")
            return
        text, ok = QInputDialog.getMultiLineText(self, "Note", "Note on this claim:", claim.note)
        if ok:
            self._edit("Note", note=text.strip())

    def delete_claim(self) -> None:
        """Delete the current claim; a claim that flags rest on (they go with it) is
        deleted only once the person agreed. The status bar says what went and that
        Ctrl+Z brings it back."""
        claim = self.current_claim()
        if claim is None:
            return
        try:
            flags = len(self.project.flags.of_claim(claim.id))
        except FactdeskError as exc:
            self.show_error(str(exc))
            return
        if flags and not self.confirm_delete(claim, flags):
            return
        if self._push(f"Delete claim “{claim.exact[:30]}”",
                      lambda: self.project.claims.delete(claim.id).changes):
            also = f" and the {flags} flag{'s' if flags != 1 else ''} on it" if flags else ""
            self.statusBar().showMessage(
                f"Deleted the claim “{claim.exact[:40]}”{also}. Edit > Undo (Ctrl+Z) brings "
                f"{'them' if flags else 'it'} back.", 10_000)

    def confirm_delete(self, claim: Claim, flags: int) -> bool:
        """Ask before deleting a claim that ``flags`` flags rest on (tests answer here)."""
        box = QMessageBox(
            QMessageBox.Icon.Question, "Delete claim",
            f"Delete the claim “{claim.exact[:80]}”? The {flags} flag"
            f"{'s' if flags != 1 else ''} on it, with "
            f"{'their decisions' if flags != 1 else 'its decision'}, go too "
            "(Edit > Undo brings them back).",
            QMessageBox.StandardButton.Cancel, self)
        delete = box.addButton("&Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def link_entity(self, name: str) -> None:
        """Link the selected claim to the entity called ``name`` (a name, alias or id); when
        none is known by it, register it first (its type asked by :meth:`ask_entity_type`),
        the two as one undo step."""
        claim = self.current_claim()
        if claim is None:
            self.show_error("Choose a claim in the list first.")
            return
        try:
            entity_id: str | None = self.project.entities.get(name).id
        except AmbiguousIdError as exc:
            self.show_error(str(exc))
            return
        except NotFoundError:
            entity_id = None
        if entity_id is not None:
            known = entity_id
            self._push(f"Link {name}", lambda: self.project.entities.link(claim.id, known))
            return
        entity_type = self.ask_entity_type(name)
        if entity_type is None:
            return

        def apply() -> Changes:
            created = self.project.entities.add(name, entity_type)
            return created.changes | self.project.entities.link(claim.id, created.entity.id)

        self._push(f"New entity {name}, linked", apply)

    def ask_entity_type(self, name: str) -> str | None:
        """Ask what kind of thing a new entity is; None when the person cancels."""
        choice, ok = QInputDialog.getItem(self, "New entity", f"“{name}” is a:",
                                          list(vocab.ENTITY_TYPES), 0, False)
        return choice if ok else None

    def unlink_entity(self, entity_id: str) -> None:
        """Remove the link between the selected claim and an entity."""
        claim = self.current_claim()
        if claim is not None:
            self._push("Unlink entity",
                       lambda: self.project.entities.unlink(claim.id, entity_id))
