"""Dates and periods in English news copy, normalised to day intervals.

"November 15-16" is 15 to 16 November; "Nov. 17" is 17 November of the year that puts it
nearest the article's own date; "December 2023" is the whole month; "since 2020" runs from
1 January 2020 to the article's date; "over the past 15 years" ends at the article's date.
Every value keeps its span in the text.

Why not dateparser: its ``search_dates`` reads one date per phrase and returns the substring
without a position, does not know ranges ("November 15-16") or periods ("between 2020 to
2023", "since 2020"), and guesses across dozens of languages, which makes it slow and gives
false dates for words like "may" and "march". The forms below are the ones English news
copy uses; the year is resolved against the article's date, as a reader would.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|"
          r"Dec\.?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|and|through)\s*"

DATE = re.compile(
    # the 15th of November (2024) | November the 15th
    rf"\b(?:the\s+)?(?P<d0>{_DAY})\s+of\s+(?P<m0>{_MONTH})(?:,?\s+(?P<y0>{_YEAR}))?\b"
    rf"|\b(?P<m6>{_MONTH})\s+the\s+(?P<d6>{_DAY})\b(?:,?\s+(?P<y6>{_YEAR}))?"
    # November 15-16, 2024 | Nov. 17 | September 28, 2025
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})\b(?:{_DASH}(?P<d1b>{_DAY})\b)?(?:,?\s+(?P<y1>{_YEAR}))?"
    # 15-16 November 2024 | 15 November
    rf"|\b(?P<d2>{_DAY})(?:{_DASH}(?P<d2b>{_DAY}))?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    # 14-Nov-2024
    rf"|\b(?P<d3>{_DAY})-(?P<m3>{_MONTH})-(?P<y3>{_YEAR})\b"
    # 2024-11-14
    rf"|\b(?P<y4>{_YEAR})-(?P<m4>0[1-9]|1[0-2])-(?P<d4>0[1-9]|[12]\d|3[01])\b"
    # December 2023
    rf"|\b(?P<m5>{_MONTH})\s+(?P<y5>{_YEAR})\b",
    re.IGNORECASE,
)

_COUNT_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "fifty": 50, "a": 1, "few": 3, "several": 3}
_SPAN_OF = r"(?P<n>\d+|" + "|".join(_COUNT_WORDS) + r")\s+(?P<unit>years?|decades?|months?)"

PERIOD = re.compile(
    rf"\b(?:between|from)\s+(?P<a1>{_YEAR})\s*(?:and|to|until|through|-|–)\s*(?P<b1>{_YEAR})\b"
    rf"|\b(?P<a2>{_YEAR})\s*(?:-|–|—)\s*(?P<b2>{_YEAR}|\d\d)\b"
    rf"|\bsince\s+(?:(?:early|mid|late)[-\s])?(?:(?P<sm>{_MONTH})\s+)?(?P<a3>{_YEAR})\b"
    rf"|\b(?P<until>through|until|till|by)\s+(?:(?:early|mid|late|the end of)\s+)?"
    rf"(?P<b4>{_YEAR})\b"
    rf"|\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+{_SPAN_OF}",
    re.IGNORECASE,
)
#: Parts of a year, read as the interval they mean.
PART_OF_YEAR = re.compile(
    rf"\bQ(?P<q>[1-4])\s+(?P<qy>{_YEAR})\b"
    rf"|\b(?P<sy>{_YEAR})/(?P<sy2>\d\d)\b"
    rf"|\b(?P<part>early|mid|late)[-\s](?P<py>{_YEAR})\b"
    rf"|\bthe\s+(?P<half>first|second)\s+half\s+of\s+(?P<hy>{_YEAR})\b",
    re.IGNORECASE,
)
_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_SINGLE_YEAR = re.compile(rf"\b(?:in|of|during)\s+(?:(?:early|mid|late)[-\s])?(?P<y>{_YEAR})\b",
                          re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A day or a run of days (inclusive), the precision it was written with, and its span."""

    first: date
    last: date
    precision: str  # day, month, year
    year_known: bool  # written, or resolved against the article's date
    start: int
    end: int
    text: str

    def overlaps(self, other: DateValue) -> bool:
        return self.first <= other.last and other.first <= self.last


