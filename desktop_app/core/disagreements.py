"""Where two sources say things that cannot both be true.

Each sentence is read as a :class:`~desktop_app.core.statements.Statement`: its values, and
for each what it measures, what it is about and when it holds. Statements of different
articles are paired by meaning (:func:`candidate_pairs`): they must share a value of the same
kind and a measure term, and be about the same story, weighed by how rare their shared words
are in the project (IDF). Blocking by (kind, measure term) keeps this near-linear; never all
pairs. A pair raises a :class:`Disagreement` when:

- **amount**: the same measure of the same thing, in compatible units (converted), on the
  same tax basis and for the same rate ("a week"), has values that cannot both be true
  ("nearly 500" and "497" agree; "295-foot" and "315ft" do not);
- **period**: the same measure with values that agree, stated for different periods ("since
  2020" and "between 2020 to 2023");
- **date**: the same event at times or on days that do not meet;
- **attribution**: the same quotation given to different people.

A tally ("the death toll", "as of Tuesday", "rose to") in reports dated more than a day
apart is a revision, not a contradiction; a figure stated for another year ("in 2000") is
about another time; different named subjects, or gross against net pay, are different facts.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from rapidfuzz import fuzz

from desktop_app.core.dates import UNKNOWN_YEAR, Period
from desktop_app.core.measures import TALLIES, canonical
from desktop_app.core.statements import Statement, Value, article_contexts, read_statement
from desktop_app.core.text import fold

__all__ = ["Disagreement", "Statement", "candidate_pairs", "find_disagreements", "group_flags",
           "read_statement", "article_contexts"]

#: How many statements a block may hold before it is cut by the context they share.
MAX_BLOCK = 40
#: In a block of more statements than twice this, each statement is paired with this many
#: of the others only, those sharing the most context words with it (see _best_pairs).
PAIRS_PER_STATEMENT = 16
#: How many of its rarest context terms (taken together) file a statement read without its
#: article in a block too big.
RARE_TERMS = 2
#: How much of the rarer side's context (IDF-weighted) two statements must share to be
#: about the same story.
MIN_CONTEXT = 0.12


#: The same, for amounts of one currency at one rate ("a week", "per year"): so precise a
#: measure needs less shared wording to be about the same thing.
MIN_CONTEXT_RATE = 0.08
#: How alike two articles must be as a whole (cosine of their tf-idf profiles) to be about
#: one story; on the checking dev set articles of one story score 0.14 to 0.6, of different
#: stories mostly under 0.15.
MIN_STORY = 0.15
#: The IDF weight the shared measure terms must reach (see :func:`_min_strength`).
MIN_STRENGTH = 2.0


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two statements that cannot both be true, the kind of fact, and why."""

    kind: str  # amount, date, period, attribution
    severity: str  # low, medium, high
    explanation: str
    first: Statement
    second: Statement
    values: tuple[str, str] = field(default=("", ""))
    confidence: float = 0.5
    group: str = ""  # the fact several flags are about ("firefighters")


def _comparable_kind(v: Value) -> tuple[str, str, str]:
    return (v.kind, v.unit if v.kind in ("money", "percent", "multiplier") else "",
            v.per or "")


def _keys(s: Statement) -> set[tuple[str, ...]]:
    keys: set[tuple[str, ...]] = set()
    for v in s.values:
        if v.increment:
            continue
        kind = _comparable_kind(v)
        for term in v.terms[:6]:
            keys.add(("v", *kind, term))
    for quote in s.quotes:
        tokens = quote.split()
        keys.update(("quote", " ".join(tokens[i: i + 4]))
                    for i in range(0, max(1, len(tokens) - 3), 4))
    return keys


