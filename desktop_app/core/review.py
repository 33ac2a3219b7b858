"""The editor's review queue: open flags and claims that need review, together, and the
filters an editor narrows it with (kind, severity, tag, entity, article, author).

Pure: it is built from the records the services read and knows nothing of a database or Qt.

A claim has no kind or severity of its own; in the queue it takes them from the flags that
rest on it (a claim of an "amount" flag of high severity is found under "amount" and "high"),
so filtering a kind or a severity shows a disagreement's flags with the claims they raised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.core.models import Claim, Flag
from desktop_app.core.vocab import (
    FlagStatus,
    ReviewItemKind,
    ReviewState,
    ReviewStatus,
    Severity,
)

#: Severities from the least to the most serious: the queue shows the most serious first.
SEVERITY_RANK: Mapping[str, int] = {level: rank for rank, level in enumerate(Severity)}

#: Claim review statuses that put a claim in the queue: open (to review) or decided.
QUEUED_STATUSES = (ReviewStatus.NEEDS_REVIEW, ReviewStatus.REVIEWED)


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One thing for an editor to decide: a flag (with its two claims) or a claim whose
    review status is "needs review" (or "reviewed", once decided).

    ``severity`` and ``flag_kinds`` are the flag's own, or for a claim those of the flags
    resting on it (its most serious severity; None when no flag rests on it). ``author`` is
    who raised the flag (a person, or the check's rule) or who marked the claim. ``tags``,
    ``entity_ids`` and ``article_ids`` are the claims' together.
    """

    kind: ReviewItemKind
    id: str
    status: str
    severity: Severity | None
    flag_kinds: tuple[str, ...]
    author: str
    summary: str
    claims: tuple[Claim, ...]
    created: datetime
    flag: Flag | None = None
    tags: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        """True while the item waits for a decision: an open flag, a claim that needs review."""
        if self.kind is ReviewItemKind.FLAG:
            return self.status == FlagStatus.OPEN
        return self.status == ReviewStatus.NEEDS_REVIEW

    @property
    def note(self) -> str:
        """The flag's note, or the claim's."""
        if self.flag is not None:
            return self.flag.note
        return self.claims[0].note if self.claims else ""


@dataclass(frozen=True, slots=True)
class ReviewFilter:
    """What the editor wants to see; None (or ALL) lets everything through. ``tag``
    compares without regard to case; ``flag_kind`` and ``severity`` match a claim through
    the flags resting on it (see the module's docstring)."""

    state: ReviewState = ReviewState.OPEN
    item_kind: ReviewItemKind | None = None
    flag_kind: str | None = None
    severity: str | None = None
    tag: str | None = None
    entity_id: str | None = None
    article_id: str | None = None
    author: str | None = None

    def matches(self, item: ReviewItem) -> bool:
        """True when ``item`` passes every filter set."""
        if self.state is ReviewState.OPEN and not item.open:
            return False
        if self.state is ReviewState.DECIDED and item.open:
            return False
        if self.item_kind is not None and item.kind is not self.item_kind:
            return False
        if self.flag_kind is not None and self.flag_kind not in item.flag_kinds:
            return False
        if self.severity is not None and item.severity != self.severity:
            return False
        if self.tag is not None and self.tag.lower() not in {t.lower() for t in item.tags}:
            return False
        if self.entity_id is not None and self.entity_id not in item.entity_ids:
            return False
        if self.article_id is not None and self.article_id not in item.article_ids:
            return False
        return self.author is None or item.author == self.author


