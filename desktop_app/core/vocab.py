"""The closed vocabularies of the domain: verdicts, review statuses, entity types, flags."""

from __future__ import annotations

import re

from desktop_app.core.errors import InvalidValueError

#: Default verdict scale, from "not looked at yet" to "cannot be checked".
VERDICTS: tuple[str, ...] = (
    "unverified",
    "true",
    "mostly true",
    "mixed",
    "mostly false",
    "false",
    "unproven",
    "not checkable",
)
DEFAULT_VERDICT = "unverified"

REVIEW_STATUSES: tuple[str, ...] = ("draft", "needs review", "reviewed")
DEFAULT_REVIEW_STATUS = "draft"

ENTITY_TYPES: tuple[str, ...] = ("person", "organization", "place", "event", "other")

FLAG_KINDS: tuple[str, ...] = ("amount", "date", "period", "attribution", "contradiction")
FLAG_STATUSES: tuple[str, ...] = ("open", "confirmed", "dismissed")
FLAG_SEVERITIES: tuple[str, ...] = ("low", "medium", "high")


def _canonical(value: str) -> str:
    return " ".join(value.strip().lower().replace("_", " ").replace("-", " ").split())


def _pick(value: str, allowed: tuple[str, ...], what: str) -> str:
    wanted = _canonical(value)
    for item in allowed:
        if _canonical(item) == wanted:
            return item
    raise InvalidValueError(
        f"unknown {what} {value!r}; choose one of: {', '.join(allowed)}"
    )


def verdict(value: str) -> str:
    """The verdict named by ``value`` ("Mostly-True" -> "mostly true"), or a clear error."""
    return _pick(value, VERDICTS, "verdict")


def review_status(value: str) -> str:
    """The review status named by ``value``, or a clear error."""
    return _pick(value, REVIEW_STATUSES, "review status")


def entity_type(value: str) -> str:
    """The entity type named by ``value`` ("organisation" is accepted too)."""
    if _canonical(value) == "organisation":
        return "organization"
    return _pick(value, ENTITY_TYPES, "entity type")


def flag_kind(value: str) -> str:
    """The flag kind named by ``value``, or a clear error."""
    return _pick(value, FLAG_KINDS, "flag kind")


def flag_status(value: str) -> str:
    """The flag status named by ``value``, or a clear error."""
    return _pick(value, FLAG_STATUSES, "flag status")


def tag_name(value: str) -> str:
    """A tag as stored: trimmed, inner white space folded, case kept; empty is refused."""
    name = " ".join(value.split())
    if not name:
        raise InvalidValueError("a tag cannot be empty")
    if len(name) > 100:
        raise InvalidValueError("a tag is limited to 100 characters")
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
    if len(name) > 300:
        raise InvalidValueError("an entity's name is limited to 300 characters")
    return name