class _Idf:
    """Inverse document frequency of terms over the statements being compared."""

    def __init__(self, statements: Sequence[Statement]) -> None:
        df: Counter[str] = Counter()
        for s in statements:
            df.update(s.context)
        self.n = max(1, len(statements))
        top = math.log(self.n + 1) + 0.5
        self.weights = {t: math.log((self.n + 1) / (c + 1)) + 0.5 for t, c in df.items()}
        self.unknown = top
        self.totals: dict[int, float] = {}
        self.articles: dict[tuple[str, str], float] = {}

    def __call__(self, term: str) -> float:
        return self.weights.get(term, self.unknown)

    def _total(self, terms: frozenset[str]) -> float:
        key = id(terms)
        if key not in self.totals:
            weight, unknown = self.weights.get, self.unknown
            self.totals[key] = sum([weight(t, unknown) for t in terms])
        return self.totals[key]

    def similarity(self, sa: Statement, sb: Statement) -> float:
        """How alike the two statements' articles are (cosine of their profiles; 1.0 when
        either profile is unknown)."""
        if not (sa.profile and sb.profile):
            return 1.0
        key = (sa.article_id, sb.article_id)
        if key not in self.articles:
            small, large = sorted((sa.profile, sb.profile), key=len)
            self.articles[key] = sum(w * large.get(t, 0.0) for t, w in small.items())
        return self.articles[key]

    def share(self, a: frozenset[str], b: frozenset[str]) -> float:
        """The IDF weight of what ``a`` and ``b`` share, over the smaller side's weight."""
        # The same sum as sum(self(t) for t in a & b), in the same order, without a call per
        # term: this runs for every candidate pair.
        weight, unknown = self.weights.get, self.unknown
        shared = sum([weight(t, unknown) for t in a & b])
        smaller = min(self._total(a), self._total(b)) or 1.0
        return shared / smaller


def candidate_pairs(statements: Sequence[Statement]) -> set[tuple[int, int]]:
    """Pairs of statements from different articles that share a blocking key: a value of
    the same kind with a measure term in common, or a run of quoted words. A block too
    big to pair whole is cut by the rarest context terms of its statements."""
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, statement in enumerate(statements):
        for key in _keys(statement):
            blocks[key].append(index)
    idf: _Idf | None = None
    pairs: set[tuple[int, int]] = set()
    for key, members in blocks.items():
        if len(members) < 2:
            continue
        if len(members) <= MAX_BLOCK:
            groups = [members]
        else:
            idf = idf or _Idf(statements)
            groups = _split(statements, members, idf)
        for group in groups:
            pairs.update(_best_pairs(statements, group, key))
    return pairs


def _best_pairs(statements: Sequence[Statement], group: list[int], key: tuple[str, ...]
                ) -> list[tuple[int, int]]:
    """The pairs of a block from different articles: every one in a small block; in a block
    of more than :data:`PAIRS_PER_STATEMENT` * 2 statements, each statement's
    :data:`PAIRS_PER_STATEMENT` best partners: first those whose values of the block's
    measure differ (two sources stating the same figure cannot disagree on it), then those
    sharing the most context words. The rest are far less likely to disagree, and comparing
    every pair made a block's cost grow with its square."""
    everyone = [(i, j) if i < j else (j, i) for i, j in combinations(group, 2)
                if statements[i].article_id != statements[j].article_id]
    if len(group) <= 2 * PAIRS_PER_STATEMENT:
        return everyone
    stated = {index: _stated(statements[index], key) for index in group}
    score = {pair: (stated[pair[0]] != stated[pair[1]],
                    len(statements[pair[0]].context & statements[pair[1]].context))
             for pair in everyone}
    partners: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pair in everyone:
        partners[pair[0]].append(pair)
        partners[pair[1]].append(pair)
    kept: set[tuple[int, int]] = set()
    for index in group:
        ranked = sorted(partners[index], key=score.__getitem__, reverse=True)
        kept.update(ranked[:PAIRS_PER_STATEMENT])
    return list(kept)


def _stated(statement: Statement, key: tuple[str, ...]) -> frozenset[tuple[float, float]]:
    """The figures ``statement`` gives for the measure of the block ``key`` (a value key of
    :func:`_keys`); none for a block of quotes."""
    if key[0] != "v":
        return frozenset()
    kind, term = tuple(key[1:4]), key[4]
    return frozenset((v.low, v.high) for v in statement.values
                     if not v.increment and _comparable_kind(v) == kind and term in v.terms[:6])


def _split(statements: Sequence[Statement], members: list[int], idf: _Idf) -> list[list[int]]:
    """A block too big to pair whole is cut by the terms that mark each statement's story
    (articles of one story share them); a statement read without its article is filed
    under its two rarest context terms (IDF over the project) together. Groups still too
    big are dropped as telling nothing."""
    by_terms: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index in members:
        statement = statements[index]
        if statement.story:
            for term in statement.story:
                by_terms[("story", term)].append(index)
            continue
        rare = sorted(statement.context, key=lambda t: (-idf(t), t))[:RARE_TERMS]
        for pair in combinations(sorted(rare), 2):
            by_terms[pair].append(index)
    return [g for g in by_terms.values() if 2 <= len(g) <= MAX_BLOCK]


