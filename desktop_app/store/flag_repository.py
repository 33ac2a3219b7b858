"""Flags: two claims of different articles that disagree, with their review status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import func, or_, select, union
from sqlalchemy.orm import Session

from desktop_app.core import sizes
from desktop_app.core.errors import NotFoundError
from desktop_app.core.models import Flag
from desktop_app.core.sizes import check_length
from desktop_app.store.journal import Journal
from desktop_app.store.repositories import chunks, resolve_prefix
from desktop_app.store.schema import ClaimRow, FlagRow


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _flag(row: FlagRow) -> Flag:
    return Flag(
        id=row.id, claim_a=row.claim_a, claim_b=row.claim_b, kind=row.kind,
        severity=row.severity, status=row.status, raised_by=row.raised_by,
        explanation=row.explanation, note=row.note, created=_aware(row.created),
        modified=_aware(row.modified),
    )


class FlagRepository:
    """Flags by id, by status, by claim, and by fingerprint (so a check never repeats one)."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    def add(self, flag: Flag, fingerprint: str | None = None) -> None:
        self.add_many([(flag, fingerprint)])

    def add_many(self, flags: Sequence[tuple[Flag, str | None]]) -> None:
        """Insert flags (each with its fingerprint, if any) in one bulk insert.

        Raises:
            InvalidValueError: a note or explanation is longer than core.sizes.NOTE.
        """
        for flag, _fingerprint in flags:
            check_length("flag's note", flag.note, sizes.NOTE)
            check_length("flag's explanation", flag.explanation, sizes.NOTE)
        self._j.insert(FlagRow.__table__, [{
            "id": flag.id, "claim_a": flag.claim_a, "claim_b": flag.claim_b, "kind": flag.kind,
            "severity": flag.severity, "status": flag.status, "raised_by": flag.raised_by,
            "explanation": flag.explanation, "note": flag.note, "fingerprint": fingerprint,
            "created": flag.created, "modified": flag.modified,
        } for flag, fingerprint in flags])

    def get(self, flag_id: str) -> Flag:
        row = self._s.get(FlagRow, flag_id)
        if row is None:
            raise NotFoundError(f"no flag with id {flag_id!r}")
        return _flag(row)

    def resolve(self, prefix: str) -> str:
        return resolve_prefix(self._s, FlagRow, prefix, "flag")

    def fingerprints(self) -> set[str]:
        return {f for f in self._s.scalars(select(FlagRow.fingerprint)) if f}

    def counts_by_article(self, status: str) -> dict[str, int]:
        """How many flags of ``status`` rest on each article's claims (article id -> count),
        counted in SQL: a flag between two articles counts for both, one inside an article
        once. (Reading every flag to count them kept the window waiting after a large
        check.)"""
        sides = union(*(
            select(FlagRow.id.label("flag"), ClaimRow.article_id.label("article"))
            .join(ClaimRow, ClaimRow.id == side).where(FlagRow.status == status)
            for side in (FlagRow.claim_a, FlagRow.claim_b))).subquery()
        stmt = select(sides.c.article, func.count()).group_by(sides.c.article)
        return {article: count for article, count in self._s.execute(stmt)}

    def between(self, claim_a: str, claim_b: str) -> list[Flag]:
        stmt = select(FlagRow).where(or_(
            (FlagRow.claim_a == claim_a) & (FlagRow.claim_b == claim_b),
            (FlagRow.claim_a == claim_b) & (FlagRow.claim_b == claim_a),
        ))
        return [_flag(r) for r in self._s.scalars(stmt)]

    def list(self, *, status: str | None = None, claim_ids: Iterable[str] | None = None,
             ids: Iterable[str] | None = None) -> list[Flag]:
        stmt = select(FlagRow).order_by(FlagRow.created, FlagRow.id)
        if status is not None:
            stmt = stmt.where(FlagRow.status == status)
        rows: dict[str, FlagRow] = {}
        id_chunks = list(chunks(ids)) if ids is not None else [None]
        claim_chunks = list(chunks(claim_ids)) if claim_ids is not None else [None]
        for id_chunk in id_chunks:
            for claim_chunk in claim_chunks:
                query = stmt
                if id_chunk is not None:
                    query = query.where(FlagRow.id.in_(id_chunk))
                if claim_chunk is not None:
                    query = query.where(or_(FlagRow.claim_a.in_(claim_chunk),
                                            FlagRow.claim_b.in_(claim_chunk)))
                rows.update((r.id, r) for r in self._s.scalars(query))
        return [_flag(r) for r in sorted(rows.values(),
                                         key=lambda r: (_aware(r.created), r.id))]

    def update(self, flag_id: str, **fields: object) -> None:
        """Set ``fields`` on the flag.

        Raises:
            InvalidValueError: a note is longer than core.sizes.NOTE.
        """
        note = fields.get("note")
        if isinstance(note, str):
            check_length("flag's note", note, sizes.NOTE)
        self._j.update(FlagRow.__table__, FlagRow.id == flag_id, fields)
