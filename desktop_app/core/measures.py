"""What a value in a sentence measures, what it is about, and when it holds.

For each value (an amount, a count, a measurement, a clock time, a date) the words around it
say what it quantifies: "250 firefighters" counts firefighters, "killed 12 people" counts
deaths, "the 295-foot spire" is the height of a spire, "reduced the shelf by 12 per cent" is a
decrease. Words are reduced to lemmas with simplemma (a small, pure-Python lemmatiser with
no model to download: https://github.com/adbar/simplemma), then mapped through a small table
of equivalent measure words (:data:`EQUIVALENTS`: killed, died, dead and fatalities are all
deaths). The words a value is read with are its *measure terms*; the capitalised names near
it are its *subjects*; "before tax" and "net" are its *basis*; "as of Tuesday", "rose to" and
"so far" mark a figure that may still change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from desktop_app.core.numbers import parse_number
from desktop_app.core.sentences import STOPWORDS
from desktop_app.core.text import fold

#: Measure words that mean the same thing, each mapped to one (general English, not any
#: story's words).
EQUIVALENTS: dict[str, str] = {}


def _same(canonical: str, *words: str) -> None:
    for word in (canonical, *words):
        EQUIVALENTS[word] = canonical


_same("death", "kill", "killed", "die", "died", "dead", "fatality", "toll", "deaths")
_same("injured", "injure", "injury", "wound", "wounded", "hurt")
_same("storey", "floor", "story", "storeys", "stories")
_same("start", "begin", "began", "break", "erupt", "ignite", "outbreak")
_same("trap", "strand", "stuck", "ordeal")
_same("decrease", "reduce", "shrink", "decline", "drop", "fall", "cut", "lose", "loss")
_same("increase", "rise", "grow", "climb", "surge", "jump", "growth")
_same("deal", "agreement", "contract", "accord", "pact")
_same("value", "worth", "valued", "valuation", "cost")
_same("wage", "salary", "pay", "earn", "earnings", "payday", "paid")
_same("find", "discover", "locate")
_same("firefighter", "fireman", "firefighters")
_same("engine", "appliance", "truck")
_same("age", "aged", "old")
_same("hospital", "hospitalise", "hospitalize", "treat")
_same("fee", "transfer", "bid")
_same("height", "tall", "high")
_same("length", "long")
_same("area", "size")
_same("sign", "signed", "signing")
_same("announce", "unveil")

#: Words that never say what a value measures.
GENERIC = frozenset("""
people person total number figure figures some many about around local time times
least more most than only just still already nearly almost approximately roughly estimated
report reported reports according told tell state stated statement include including
also well even there here other another such make made take took give given get got
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december today yesterday tonight morning
evening night week weeks day days month months year years hour hours minute minutes
inside outside away within into onto from later earlier then ago place
since until till during reach reached total totaled totalled stand stood amount hit top
come came put tax taxes net gross
""".split()) | STOPWORDS

#: Words after a figure that say it is net of tax, and before it that it is gross.
NET = re.compile(r"\b(?:after[\s-]tax(?:es)?|net|take[\s-]home)\b", re.IGNORECASE)
GROSS = re.compile(r"\b(?:before[\s-]tax(?:es)?|gross|pre-tax|pretax)\b", re.IGNORECASE)
#: Words that say a figure includes bonuses ("in salary and bonuses"), not base pay.
_WITH_BONUS = re.compile(r"\b(?:including|with|in|and|incl\.?)\s+(?:\w+\s+)?bonus(?:es)?\b",
                         re.IGNORECASE)
#: Words that say a figure is a running tally that may still change.
RUNNING = re.compile(r"\b(?:as of|so far|to date|risen to|rose to|has risen|have risen|climbed"
                     r"|latest|currently|current|now stands|at the time of writing|updated|"
                     r"still missing|feared|presumed|at least|had been reported|"
                     r"have been reported|reported so far|by then|by now)\b", re.IGNORECASE)
#: Words that make a figure an increment on another ("another eight days").
INCREMENT = re.compile(r"\b(?:another|a further|an additional|additional|extra|more|"
                       r"remaining|last|final|first|other|next|then|previous|former|earlier|original)"
                       r"(?:\s+\w+)?\s+(?:of\s+)?$", re.IGNORECASE)
#: "eight of the boys": a part of a group, not the group.
PARTITIVE = re.compile(r"^\s*of\s+(?:the|them|those|these|their|its|his|her)\b", re.IGNORECASE)
#: Measures that are tallies: they grow between reports, so dated reports revise them.
TALLIES = frozenset({"death", "injured", "missing", "hospital", "case", "victim", "casualty",
                     "body", "arrest", "evacuate", "rescue", "displace", "identify",
                     "confirm"})
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_NAME = re.compile(r"\b[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*")
_ASIDE = re.compile(r"\s*\([^()]{1,40}\)")
_STOP_BEFORE = re.compile(r"[;\[\]“”\"]|\s[–—]\s|[.!?]\s")
_STOP_AFTER = re.compile(r"[,;:\[\]“”\"]|\s[–—]\s|[.!?](?:\s|$)")


@functools.lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """The lemma of an English word, lower case and without accents ("killed" -> "kill")."""
    word = fold(word).replace("’", "'")
    word = re.sub(r"'s$", "", word)
    return _lemmatize(word)


def _lemmatize(word: str) -> str:
    import simplemma  # noqa: PLC0415 - its data loads on the first word

    return str(simplemma.lemmatize(word, lang="en")).lower()


@functools.lru_cache(maxsize=1 << 16)
def is_word(word: str) -> bool:
    """Whether a capitalised word is also a common English word ("Summit", "Tower"), so it
    can say what a value measures; a name ("Grenfell", "Racorbel") cannot."""
    return _known(fold(word))


@functools.lru_cache(maxsize=1 << 16)
def _known(word: str) -> bool:
    import simplemma  # noqa: PLC0415 - its data loads on the first word

    return bool(simplemma.is_known(word, lang="en"))


@functools.lru_cache(maxsize=1 << 16)
def canonical(word: str) -> str:
    """The measure a word stands for: its lemma through :data:`EQUIVALENTS`."""
    folded = fold(word)
    if folded in EQUIVALENTS:
        return EQUIVALENTS[folded]
    base = lemma(word)
    return EQUIVALENTS.get(base, base)


def content_terms(text: str) -> list[tuple[int, int, str]]:
    """(start, end, measure) of the words of ``text`` that can say what something is."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) < 3:
            continue
        term = _term(word)
        if term:
            out.append((m.start(), m.end(), term))
    return out