# -- is it the same fact? ---------------------------------------------------------------------


def _same_measure(a: Value, b: Value) -> tuple[str, ...]:
    """The measure terms two values share, or () when they measure different things."""
    if _comparable_kind(a) != _comparable_kind(b) or a.increment or b.increment:
        return ()
    if a.head and b.head and a.head != b.head and a.head not in b.terms \
            and b.head not in a.terms:
        return ()
    if a.kind == "count" and not (a.head and b.head and a.head == b.head):
        if (a.head or b.head) and a.head != b.head:
            return ()
    shared = tuple(t for t in a.terms if t in b.terms)
    if not (set(shared) & a.core and set(shared) & b.core):
        return ()  # what they share is not what they are the value of
    if a.kind == "age" and not (a.extent and b.extent):
        if a.extent or b.extent or not set(shared) - {"age"}:
            return ()  # a group's spread is not one person's age; two people are two
    return shared


def _different_subjects(a: Value, b: Value, sa: Statement, sb: Statement) -> bool:
    """Two named subjects that share nothing; or one named subject that the other article
    is not about, against a sentence that names none ("Messi earns..." against "the
    25-year-old will earn..." in an article about Neymar)."""
    if not (a.subjects or b.subjects):
        return False
    if not (a.subjects and b.subjects):
        named = a if a.owners else b
        other = sb if a.owners else sa
        about = other.focus or other.story  # who the other article is about
        return bool(named.owners and about) and not (
            named.owners & about or named.owners & other.words)
    if a.subjects & b.subjects:
        return False
    return not (a.subjects & sb.words or b.subjects & sa.words)


def _different_places(a: Value, b: Value, sa: Statement, sb: Statement) -> bool:
    """"in Lima" against "in Cusco": a figure for another place is another fact."""
    if not (a.places and b.places) or a.places & b.places:
        return False
    return not (a.places & sb.words or b.places & sa.words)


def _another_time(sa: Statement, sb: Statement) -> bool:
    """One statement gives a year the other's date does not share: another time."""
    if sa.days and sb.days and sa.days != sb.days:
        return True
    for s, o in ((sa, sb), (sb, sa)):
        own = o.years or ({o.reference.year} if o.reference else set())
        if s.years and own and not (s.years & own):
            return True
    return False


def _revision(a: Value, sa: Statement, sb: Statement, shared: tuple[str, ...]) -> bool:
    """A tally reported on days more than one day apart: the later report revises it."""
    if sa.reference is None or sb.reference is None or a.kind in ("date", "clock"):
        return False
    apart = abs((sa.reference - sb.reference).days)
    if apart <= 1:
        return False
    return bool(sa.running or sb.running or TALLIES & set(shared)
                or a.head in TALLIES)


def _why(shared: tuple[str, ...], sa: Statement, sb: Statement, idf: _Idf) -> str:
    common = sorted(sa.context & sb.context - set(shared), key=lambda t: (-idf(t), t))[:3]
    surfaces, capitals = _surfaces(sa.text)
    about = ", ".join(surfaces.get(t, t) for t in shared[:2])
    shown = [w for w, key in capitals if key in sa.names and key in sb.names]
    if shown:
        about += " of " + " ".join(shown[:4])
    if common:
        about += " — " + ", ".join(common)
    days = ""
    if sa.reference and sb.reference:
        days = (f"; reported {sa.reference:%d %B %Y}" if sa.reference == sb.reference else
                f"; reported {sa.reference:%d %B %Y} and {sb.reference:%d %B %Y}")
    return f"both: {about}{days}"


