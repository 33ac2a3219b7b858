"""Clock times in news copy, as intervals of minutes after midnight.

"6:50 p.m." is 18:50 (give or take a minute); "just before 7pm" is 18:45 to 19:00; "about
6:30 pm" is 18:20 to 18:40; "just after 3am" is 03:00 to 03:15; "12.54am" is 00:54;
"12:30 BST" is 12:30. A time keeps its span, and the words that bound it ("by 11 pm" is a
deadline, not the moment), so two reports of the moment something happened can be compared.
The widths given to "about", "just before" and "just after" are ours: a reader's sense of
the words, wide enough that "6:50 p.m." and "just before 7pm" agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUND = (r"(?P<bound>just\s+before|shortly\s+before|just\s+after|shortly\s+after|"
          r"at\s+about|at\s+around|about|around|approximately|roughly|before|after|by|"
          r"until|till)")
TIME = re.compile(
    rf"(?:\b{_BOUND}\s+)?(?:at\s+)?"
    r"(?:(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.?\s?m\b\.?|p\.?\s?m\b\.?)"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?:\s*(?:BST|GMT|UTC|CET|CEST|EST|EDT|PST|"
    r"local time|hrs|h)\b)?"
    r"|(?P<word>noon|midday|midnight))",
    re.IGNORECASE,
)
#: How wide each bound makes a time, in minutes: (before, after).
WIDTH = {"just before": (15, 0), "shortly before": (20, 0), "just after": (0, 15),
         "shortly after": (0, 20), "about": (10, 10), "around": (10, 10),
         "at about": (10, 10), "at around": (10, 10), "approximately": (10, 10),
         "roughly": (10, 10), "before": (120, 0), "after": (0, 120)}


@dataclass(frozen=True, slots=True)
class ClockTime:
    """A moment of the day as the interval it can mean (minutes after midnight)."""

    low: int
    high: int
    bound: str  # exact, about, just before, by, ...
    start: int
    end: int
    text: str

    @property
    def deadline(self) -> bool:
        """"by 11 pm", "until 3am": a limit something happened within, not the moment."""
        return self.bound in ("by", "until", "till")

    def overlaps(self, other: ClockTime) -> bool:
        """Whether both times can be the same moment (their intervals meet)."""
        return self.low <= other.high and other.low <= self.high

    def describe(self) -> str:
        """The interval as a person reads it: "18:20–18:40"."""
        def hm(minutes: int) -> str:
            return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"

        return hm(self.low) if self.low == self.high else f"{hm(self.low)}–{hm(self.high)}"


_MAYBE_TIME = re.compile(r"\d\s?[apAP]\.?\s?[mM]\b|\d[:.][0-5]\d|(?i:noon|midday|midnight)")


def find_times(text: str) -> list[ClockTime]:
    """Every clock time in ``text`` ("6:50 p.m.", "just before 7pm", "12:30 BST")."""
    found: list[ClockTime] = []
    if _MAYBE_TIME.search(text) is None:
        return found  # no a.m./p.m., no hh:mm, no noon or midnight
    for m in TIME.finditer(text):
        g = m.groupdict()
        if g["word"]:
            minutes = 0 if g["word"].lower() == "midnight" else 12 * 60
        elif g["h"] is not None:
            hour = int(g["h"])
            if not 1 <= hour <= 12:
                continue
            pm = g["ap"].lower().startswith("p")
            hour = hour % 12 + (12 if pm else 0)
            minutes = hour * 60 + int(g["mi"] or 0)
        else:
            minutes = int(g["h24"]) * 60 + int(g["m24"])
        bound = " ".join((g["bound"] or "").lower().split()) or "exact"
        before, after = WIDTH.get(bound, (0, 0))
        if bound == "exact" and (g["mi"] or g["m24"]):
            before = after = 1
        start = m.start("bound") if g["bound"] else m.start() + (
            len(m.group()) - len(m.group().lstrip()))
        text_ = text[start:m.end()].rstrip(" .")
        found.append(ClockTime(minutes - before, minutes + after, bound, start,
                               start + len(text_), text_))
    return found
