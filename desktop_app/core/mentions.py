"""Finding mentions of known entities in an article's text.

All names and aliases are folded to the one matching form of core.matching (accents, case,
apostrophe and hyphen variants, ligatures, invisible characters, runs of white space) and
compiled into one regular expression shaped like a trie, so a 100,000 character article is
scanned once however many aliases the registry holds. Short all-caps
acronyms ("CCP", "US") match only in capitals. A person's short name ("López Aliaga") counts
once the full name has appeared in the same text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop_app.core.matching import WORD_CHAR, MatchingForm, build_matching_form, match_key
from desktop_app.core.models import Entity

_BEFORE, _AFTER = f"(?<!{WORD_CHAR})", f"(?!{WORD_CHAR})"

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,4}")


@dataclass(frozen=True, slots=True)
class Mention:
    """Where an entity is named in a text: ``text[start:end] == surface``."""

    entity_id: str
    start: int
    end: int
    surface: str
    matched_name: str


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """The matching form of ``text`` (core.matching), and for every folded character the
    offset it came from."""
    form = build_matching_form(text)
    return form.folded, list(form.start_of)


def fold_name(name: str) -> str:
    """A name's matching form, white space folded."""
    return match_key(" ".join(name.split()))


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, longest first, shaped as a trie."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _is_acronym(name: str) -> bool:
    return bool(_ACRONYM.fullmatch(name))


def _short_forms(name: str) -> set[str]:
    """Later references to a person by surname: every run of two or more tokens that does
    not start with the given name, and a last name of four letters or more."""
    tokens = name.split()
    forms: set[str] = set()
    if len(tokens) >= 3:
        for i in range(1, len(tokens)):
            for j in range(i + 2, len(tokens) + 1):
                forms.add(" ".join(tokens[i:j]))
    if len(tokens) >= 2 and len(tokens[-1]) >= 4:
        forms.add(tokens[-1])
    forms.discard(name)
    return forms


class MentionMatcher:
    """A compiled matcher over every name and alias of a registry."""

    def __init__(self, names: Iterable[tuple[str, Iterable[str]]],
                 persons: Iterable[str] = ()) -> None:
        self._by_folded: dict[str, set[str]] = defaultdict(set)
        self._acronyms: dict[str, set[str]] = defaultdict(set)
        self._display: dict[tuple[str, str], str] = {}
        self._full_names: dict[str, list[str]] = defaultdict(list)
        person_ids = set(persons)
        for entity_id, entity_names in names:
            for name in entity_names:
                name = " ".join(name.split())
                if not name:
                    continue
                if _is_acronym(name):
                    self._acronyms[name].add(entity_id)
                    self._display[(entity_id, name)] = name
                    continue
                folded = fold_name(name)
                self._by_folded[folded].add(entity_id)
                self._display[(entity_id, folded)] = name
                if entity_id in person_ids and len(name.split()) >= 2:
                    self._full_names[entity_id].append(name)
        words = sorted(self._by_folded)
        self._pattern = re.compile(_BEFORE + "(?:" + _trie_pattern(words) + ")" + _AFTER) \
            if words else None
        acronyms = sorted(self._acronyms, key=len, reverse=True)
        self._acronym_pattern = re.compile(
            r"(?<![\w.])(?:" + "|".join(map(re.escape, acronyms)) + r")(?![\w])"
        ) if acronyms else None

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> MentionMatcher:
        entities = [e for e in entities if e.merged_into is None]
        return cls(((e.id, (e.name, *e.aliases)) for e in entities),
                   persons=(e.id for e in entities if e.type == "person"))

    def knows(self, name: str) -> bool:
        """Whether ``name`` is a registered name or alias (folded; acronyms exactly)."""
        name = " ".join(name.split())
        return name in self._acronyms or fold_name(name) in self._by_folded

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order; the longest name wins where names overlap."""
        form = build_matching_form(text)
        folded = form.folded
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        if self._pattern is not None:
            for match in self._pattern.finditer(folded):
                if not match.group():
                    continue
                start, end = form.start_of[match.start()], form.end_of[match.end() - 1]
                taken.append((start, end))
                for entity_id in sorted(self._by_folded[match.group()]):
                    found.append(Mention(entity_id, start, end, text[start:end],
                                         self._display[(entity_id, match.group())]))
        if self._acronym_pattern is not None:
            for match in self._acronym_pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                for entity_id in sorted(self._acronyms[match.group()]):
                    found.append(Mention(entity_id, match.start(), match.end(), match.group(),
                                         match.group()))
        found.extend(self._short_mentions(text, form, found, taken))
        found.sort(key=lambda m: (m.start, -m.end, m.entity_id))
        return found

    def _short_mentions(self, text: str, form: MatchingForm,
                        found: list[Mention], taken: list[tuple[int, int]]) -> list[Mention]:
        first_seen: dict[str, int] = {}
        for mention in found:
            if mention.entity_id in self._full_names and len(mention.matched_name.split()) >= 2:
                first_seen.setdefault(mention.entity_id, mention.end)
        extra: list[Mention] = []
        for entity_id, after in first_seen.items():
            forms = set()
            for name in self._full_names[entity_id]:
                forms |= {fold_name(f) for f in _short_forms(name)}
            forms -= set(self._by_folded)  # registered names were matched already
            if not forms:
                continue
            pattern = re.compile(_BEFORE + "(?:" + _trie_pattern(sorted(forms)) + ")" + _AFTER)
            for match in pattern.finditer(form.folded):
                if not match.group():
                    continue
                start, end = form.start_of[match.start()], form.end_of[match.end() - 1]
                if start < after or not text[start].isupper():
                    continue
                if any(s < end and start < e for s, e in taken):
                    continue
                taken.append((start, end))
                extra.append(Mention(entity_id, start, end, text[start:end], text[start:end]))
        return extra
