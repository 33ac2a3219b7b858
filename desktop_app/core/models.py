"""The domain records as plain frozen dataclasses.

Repositories return these; services, the command line and the app pass them around. Nothing
here knows about a database, a search engine or Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class ImportedArticle:
    """What an importer makes of one file: clean text plus the metadata it could find."""

    text: str
    title: str
    source_name: str
    original: bytes
    format: str
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    #: JSON-LD blocks of the page that hold a schema.org ClaimReview, as found.
    reviews: tuple[str, ...] = ()
    #: What the import report should say about the reading (a guessed encoding...).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """An imported article: normalised text and where it came from."""

    id: str
    title: str
    text: str
    content_hash: str
    original_hash: str | None
    original_name: str | None
    format: str
    publisher: str | None
    author: str | None
    url: str | None
    published: date | None
    retrieved: datetime
    language: str | None


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article without its text, for listings."""

    id: str
    title: str
    publisher: str | None
    author: str | None
    published: date | None
    retrieved: datetime
    original_name: str | None
    format: str
    url: str | None
    language: str | None
    claim_count: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A span of an article that someone wants checked, anchored by position and quote."""

    id: str
    article_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    verdict: str
    status: str
    note: str
    author: str
    created: datetime
    modified: datetime
    tags: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    anchor_state: str = "anchored"
    #: Grows by one with every edit; an edit made on an older version is kept as a conflict.
    version: int = 1


@dataclass(frozen=True, slots=True)
class ClaimConflict:
    """Another project's version of a claim both sides edited since they parted: kept beside
    ours until a person settles it."""

    claim_id: str
    version: str
    incoming: dict[str, Any]
    bundle: str
    from_author: str
    created: datetime


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical person, organisation, place or event, with the names it goes by."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    external_ids: tuple[tuple[str, str], ...] = ()
    merged_into: str | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """Two claims from different articles that cannot both be true."""

    id: str
    claim_a: str
    claim_b: str
    kind: str
    severity: str
    status: str
    raised_by: str
    explanation: str
    note: str
    created: datetime
    modified: datetime


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One change: who did what to which record, and when."""

    id: int
    at: datetime
    actor: str
    action: str
    target_kind: str
    target_id: str
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TagCount:
    """A tag and how many claims carry it."""

    name: str
    claims: int


@dataclass(frozen=True, slots=True)
class RowChange:
    """One row a unit of work wrote: ``before`` is None for an insert, ``after`` None for a
    delete. ``key`` is the row's primary key; the values are the row's columns as stored."""

    table: str
    key: tuple[object, ...]
    before: Mapping[str, object] | None
    after: Mapping[str, object] | None


@dataclass(frozen=True, slots=True)
class Changes:
    """What a mutation touched (ids per kind), so a view refreshes only that; ``rows`` is the
    committed row record it was derived from, which is what undo reverts exactly."""

    articles: frozenset[str] = frozenset()
    claims: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    tags: bool = False
    rows: tuple[RowChange, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.claims | other.claims,
            self.entities | other.entities,
            self.flags | other.flags,
            self.tags or other.tags,
            self.rows + other.rows,
        )

    @property
    def empty(self) -> bool:
        return not (self.articles or self.claims or self.entities or self.flags or self.tags
                    or self.rows)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """The fate of one file in an import: added, duplicate of an existing article, or failed."""

    path: str
    status: str  # "added" | "duplicate" | "failed" | "cancelled"
    article_id: str | None = None
    title: str | None = None
    reason: str | None = None
    notes: tuple[str, ...] = ()  # what else came with the file, e.g. an embedded ClaimReview


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Every file of one import with its outcome, plus what changed."""

    outcomes: tuple[ImportOutcome, ...]
    changes: Changes = Changes()

    @property
    def failed(self) -> tuple[ImportOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    @property
    def added(self) -> tuple[ImportOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "added")

    @property
    def cancelled(self) -> tuple[ImportOutcome, ...]:
        """The files not imported because the import was cancelled before reading them."""
        return tuple(o for o in self.outcomes if o.status == "cancelled")
