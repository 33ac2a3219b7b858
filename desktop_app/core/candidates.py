"""Suggesting new entities: capitalised multi-word names and acronyms that the registry does
not know yet, counted across articles and ranked so the useful ones come first."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from desktop_app.core.mentions import MentionMatcher

_CONNECTORS = {"of", "for", "and", "the", "de", "la", "del", "on", "y", "du", "von", "van"}
_LEADING_NOISE = {
    "The", "A", "An", "But", "And", "In", "On", "At", "For", "By", "With", "As", "This", "That",
    "These", "Those", "Its", "His", "Her", "Their", "Our", "When", "While", "If", "After",
    "Before", "During", "Under", "Over", "From", "To", "Of", "Meanwhile", "However", "Likewise",
    "Just", "Although", "Since", "Why", "How", "What", "Where", "Who", "Key", "Read", "Also",
    "Many", "Some", "Most", "Both", "Each", "Every", "Such", "According", "Like", "Unlike",
}
_ROLES = {
    "President", "President-elect", "Premier", "Prime", "Minister", "Foreign", "Finance",
    "Professor", "Mayor", "Senator", "Governor", "Chancellor", "Secretary", "General", "Dr",
    "Mr", "Mrs", "Ms", "Chairman", "Chief", "Executive", "Deputy", "Vice", "Speaker", "House",
    "Leader", "King", "Queen", "Judge", "Ambassador", "Commissioner", "Director", "CEO",
}
_CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec",
}
_NOT_ACRONYMS = {"AM", "PM", "CEO", "II", "III", "IV", "OK", "TV", "PS", "PDF", "FAQ", "USD",
                 "EUR", "GBP", "CNY", "JPY", "CHF", "AUD", "CAD"}
_WORD = r"[A-Z][\w'’.-]*[\w]"
_GAP = r"[ \t\u00a0]+"
_NAME = re.compile(rf"{_WORD}(?:{_GAP}(?:(?:{'|'.join(_CONNECTORS)}){_GAP})*{_WORD})+")
_POSSESSIVE = re.compile(r"['’]s$")
_ACRONYM = re.compile(r"(?<![\w.])[A-Z][A-Z0-9]{1,5}(?![\w])")
_LONG_FORM = re.compile(rf"({_WORD}(?:[\s-]+(?:(?:{'|'.join(_CONNECTORS)})\s+)*{_WORD})+)"
                        r"\s*\(([A-Z][A-Z0-9]{1,6})\)")
_ORG_WORDS = re.compile(
    r"\b(?:Party|Center|Centre|Institute|Ministry|Company|Corporation|Corp|Bank|Association|"
    r"Organi[sz]ation|Council|Agency|Group|Fund|Foundation|University|Commission|Committee|"
    r"Department|Office|Authority|Union|Alliance|Forum|Cooperation|Minera|Mining|Holdings|"
    r"Inc|Ltd|Media|News|Times|Post|Press|Network|Initiative)\b")
_PLACE_WORDS = re.compile(r"\b(?:United States|America|Port|City|Province|Region|River|"
                          r"Valley|Island|Republic|"
                          r"Kingdom|State|County|Street|Square|Mountains?|Lake|Sea)\b")
_EVENT_WORDS = re.compile(r"\b(?:Summit|Conference|Olympics|War|Election|Games|Crisis)\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name that looks like an entity worth registering."""

    name: str
    aliases: tuple[str, ...]
    kind_hint: str  # "name" or "acronym"
    count: int
    article_count: int
    article_ids: tuple[str, ...]
    example: str
    type_guess: str


def suggest_type(name: str) -> str:
    """A first guess at the entity type, for a person to confirm."""
    if _EVENT_WORDS.search(name):
        return "event"
    if _ORG_WORDS.search(name) or name.isupper():
        return "organization"
    if _PLACE_WORDS.search(name):
        return "place"
    tokens = name.split()
    if 2 <= len(tokens) <= 4 and all(t[:1].isupper() for t in tokens):
        return "person"
    return "other"


