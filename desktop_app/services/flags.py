"""Use cases for flags: a person flags two claims as inconsistent, then confirms or
dismisses flags with a note. (Flags raised by the automatic check come through here too.)"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from desktop_app.core import vocab
from desktop_app.core.errors import InvalidValueError
from desktop_app.core.models import Changes, Flag
from desktop_app.services.checking import print_of_flag
from desktop_app.store import Store


@dataclass(frozen=True, slots=True)
class FlagResult:
    """A flag as it stands after a mutation, and what the mutation changed."""

    flag: Flag
    changes: Changes


def _now() -> datetime:
    return datetime.now(UTC)


class FlagUseCases:
    """Mixed into :class:`Project`: it provides ``_store``, ``author`` and ``_writable``."""

    _store: Store
    author: str
    _writable: Callable[[], None]

    def add_flag(self, claim_a: str, claim_b: str, *, kind: str, note: str = "",
                 severity: str = "medium", explanation: str = "") -> FlagResult:
        """Flag two claims of different articles as inconsistent."""
        self._writable()
        kind = vocab.flag_kind(kind)
        if severity not in vocab.FLAG_SEVERITIES:
            raise InvalidValueError(
                f"unknown severity {severity!r}; choose one of: {', '.join(vocab.FLAG_SEVERITIES)}")
        with self._store.transaction() as uow:
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
            now = _now()
            flag = Flag(id=str(uuid.uuid4()), claim_a=first.id, claim_b=second.id, kind=kind,
                        severity=severity, status="open", raised_by=self.author,
                        explanation=explanation or note.strip(), note=note.strip(),
                        created=now, modified=now)
            uow.flags.add(flag)
            uow.audit.record(self.author, "flag.add", "flag", flag.id,
                             {"claims": [first.id, second.id], "kind": kind, "note": flag.note})
            uow.changed()
        return FlagResult(flag, Changes(flags=frozenset({flag.id})))

    def resolve_flag(self, ref: str, *, status: str, note: str | None = None) -> FlagResult:
        """Confirm or dismiss a flag (or reopen it) with a note; recorded in the audit log."""
        self._writable()
        status = vocab.flag_status(status)
        with self._store.transaction() as uow:
            before = uow.flags.get(uow.flags.resolve(ref))
            new_note = note.strip() if note is not None else before.note
            if (before.status, before.note) == (status, new_note):
                return FlagResult(before, Changes())
            uow.flags.update(before.id, status=status, note=new_note, modified=_now())
            uow.audit.record(self.author, f"flag.{status}", "flag", before.id, {
                "before": {"status": before.status, "note": before.note},
                "after": {"status": status, "note": new_note},
            })
            uow.changed()
            after = uow.flags.get(before.id)
        return FlagResult(after, Changes(flags=frozenset({after.id})))

    def flags(self, *, status: str | None = None) -> list[Flag]:
        """Flags, oldest first, optionally only those with one status."""
        status = vocab.flag_status(status) if status else None
        with self._store.transaction() as uow:
            return uow.flags.list(status=status)

    def flag(self, ref: str) -> Flag:
        with self._store.transaction() as uow:
            return uow.flags.get(uow.flags.resolve(ref))

    def flags_of_claim(self, claim_ref: str) -> list[Flag]:
        """The flags that rest on a claim (deleting the claim removes them)."""
        with self._store.transaction() as uow:
            return uow.flags.list(claim_ids=[uow.claims.resolve(claim_ref)])

    def restore_flags(self, flags: Sequence[Flag]) -> Changes:
        """Put back flags removed with a claim, as they were (undo of a deletion); flags
        whose claims are gone again, or that are already here, are left alone."""
        self._writable()
        restored: set[str] = set()
        with self._store.transaction() as uow:
            known = {f.id for f in uow.flags.list(ids=[f.id for f in flags])}
            claims = uow.claims.ids()
            prints = uow.flags.fingerprints()
            for flag in flags:
                if flag.id in known or not {flag.claim_a, flag.claim_b} <= claims:
                    continue
                print_ = print_of_flag(uow, flag.kind, flag.claim_a, flag.claim_b)
                uow.flags.add(flag, None if print_ in prints else print_)
                prints.add(print_)
                uow.audit.record(self.author, "flag.restore", "flag", flag.id,
                                 {"claims": [flag.claim_a, flag.claim_b], "status": flag.status})
                restored.add(flag.id)
            if restored:
                uow.changed()
        return Changes(flags=frozenset(restored))
