"""What a bundle may hold before it is refused as hostile (kept apart from the bundle
reader so a project can be opened without loading it)."""

from __future__ import annotations

from dataclasses import dataclass

#: The kinds of record a bundle carries, in the order they are counted and merged.
KINDS = ("articles", "entities", "claims", "flags")


@dataclass(frozen=True, slots=True)
class Limits:
    """What a bundle may hold before it is refused as hostile."""

    max_members: int = 32
    max_total_bytes: int = 1024**3
    max_ratio: float = 200.0
    #: Members smaller than this are not judged by their compression ratio.
    ratio_floor: int = 1024 * 1024