def _initials_fit(long_form: str, acronym: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", long_form) if w and w.lower() not in _CONNECTORS]
    initials = "".join(w[0] for w in words).upper()
    return initials == acronym or (acronym[0] == initials[:1] and set(acronym) <= set(initials))


def _trim(name: str) -> str:
    tokens = name.split()
    while tokens and (tokens[0] in _LEADING_NOISE or tokens[0].lower() in _CONNECTORS
                      or tokens[0] in _ROLES
                      or (len(tokens) > 1 and tokens[1] in _ROLES
                          and tokens[0].endswith(("ese", "ian", "can", "ish", "ch")))):
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _CONNECTORS:
        tokens.pop()
    return " ".join(tokens).rstrip(".'’").removesuffix("’s").removesuffix("'s")


def _split_possessives(name: str) -> list[str]:
    """"China’s Belt and Road Initiative" -> ["China", "Belt and Road Initiative"]."""
    parts, current = [], []
    for token in name.split():
        if _POSSESSIVE.search(token):
            current.append(_POSSESSIVE.sub("", token))
            parts.append(" ".join(current))
            current = []
        else:
            current.append(token)
    parts.append(" ".join(current))
    return [p for p in parts if p]


def _headline(text: str, start: int) -> bool:
    """Whether the line around ``start`` is a headline (most words capitalised)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", start)
    words = text[left : right if right != -1 else len(text)].split()
    capitals = sum(1 for w in words if w[:1].isupper())
    return len(words) >= 4 and capitals / len(words) > 0.6


def _joins_two(name: str, corpus: str) -> bool:
    """"Japan and Peru": both sides stand alone elsewhere, so it names two things."""
    if " and " not in name:
        return False
    left, right = name.split(" and ", 1)
    whole = len(re.findall(re.escape(name), corpus))

    def alone(side: str) -> int:
        return len(re.findall(rf"(?<!\w){re.escape(side)}(?!\w)", corpus))

    return alone(left) > whole and alone(right) > whole


def _context(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    return " ".join(text[max(left, start - 60) : min(len(text), end + 60)].split())


def find_candidates(texts: Mapping[str, str], known: MentionMatcher | None = None,
                    limit: int = 50) -> list[Candidate]:
    """Names and acronyms across ``texts`` (article id -> text) that ``known`` does not
    know, best first: seen in more articles, then more often, then paired long form."""
    pairs: dict[str, str] = {}  # acronym -> long form
    for text in texts.values():
        for match in _LONG_FORM.finditer(text):
            long_form, acronym = _trim(match.group(1)), match.group(2)
            if acronym not in _NOT_ACRONYMS and _initials_fit(long_form, acronym):
                pairs.setdefault(acronym, long_form)
    long_forms = {v: k for k, v in pairs.items()}
    hits: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    corpus = "\n".join(texts.values())
    for article_id, text in texts.items():
        for match in _NAME.finditer(text):
            if _headline(text, match.start()):
                continue
            for part in _split_possessives(match.group()):
                name = _trim(part)
                if len(name.split()) < 2 or any(t in _CALENDAR for t in name.split()):
                    continue
                if _joins_two(name, corpus):
                    continue
                at = match.start() + max(0, match.group().find(name))
                hits[name].append((article_id, at, at + len(name)))
        for match in _ACRONYM.finditer(text):
            acronym = match.group()
            if acronym in _NOT_ACRONYMS or sum(c.isalpha() for c in acronym) < 2:
                continue
            hits[pairs.get(acronym, acronym)].append((article_id, match.start(), match.end()))
    candidates = []
    for name, places in hits.items():
        aliases = (long_forms[name],) if name in long_forms else ()
        if known is not None and any(known.knows(n) for n in (name, *aliases)):
            continue
        if name in long_forms.values() and name not in long_forms:
            continue
        article_ids = tuple(sorted({a for a, _s, _e in places}))
        first = places[0]
        is_acronym = name.isupper() and " " not in name
        candidates.append(Candidate(
            name=name, aliases=aliases, kind_hint="acronym" if is_acronym else "name",
            count=len(places), article_count=len(article_ids), article_ids=article_ids,
            example=_context(texts[first[0]], first[1], first[2]),
            type_guess=suggest_type(name),
        ))
    candidates.sort(key=lambda c: (-c.article_count, -bool(c.aliases), -c.count,
                                   -len(c.name.split()), c.name))
    return candidates[:limit]
