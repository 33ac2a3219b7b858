"""Which sentences of an article are worth checking, and why.

A sentence that states a number, an amount, a share, a date or a period, compares or ranks
things, attributes words to someone, or names people and organisations is the kind a
fact-checker checks; a prediction, an opinion or a question is not. The score is a sum of
such signs, and each sign is given as a reason a person can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from desktop_app.core.dates import find_dates, find_periods
from desktop_app.core.quantities import find_quantities
from desktop_app.core.sentences import Sentence, split_sentences, words

_COMPARISON = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|greater|biggest|largest|"
    r"smallest|highest|lowest|most|least|record|doubled|tripled|halved|surged|soared|fell|"
    r"rose|increased|decreased|declined|dropped|grew|first|only|dominant|majority|"
    r"greatest|fastest|strongest|richest|poorest|oldest|newest|longest|deadliest|"
    r"\w+-fold)\b", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|stated|wrote|announced|reported|claimed|according to|confirmed|"
    r"denied|estimated|estimates|data|figures|statistics|survey|study|report)\b",
    re.IGNORECASE)
_PREDICTION = re.compile(
    r"\b(?:will|would|could|might|may|expected to|is set to|are set to|poised to|plans? to|"
    r"likely|forecast|predicts?|aims? to|hopes? to|intends? to|scheduled to)\b",
    re.IGNORECASE)
_OPINION = re.compile(
    r"\b(?:I think|we think|I believe|should|must|ought to|in my view|in our view|"
    r"it seems|arguably|perhaps|clearly|obviously|fortunately|unfortunately|messy|"
    r"great|terrible|shameful|wonderful)\b", re.IGNORECASE)
_NAME = re.compile(r"\b(?:[A-Z][a-zà-ÿ’'\-]+(?:\s+(?:de|del|la|of|and|the)?\s*[A-Z][a-zà-ÿ’'\-]+)*"
                   r"|[A-Z]{2,}\d*)\b")
# Words that start a sentence with a capital but are not names.
_COMMON_STARTS = frozenset("The A An This That These Those It In On At But And Or As For "
                           "With By From Its Their Our His Her He She They We I One Two "
                           "Three Some Many Most According During After Before Although However "
                           "Additionally Meanwhile While When If Yet Just Despite".split())
_CURRENCY_CODES = frozenset("USD EUR GBP CNY RMB JPY PEN".split())


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A sentence worth checking: where it is, how much it is worth checking, and why."""

    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]


def _names(text: str) -> list[str]:
    found = []
    for m in _NAME.finditer(text):
        name = m.group()
        parts = name.split()
        if parts[0] in _COMMON_STARTS:
            parts = parts[1:]
            while parts and parts[0].islower():
                parts = parts[1:]
        name = " ".join(parts)
        if not name or name in _CURRENCY_CODES or name in _COMMON_STARTS:
            continue
        found.append(name)
    return found


def score_sentence(sentence: Sentence, reference: date | None = None
                   ) -> tuple[float, tuple[str, ...]]:
    """How much one sentence is worth checking, and the reasons."""
    text = sentence.text
    score = 0.0
    reasons: list[str] = []
    dates = find_dates(text, reference)
    quantities = find_quantities(text, skip=[(d.start, d.end) for d in dates])
    periods = find_periods(text, reference)
    kinds = {q.kind for q in quantities}
    if "money" in kinds:
        score += 3
        reasons.append("an amount of money")
    if "percent" in kinds:
        score += 2.5
        reasons.append("a percentage")
    if kinds & {"count", "multiplier"}:
        score += 1.5
        reasons.append("a number")
    if dates:
        score += 1.5
        reasons.append("a date")
    if periods:
        score += 1.5
        reasons.append("a period")
    if _COMPARISON.search(text):
        score += 1
        reasons.append("a comparison")
    if _ATTRIBUTION.search(text):
        score += 1
        reasons.append("an attribution")
    names = _names(text)
    if names:
        score += min(2.0, 0.5 * len(names))
        reasons.append("names " + ", ".join(dict.fromkeys(names[:3])))
    if _PREDICTION.search(text):
        score -= 1.5
        reasons.append("a prediction (less checkable)")
    if _OPINION.search(text):
        score -= 1.5
        reasons.append("an opinion (less checkable)")
    if text.rstrip().endswith("?"):
        score -= 2
        reasons.append("a question")
    return score, tuple(reasons)


def rank_sentences(text: str, reference: date | None = None, *, minimum: float = 2.0,
                   limit: int | None = None) -> list[Suggestion]:
    """The sentences of ``text`` worth checking, best first."""
    out = []
    for sentence in split_sentences(text):
        if len(words(sentence.text)) < 6:
            continue
        score, reasons = score_sentence(sentence, reference)
        if score >= minimum:
            out.append(Suggestion(sentence.start, sentence.end, sentence.text, score, reasons))
    out.sort(key=lambda s: (-s.score, s.start))
    return out[:limit] if limit else out