@functools.lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """The measure term of one word, or "" for a word that says nothing."""
    if fold(word) in GENERIC:
        return ""
    term = canonical(word)
    return "" if term in GENERIC or len(term) < 3 else term


def clause_terms(text: str, start: int, end: int, terms: list[tuple[int, int, str]],
                 fences: Iterable[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """The measure terms after the value at [start, end) and before it (nearest last),
    within its clause and without crossing another value (``fences``). Names that are no
    English word ("Grenfell") are left out: they say whom a value is about, not what."""
    left = 0
    for m in _STOP_BEFORE.finditer(text, 0, start):
        left = m.end()
    right = len(text)
    aside = _ASIDE.match(text, end)
    if aside is not None:
        end = aside.end()  # "5,800 sq km (2,240 sq miles) iceberg": read past the aside
    stop = _STOP_AFTER.search(text, end)
    if stop is not None:
        right = stop.start()
    for fs, fe in fences:
        if fe <= start and fe > left:
            left = fe
        if fs >= end and fs < right:
            right = fs
    if aside is not None:
        right = max(right, end)
    following = [t for s, e, t in terms if end <= s < right and _common(text, s, e)]
    preceding = [t for s, e, t in terms if left <= s and e <= start and _common(text, s, e)]
    return following, preceding


def _common(text: str, s: int, e: int) -> bool:
    return s == 0 or not text[s].isupper() or is_word(text[s:e])


def pick(following: list[str], preceding: list[str], before: int = 5,
         after: int = 3) -> tuple[str, ...]:
    """Up to ``after`` terms after a value and ``before`` before it, the head (the word
    right after it) first."""
    near = preceding[-before:] if before else []
    return tuple(dict.fromkeys([*following[:after], *reversed(near)]))


def window_terms(text: str, start: int, end: int, terms: list[tuple[int, int, str]],
                 fences: Iterable[tuple[int, int]], before: int = 5,
                 after: int = 3) -> tuple[str, ...]:
    """The measure terms of the value at [start, end): up to ``after`` words after it and
    ``before`` words before it, within its clause (see :func:`clause_terms`)."""
    return pick(*clause_terms(text, start, end, terms, fences), before, after)


def nearest_terms(start: int, end: int, terms: list[tuple[int, int, str]],
                  limit: int = 6) -> tuple[str, ...]:
    """The sentence's terms nearest a value, nearest first: what a bare figure ("After nine
    days, divers find...") is read with when its own clause says nothing."""
    ranked = sorted(terms, key=lambda t: min(abs(t[0] - end), abs(t[1] - start)))
    return tuple(dict.fromkeys(t for _s, _e, t in ranked))[:limit]


def subjects(text: str, start: int, end: int, sentence_start: bool = True) -> frozenset[str]:
    """The capitalised names nearest a value in its clause: who or what it is about
    ("Pogba's £165,588 a week" is about Pogba)."""
    left = text.rfind(",", 0, start)
    left = max(left, text.rfind(";", 0, start), text.rfind("(", 0, start), 0)
    stop = _STOP_AFTER.search(text, end)
    right = stop.start() if stop is not None else len(text)
    found = set()
    low, high = max(left, start - 60), start  # the clause's subject comes before its value
    for m in _NAME.finditer(text, left, right):
        if m.end() <= low or m.start() >= high:
            continue
        if m.start() == 0 and sentence_start and " " not in m.group() and not _first_is_name(
                text, m.group()):
            continue  # the sentence's first word is capitalised anyway
        for part in m.group().split():
            key = subject_key(part)
            if key:
                found.add(key)
    if not found and left > 0:
        return subjects(text[:left], left, left)  # "Pogba, ... earns £165,588 a week"
    return frozenset(found)


@functools.lru_cache(maxsize=1 << 16)
def subject_key(word: str) -> str:
    """A capitalised word as a subject's key (folded), or "" when it names nobody: a common
    word, a calendar word, a number, a demonym."""
    key = fold(re.sub(r"['’]s$", "", word))
    if len(key) > 2 and key not in GENERIC and not _is_calendar(key) \
            and parse_number(key) is None and not _demonym(key):
        return key
    return ""


_OWNER = re.compile(r"\s+of\s+(?:the\s+)?([A-Z][\w\-]*)['’]s\b")
_PLACE = re.compile(r"\b(?:in|at)\s+((?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*)*)")


def places(text: str, start: int, end: int) -> frozenset[str]:
    """The places or owners a value is stated for: names after "in" or "at" in its clause
    ("revenue in Lima reached..." is Lima's), or the owner right after it ("27 percent of
    Corvobel's funding" is Corvobel's)."""
    left = max(text.rfind(",", 0, start), text.rfind(";", 0, start), 0)
    stop = _STOP_AFTER.search(text, end)
    right = stop.start() if stop is not None else len(text)
    found = set()
    owner = _OWNER.match(text, end)
    if owner is not None:
        key = subject_key(owner.group(1))
        if key:
            found.add(key)  # "27 percent of Corvobel's funding" is Corvobel's
    for m in _PLACE.finditer(text, left, right):
        for part in m.group(1).split():
            key = subject_key(part)
            if key and key != "the":
                found.add(key)
    return frozenset(found)


_OWNED = re.compile(r"([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)(?:['’]s\b|,\s+who\b)")


def owners(text: str, start: int) -> frozenset[str]:
    """The person a figure is said to belong to before it: "Messi, who earns...",
    "Pogba's wage of..." (a possessive or a relative clause, the surest sign of whose
    figure it is)."""
    found = [m for m in _OWNED.finditer(text, 0, start) if m.end() <= start]
    if not found:
        return frozenset()
    keys = {subject_key(part) for part in found[-1].group(1).split()}
    return frozenset(keys - {""})


def _first_is_name(text: str, word: str) -> bool:
    """"Neymar will earn...": a sentence's first word is a name when it is no common word,
    no plural, and a lower-case word follows it."""
    folded = fold(word)
    rest = text[len(word):].split(None, 1)
    return (folded not in GENERIC and not folded.endswith("s") and len(folded) > 3
            and bool(rest) and rest[0][:1].islower())


def _demonym(word: str) -> bool:
    """"Brazilian", "French", "Japanese": an adjective of a people, not a subject."""
    return word.endswith(("ian", "ean", "ese", "ish", "ench", "ch")) or word in {
        "thai", "greek", "swiss", "iraqi", "israeli", "pakistani", "saudi"}


def _is_calendar(word: str) -> bool:
    return word in {"bst", "gmt", "utc", "a.m", "p.m"}


def basis(text: str, start: int, end: int) -> str:
    """"net" when the words near a figure say after tax, "gross" when they say before tax,
    "" when they say neither (a wage stated plainly is read as gross by the rules)."""
    near = text[max(0, start - 40): end + 60]
    if _WITH_BONUS.search(near):
        return "with bonuses"
    if NET.search(near):
        return "net"
    if GROSS.search(near):
        return "gross"
    return ""


def is_increment(text: str, start: int, end: int) -> bool:
    """"another eight days", "the remaining four boys", "eight of the boys": a figure that
    adds to one given elsewhere, or counts a part of a group."""
    return bool(INCREMENT.search(text[max(0, start - 30): start])
                or PARTITIVE.search(text[end: end + 20])
                or PARTITIVE.search(text[start:end].split(None, 1)[-1] if " " in
                                    text[start:end] else ""))


def is_running(text: str) -> bool:
    """Whether a sentence marks its figure as a tally at a moment ("as of", "rose to")."""
    return bool(RUNNING.search(text))
