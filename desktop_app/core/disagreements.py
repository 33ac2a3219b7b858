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
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
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


def _why(shared: tuple[str, ...], sa: Statement, sb: Statement, confidence: float) -> str:
    """What the two statements share, as a reader checks it: the measure words as the first
    sentence writes them, the names both give, and the days they were reported, with the
    confidence ("Both mention “agreement” and Corvane Minerals; reported 5 March 2025 and
    6 March 2025 (confidence 73%)")."""
    names = _shared_names(sa, sb)[:3]
    # the words of the names, a hyphenated one also by its parts ("Asia-Pacific" names
    # "asia" and "pacific": they are not listed again as words of their own)
    named = {part for n in names for w in n.split()
             for part in (fold(w), *re.split(r"[-‐‑–]", fold(w)))}
    parts = [f"“{_surface(sa.text, term)}”" for term in shared[:2]
             if fold(_surface(sa.text, term)) not in named] + names
    if not parts:
        parts = [f"“{_surface(sa.text, shared[0])}”"]
    text = "Both mention " + (", ".join(parts[:-1]) + " and " + parts[-1]
                              if len(parts) > 1 else parts[0])
    if sa.reference and sb.reference:
        if sa.reference == sb.reference:
            text += f"; reported {_day(sa.reference)}"
        else:
            text += f"; reported {_day(sa.reference)} and {_day(sb.reference)}"
    return f"{text} (confidence {confidence:.0%})"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _shared_names(sa: Statement, sb: Statement) -> list[str]:
    """The runs of capitalised words of ``sa`` that name what ``sb`` names too ("Corvane
    Minerals"), in the order ``sa`` gives them, each once."""
    both = sa.names & sb.names
    runs: list[str] = []
    for _start, _end, run in _capital_runs(sa.text):
        if any(_key(w) in both for w in run):
            runs.append(" ".join(run))
    return list(dict.fromkeys(runs))


def _key(word: str) -> str:
    return fold(re.sub(r"['’]s$", "", word))


