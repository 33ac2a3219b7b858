"""The closed vocabularies of the domain: verdicts, review statuses, entity types, flags."""

from __future__ import annotations

import re
from enum import StrEnum

from desktop_app.core import sizes
from desktop_app.core.errors import InvalidValueError


class Verdict(StrEnum):
    """The verdict scale, from "not looked at yet" to "cannot be checked"."""

    UNVERIFIED = "unverified"
    TRUE = "true"
    MOSTLY_TRUE = "mostly true"
    MIXED = "mixed"
    MOSTLY_FALSE = "mostly false"
    FALSE = "false"
    UNPROVEN = "unproven"
    NOT_CHECKABLE = "not checkable"


class ReviewStatus(StrEnum):
    """Where a claim stands in an editor's review."""

    DRAFT = "draft"
    NEEDS_REVIEW = "needs review"
    REVIEWED = "reviewed"


class EntityType(StrEnum):
    """What kind of thing an entity is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    EVENT = "event"
    OTHER = "other"


class FlagKind(StrEnum):
    """How two claims disagree."""

    AMOUNT = "amount"
    DATE = "date"
    PERIOD = "period"
    ATTRIBUTION = "attribution"
    CONTRADICTION = "contradiction"


class FlagStatus(StrEnum):
    """A flag's review: open until a person confirms or dismisses it."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


class Severity(StrEnum):
    """How much a flag matters."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ReviewItemKind(StrEnum):
    """What an item of the editor's review queue is: a flag, or a claim that needs review."""

    FLAG = "flag"
    CLAIM = "claim"


class ReviewState(StrEnum):
    """Which items of the review queue to show: those still to decide (open flags, claims
    that need review), those decided (confirmed or dismissed flags, reviewed claims), or all."""

    OPEN = "open"
    DECIDED = "decided"
    ALL = "all"


class TeamRole(StrEnum):
    """What a member of a shared project may do (enforced by the database server)."""

    #: Reads everything, changes nothing.
    READER = "reader"
    #: Adds and edits claims, entities and articles; runs the check.
    CHECKER = "checker"
    #: Also reviews: sets a claim "reviewed" and confirms or dismisses flags.
    EDITOR = "editor"


def team_role(value: str) -> TeamRole:
    """The role named ``value`` (any case).

    Raises:
        InvalidValueError: not one of reader, checker, editor.
    """
    try:
        return TeamRole(value.strip().lower())
    except ValueError:
        raise InvalidValueError(
            f"unknown role {value!r}: use one of {', '.join(TeamRole)}") from None


class ImportStatus(StrEnum):
    """The fate of one file in an import."""

    ADDED = "added"
    DUPLICATE = "duplicate"
    FAILED = "failed"
    CANCELLED = "cancelled"  # not read: the import was cancelled before this file


class Operation(StrEnum):
    """Every kind of change a use case makes: the audit log's action for each row it writes."""

    ARTICLE_IMPORT = "article.import"
    CLAIM_ADD = "claim.add"
    CLAIM_EDIT = "claim.edit"
    CLAIM_DELETE = "claim.delete"
    CLAIM_LINK = "claim.link"
    CLAIM_UNLINK = "claim.unlink"
    CLAIM_SETTLE = "claim.settle"
    TAG_RENAME = "tag.rename"
    TAG_MERGE = "tag.merge"
    ENTITY_ADD = "entity.add"
    ENTITY_EDIT = "entity.edit"
    ENTITY_DELETE = "entity.delete"
    ENTITY_MERGE = "entity.merge"
    ENTITY_UNMERGE = "entity.unmerge"
    ENTITY_IMPORT = "entity.import"
    FLAG_ADD = "flag.add"
    FLAG_CONFIRM = "flag.confirmed"
    FLAG_DISMISS = "flag.dismissed"
    FLAG_REOPEN = "flag.open"
    CHECK = "check"
    BUNDLE_IMPORT = "bundle.import"
    BUNDLE_EXPORT = "bundle.export"
    W3C_IMPORT = "w3c.import"
    CLAIMREVIEW_IMPORT = "claimreview.import"
    UNDO = "undo"
    REDO = "redo"


