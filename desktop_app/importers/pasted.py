"""Articles pasted from a browser: find the title, byline and date the text shows, and keep
the page furniture around the article (weather lines, other headlines, image credits,
newsletter boxes, "Most Popular Articles") out of the article text.

The rules are general and conservative: a line is dropped only when it is clearly not the
article; when unsure, the text stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.importers.metadata_dates import (
    PUBLISHED_LABEL,
    UPDATED_LABEL,
    DateLabel,
    find_date,
    is_date_line,
    labelled_dates,
    publication_date,
)

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"',
                              "\u201d": '"', "\u2013": "-", "\u2014": "-"})
_WEATHER = re.compile(r"^-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_STAMP = re.compile(r"^(?:updated|published|posted|last updated|first published|originally "
                    r"published|last modified|modified|last reviewed)(?:\s+on)?\s*:?\s*", re.I)
_BYLINE = re.compile(
    r"^[-•*·\s]*(?i:by|journalist|author|written by|reporter)\s*:?\s+"
    r"(?P<name>[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|da|van|von|la|le|del|and|&))*)"
    r"(?:\s*[|·]\s*(?P<outlet>[^|·]+?))?(?:\s*[,-].*)?$")
_NAME = re.compile(r"^[A-Z][a-zà-ÿ'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|la|del)){1,3}$")
_CREDIT = re.compile(
    r"(?:^\(?(?:image|photo|picture|illustration)\s+(?:by|credit|courtesy)\b.*\)?$)|"
    r"(?:\b(?:via\s+)?(?:getty images|afp|reuters|ap photo|shutterstock|pixabay|unsplash)"
    r"\)?\s*$)", re.I)
_FOOTER = re.compile(
    r"^(?:stay informed|get the best articles|check out our other content|most popular"
    r"(?: articles| stories)?|related (?:articles|stories|posts)|read more|share this"
    r"(?: article)?|follow us|subscribe\b|sign up for|newsletter|advertisement|"
    r"this article was originally published|originally published (?:by|in|at)|"
    r"copyright\b|©|all rights reserved|recommended for you|you may also like|"
    r"more from\b|trending\b|comments?$)", re.I)
_BIO_ROLE = re.compile(
    r"\b(?:senior fellows?|fellows?|co-?founders?|director|professor|editor|correspondent|"
    r"reporter|analyst|contributor|columnist|is a|are|writes?)\b", re.I)
_TEASER = re.compile(r"(?:\.\.\.|…)\s*$")
#: An outlet's name (a few capitalised words) and then a date, on one line.
_OUTLET_DATE = re.compile(
    r"^(?P<outlet>(?:The\s+)?[A-Z0-9][\w&.'’-]*(?:\s+(?:[A-Z0-9&][\w&.'’-]*|of|the|de|del|la|"
    r"le|des|di|and|y|e|für)){0,5})\s*(?:,|—|–|-|\||·|•)\s*(?P<date>.{6,60})$")


@dataclass(frozen=True, slots=True)
class PastedArticle:
    """What was found in a pasted page."""

    title: str | None
    text: str
    author: str | None
    published: date | None
    publisher: str | None = None


def _key(line: str) -> str:
    return " ".join(line.translate(_APOSTROPHES).split()).casefold()


def _title_like(line: str) -> bool:
    words = line.split()
    return (3 <= len(words) <= 25 and len(line) <= 200 and not line.endswith((".", ":", "…"))
            and not _TEASER.search(line) and not is_date_line(line)
            and sum(w[:1].isupper() for w in words) >= 2)


def _furniture_line(line: str) -> bool:
    """Short header lines that are plainly not prose: weather, a city, a date, a clock."""
    return (not line or bool(_WEATHER.match(line)) or bool(_CLOCK.match(line))
            or is_date_line(line) or (len(line.split()) <= 3 and not line.endswith(".")))


def _find_title(lines: list[str]) -> tuple[int, set[int]] | None:
    """The index of the title line, and the indexes of its repeats (a section prefix glued
    to the front counts: "PoliticsChina's ..." repeats "China's ...")."""
    keys = [_key(line) for line in lines]
    window = min(len(lines), 80)
    for i in range(window):
        if not _title_like(lines[i]):
            continue
        repeats = {j for j in range(i + 1, min(len(lines), i + 15))
                   if keys[j] == keys[i] or (keys[j].endswith(keys[i]) and len(keys[j]) -
                                             len(keys[i]) <= 20)}
        if repeats:
            return i, repeats
    for i in range(window):
        if lines[i] and not _furniture_line(lines[i]):
            return (i, set()) if _title_like(lines[i]) else None
    return None


def _byline(lines: list[str], start: int, stop: int) -> tuple[str | None, str | None, set[int]]:
    """(author, outlet, lines used) from a byline such as "By A B | Outlet"."""
    for i in range(start, min(stop, len(lines))):
        match = _BYLINE.match(lines[i])
        if match:
            outlet = (match.group("outlet") or "").strip() or None
            return match.group("name").strip(), outlet, {i}
        nxt = next((lines[j] for j in range(i + 1, min(i + 3, len(lines))) if lines[j]), "")
        if _NAME.match(lines[i]) and (_STAMP.match(nxt) or is_date_line(nxt)):
            return lines[i], None, {i}
    return None, None, set()


def _bio_author(line: str) -> str | None:
    """"A and B, Senior Fellows, ..." -> "A and B"."""
    head = line.split(",", 1)[0].strip()
    if _BIO_ROLE.search(line) and re.fullmatch(
            r"[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|da|van|von|la|La|del|and|&))+", head):
        return head
    return None


def _outlet_dateline(line: str) -> tuple[str, date] | None:
    """(outlet, date) from a line that is only an outlet's name and a date: "The Outlet,
    June 14, 2017", "Outlet — 14 June 2017", "Outlet | 2017-06-14"."""
    match = _OUTLET_DATE.match(line)
    if not match or not is_date_line(match.group("date")):
        return None
    outlet = match.group("outlet").strip()
    if _STAMP.match(outlet) or PUBLISHED_LABEL.match(outlet) or UPDATED_LABEL.match(outlet):
        return None
    found = find_date(match.group("date"))
    return (outlet, found) if found else None


