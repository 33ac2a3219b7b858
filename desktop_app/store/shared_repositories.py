"""What a shared project keeps beyond a project folder's tables: originals in the database,
and which records changed since a generation (how a member's search index catches up)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.store.journal import Journal
from desktop_app.store.schema import AuditEventRow, OriginalRow


def targets_since(session: Session, since: int, upto: int) -> dict[str, set[str]]:
    """The records (kind -> ids) the changes of generations ``since`` < g <= ``upto``
    touched, read from the audit log: what a member's index must look at again."""
    found: dict[str, set[str]] = defaultdict(set)
    query = (select(AuditEventRow.target_kind, AuditEventRow.target_id).distinct()
             .where(AuditEventRow.generation > since, AuditEventRow.generation <= upto))
    for kind, target_id in session.execute(query):
        found[str(kind)].add(str(target_id))
    return found


class OriginalRepository:
    """Imported files as received, kept in the database of a shared project (a project
    folder keeps them as files instead), addressed by their SHA-256."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    def keep(self, digest: str, data: bytes) -> None:
        """Store ``data`` under ``digest`` once (a file imported twice is kept once)."""
        if self._s.scalar(select(OriginalRow.digest).where(OriginalRow.digest == digest)):
            return
        self._j.insert(OriginalRow.__table__, [{"digest": digest, "data": data}])

    def get(self, digest: str) -> bytes | None:
        """The file kept under ``digest``, None when there is none."""
        return self._s.scalar(select(OriginalRow.data).where(OriginalRow.digest == digest))
