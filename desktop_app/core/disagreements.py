"""Where two sources say things that cannot both be true.

Each sentence that states a value becomes a :class:`Statement`: its amounts, dates and
periods, the measures its amounts are of ("investment", "revenue", "share"), the events its
dates are of ("APEC summit"), the names it mentions, and the quotations it carries. Two
statements from different articles are compared only when they share a blocking key (the
same measure and unit, the same event, the same quotation), never all pairs. A pair raises a
:class:`Disagreement` when:

- **amount**: the same measure, in the same unit, of something both name, for the same period,
  has values whose intervals do not meet ("over $1 billion" and "$400 million");
- **period**: the same measure with values that agree, stated for different periods ("since
  2020" and "between 2020 to 2023");
- **date**: the same named event on days that do not meet ("November 15-16" and "Nov. 17");
- **attribution**: the same quotation given to different people.

Different measures are never compared: a share of processing is not a share of reserves,
and the cost of one port is not a country's total investment.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from rapidfuzz import fuzz

from desktop_app.core.dates import DateValue, Period, days_apart, find_dates, find_periods
from desktop_app.core.quantities import Quantity, find_quantities
from desktop_app.core.sentences import STOPWORDS, stem, words
from desktop_app.core.text import fold

MEASURES = frozenset(stem(w) for w in """
investment invest invested investing trade revenue revenues cost costs price prices share
shares reserves reserve production produce processing capacity exports export imports import
spending spend budget debt deficit surplus growth population deaths death casualties votes
vote sales profit profits loss losses output emissions funding fund funds aid loan loans tax
taxes salary wages wage rate unemployment inflation gdp income value valuation worth subsidy
subsidies contract deal fine fines supply demand consumption turnover fees payment payments
capital assets market visitors tourists jobs employees workers refugees migrants cases
""".split())
EVENTS = frozenset("""
summit conference meeting forum election elections visit talks ceremony congress assembly
convention festival games olympics tournament referendum hearing trial inauguration
""".split())
_SPEECH = re.compile(r"\b(?:said|says|told|wrote|writes|stated|added|according to|"
                     r"announced|declared|tweeted|posted)\b", re.IGNORECASE)
_QUOTE = re.compile(r"[“\"]([^”\"]{20,})[”\"]")
_CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*\b")
_NOT_NAMES = frozenset(fold(w) for w in """
The A An This That These Those It In On At But And Or As For With By From Its Their Our His
Her He She They We I If When While After Before Since Although However Additionally Also
Meanwhile Yet Just Less More Most Some Many Other Another Over Under Between Despite Still
""".split())

#: How many statements a block may hold before it is left out as too common to tell
#: anything apart (a word that every sentence shares blocks nothing).
MAX_BLOCK = 400


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence (or claim) that states values, read for comparison."""

    ref: str  # the caller's handle: a claim id, or "article:start"
    article_id: str
    start: int
    end: int
    text: str
    reference: date | None
    quantities: tuple[Quantity, ...]
    measures: tuple[frozenset[str], ...]  # one set per quantity
    dates: tuple[DateValue, ...]
    periods: tuple[Period, ...]
    names: frozenset[str]
    events: frozenset[tuple[str, str]]
    event_positions: tuple[tuple[str, int], ...]
    quotes: tuple[str, ...]
    speakers: frozenset[str]

    @property
    def has_values(self) -> bool:
        return bool(self.quantities or self.dates or self.periods or self.quotes)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two statements that cannot both be true, the kind of fact, and why."""

    kind: str  # amount, date, period, attribution
    severity: str  # low, medium, high
    explanation: str
    first: Statement
    second: Statement
    values: tuple[str, str] = field(default=("", ""))


def _name_key(word: str) -> str:
    return re.sub(r"['’]s$", "", fold(word))


def _names(text: str, extra: Iterable[str]) -> frozenset[str]:
    found = {_name_key(m.group()) for m in _CAPITALISED.finditer(text)}
    found = {n for n in found if n not in _NOT_NAMES and len(n) > 1 and n not in STOPWORDS}
    return frozenset(found | {f"entity:{e}" for e in extra})


def _measures(text: str, quantities: Sequence[Quantity]) -> tuple[frozenset[str], ...]:
    """Each quantity's measures: the measure words of the sentence nearest to it."""
    if not quantities:
        return ()
    spots = [(m.start(), stem(m.group())) for m in re.finditer(r"[^\W\d_][\w’'\-]*", text)]
    spots = [(pos, s) for pos, s in spots if s in MEASURES]
    owned: list[set[str]] = [set() for _ in quantities]
    for pos, word in spots:
        nearest = min(range(len(quantities)),
                      key=lambda i: min(abs(pos - quantities[i].start),
                                        abs(pos - quantities[i].end)))
        owned[nearest].add(word)
    return tuple(frozenset(s) for s in owned)


