"""Finding a quote in an article and describing a span the W3C way (position + quote).

People type straight quotes and single spaces where articles have curly quotes, dashes and
line breaks, so a quote that is not found exactly is looked for again in a folded form, and
the match is mapped back to offsets in the real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from desktop_app.core.errors import AmbiguousQuoteError, InvalidValueError, QuoteNotFoundError

CONTEXT = 32

_EQUIVALENT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u00a0": " ", "\n": " ", "\t": " ",
})
_SPACES = re.compile(r" +")


@dataclass(frozen=True, slots=True)
class Span:
    """A span of an article's text with the W3C quote selector around it."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """``text`` with equivalent punctuation unified and runs of space folded, plus, for each
    folded character, its offset in ``text``."""
    unified = text.translate(_EQUIVALENT)
    out: list[str] = []
    where: list[int] = []
    previous_space = False
    for index, ch in enumerate(unified):
        if ch == " ":
            if previous_space:
                continue
            previous_space = True
        else:
            previous_space = False
        out.append(ch)
        where.append(index)
    return "".join(out), where


def _all(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every (start, end) where ``quote`` occurs in ``text``: exactly, else loosely."""
    if not quote.strip():
        raise InvalidValueError("a claim's quote cannot be empty")
    exact = [(s, s + len(quote)) for s in _all(text, quote)]
    if exact:
        return exact
    folded_text, where = _folded_with_map(text)
    needle = _SPACES.sub(" ", quote.translate(_EQUIVALENT)).strip()
    spans = []
    for start in _all(folded_text, needle):
        last = start + len(needle) - 1
        spans.append((where[start], where[last] + 1))
    return spans


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
