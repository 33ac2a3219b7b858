"""Undo and redo as services, and the audit log.

Every change a use case makes comes back as :class:`Changes` holding the rows it wrote. Its
exact inverse is writing those rows back: :meth:`History.undo` does that in one transaction
and returns the changes of the undo, whose own inverse is the redo. The app's undo stack holds
nothing else.
"""

from __future__ import annotations

from desktop_app.core.errors import InvalidValueError
from desktop_app.core.models import AuditEvent, Changes
from desktop_app.core.vocab import Operation
from desktop_app.services.workspace import Workspace
from desktop_app.store import revert


class History:
    """Taking changes back, and who changed what."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def undo(self, changes: Changes, *, redo: bool = False) -> Changes:
        """Write the exact inverse of ``changes``: rows it added are removed, rows it removed
        come back with the same ids, timestamps, versions, tags, links and flags, and the
        fields it edited get their old values — nothing else is touched. Undoing the result
        redoes the change (``redo`` only names it so in the audit log).

        Raises:
            InvalidValueError: ``changes`` holds no rows (nothing to take back).
            ConflictError: a record was changed since, so the inverse would overwrite
                someone's work; nothing was written.
            ProjectError: the project is read-only or refused the change.
        """
        if not changes.rows:
            raise InvalidValueError("there is nothing to undo in that change")
        with self._ws.write(Operation.REDO if redo else Operation.UNDO) as uow:
            revert(uow.journal, changes.rows)
        return uow.changes

    def audit(self, *, kind: str | None = None, target: str | None = None) -> list[AuditEvent]:
        """The audit log, oldest first, optionally for one kind of record or one record."""
        with self._ws.read() as uow:
            return uow.audit.list(target_kind=kind, target_id=target)