def _events(text: str) -> tuple[frozenset[tuple[str, str]], tuple[tuple[str, int], ...]]:
    """(event word, name) pairs: a named event is a name just before an event word."""
    keys: set[tuple[str, str]] = set()
    positions: list[tuple[str, int]] = []
    for m in re.finditer(r"\b\w+\b", text):
        word = m.group().lower()
        if word not in EVENTS:
            continue
        positions.append((word, m.start()))
        window = text[max(0, m.start() - 60): m.start()]
        for name in _CAPITALISED.finditer(window):
            key = _name_key(name.group())
            if key not in _NOT_NAMES and key not in EVENTS and len(key) > 1:
                keys.add((word, key))
    return frozenset(keys), tuple(positions)


def _quotes(text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    quotes = tuple(" ".join(fold(w) for w in words(m.group(1)))
                   for m in _QUOTE.finditer(text) if len(words(m.group(1))) >= 6)
    if not quotes:
        return (), frozenset()
    outside = _QUOTE.sub(" ", text)
    speakers = frozenset()
    if _SPEECH.search(outside):
        speakers = frozenset(n for n in _names(outside, ()) if not n.startswith("entity:"))
    return quotes, speakers


def read_statement(ref: str, article_id: str, start: int, text: str,
                   reference: date | None, entity_ids: Iterable[str] = ()) -> Statement:
    """Read the values, measures, events, names and quotations of one sentence."""
    dates = tuple(find_dates(text, reference))
    periods = tuple(find_periods(text, reference))
    skip = [(d.start, d.end) for d in dates] + [(p.start, p.end) for p in periods]
    quantities = tuple(q for q in find_quantities(text, skip=skip))
    events, event_positions = _events(text)
    quotes, speakers = _quotes(text)
    return Statement(
        ref=ref, article_id=article_id, start=start, end=start + len(text), text=text,
        reference=reference, quantities=quantities, measures=_measures(text, quantities),
        dates=dates, periods=periods, names=_names(text, entity_ids), events=events,
        event_positions=event_positions, quotes=quotes, speakers=speakers)


# -- blocking --------------------------------------------------------------------------------


def _keys(s: Statement) -> set[tuple[str, ...]]:
    """Amounts block by measure, unit and a name they are about; dates by named event;
    quotations by runs of their words."""
    keys: set[tuple[str, ...]] = set()
    for quantity, measures in zip(s.quantities, s.measures, strict=True):
        for measure in measures:
            keys.update(("q", quantity.kind, quantity.unit, measure, name) for name in s.names)
    if s.dates:
        keys.update(("e", *event) for event in s.events)
    for quote in s.quotes:
        tokens = quote.split()
        keys.update(("quote", " ".join(tokens[i: i + 4])) for i in range(0, len(tokens) - 3, 4))
    return keys


def candidate_pairs(statements: Sequence[Statement]) -> set[tuple[int, int]]:
    """Pairs of statements from different articles that share a blocking key."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        for key in _keys(statement):
            blocks[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        groups = [members] if len(members) <= MAX_BLOCK else \
            _split_by_name(statements, members, key[-1])
        for group in groups:
            for i, j in combinations(group, 2):
                if statements[i].article_id != statements[j].article_id:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def _split_by_name(statements: Sequence[Statement], members: list[int],
                   own: str) -> list[list[int]]:
    """A block too big to pair whole is cut by a second name its statements share; names
    that are themselves too common are dropped."""
    by_name: dict[str, list[int]] = defaultdict(list)
    for index in members:
        for name in statements[index].names:
            if name != own:
                by_name[name].append(index)
    return [group for group in by_name.values() if 2 <= len(group) <= MAX_BLOCK]


# -- rules -----------------------------------------------------------------------------------


def _nearest(items: Sequence, position: int):  # type: ignore[no-untyped-def]
    return min(items, key=lambda item: abs(item.start - position)) if items else None


def _money(q: Quantity) -> str:
    return q.text


def _compare_amounts(a: Statement, b: Statement) -> Disagreement | None:
    if not (a.names & b.names):
        return None
    for qa, ma in zip(a.quantities, a.measures, strict=True):
        for qb, mb in zip(b.quantities, b.measures, strict=True):
            shared = ma & mb
            if not shared or (qa.kind, qa.unit, qa.per) != (qb.kind, qb.unit, qb.per):
                continue
            pa, pb = _nearest(a.periods, qa.start), _nearest(b.periods, qb.start)
            measure = _surface(a.text, sorted(shared)[0])
            if pa is not None and pb is not None and not pa.same_as(pb):
                if not qa.overlaps(qb):
                    continue  # different periods and different values: nothing to hold
                return Disagreement(
                    "period", "medium",
                    f"Both give the {measure} as {_quoted(qa.text)} and {_quoted(qb.text)}, "
                    f"but for different periods: {_quoted(pa.text)} ({pa.describe()}) "
                    f"against {_quoted(pb.text)} ({pb.describe()}).",
                    a, b, (pa.text, pb.text))
            if (pa is None) != (pb is None):
                continue  # one gives a period and the other does not: not comparable
            if qa.overlaps(qb):
                continue
            ratio = _ratio(qa, qb)
            return Disagreement(
                "amount", "high" if ratio >= 2 else "medium",
                f"The {measure} cannot be both {_quoted(qa.text)} and {_quoted(qb.text)}"
                + (f" for {_quoted(pa.text)}" if pa is not None else "") + ".",
                a, b, (qa.text, qb.text))
    return None


def _surface(text: str, measure: str) -> str:
    """The measure as the sentence writes it ("investments" rather than its stem)."""
    for m in re.finditer(r"[^\W\d_][\w’'\-]*", text):
        if stem(m.group()) == measure:
            return m.group().lower()
    return measure


def _ratio(a: Quantity, b: Quantity) -> float:
    def point(q: Quantity) -> float:
        if q.low == float("-inf"):
            return q.high
        if q.high == float("inf"):
            return q.low
        return (q.low + q.high) / 2

    x, y = abs(point(a)) or 1e-9, abs(point(b)) or 1e-9
    return max(x, y) / min(x, y)


def _event_date(s: Statement, event: str) -> DateValue | None:
    spots = [pos for word, pos in s.event_positions if word == event]
    dated = [d for d in s.dates if d.precision in ("day", "month")]
    best = None
    for pos in spots:
        for d in dated:
            distance = min(abs(d.start - pos), abs(d.end - pos))
            if distance <= 80 and (best is None or distance < best[0]):
                best = (distance, d)
    return best[1] if best else None


def _compare_dates(a: Statement, b: Statement) -> Disagreement | None:
    shared = a.events & b.events
    for event in sorted({word for word, _name in shared}):
        da, db = _event_date(a, event), _event_date(b, event)
        if da is None or db is None:
            continue
        if da.year_known and db.year_known:
            apart = days_apart(da, db)
        else:
            apart = days_apart(_no_year(da), _no_year(db))
        if apart == 0:
            continue
        names = sorted(name for word, name in shared if word == event)
        label = f"{_display_name(a, names)} {event}"
        return Disagreement(
            "date", "high" if apart > 7 else "medium",
            f"The {label} is dated {_quoted(da.text)} ({_day_text(da)}) in one source and "
            f"{_quoted(db.text)} ({_day_text(db)}) in the other.",
            a, b, (da.text, db.text))
    return None


def _display_name(s: Statement, names: list[str]) -> str:
    for m in _CAPITALISED.finditer(s.text):
        if _name_key(m.group()) in names and m.group().isupper():
            return m.group()
    for m in _CAPITALISED.finditer(s.text):
        if _name_key(m.group()) in names:
            return m.group()
    return names[0]


def _no_year(d: DateValue) -> DateValue:
    return DateValue(d.first.replace(year=2000), d.last.replace(year=2000), d.precision,
                     False, d.start, d.end, d.text)


def _day_text(d: DateValue) -> str:
    if d.precision == "month":
        return d.first.strftime("%B %Y")
    year = f" {d.first.year}" if d.year_known else ""
    if d.first == d.last:
        return f"{d.first.day} {d.first.strftime('%B')}{year}"
    return f"{d.first.day}–{d.last.day} {d.last.strftime('%B')}{year}"


def _compare_quotes(a: Statement, b: Statement) -> Disagreement | None:
    if not (a.speakers and b.speakers) or a.speakers & b.speakers:
        return None
    for qa in a.quotes:
        for qb in b.quotes:
            if fuzz.ratio(qa, qb) >= 90:
                return Disagreement(
                    "attribution", "high",
                    f"The same words, {_quoted(_short(qa))}, are given to "
                    f"{_people(a)} in one source and to {_people(b)} in the other.",
                    a, b, (", ".join(sorted(a.speakers)), ", ".join(sorted(b.speakers))))
    return None


def _people(s: Statement) -> str:
    names = [m.group() for m in _CAPITALISED.finditer(_QUOTE.sub(" ", s.text))
             if _name_key(m.group()) in s.speakers]
    return " ".join(dict.fromkeys(names)) or "someone else"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _quoted(text: str) -> str:
    return f"“{text}”"


RULES = (_compare_dates, _compare_amounts, _compare_quotes)


def find_disagreements(statements: Sequence[Statement],
                       pairs: set[tuple[int, int]] | None = None) -> list[Disagreement]:
    """Every pair of statements from different articles that cannot both be true
    (``pairs``, when given, are the candidate pairs already found)."""
    found: list[Disagreement] = []
    for i, j in sorted(candidate_pairs(statements) if pairs is None else pairs):
        a, b = statements[i], statements[j]
        if (a.article_id, a.start) > (b.article_id, b.start):
            a, b = b, a
        for rule in RULES:
            disagreement = rule(a, b)
            if disagreement is not None:
                found.append(disagreement)
    return found
