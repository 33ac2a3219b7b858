"""Version stamps of claims, so two projects can tell which of them edited a claim.

A claim's stamp is a hash of what a person can change about it (its span and words, verdict,
review status, note, tags and entity links); timestamps and authorship are left out so that
the same content always has the same stamp. Each claim keeps the list of stamps it went
through. When a bundle brings a claim back, comparing the lists says whether one side simply
moved on from the other (take the newer) or both edited it since they parted (a conflict a
person settles).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from desktop_app.core.models import Claim

#: More stamps than this are trimmed from the old end; a claim edited that often on both
#: sides without exchange is reported as a conflict rather than guessed at.
MAX_HISTORY = 200


def claim_stamp(
    start: int, end: int, exact: str, verdict: str, status: str, note: str,
    tags: Sequence[str], entity_ids: Sequence[str],
) -> str:
    """The stamp of one version of a claim's content."""
    payload = json.dumps(
        [start, end, exact, verdict, status, note,
         sorted({t.lower() for t in tags}), sorted(set(entity_ids))],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stamp_of(claim: Claim) -> str:
    """The stamp of a claim as it stands."""
    return claim_stamp(claim.start, claim.end, claim.exact, claim.verdict, claim.status,
                       claim.note, claim.tags, claim.entity_ids)


def extended(history: Sequence[str], stamp: str) -> tuple[str, ...]:
    """``history`` with ``stamp`` appended unless it is already the latest."""
    if history and history[-1] == stamp:
        return tuple(history)
    return (*history, stamp)[-MAX_HISTORY:]


class Relation(Enum):
    """How an incoming version of a claim stands to ours."""

    SAME = "same"            # the same content
    OURS_NEWER = "ours newer"  # they have a version we already moved on from
    THEIRS_NEWER = "theirs newer"  # we have a version they moved on from: take theirs
    CONFLICT = "conflict"    # both edited since they parted


@dataclass(frozen=True, slots=True)
class Versions:
    """A claim's current stamp and the stamps it went through."""

    current: str
    history: tuple[str, ...]


def _follows(earlier: Sequence[str], later: Sequence[str]) -> bool:
    """True when ``later`` went through every version of ``earlier``, in the same order."""
    steps = iter(later)
    return all(any(stamp == step for step in steps) for stamp in earlier)


def relation(ours: Versions, theirs: Versions) -> Relation:
    """Compare two versions of one claim by their histories: one side is newer when it went
    through every version the other did, in order (so a revert to an older version still
    counts as newer)."""
    if ours.current == theirs.current:
        return Relation.SAME
    if _follows(ours.history, theirs.history):
        return Relation.THEIRS_NEWER
    if _follows(theirs.history, ours.history):
        return Relation.OURS_NEWER
    return Relation.CONFLICT


FIELDS = ("span", "verdict", "status", "note", "tags", "entity_ids")


def content(claim: Claim) -> dict[str, Any]:
    """What a person can change about a claim, as plain JSON-ready data."""
    return {
        "span": [claim.start, claim.end, claim.exact, claim.prefix, claim.suffix],
        "verdict": claim.verdict, "status": claim.status, "note": claim.note,
        "tags": sorted(claim.tags, key=str.lower), "entity_ids": sorted(set(claim.entity_ids)),
    }


def content_stamp(data: dict[str, Any]) -> str:
    """The stamp of a version kept as :func:`content` data."""
    start, end, exact, _prefix, _suffix = data["span"]
    return claim_stamp(start, end, exact, data["verdict"], data["status"], data["note"],
                       data["tags"], data["entity_ids"])


def three_way(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
              ) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Merge two versions field by field against the version both came from: a field changed
    on one side only takes that side's value; a field changed on both sides to different
    values is a clash. Returns the merged content and the clashing fields."""
    merged = {}
    clashes = []
    for name in FIELDS:
        mine, yours, was = ours[name], theirs[name], base[name]
        if name == "tags":
            mine, yours, was = ([t.lower() for t in v] for v in (mine, yours, was))
        if mine == yours or yours == was:
            merged[name] = ours[name]
        elif mine == was:
            merged[name] = theirs[name]
        else:
            merged[name] = ours[name]
            clashes.append(name)
    return merged, tuple(clashes)


def merged_history(first: Sequence[str], second: Sequence[str]) -> tuple[str, ...]:
    """Both histories as one: the longer when one went through the other; otherwise each
    stamp once, in first-seen order (after merging or settling a conflict)."""
    if _follows(first, second):
        return tuple(second)[-MAX_HISTORY:]
    if _follows(second, first):
        return tuple(first)[-MAX_HISTORY:]
    return tuple(dict.fromkeys([*first, *second]))[-MAX_HISTORY:]
