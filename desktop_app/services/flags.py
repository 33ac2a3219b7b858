"""Use cases for flags: a person flags two claims as inconsistent, then confirms or
dismisses flags with a note. (Flags raised by the automatic check come through the check.)"""

from __future__ import annotations

import builtins
import uuid
from dataclasses import dataclass

from desktop_app.core import vocab
from desktop_app.core.errors import InvalidValueError
from desktop_app.core.models import Changes, Flag
from desktop_app.core.vocab import FlagStatus, Operation
from desktop_app.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class FlagResult:
    """A flag as it stands after a mutation, and what the mutation changed."""

    flag: Flag
    changes: Changes


class FlagService:
    """Flags between claims of different articles, and their review."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def add(self, claim_a: str, claim_b: str, *, kind: str, note: str = "",
            severity: str = "medium", explanation: str = "") -> FlagResult:
        """Flag two claims of different articles as inconsistent.

        Raises:
            InvalidValueError: a bad kind or severity; one claim twice; both claims in one
                article; the pair already flagged for this kind.
            NotFoundError / AmbiguousIdError: a claim is not known.
            ProjectError: the project is read-only or refused the change.
        """
        kind = vocab.flag_kind(kind)
        level = vocab.severity(severity)
        with self._ws.write(Operation.FLAG_ADD) as uow:
            first = uow.claims.get(uow.claims.resolve(claim_a))
            second = uow.claims.get(uow.claims.resolve(claim_b))
            if first.id == second.id:
                raise InvalidValueError("a claim cannot disagree with itself")
            if first.article_id == second.article_id:
                raise InvalidValueError(
                    "both claims are in the same article; a flag is between two sources")
            existing = [f for f in uow.flags.between(first.id, second.id) if f.kind == kind]
            if existing:
                raise InvalidValueError(
                    f"these claims are already flagged for {kind} ({existing[0].id[:8]}, "
                    f"{existing[0].status})")
            now = uow.now()
            flag = Flag(id=str(uuid.uuid4()), claim_a=first.id, claim_b=second.id, kind=kind,
                        severity=level, status=FlagStatus.OPEN, raised_by=self._ws.author,
                        explanation=explanation or note.strip(), note=note.strip(),
                        created=now, modified=now)
            uow.flags.add(flag)
        return FlagResult(flag, uow.changes)

    def resolve(self, ref: str, *, status: str, note: str | None = None) -> FlagResult:
        """Confirm or dismiss a flag (or reopen it) with a note.

        Raises:
            InvalidValueError: a bad status.
            NotFoundError / AmbiguousIdError: the flag is not known.
            ProjectError: the project is read-only or refused the change.
        """
        status = vocab.flag_status(status)
        action = {FlagStatus.CONFIRMED: Operation.FLAG_CONFIRM,
                  FlagStatus.DISMISSED: Operation.FLAG_DISMISS}.get(status, Operation.FLAG_REOPEN)
        with self._ws.write(action) as uow:
            before = uow.flags.get(uow.flags.resolve(ref))
            new_note = note.strip() if note is not None else before.note
            if (before.status, before.note) != (status, new_note):
                uow.flags.update(before.id, status=status, note=new_note, modified=uow.now())
            after = uow.flags.get(before.id)
        return FlagResult(after, uow.changes)

    def list(self, *, status: str | None = None) -> list[Flag]:
        """Flags, oldest first, optionally only those with one status.

        Raises:
            InvalidValueError: a bad status.
        """
        status = vocab.flag_status(status) if status else None
        with self._ws.read() as uow:
            return uow.flags.list(status=status)

    def get(self, ref: str) -> Flag:
        """The flag whose id starts with ``ref``.

        Raises:
            NotFoundError / AmbiguousIdError: no flag, or more than one, has that prefix.
        """
        with self._ws.read() as uow:
            return uow.flags.get(uow.flags.resolve(ref))

    def of_claim(self, claim_ref: str) -> builtins.list[Flag]:
        """The flags that rest on a claim (deleting the claim removes them).

        Raises:
            NotFoundError / AmbiguousIdError: the claim is not known.
        """
        with self._ws.read() as uow:
            return uow.flags.list(claim_ids=[uow.claims.resolve(claim_ref)])

    def open_by_article(self) -> dict[str, int]:
        """How many open flags rest on each article's claims (article id -> count; a flag
        between two claims of different articles counts for both): the library's
        "open flags" column."""
        with self._ws.read() as uow:
            return uow.flags.counts_by_article(vocab.FlagStatus.OPEN)
