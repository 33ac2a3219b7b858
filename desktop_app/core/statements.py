"""Sentences read as statements: the values they state, and for each value what it measures,
who or what it is about, and when it holds.

A :class:`Statement` is one sentence (or claim) with its :class:`Value` s. Each value knows
its dimension and unit after conversion, its interval, its measure terms (see
:mod:`desktop_app.core.measures`), its subjects, its tax basis, and whether it adds to another
figure. A sentence that says only "it", "this" or "the figure" borrows the measure terms and
basis of the sentence before it.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.core.clock import find_times
from desktop_app.core.dates import UNKNOWN_YEAR, DateValue, Period, find_dates, find_periods
from desktop_app.core.measures import (
    GENERIC,
    basis,
    canonical,
    clause_terms,
    content_terms,
    is_increment,
    is_running,
    nearest_terms,
    owners,
    pick,
    places,
    subject_key,
    subjects,
)
from desktop_app.core.quantities import Quantity, find_quantities
from desktop_app.core.sentences import words
from desktop_app.core.text import fold
from desktop_app.core.units import Dimension, display_scale, factor, lookup, symbol

_QUOTE = re.compile(r"[“\"]([^”\"]{16,})[”\"]")
_SPEECH = re.compile(r"\b(?:said|says|told|wrote|writes|stated|added|according to|called|"
                     r"calls|described|announced|declared|tweeted|posted)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*\b")
_REFERRING = re.compile(r"^(?:It|This|That|These|Those|The figure|The number|The total|"
                        r"The sum|Which|He|She|They|That figure|This figure)\b")
_PER_LATER = re.compile(r"\b(?:per|a|an|each|every)\s+(?P<per>year|month|week|day|annum|"
                        r"season)\b|\b(?P<ly>annual|yearly|weekly|monthly)\b", re.IGNORECASE)
_PER_WORDS = {"annual": "year", "yearly": "year", "weekly": "week", "monthly": "month",
              "annum": "year", "season": "year"}
_DESIGNATION = re.compile(r"\s+[A-Z][a-z]*[A-Z]|\s+(?!The\b|A\b)[A-Z][a-z]+\b")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}")
_WEEKDAY = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")
_YEAR_IN = re.compile(r"\b(?:in|since|of|from)\s+((?:1[89]|20)\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    """One value a sentence states, read for comparison."""

    kind: str  # money, count, percent, multiplier, length, area, mass, duration, age,
    # clock, date
    unit: str  # currency, counted noun, base unit, "min" for clock times, "day" for dates
    per: str | None
    low: float
    high: float
    slack: float
    extent: bool
    start: int
    end: int
    text: str
    head: str  # the measure word that names what is counted or measured, or ""
    terms: tuple[str, ...]  # measure terms, head first
    core: frozenset[str]  # the terms right next to the value: what it is the value of
    subjects: frozenset[str]
    places: frozenset[str]  # "in Lima": the places the value is stated for
    owners: frozenset[str]  # "Messi, who earns": the person the figure belongs to
    basis: str  # net, gross or ""
    increment: bool
    bound: str
    note: str = ""  # the conversion made, as a person reads it ("295 ft = 89.9 m")

    def overlaps(self, other: Value) -> bool:
        """Whether both values can be true at once, each allowed its rounding."""
        slack = self.slack + other.slack
        if self.extent and other.extent:
            return abs(self.low - other.low) <= slack and abs(self.high - other.high) <= slack
        return self.low <= other.high + slack and other.low <= self.high + slack


class Source(StrEnum):
    """What a statement was read from: a person's claim, or a sentence no one marked."""

    CLAIM = "claim"
    SENTENCE = "sentence"


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence (or claim) that states values, read for comparison."""

    ref: str  # the caller's handle: a claim id, or any key of a sentence
    article_id: str
    start: int
    end: int
    text: str
    reference: date | None  # the article's own date
    values: tuple[Value, ...]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateValue, ...]
    periods: tuple[Period, ...]
    context: frozenset[str]  # terms and names of the sentence, the one it refers back to,
    # and its article's story
    story: frozenset[str]  # the terms that mark the article's story
    focus: frozenset[str]  # the names the article is mostly about
    profile: Mapping[str, float]  # the article's tf-idf weights (empty when not known)
    words: frozenset[str]  # the sentence's own names and terms (no story, no context)
    names: frozenset[str]
    years: frozenset[int]  # years the sentence states ("in 2000")
    days: frozenset[str]  # weekdays the sentence names
    quotes: tuple[str, ...]
    speakers: frozenset[str]
    source: Source = Source.SENTENCE

    @property
    def has_values(self) -> bool:
        return bool(self.values or self.quotes)

    @property
    def running(self) -> bool:
        """Whether the sentence marks its figure as a tally at a moment ("as of", "rose
        to"), read only when a pair needs it."""
        return is_running(self.text)




def _names(text: str, extra: Iterable[str]) -> frozenset[str]:
    found = set()
    for m in _CAPITALISED.finditer(text):
        key = _name_key(m.group())
        if m.start() == 0 or len(key) < 3 or key in GENERIC:
            continue  # the first word, a short word, a month or a weekday
        found.add(key)
    return frozenset(found | {f"entity:{e}" for e in extra})


@functools.lru_cache(maxsize=1 << 16)
def _name_key(word: str) -> str:
    return fold(re.sub(r"['’]s$", "", word))


def _quotes(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    quotes = tuple(" ".join(fold(w) for w in words(m.group(1)))
                   for m in _QUOTE.finditer(text) if len(words(m.group(1))) >= 4)
    if not quotes:
        return (), frozenset()
    outside = _QUOTE.sub(" ", text)
    speakers: frozenset[str] = frozenset()
    if _SPEECH.search(outside):
        speakers = frozenset(n for n in _names(" " + outside, ()) if not n.startswith("entity:"))
    return quotes, speakers


def _note(q: Quantity) -> str:
    """The conversion made, as a person reads it ("295-foot = 89.92 m"), or "" when the
    figure was already in the unit shown."""
    if not q.written_unit or q.kind not in {d.value for d in Dimension}:
        return ""
    dimension = Dimension(q.kind)
    unit = lookup(q.written_unit)
    if unit is not None and abs(factor(*unit) * display_scale(dimension) - 1) < 1e-9:
        return ""
    scale = display_scale(dimension)
    middle = (q.low + q.high) / 2 if math.isfinite(q.low + q.high) else (
        q.low if math.isfinite(q.low) else q.high)
    return f"{q.text} = {middle * scale:,.4g} {symbol(dimension)}"


def read_statement(ref: str, article_id: str, start: int, text: str,
                   reference: date | None, entity_ids: Iterable[str] = (),
                   previous: str = "", story: Iterable[str] = (),
                   focus: Iterable[str] = (),
                   profile: Mapping[str, float] | None = None,
                   source: Source = Source.SENTENCE) -> Statement:
    """Read the values of one sentence, what each measures, and the sentence's context.

    ``previous`` is the sentence before it (its terms and tax basis are borrowed when this
    one only refers back); ``story`` holds the terms that mark the article's story and
    ``focus`` the names it is mostly about, ``profile`` its tf-idf weights (see
    :func:`article_contexts`)."""
    return in_article(read_sentence(text, reference, frozenset(entity_ids), previous),
                      ref, article_id, start, story, focus, profile, source)


def in_article(sentence: Statement, ref: str, article_id: str, start: int,
               story: Iterable[str] = (), focus: Iterable[str] = (),
               profile: Mapping[str, float] | None = None,
               source: Source = Source.SENTENCE) -> Statement:
    """A sentence read by :func:`read_statement` (with no article) placed in its article:
    its handle, where it starts, and its article's story, focus and profile. The reading
    itself does not depend on these, so a caller may keep it while the text is unchanged."""
    story = frozenset(story)
    return dataclasses.replace(
        sentence, ref=ref, article_id=article_id, start=start, end=start + len(sentence.text),
        context=sentence.context | story, story=story, focus=frozenset(focus),
        profile=profile or {}, source=source)


def refers_back(text: str) -> bool:
    """Whether a sentence only refers back to the one before ("This translates to..."):
    then :func:`read_sentence` reads that one too."""
    return bool(_REFERRING.match(text))


def read_sentence(text: str, reference: date | None, entity_ids: frozenset[str] = frozenset(),
                  previous: str = "") -> Statement:
    """The values and context of one sentence, in no article yet (see :func:`in_article`);
    what it depends on is its arguments alone."""
    ref, article_id, start, source = "", "", 0, Source.SENTENCE
    story: frozenset[str] = frozenset()
    focus: frozenset[str] = frozenset()
    profile: Mapping[str, float] | None = None
    dates = tuple(find_dates(text, reference))
    periods = tuple(find_periods(text, reference))
    times = tuple(t for t in find_times(text)
                  if not any(d.start <= t.start < d.end for d in dates))
    skip = ([(d.start, d.end) for d in dates] + [(p.start, p.end) for p in periods]
            + [(t.start, t.end) for t in times])
    quantities = tuple(find_quantities(text, skip=skip))
    terms = content_terms(text)
    spans = [(q.start, q.end) for q in quantities] + [(t.start, t.end) for t in times] + [
        (d.start, d.end) for d in dates]
    referring = refers_back(text) and bool(previous)
    borrowed = tuple(t for _s, _e, t in content_terms(previous)) if referring else ()
    values: list[Value] = []
    for q in quantities:
        if q.kind in ("length", "area", "mass") and _DESIGNATION.match(text, q.end):
            continue  # "the 12-inch MacBook": a model's name, not a measurement
        fences = [s for s in spans if s != (q.start, q.end)]
        following, preceding = clause_terms(text, q.start, q.end, terms, fences)
        around = pick(following, preceding)
        head = ""
        if q.kind == "count" and q.unit:
            counted = canonical(q.unit)
            head = "" if counted in ("people", "person") else counted
        elif q.kind in ("age", "magnitude"):
            head = q.kind
        elif q.kind == "count":  # a bare tally: "injured 527", the verb before says what
            head = preceding[-1] if preceding else ""
        else:
            # the word after the value ("a 295-foot spire"), else the nearest before it
            # ("harbour revenue reached $40 million")
            head = following[0] if following else (preceding[-1] if preceding else "")
        value_terms = tuple(dict.fromkeys([t for t in (head,) if t] + list(around)))
        has_own = bool(value_terms)
        antecedent = _antecedent(previous, q.kind) if referring else None
        money_basis = basis(text, q.start, q.end) if q.kind == "money" else ""
        if q.kind == "money" and not money_basis and antecedent is not None:
            money_basis = antecedent.basis
        per = q.per
        if q.kind == "money" and per is None:
            later = _PER_LATER.search(text, q.end)
            if later is not None and not any(o.kind == "money" and q.end < o.start
                                             < later.start() and o.unit == q.unit
                                             for o in quantities):
                per = _PER_WORDS.get((later.group("per") or later.group("ly")).lower(),
                                     (later.group("per") or "").lower() or None)
        unit = q.unit if q.kind in ("money", "percent", "multiplier") else q.kind
        core = frozenset(pick(following, preceding, before=2, after=1)) | {head} - {""}
        if not has_own:
            value_terms = nearest_terms(q.start, q.end, terms)
            core = frozenset(value_terms[:3])
        if antecedent is not None:  # "This translates to £515,000 per week": the figure
            value_terms = tuple(dict.fromkeys(value_terms + antecedent.terms))  # before's
            core = core | antecedent.core
        elif referring:
            value_terms = tuple(dict.fromkeys(value_terms + borrowed[-6:]))
            core = core | frozenset(borrowed[-6:])
        values.append(Value(
            q.kind, unit, per, q.low, q.high, q.slack, q.extent, q.start, q.end, q.text,
            head, value_terms, core, subjects(text, q.start, q.end),
            places(text, q.start, q.end), owners(text, q.start), money_basis,
            is_increment(text, q.start, q.end), q.bound, _note(q)))
    values = _share_with_siblings(values)
    for t in times:
        fences = [s for s in spans if s != (t.start, t.end)]
        following, preceding = clause_terms(text, t.start, t.end, terms, fences)
        around = pick(following, preceding, before=6, after=3)
        values.append(Value(
            "clock", "min", None, float(t.low), float(t.high), 0.0, False, t.start, t.end,
            t.text, "", around,
            frozenset(pick(following, preceding, before=3, after=2)),
            subjects(text, t.start, t.end),
            places(text, t.start, t.end), frozenset(), "", False,
            "by" if t.deadline else t.bound))
    for d in dates:
        if d.precision != "day":
            continue
        fences = [s for s in spans if s != (d.start, d.end)]
        following, preceding = clause_terms(text, d.start, d.end, terms, fences)
        around = pick(following, preceding, before=6, after=6)
        first, last = d.first, d.last
        if not d.year_known:
            first, last = first.replace(year=UNKNOWN_YEAR), last.replace(year=UNKNOWN_YEAR)
        values.append(Value(
            "date", "day" if d.year_known else "day-no-year", None, float(first.toordinal()),
            float(last.toordinal()), 0.0, False, d.start, d.end, d.text, "", around,
            frozenset(pick(following, preceding, before=3, after=2)),
            subjects(text, d.start, d.end),
            places(text, d.start, d.end), frozenset(), "", False, "exact"))
    quotes, speakers = _quotes(text) if ('"' in text or "“" in text) else ((), frozenset())
    names = _names(text, entity_ids)
    own = frozenset({t for _s, _e, t in terms} | names)
    context = own | frozenset(story) | frozenset(borrowed)
    years = frozenset(int(y) for y in _YEAR_IN.findall(text))
    if _LOWER_WORD.search(text) is None:
        values = []  # a dateline or a caption of names: it states nothing
    days = frozenset(m.group().lower() for m in _WEEKDAY.finditer(text)) if "day" in text \
        else frozenset()
    return Statement(
        ref=ref, article_id=article_id, start=start, end=start + len(text), text=text,
        reference=reference, values=tuple(sorted(values, key=lambda v: v.start)),
        quantities=quantities, dates=dates, periods=periods, context=context,
        story=frozenset(story), focus=frozenset(focus), profile=profile or {}, words=own,
        names=names,
        years=years, days=days, quotes=quotes, speakers=speakers, source=source)


@functools.lru_cache(maxsize=256)
def _read_previous(previous: str) -> tuple[Value, ...]:
    return read_statement("", "", 0, previous, None).values


def _antecedent(previous: str, kind: str) -> Value | None:
    """The first value of ``kind`` in the sentence before, which a sentence that says only
    "this" or "the figure" restates."""
    return next((v for v in _read_previous(previous) if v.kind == kind), None)


def _share_with_siblings(values: list[Value]) -> list[Value]:
    """Values of one kind in one sentence ("£38m net per year, or close to £728,000 each
    week") are read with the terms of each other: a list of figures shares its measure."""
    out = []
    for v in values:
        siblings = [o for o in values if o is not v and o.kind == v.kind]
        extra = tuple(t for o in siblings for t in o.terms[:4])
        if not siblings or not extra or v.head:
            out.append(v)
            continue
        terms = tuple(dict.fromkeys(v.terms + extra))
        out.append(dataclasses.replace(v, terms=terms,
                                       core=v.core | frozenset(o.head for o in siblings
                                                               if o.head)))
    return out


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What a whole article says about each of its sentences: its story and its focus."""

    story: frozenset[str]  # terms it uses most that some, but few, other articles use
    focus: frozenset[str]  # the names it gives most often (folded)
    profile: Mapping[str, float]  # its terms' tf-idf weights, of unit length


def article_contexts(texts: Mapping[str, str], limit: int = 12) -> dict[str, ArticleContext]:
    """For each article (id -> text), the terms that mark its story: those it uses most
    that some, but few, other articles use too (tf-idf over the project's own articles,
    leaving out words no other article has: they mark the article, not its story); and the
    three names it gives most often, at least twice (who or what it is about, when a
    sentence does not say); and its profile, the tf-idf weights of the terms it shares with
    other articles, so two articles can be compared as a whole (cosine)."""
    counts = {a: Counter(t for _s, _e, t in content_terms(text)) for a, text in texts.items()}
    df: Counter[str] = Counter()
    for counter in counts.values():
        df.update(counter.keys())
    n = len(texts)
    out: dict[str, ArticleContext] = {}
    for article_id, counter in counts.items():
        shared = [(t, c) for t, c in counter.items() if df[t] >= 2 or n < 3]
        scored = sorted(shared, key=lambda kv: (-kv[1] * (math.log((n + 1) / df[kv[0]]) + 1.0),
                                                kv[0]))
        names = Counter(_name_key(m.group()) for m in _CAPITALISED.finditer(texts[article_id])
                        if m.start() > 0 and texts[article_id][m.start() - 2:m.start()] != ". ")
        top = [name for name, c in names.most_common(6)
               if c >= 2 and subject_key(name)][:3]
        weights = {t: c * math.log((n + 1) / df[t]) for t, c in counter.items() if df[t] >= 2}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out[article_id] = ArticleContext(frozenset(term for term, _c in scored[:limit]),
                                         frozenset(top),
                                         {t: w / norm for t, w in weights.items()})
    return out