@dataclass(frozen=True, slots=True)
class Period:
    """A span of years a figure covers: ``first``/``last`` years, ``None`` when open."""

    first: int | None
    last: int | None
    form: str  # between, since, until, past
    approximate: bool
    start: int
    end: int
    text: str

    def same_as(self, other: Period) -> bool:
        """Whether the two cover the same years (a year's slack for "past N years")."""
        slack = 1 if self.approximate or other.approximate else 0

        def near(a: int | None, b: int | None) -> bool:
            if a is None or b is None:
                return a is None and b is None
            return abs(a - b) <= slack

        return near(self.first, other.first) and near(self.last, other.last)

    def describe(self) -> str:
        first = str(self.first) if self.first is not None else "?"
        last = str(self.last) if self.last is not None else "now"
        return f"{first} to {last}"


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


#: The year given to a date whose year is unknown (a leap year, so 29 February fits).
UNKNOWN_YEAR = 2000


def _nearest_year(month: int, day: int, reference: date | None) -> tuple[int, bool]:
    """The year that puts month/day nearest the reference date (a reader's assumption)."""
    if reference is None:
        return UNKNOWN_YEAR, False
    best = min((reference.year - 1, reference.year, reference.year + 1),
               key=lambda y: abs((_safe(y, month, day) - reference).days))
    return best, True


def _safe(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


_MAYBE_DATE = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|Q[1-4])|"
                         r"1[89]\d\d|20\d\d")


_MAYBE_DAY = re.compile(r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
                        r"\d{4}-\d\d-\d\d")


