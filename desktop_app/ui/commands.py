"""Every user edit is a QUndoCommand on the window's one QUndoStack; redo and undo call the
services and hand the resulting claim to a callback that refreshes only what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from desktop_app.core.errors import FactdeskError
from desktop_app.core.models import Claim, Flag
from desktop_app.services import Project

Refresh = Callable[[Claim, bool], None]  # (claim, still exists)


class ServiceCommand(QUndoCommand):
    """An edit that calls the services. Its first application happens before it reaches the
    stack (:meth:`first`), so an edit the services refuse never lands on the stack; an undo
    or redo the project no longer allows (the claim changed since) is reported and the
    command leaves the stack, rather than leaving the view and the project at odds."""

    #: Where a refused undo or redo is reported; the window sets it when it pushes.
    report: Callable[[str], None] = staticmethod(lambda _message: None)
    #: What the edit does, and how to take it back: each command defines both.
    apply: Callable[[], None]
    revert: Callable[[], None]

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._applied = False

    def first(self) -> None:
        """Apply the edit now; the stack's first redo then does nothing."""
        self.apply()
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: Callable[[], None]) -> None:
        try:
            step()
        except FactdeskError as exc:
            self.setObsolete(True)
            self.report(f"{self.text()} could not be undone or redone: {exc}")


@dataclass(frozen=True)
class ClaimValues:
    """The editable part of a claim, to move between before and after."""

    tags: tuple[str, ...]
    verdict: str
    status: str
    note: str

    @classmethod
    def of(cls, claim: Claim) -> ClaimValues:
        return cls(claim.tags, claim.verdict, claim.status, claim.note)


class AddClaimCommand(ServiceCommand):
    """Mark a span of an article as a claim; undo removes it again."""

    def __init__(self, project: Project, article_id: str, start: int, end: int,
                 refresh: Refresh) -> None:
        super().__init__("Mark claim")
        self._project, self._article_id, self._span = project, article_id, (start, end)
        self._refresh = refresh
        self._claim_id: str | None = None

    def apply(self) -> None:
        result = self._project.add_claim(self._article_id, start=self._span[0],
                                         end=self._span[1], claim_id=self._claim_id)
        self._claim_id = result.claim.id
        self.setText(f"Mark claim “{result.claim.exact[:30]}”")
        self._refresh(result.claim, True)

    def revert(self) -> None:
        assert self._claim_id is not None
        result = self._project.delete_claim(self._claim_id)
        self._refresh(result.claim, False)


class EditClaimCommand(ServiceCommand):
    """Change a claim's tags, verdict, status or note; undo puts back only what this edit
    changed, so changes made since by others (a merged bundle) are kept."""

    def __init__(self, project: Project, before: Claim, after: ClaimValues, text: str,
                 refresh: Refresh) -> None:
        super().__init__(text)
        self._project, self._claim_id = project, before.id
        self._before, self._after = ClaimValues.of(before), after
        self._refresh = refresh

    def _apply(self, values: ClaimValues, other: ClaimValues) -> None:
        changed = {name: getattr(values, name) for name in ("verdict", "status", "note")
                   if getattr(values, name) != getattr(other, name)}
        tags = values.tags if {t.lower() for t in values.tags} != {
            t.lower() for t in other.tags} else None
        result = self._project.edit_claim(self._claim_id, set_tags=tags, **changed)
        self._refresh(result.claim, True)

    def apply(self) -> None:
        self._apply(self._after, self._before)

    def revert(self) -> None:
        self._apply(self._before, self._after)


class DeleteClaimCommand(ServiceCommand):
    """Remove a claim (and the flags that rest on it); undo restores them with the same ids
    and values."""

    def __init__(self, project: Project, claim: Claim, refresh: Refresh,
                 flags_changed: Callable[[], None]) -> None:
        super().__init__(f"Delete claim “{claim.exact[:30]}”")
        self._project, self._claim, self._refresh = project, claim, refresh
        self._flags_changed = flags_changed
        self._flags: list[Flag] = []

    def apply(self) -> None:
        self._flags = self._project.flags_of_claim(self._claim.id)
        result = self._project.delete_claim(self._claim.id)
        self._refresh(result.claim, False)
        if self._flags:
            self._flags_changed()

    def revert(self) -> None:
        c = self._claim
        result = self._project.add_claim(
            c.article_id, start=c.start, end=c.end, tags=c.tags, verdict=c.verdict,
            status=c.status, note=c.note, entities=c.entity_ids, author=c.author, claim_id=c.id)
        if self._flags:
            self._project.restore_flags(self._flags)
            self._flags_changed()
        self._refresh(result.claim, True)


class ResolveFlagCommand(ServiceCommand):
    """Confirm, dismiss or reopen a flag with a note; undo puts back its status and note."""

    def __init__(self, project: Project, flag: Flag, status: str, note: str | None,
                 refresh: Callable[[Flag], None]) -> None:
        super().__init__(f"{status.capitalize()} flag")
        self._project, self._id = project, flag.id
        self._before, self._after = (flag.status, flag.note), (status, note)
        self._refresh = refresh

    def apply(self) -> None:
        status, note = self._after
        self._refresh(self._project.resolve_flag(self._id, status=status, note=note).flag)

    def revert(self) -> None:
        status, note = self._before
        self._refresh(self._project.resolve_flag(self._id, status=status, note=note).flag)


class SettleConflictCommand(ServiceCommand):
    """Settle a claim in conflict; undo puts the claim and both versions back."""

    def __init__(self, project: Project, claim_id: str, keep: str,
                 refresh: Callable[[Claim], None]) -> None:
        super().__init__("Keep our version" if keep == "ours" else "Take their version")
        self._project, self._id, self._keep, self._refresh = project, claim_id, keep, refresh
        self._settlement = None

    def apply(self) -> None:
        self._settlement = self._project.settle_conflict(self._id, keep=self._keep)
        self._refresh(self._settlement.after)

    def revert(self) -> None:
        if self._settlement is not None:
            self._refresh(self._project.unsettle_conflict(self._settlement).after)
