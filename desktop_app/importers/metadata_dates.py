"""Publication dates as pages print them: "14-Nov-2024 3:00 AM", "Nov. 17, 2024",
"Sunday, September 28, 2025", "15 November 2024", "2024-11-14", and the labels around them:
a date labelled published or first published is the publication date; one labelled updated,
modified or last reviewed is not."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

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


#: Labels that say a date is the (first) publication.
PUBLISHED_LABEL = re.compile(
    r"\b(?:first published|originally published|published|posted|publication date|"
    r"date published|released|created)\b(?:\s+on)?\s*:?", re.I)
#: Labels that say a date is a later change, not the publication.
UPDATED_LABEL = re.compile(
    r"\b(?:last updated|updated|last modified|modified|last reviewed|reviewed|last edited|"
    r"edited|revised|corrected)\b(?:\s+on)?\s*:?", re.I)


class DateLabel(StrEnum):
    """What a date is said to be by the words just before it."""

    PUBLISHED = "published"
    UPDATED = "updated"
    NONE = "none"


def _parsed(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()[:3]]
    try:
        return date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None


def labelled_dates(text: str) -> list[tuple[DateLabel, date]]:
    """Every full date of ``text`` in order, each with the label written before it on its
    line (after the previous date, at most 48 characters before it), or alone on the line
    above: "Published 1 March 2023 · Updated 10 May 2024" gives (published, 2023-03-01) and
    (updated, 2024-05-10)."""
    matches: list[tuple[int, int, date]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _parsed(match)
            if found is not None:
                matches.append((match.start(), match.end(), found))
    matches.sort(key=lambda m: (m[0], -m[1]))
    result: list[tuple[DateLabel, date]] = []
    previous_end = 0
    for start, end, found in matches:
        if start < previous_end:
            continue  # the same date read by two patterns
        line_start = text.rfind("\n", 0, start) + 1
        window = text[max(previous_end, line_start, start - 48) : start]
        if not window.strip() and line_start > previous_end:
            # a label alone on the line above ("Published" over "1 March 2023")
            before = text[previous_end:line_start].rstrip()
            above = before[before.rfind("\n") + 1 :]
            if len(above.strip()) <= 30:
                window = above + " " + window
        published = [m.end() for m in PUBLISHED_LABEL.finditer(window)]
        updated = [m.end() for m in UPDATED_LABEL.finditer(window)]
        if published and (not updated or published[-1] > updated[-1]):
            label = DateLabel.PUBLISHED
        elif updated:
            label = DateLabel.UPDATED
        else:
            label = DateLabel.NONE
        result.append((label, found))
        previous_end = end
    return result


def publication_date(candidates: list[tuple[DateLabel, date]]) -> date | None:
    """The publication date among labelled dates: the first labelled published, else the
    first without a label, else (when a page shows only an update) the first update."""
    for wanted in (DateLabel.PUBLISHED, DateLabel.NONE, DateLabel.UPDATED):
        for label, found in candidates:
            if label is wanted:
                return found
    return None


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
    rest = PUBLISHED_LABEL.sub("", UPDATED_LABEL.sub("", rest))
    rest = re.sub(r"\b[A-Z]{2,4}\b", "", rest)  # a time zone such as EST or UTC
    return not re.search(r"\w", rest)