def _capital_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of adjacent capitalised words as (start, end, words), offsets in code points,
    each word without its punctuation and possessive ("Velmora's" gives "Velmora");
    lower-case joiners inside a name are kept ("Salar de Quintara"); a run ends at a comma
    or a full stop."""
    runs: list[tuple[int, int, list[str]]] = []
    current: list[str] = []
    first = last = 0

    def close() -> None:
        while current and current[-1] in _NAME_JOINS:
            current.pop()
        if current:
            runs.append((first, last, list(current)))
        current.clear()

    for m in re.finditer(r"\S+", text):
        raw = m.group()
        word = re.sub(r"['’]s$", "", raw.strip(".,:;()'’\"“”!?"))
        if word[:1].isupper() and word.strip("-") and not raw.startswith(("“", '"')):
            if not current:
                first = m.start()
            current.append(word)
            last = m.end()
        elif current and word in _NAME_JOINS:
            current.append(word)
        else:
            close()
        if current and raw.rstrip("”\"'’").endswith((",", ";", ":", ".", "!", "?")):
            close()
    close()
    return runs


_NAME_JOINS = frozenset({"de", "del", "da", "do", "dos", "di", "du", "van", "von", "der", "la",
                         "le", "al", "bin", "of"})


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
    """The event two dates are of: a shared measure word as written (one that is not part of
    a name, when there is one), after the names or shared words just before it, skipping
    little words ("APEC summit", "deal was signed" gives "deal signed")."""
    names = sa.names & sb.names
    term = next((t for t in shared if not _surface(sa.text, t)[:1].isupper()), shared[0])
    for statement in (sa, sb):
        words = [w.strip(".,:;()'’\"“”") for w in statement.text.split()]
        for i, word in enumerate(words):
            if word and canonical(word) == term:
                before: list[str] = []
                for w in reversed(words[max(0, i - 3):i]):
                    if w and (fold(w) in names or canonical(w) in shared):
                        before.insert(0, w)
                    elif fold(w) not in _LITTLE:
                        break
                if before:
                    return " ".join([*before[-2:], word])
    return _surface(sa.text, term)


def _measured(statement: Statement, shared: tuple[str, ...]) -> str:
    """What two figures are of, for a sentence: "the investments" (a shared word as the
    sentence writes it, one that is not a name), else "a figure" (a name alone, "the peru",
    would not read as what was measured)."""
    for term in shared:
        written = _surface(statement.text, term)
        if not written[:1].isupper():
            return f"the {written}"
    return "a figure"


_LITTLE = frozenset({"a", "an", "the", "was", "were", "is", "are", "been", "be", "has", "had",
                     "have", "its", "their", "his", "her"})


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
            f"Both give {_measured(sa, shared)} as {_describe(a)} and {_describe(b)}, but for "
            f"different periods: “{pa.text}” ({pa.describe()}) against “{pb.text}” "
            f"({pb.describe()}). {_why(shared, sa, sb, confidence)}.", sa, sb,
            (pa.text, pb.text),
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
        label = _label(sa, sb, shared)
        # One bare word ("government") names no event; two ("APEC summit") do.
        subject = (f"The {what} of “{label}” differs" if " " in label else
                   f"The {'dates' if a.kind == 'date' else 'times'} differ")
        return Disagreement(
            "date", "medium",
            f"{subject}: {_describe(a)} in one "
            f"source, {_describe(b)} in the other. {_why(shared, sa, sb, confidence)}.",
            sa, sb, (a.text, b.text), confidence, shared[0])
    ratio = _ratio(a, b)
    return Disagreement(
        "amount", "high" if ratio >= 2 or confidence >= 0.8 else "medium",
        f"{_describe(a)} and {_describe(b)} cannot both be true. "
        f"{_why(shared, sa, sb, confidence)}.", sa, sb, (a.text, b.text),
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
                    f"The same words, “{_short(_quotation(a, qa))}”, are given to "
                    f"{_people(a)} in one source and to {_people(b)} in the other.",
                    a, b, (", ".join(sorted(a.speakers)), ", ".join(sorted(b.speakers))),
                    0.8, "quotation")
    return None


def _people(s: Statement) -> str:
    """Who a statement gives its quotation to, as it writes the name ("Mining Minister Ana
    Lucía Ferrán"): of the runs of capitalised words outside the quotation that hold a
    speaker's name, the one a speech verb goes with ("X said", "X had called", "said X") or,
    failing that, the one nearest the quotation; "someone else" when none is found."""
    quote = _QUOTED.search(s.text)
    if quote is None:
        return "someone else"
    best: tuple[int, str] | None = None
    for start, end, run in _capital_runs(s.text):
        if quote.start() <= start < quote.end() or not any(_key(w) in s.speakers for w in run):
            continue
        speaks = bool(_SPEAKS_AFTER.match(s.text, end)
                      or _SPEAKS_BEFORE.search(s.text[max(0, start - 16):start]))
        distance = quote.start() - end if end <= quote.start() else start - quote.end()
        score = distance - (10_000 if speaks else 0)
        if best is None or score < best[0]:
            best = (score, " ".join(run))
    return best[1] if best else "someone else"


def _quotation(s: Statement, folded: str) -> str:
    """The quotation as the statement writes it, or its folded form when not found."""
    for m in _QUOTED.finditer(s.text):
        inner = m.group()[1:-1].strip(" ,.;")
        if " ".join(fold(w) for w in inner.split()).startswith(folded[:12]):
            return inner
    return folded


_QUOTED = re.compile(r"[“\"][^”\"]{16,}[”\"]")
_SPEAKS_AFTER = re.compile(r"\s*(?:,\s*)?(?:had |has |have |also )?(?:said|says|told|wrote|"
                           r"stated|added|called|calls|described|announced|declared|"
                           r"tweeted|posted)\b", re.IGNORECASE)
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|according to)\s*$", re.IGNORECASE)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


#: How many candidate pairs :func:`find_disagreements` compares between two calls of ``step``.
STEP_PAIRS = 500


def find_disagreements(statements: Sequence[Statement],
                       pairs: set[tuple[int, int]] | None = None,
                       step: Callable[[int, int], None] | None = None) -> list[Disagreement]:
    """Every pair of statements from different articles that cannot both be true
    (``pairs``, when given, are the candidate pairs already found), best first within
    each group of flags about one fact. ``step(done, total)`` is called before the first
    pair and every :data:`STEP_PAIRS` pairs (how far the comparison got; an exception it
    raises stops the comparison there)."""
    idf = _Idf(statements)
    found: list[Disagreement] = []
    ordered = sorted(candidate_pairs(statements) if pairs is None else pairs)
    for done, (i, j) in enumerate(ordered):
        if step is not None and done % STEP_PAIRS == 0:
            step(done, len(ordered))
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