@functools.lru_cache(maxsize=4096)
def _surfaces(text: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Each measure term of ``text`` as the sentence writes it ("APEC" rather than "apec"),
    and its capitalised words with their folded keys, in order."""
    surfaces: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for raw in text.split():
        word = raw.strip(".,:;()'’\"“”")
        if not word:
            continue
        surfaces.setdefault(canonical(word), word)
        if word[:1].isupper():
            capitals.setdefault(word, fold(word))
    return surfaces, tuple(capitals.items())


def _surface(text: str, term: str) -> str:
    """A measure term as the sentence writes it, or the term itself."""
    return _surfaces(text)[0].get(term, term)


def _label(sa: Statement, sb: Statement, shared: tuple[str, ...]) -> str:
    """The event two dates are of: the shared measure word as written, after the nearest
    names or shared words among the four words before it ("APEC summit", "fire began")."""
    names = sa.names & sb.names
    for statement in (sa, sb):
        words = [w.strip(".,:;()'’\"“”") for w in statement.text.split()]
        for i, word in enumerate(words):
            if word and canonical(word) == shared[0]:
                before = [w for w in words[max(0, i - 4):i]
                          if w and (fold(w) in names or canonical(w) in shared)]
                if before:
                    return " ".join([*before[-2:], word])
    return _surface(sa.text, shared[0])


def _describe(v: Value) -> str:
    return f"“{v.text}”" + (f" ({v.note})" if v.note else "")


def _ratio(a: Value, b: Value) -> float:
    def point(v: Value) -> float:
        if v.low == -math.inf:
            return v.high
        if v.high == math.inf:
            return v.low
        return (v.low + v.high) / 2

    x, y = abs(point(a)) or 1e-9, abs(point(b)) or 1e-9
    return max(x, y) / min(x, y)


def _nearest_period(s: Statement, v: Value) -> Period | None:
    if not s.periods:
        return None
    return min(s.periods, key=lambda p: abs(p.start - v.start))


#: Values with a unit or scale of their own (a length, an area, a mass, an age, a magnitude)
#: that share a measure word are already more alike than two bare counts: their unit counts
#: for this much IDF weight.
PHYSICAL_BONUS = 1.0
_PHYSICAL = frozenset({"length", "area", "mass", "age", "magnitude"})


def _min_strength(statements: int) -> float:
    """The IDF weight shared measure terms must reach among ``statements`` statements:
    :data:`MIN_STRENGTH`, less in a small project where every word is common, and nothing
    below 30 statements, where IDF cannot tell a rare word from a common one."""
    if statements < 30:
        return 0.0
    return min(MIN_STRENGTH, 0.5 * math.log(statements + 1))


def _compare_values(sa: Statement, sb: Statement, idf: _Idf) -> list[Disagreement]:
    """The disagreements between two statements' values: at most one per kind and measure
    (a sentence pair can disagree on a magnitude and on a time)."""
    matched = [(a, b, shared) for a in sa.values for b in sb.values
               if a.kind == b.kind and (shared := _same_measure(a, b))]
    if not matched:
        return []
    context = idf.share(sa.context, sb.context)
    precise = all(a.kind == "money" and a.per and b.per for a, b, _s in matched)
    if context < (MIN_CONTEXT_RATE if precise else MIN_CONTEXT):
        return []
    if idf.similarity(sa, sb) < MIN_STORY:
        return []  # articles about different stories
    best: dict[tuple[str, str], Disagreement] = {}
    for a, b, shared in matched:
        if _different_subjects(a, b, sa, sb) or _different_places(a, b, sa, sb):
            continue
        if a.kind == "money" and (a.basis or "gross") != (b.basis or "gross"):
            continue
        if a.bound == "by" or b.bound == "by":
            continue  # a deadline is not the moment
        if a.kind in ("money", "count") and _ratio(a, b) >= 1000:
            continue  # "$16" a share against "$1 billion": a price is not a total
        strength = sum(idf(t) for t in shared) + (a.kind in _PHYSICAL) * PHYSICAL_BONUS
        if strength < _min_strength(idf.n):
            continue
        found = _decide(a, b, sa, sb, shared, idf, context)
        if found is None:
            continue
        key = (found.kind, found.group)
        if key not in best or found.confidence > best[key].confidence:
            best[key] = found
    return list(best.values())


def _decide(a: Value, b: Value, sa: Statement, sb: Statement, shared: tuple[str, ...],
            idf: _Idf, context: float) -> Disagreement | None:
    pa, pb = _nearest_period(sa, a), _nearest_period(sb, b)
    confidence = round(min(0.95, 0.35 + 0.4 * min(1.0, context * 2)
                           + 0.05 * min(4, len(shared))), 2)
    if a.kind in ("money", "count", "percent") and pa is not None and pb is not None \
            and not pa.same_as(pb):
        if not a.overlaps(b):
            return None
        return Disagreement(
            "period", "medium",
            f"Both give the {shared[0]} as {_describe(a)} and {_describe(b)}, but for "
            f"different periods: “{pa.text}” ({pa.describe()}) against “{pb.text}” "
            f"({pb.describe()}); {_why(shared, sa, sb, idf)}.", sa, sb, (pa.text, pb.text),
            confidence, shared[0])
    if (pa is None) != (pb is None) and a.kind in ("money", "count", "percent"):
        return None
    if a.kind == "date" and a.unit != b.unit:
        a, b = _without_year(a), _without_year(b)
    if a.overlaps(b) or _another_time(sa, sb) or _revision(a, sa, sb, shared):
        return None
    if a.kind == "count" and bool(sa.days) != bool(sb.days):
        return None  # "four boys on Sunday" counts one day; "12 boys" counts them all
    if a.kind in ("date", "clock"):
        what = "day" if a.kind == "date" else "time"
        return Disagreement(
            "date", "medium",
            f"The {what} of “{_label(sa, sb, shared)}” differs: {_describe(a)} in one "
            f"source, {_describe(b)} in the other (confidence {confidence:.0%}; "
            f"{_why(shared, sa, sb, idf)}).",
            sa, sb, (a.text, b.text), confidence, shared[0])
    ratio = _ratio(a, b)
    return Disagreement(
        "amount", "high" if ratio >= 2 or confidence >= 0.8 else "medium",
        f"{_describe(a)} and {_describe(b)} cannot both be true (confidence "
        f"{confidence:.0%}; {_why(shared, sa, sb, idf)}).", sa, sb, (a.text, b.text),
        confidence, shared[0])


def _without_year(v: Value) -> Value:
    """A date compared by its day and month, when the other side's year is not known."""
    first = date.fromordinal(int(v.low)).replace(year=UNKNOWN_YEAR)
    last = date.fromordinal(int(v.high)).replace(year=UNKNOWN_YEAR)
    return dataclasses.replace(v, low=float(first.toordinal()), high=float(last.toordinal()))


def _compare_quotes(a: Statement, b: Statement, idf: _Idf) -> Disagreement | None:
    if not (a.speakers and b.speakers) or a.speakers & b.speakers:
        return None
    for qa in a.quotes:
        for qb in b.quotes:
            if fuzz.ratio(qa, qb) >= 90:
                return Disagreement(
                    "attribution", "high",
                    f"The same words, “{_short(qa)}”, are given to {_people(a)} in one "
                    f"source and to {_people(b)} in the other.",
                    a, b, (", ".join(sorted(a.speakers)), ", ".join(sorted(b.speakers))),
                    0.8, "quotation")
    return None


def _people(s: Statement) -> str:
    names = [w for w in s.text.replace("“", " ").replace("”", " ").split()
             if w[:1].isupper() and w.strip(".,").lower() in s.speakers]
    return " ".join(dict.fromkeys(n.strip(".,") for n in names)) or "someone else"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def find_disagreements(statements: Sequence[Statement],
                       pairs: set[tuple[int, int]] | None = None) -> list[Disagreement]:
    """Every pair of statements from different articles that cannot both be true
    (``pairs``, when given, are the candidate pairs already found), best first within
    each group of flags about one fact."""
    idf = _Idf(statements)
    found: list[Disagreement] = []
    for i, j in sorted(candidate_pairs(statements) if pairs is None else pairs):
        a, b = statements[i], statements[j]
        if (a.article_id, a.start) > (b.article_id, b.start):
            a, b = b, a
        values = _compare_values(a, b, idf)
        found.extend(values)
        if not values:
            quote = _compare_quotes(a, b, idf)
            if quote is not None:
                found.append(quote)
    return group_flags(found)


def group_flags(found: list[Disagreement]) -> list[Disagreement]:
    """Flags about one fact, together: disagreements of one kind and measure that share a
    statement form a group (one article's "27 floors" against three articles' "24
    storeys"). Each group comes out in a run, most confident first, and each flag of a
    group of several says so, so a review queue shows one fact once, not scattered."""
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str, str], int] = {}
    for index, d in enumerate(found):
        for side in (d.first, d.second):
            key = (d.kind, d.group, side.ref)
            if key in seen:
                parent[root(index)] = root(seen[key])
            else:
                seen[key] = index
    groups: dict[int, list[Disagreement]] = defaultdict(list)
    for index, d in enumerate(found):
        groups[root(index)].append(d)
    out: list[Disagreement] = []
    for members in groups.values():
        members.sort(key=lambda d: -d.confidence)
        for d in members:
            if len(members) > 1:
                d = dataclasses.replace(d, explanation=(
                    f"{d.explanation} One of {len(members)} flags about the same fact "
                    f"({d.group})."))
            out.append(d)
    return out
