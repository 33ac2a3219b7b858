"""Finding a quote in an article and describing a span the W3C way (position + quote).

People type straight quotes and single spaces where articles have curly quotes, dashes and
line breaks, paste soft hyphens and ligatures, or quote in another case: a quote that is not
found exactly is looked for again in the one matching form (core.matching), and the match is
mapped back to offsets in the stored text.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.errors import AmbiguousQuoteError, InvalidValueError, QuoteNotFoundError
from desktop_app.core.matching import find_matches, is_mark

CONTEXT = 32


@dataclass(frozen=True, slots=True)
class Span:
    """A span of an article's text with the W3C quote selector around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _all(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    at = haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``: exactly, else by matching form
    (see :mod:`desktop_app.core.matching`: soft hyphens, ligatures, NFD, quote and dash
    variants, case and Latin accents do not matter), mapped back to the stored text."""
    if not quote.strip():
        raise InvalidValueError("a claim's quote cannot be empty")
    exact = [(s, s + len(quote)) for s in _all(text, quote)]
    if exact:
        return exact
    return find_matches(text, quote)


def span_at(text: str, start: int, end: int) -> Span:
    """The span [start, end) of ``text`` with its quote selector; refuses an empty or
    out-of-range span."""
    if not (0 <= start < end <= len(text)):
        raise InvalidValueError(
            f"span {start}-{end} is outside the article's text (0-{len(text)}) or empty"
        )
    return Span(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
    )


def span_by_position(text: str, start: int, end: int) -> Span:
    """The span [start, end) (code points) that another tool gives only by position, checked
    against the text it points at. Refused (:class:`InvalidValueError`, with the reason)
    rather than placed on other words when it is empty or past the end, when it starts or
    ends inside a character (on a combining mark, or inside a surrogate pair as tools that
    count UTF-16 units give it), or when characters outside the Basic Multilingual Plane
    come before its end, so code-point and UTF-16 counts disagree and nothing can tell which
    the tool used."""
    if not 0 <= start < end:
        raise InvalidValueError(f"its position {start}-{end} is empty")
    if end > len(text):
        raise InvalidValueError(
            f"its position {start}-{end} is past the end of the article's text "
            f"({len(text)} characters)")
    if any(ord(ch) > 0xFFFF for ch in text[:end]):
        inside_pairs: set[int] = set()  # UTF-16 offsets between the halves of a pair
        units = 0
        for ch in text:
            if ord(ch) > 0xFFFF:
                inside_pairs.add(units + 1)
                units += 2
            else:
                units += 1
        if start in inside_pairs or end in inside_pairs or end > units:
            raise InvalidValueError(
                f"its position {start}-{end} falls inside a surrogate pair if counted in "
                "UTF-16, as browser tools count: left out rather than guessed")
        raise InvalidValueError(
            f"its position {start}-{end} comes after characters outside the Basic "
            "Multilingual Plane (emoji...), which tools count differently (code points or "
            "UTF-16), and it has no quote to check it by: left out rather than guessed")
    if is_mark(text[start]) or (end < len(text) and is_mark(text[end])):
        raise InvalidValueError(f"its position {start}-{end} falls inside a character")
    return span_at(text, start, end)


def locate_quote(text: str, quote: str, occurrence: int | None = None) -> Span:
    """The span of ``quote`` in ``text``; ``occurrence`` (1-based) picks one of several."""
    spans = find_quote(text, quote)
    shown = quote if len(quote) <= 60 else quote[:57] + "..."
    if not spans:
        raise QuoteNotFoundError(f"the quote {shown!r} is not in the article")
    if occurrence is None:
        if len(spans) > 1:
            raise AmbiguousQuoteError(
                f"the quote {shown!r} occurs {len(spans)} times in the article; "
                f"choose one with --occurrence 1..{len(spans)}",
                len(spans),
            )
        occurrence = 1
    if not 1 <= occurrence <= len(spans):
        raise InvalidValueError(
            f"occurrence {occurrence} asked for, but the quote occurs {len(spans)} "
            f"time{'s' if len(spans) != 1 else ''}"
        )
    start, end = spans[occurrence - 1]
    return span_at(text, start, end)