def read_pasted(text: str) -> PastedArticle:
    """Split a pasted page into title, body, byline and date."""
    lines = [line.strip() for line in text.split("\n")]
    drop: set[int] = set()
    title: str | None = None
    body_start = 0
    found = _find_title(lines)
    if found is not None:
        index, repeats = found
        before = [line for line in lines[:index] if line]
        # Everything above the title goes when it is page furniture: other headlines with
        # their teasers, weather, a date line. Prose above a title is kept.
        if all(_furniture_line(line) or _title_like(line) or _TEASER.search(line)
               or line.lower().startswith("key takeaways") for line in before):
            drop.update(range(index))
        title = lines[index]
        drop.add(index)
        drop.update(repeats)
        body_start = index + 1

    author, outlet, byline_lines = _byline(lines, body_start, body_start + 12)
    drop.update(byline_lines)
    dates: list[tuple[DateLabel, date]] = [d for i in sorted(byline_lines)
                                           for d in labelled_dates(lines[i])]
    label = ""  # a label alone on its line ("Updated:") names the date on the next one
    for i in range(body_start, min(len(lines), body_start + 12)):
        line = lines[i]
        if _STAMP.match(line) and not _STAMP.sub("", line).strip():
            drop.add(i)
            label = line
            continue
        if _CLOCK.match(line):
            drop.add(i)
        elif is_date_line(line):
            dates += labelled_dates(f"{label} {line}" if label else line)
            drop.add(i)
        elif i <= body_start + 3 and (dateline := _outlet_dateline(line)) is not None:
            outlet = outlet or dateline[0]
            dates.append((DateLabel.NONE, dateline[1]))
            drop.add(i)
        if line:
            label = ""
    # A "First published" line may stand at the foot of the page, below the story.
    tail = [i for i in range(len(lines) - 1, body_start + 11, -1) if lines[i]][:4]
    for i in tail:
        labelled = labelled_dates(lines[i]) if is_date_line(lines[i]) else []
        if any(label is DateLabel.PUBLISHED for label, _d in labelled):
            dates += labelled
            drop.add(i)
    published = publication_date(dates)
    for i, line in enumerate(lines):
        if line and _CREDIT.search(line) and len(line) < 400:
            drop.add(i)

    # The footer: from the end, newsletter boxes and "most popular" lists, and an author
    # bio right above "originally published by".
    end = len(lines)
    while end > 0:
        line = lines[end - 1]
        if not line or _FOOTER.match(line):
            end -= 1
            continue
        if end < len(lines) and _bio_author(line):
            author = author or _bio_author(line)
            end -= 1
            continue
        break
    drop.update(range(end, len(lines)))
    body = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    return PastedArticle(title=title, text=body, author=author, published=published,
                         publisher=outlet)