@dataclass(frozen=True, slots=True)
class ReviewQueue:
    """Every item of the queue, open and decided, most serious first; with the names the
    filters offer (article id -> title, entity id -> name)."""

    items: tuple[ReviewItem, ...]
    article_titles: Mapping[str, str] = field(default_factory=dict)
    entity_names: Mapping[str, str] = field(default_factory=dict)

    def open_counts(self) -> tuple[int, int]:
        """(open flags, claims that need review)."""
        flags = sum(1 for i in self.items if i.open and i.kind is ReviewItemKind.FLAG)
        claims = sum(1 for i in self.items if i.open and i.kind is ReviewItemKind.CLAIM)
        return flags, claims

    def tags(self) -> list[str]:
        """The tags the items carry, by name without regard to case."""
        return sorted({t for i in self.items for t in i.tags}, key=str.lower)

    def authors(self) -> list[str]:
        """Who raised the flags and marked the claims, by name."""
        return sorted({i.author for i in self.items}, key=str.lower)


def _order(item: ReviewItem) -> tuple[int, datetime, int, str]:
    """Most serious first, then oldest first; a flag before the claims it raised."""
    rank = SEVERITY_RANK.get(item.severity, -1) if item.severity else -1
    return (-rank, item.created, 0 if item.kind is ReviewItemKind.FLAG else 1, item.id)


def _union(groups: Iterable[Iterable[str]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for group in groups for value in group))


def build_queue(flags: Iterable[Flag], claims: Mapping[str, Claim],
                article_titles: Mapping[str, str] | None = None,
                entity_names: Mapping[str, str] | None = None) -> ReviewQueue:
    """The queue of ``flags`` (every status) and of the ``claims`` whose review status is
    "needs review" or "reviewed". ``claims`` (id -> claim) must hold both claims of every
    flag; a flag missing one is left out (it cannot be shown side by side)."""
    flags = [f for f in flags if f.claim_a in claims and f.claim_b in claims]
    resting: dict[str, list[Flag]] = {}
    for flag in flags:
        for claim_id in (flag.claim_a, flag.claim_b):
            resting.setdefault(claim_id, []).append(flag)
    items: list[ReviewItem] = []
    for flag in flags:
        pair = (claims[flag.claim_a], claims[flag.claim_b])
        items.append(ReviewItem(
            kind=ReviewItemKind.FLAG, id=flag.id, status=flag.status,
            severity=Severity(flag.severity), flag_kinds=(flag.kind,), author=flag.raised_by,
            summary=flag.explanation or flag.note, claims=pair, created=flag.created, flag=flag,
            tags=_union(c.tags for c in pair), entity_ids=_union(c.entity_ids for c in pair),
            article_ids=_union([c.article_id] for c in pair)))
    for claim in claims.values():
        if claim.status not in QUEUED_STATUSES:
            continue
        on_it = resting.get(claim.id, [])
        levels = [Severity(f.severity) for f in on_it]
        items.append(ReviewItem(
            kind=ReviewItemKind.CLAIM, id=claim.id, status=claim.status,
            severity=max(levels, key=SEVERITY_RANK.__getitem__) if levels else None,
            flag_kinds=_union([f.kind] for f in on_it), author=claim.author,
            summary=" ".join(claim.exact.split()), claims=(claim,), created=claim.created,
            tags=claim.tags, entity_ids=claim.entity_ids, article_ids=(claim.article_id,)))
    items.sort(key=_order)
    return ReviewQueue(tuple(items), dict(article_titles or {}), dict(entity_names or {}))


_QUOTED = re.compile(r"“([^”]{1,200})”")


def quoted_values(explanation: str, passage: str) -> list[str]:
    """The values a flag's explanation quotes that appear word for word in ``passage``: what
    to point out in each side of the flag. The check (core/disagreements.py) writes each
    side's amount, date or period between “ and ”; quoted words without a digit are the
    topic ("the day of “asia”"), not a value, and are left out. Comparison ignores case;
    the values come back as the passage spells them, in the explanation's order."""
    found: list[str] = []
    folded = passage.lower()
    for value in dict.fromkeys(_QUOTED.findall(explanation)):
        at = folded.find(value.lower())
        if at >= 0 and any(ch.isdigit() for ch in value):
            found.append(passage[at:at + len(value)])
    return found