class Change(StrEnum):
    """What happened to one record in a change: the audit row says which."""

    ADDED = "added"
    EDITED = "edited"
    REMOVED = "removed"


VERDICTS: tuple[str, ...] = tuple(Verdict)
DEFAULT_VERDICT = Verdict.UNVERIFIED
REVIEW_STATUSES: tuple[str, ...] = tuple(ReviewStatus)
DEFAULT_REVIEW_STATUS = ReviewStatus.DRAFT
ENTITY_TYPES: tuple[str, ...] = tuple(EntityType)
FLAG_KINDS: tuple[str, ...] = tuple(FlagKind)
FLAG_STATUSES: tuple[str, ...] = tuple(FlagStatus)
FLAG_SEVERITIES: tuple[str, ...] = tuple(Severity)


def _canonical(value: str) -> str:
    return " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())


def _pick(value: str, allowed: tuple[str, ...], what: str) -> str:
    """The member of ``allowed`` that ``value`` names, ignoring case, ``-`` and ``_``.

    Raises:
        InvalidValueError: ``value`` names none of them (the message lists them).
    """
    wanted = _canonical(value)
    for item in allowed:
        if _canonical(item) == wanted:
            return item
    raise InvalidValueError(
        f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}"
    )


def verdict(value: str) -> Verdict:
    """The verdict named by ``value`` ("Mostly-True" -> "mostly true"), or a clear error."""
    return Verdict(_pick(value, VERDICTS, "verdict"))


def review_status(value: str) -> ReviewStatus:
    """The review status named by ``value``, or a clear error."""
    return ReviewStatus(_pick(value, REVIEW_STATUSES, "review status"))


def entity_type(value: str) -> EntityType:
    """The entity type named by ``value`` ("organisation" is accepted too)."""
    if _canonical(value) == "organisation":
        return EntityType.ORGANIZATION
    return EntityType(_pick(value, ENTITY_TYPES, "entity type"))


def flag_kind(value: str) -> FlagKind:
    """The flag kind named by ``value``, or a clear error."""
    return FlagKind(_pick(value, FLAG_KINDS, "flag kind"))


def flag_status(value: str) -> FlagStatus:
    """The flag status named by ``value``, or a clear error."""
    return FlagStatus(_pick(value, FLAG_STATUSES, "flag status"))


def severity(value: str) -> Severity:
    """The severity named by ``value``, or a clear error."""
    return Severity(_pick(value, FLAG_SEVERITIES, "severity"))


def tag_name(value: str) -> str:
    """A tag as stored: trimmed, inner white space folded, case kept; empty is refused."""
    name = " ".join(value.split())
    if not name:
        raise InvalidValueError("a tag cannot be empty")
    if len(name) > sizes.TAG:
        raise InvalidValueError(f"a tag is limited to {sizes.TAG} characters")
    return name


_QID = re.compile(r"Q[1-9][0-9]*")


def wikidata_qid(value: str) -> str:
    """A Wikidata item id in canonical form ("q42" -> "Q42"); refuses anything else."""
    candidate = value.strip()
    if candidate.lower().startswith(("http://www.wikidata.org/entity/",
                                     "https://www.wikidata.org/wiki/")):
        candidate = candidate.rstrip("/").rsplit("/", 1)[-1]
    candidate = candidate.upper()
    if not _QID.fullmatch(candidate):
        raise InvalidValueError(
            f"{value!r} is not a Wikidata id: it looks like Q followed by digits, e.g. Q42"
        )
    return candidate


def entity_name(value: str) -> str:
    """An entity's name or alias as stored: trimmed, inner white space folded."""
    name = " ".join(value.split())
    if not name:
        raise InvalidValueError("an entity's name cannot be empty")
    if len(name) > sizes.NAME:
        raise InvalidValueError(
            f"an entity's name or alias is limited to {sizes.NAME} characters (core.sizes)")
    return name