def find_dates(text: str, reference: date | None = None) -> list[DateValue]:
    """Every calendar date in ``text``; a missing year is taken from ``reference``."""
    found: list[DateValue] = []
    if _MAYBE_DATE.search(text) is None:
        return found  # no month name, no ISO date, no year: nothing to read
    calendar_dates = DATE.finditer(text) if _MAYBE_DAY.search(text) else iter(())
    for m in calendar_dates:
        g = m.groupdict()
        try:
            if g["m0"] or g["m6"]:
                month = _month(g["m0"] or g["m6"])
                day = last_day = _day(g["d0"] or g["d6"])
                year_text = g["y0"] or g["y6"]
            elif g["m1"]:
                month, day = _month(g["m1"]), _day(g["d1"])
                last_day = _day(g["d1b"]) if g["d1b"] else day
                year_text = g["y1"]
            elif g["m2"]:
                month, day = _month(g["m2"]), _day(g["d2"])
                last_day = _day(g["d2b"]) if g["d2b"] else day
                year_text = g["y2"]
            elif g["m3"]:
                month, day, year_text = _month(g["m3"]), _day(g["d3"]), g["y3"]
                last_day = day
            elif g["y4"]:
                month, day, year_text = int(g["m4"]), int(g["d4"]), g["y4"]
                last_day = day
            else:
                month, year = _month(g["m5"]), int(g["y5"])
                first = date(year, month, 1)
                last = _safe(year, month, 31)
                found.append(DateValue(first, last, "month", True, m.start(), m.end(),
                                       m.group()))
                continue
            if g["m1"] and g["m1"].lower() == "may" and not year_text and not g["d1b"]:
                # "may 5" is too often the verb: only with a capital and a day number
                if not g["m1"][0].isupper():
                    continue
            if year_text:
                year, given = int(year_text), True
            else:
                year, given = _nearest_year(month, day, reference)
            first = date(year, month, day)
            last = date(year, month, max(day, last_day))
        except (ValueError, KeyError):
            continue
        found.append(DateValue(first, last, "day", given, m.start(), m.end(), m.group()))
    taken = [(d.start, d.end) for d in found]
    for m in PART_OF_YEAR.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        value = _part_of_year(m)
        if value is not None:
            first, last = value
            found.append(DateValue(first, last, "part", True, m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    for m in _SINGLE_YEAR.finditer(text):
        if any(s <= m.start("y") < e for s, e in taken):
            continue
        year = int(m.group("y"))
        found.append(DateValue(date(year, 1, 1), date(year, 12, 31), "year", True,
                               m.start("y"), m.end("y"), m.group("y")))
    return sorted(found, key=lambda d: d.start)


def _part_of_year(m: re.Match[str]) -> tuple[date, date] | None:
    """"Q3 2024" is July to September; "2020/21" runs over both years; "mid-2023" is May
    to August; "the first half of 2023" is January to June."""
    g = m.groupdict()
    if g["q"]:
        year, quarter = int(g["qy"]), int(g["q"])
        return date(year, 3 * quarter - 2, 1), _safe(year, 3 * quarter, 31)
    if g["sy"]:
        first = int(g["sy"])
        second = first // 100 * 100 + int(g["sy2"])
        if second != first + 1:
            return None
        return date(first, 1, 1), date(second, 12, 31)
    if g["part"]:
        year = int(g["py"])
        a, b = _PARTS[g["part"].lower()]
        return date(year, a, 1), _safe(year, b, 31)
    year = int(g["hy"])
    if g["half"].lower() == "first":
        return date(year, 1, 1), date(year, 6, 30)
    return date(year, 7, 1), date(year, 12, 31)


def find_periods(text: str, reference: date | None = None) -> list[Period]:
    """Every span of years ("since 2020", "2020 to 2023", "over the past 15 years")."""
    now = reference.year if reference else None
    found: list[Period] = []
    for m in PERIOD.finditer(text):
        g = m.groupdict()
        first: int | None
        last: int | None
        if g["a1"]:
            first, last, form, approx = int(g["a1"]), int(g["b1"]), "between", False
        elif g["a2"]:
            start_year = int(g["a2"])
            end_year = (int(g["b2"]) if len(g["b2"]) == 4
                        else start_year // 100 * 100 + int(g["b2"]))
            if end_year <= start_year:
                continue
            first, last = start_year, end_year
            form, approx = "between", False
        elif g["a3"]:
            first, last, form, approx = int(g["a3"]), now, "since", False
        elif g["b4"]:
            first, last, form, approx = None, int(g["b4"]), "until", False
            if g["until"].lower() == "by":
                form = "by"
        else:
            count = int(g["n"]) if g["n"].isdigit() else _COUNT_WORDS[g["n"].lower()]
            years = count * (10 if g["unit"].lower().startswith("decade") else 1)
            if g["unit"].lower().startswith("month"):
                years = max(1, round(count / 12))
            first = now - years if now is not None else None
            last, form, approx = now, "past", True
        found.append(Period(first, last, form, approx, m.start(), m.end(), m.group()))
    return found


def reference_date(text: str, published: date | None) -> date | None:
    """The date a text speaks from: its publication date, else the latest full date it
    gives whose year is the one it mentions most."""
    if published is not None:
        return published
    lines = text.splitlines()
    head = "\n".join(lines[:4]) if len(lines) > 4 else ""
    dateline = [d for d in find_dates(head) if d.year_known and d.precision == "day"]
    if dateline:
        return dateline[0].first  # the date under a headline: "Outlet, June 14, 2017"
    full = [d for d in find_dates(text) if d.year_known and d.precision == "day"]
    if not full:
        return None
    common = Counter(d.first.year for d in full).most_common(1)[0][0]
    return max(d.last for d in full if d.first.year == common)


def days_apart(a: DateValue, b: DateValue) -> int:
    """How many days separate two date intervals (0 when they meet)."""
    if a.overlaps(b):
        return 0
    return (b.first - a.last).days if a.last < b.first else (a.first - b.last).days

