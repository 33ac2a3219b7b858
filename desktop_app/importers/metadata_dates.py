"""Publication dates as pages print them: "14-Nov-2024 3:00 AM", "Nov. 17, 2024",
"Sunday, September 28, 2025", "15 November 2024", "2024-11-14"."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|" \
         r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PATTERNS = [
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}})[-\s]{_MONTH}[-\s,]+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"{_WEEKDAY}\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b",
               re.I),
]


def find_date(text: str) -> date | None:
    """The first full date (day, month and year) written in ``text``, if any."""
    best: tuple[int, date] | None = None
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        if parts.get("mnum"):
            month = int(parts["mnum"])
        else:
            month = MONTHS[parts["month"].lower()[:3]]
        try:
            found = date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            continue
        if best is None or match.start() < best[0]:
            best = (match.start(), found)
    return best[1] if best else None


def is_date_line(line: str) -> bool:
    """A line that is only a date (with an optional weekday, time and bullet)."""
    stripped = re.sub(r"^[-•*·\s]+", "", line).strip()
    if not stripped or len(stripped) > 60 or find_date(stripped) is None:
        return False
    rest = stripped
    for pattern in _PATTERNS:
        rest = pattern.sub("", rest)
    rest = re.sub(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\b", "", rest, flags=re.I)
    rest = re.sub(r"\b(?:updated|published|posted)\b:?", "", rest, flags=re.I)
    rest = re.sub(r"\b[A-Z]{2,4}\b", "", rest)  # a time zone such as EST or UTC
    return not re.search(r"\w", rest)
