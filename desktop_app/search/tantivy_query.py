"""A parsed query as tantivy reads it, and the words it matched, for the tantivy engine.

The query language is the one of :mod:`desktop_app.search.query` (Whoosh's parser reads it, so
both engines accept exactly the same queries and analyse their words the same way); this module
turns the parsed tree into tantivy's queries, whose terms are already in the index's form.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import tantivy
from whoosh import query as q
from whoosh.util.times import long_to_datetime

from desktop_app.search.errors import SearchQueryError

#: Fields whose words weigh double in the score (Whoosh's ``field_boost`` in schema.py).
BOOSTS = {"title": 2.0, "name": 2.0}


def _bound(value: Any) -> datetime | None:
    """A date bound of a range as a datetime (Whoosh gives datetimes or its long ticks)."""
    if value is None:
        return None
    if isinstance(value, int):
        value = long_to_datetime(value)
    if isinstance(value, datetime):
        return value
    raise SearchQueryError(f"cannot read the date {value!r}")


def _pattern(text: str, *, prefix: bool) -> str:
    """A tantivy regex matching whole terms: ``text`` then anything (prefix) or the
    wildcard ``text`` (``*`` any run, ``?`` one character)."""
    if prefix:
        return re.escape(text) + ".*"
    return "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in text)


def translate(node: q.Query, schema: tantivy.Schema) -> tantivy.Query:
    """The tantivy query for Whoosh's parsed ``node``.

    Raises:
        SearchQueryError: a part of the query neither engine can run.
    """
    if isinstance(node, q.Term):
        found = tantivy.Query.term_query(schema, node.fieldname, node.text)
    elif isinstance(node, q.Phrase):
        words = [w.decode("utf-8") if isinstance(w, bytes) else w for w in node.words]
        if not words:
            return tantivy.Query.empty_query()
        found = (tantivy.Query.term_query(schema, node.fieldname, words[0]) if len(words) == 1
                 else tantivy.Query.phrase_query(schema, node.fieldname, words,
                                                 slop=max(0, node.slop - 1)))
    elif isinstance(node, q.Prefix):
        found = tantivy.Query.regex_query(schema, node.fieldname,
                                          _pattern(node.text, prefix=True))
    elif isinstance(node, q.Wildcard):
        found = tantivy.Query.regex_query(schema, node.fieldname,
                                          _pattern(node.text, prefix=False))
    elif isinstance(node, q.FuzzyTerm):
        found = tantivy.Query.fuzzy_term_query(schema, node.fieldname, node.text,
                                               distance=min(2, node.maxdist))
    elif isinstance(node, (q.DateRange, q.NumericRange)):
        return tantivy.Query.range_query(schema, node.fieldname, tantivy.FieldType.Date,
                                         _bound(node.start), _bound(node.end),
                                         include_lower=not node.startexcl,
                                         include_upper=not node.endexcl)
    elif isinstance(node, q.Every):
        return tantivy.Query.all_query()
    elif isinstance(node, q.And):
        return _boolean([(tantivy.Occur.Must, c) for c in node.children()], schema)
    elif isinstance(node, q.Or):
        return _boolean([(tantivy.Occur.Should, c) for c in node.children()], schema)
    elif isinstance(node, q.AndNot):
        return _boolean([(tantivy.Occur.Must, node.a), (tantivy.Occur.MustNot, node.b)],
                        schema)
    elif isinstance(node, q.AndMaybe):
        return _boolean([(tantivy.Occur.Must, node.a), (tantivy.Occur.Should, node.b)],
                        schema)
    elif isinstance(node, q.Require):
        return _boolean([(tantivy.Occur.Must, node.a), (tantivy.Occur.Must, node.b)], schema)
    elif isinstance(node, q.Not):
        return _boolean([(tantivy.Occur.Must, q.Every()),
                         (tantivy.Occur.MustNot, node.query)], schema)
    else:
        raise SearchQueryError(f"this search cannot run the query part {node!r}")
    boost = BOOSTS.get(getattr(node, "fieldname", ""), 1.0) * float(getattr(node, "boost", 1.0))
    return tantivy.Query.boost_query(found, boost) if boost != 1.0 else found


def _boolean(parts: list[tuple[tantivy.Occur, q.Query]], schema: tantivy.Schema
             ) -> tantivy.Query:
    clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
    for occur, child in parts:
        if isinstance(child, q.Not) and occur is tantivy.Occur.Must:
            clauses.append((tantivy.Occur.MustNot, translate(child.query, schema)))
        else:
            clauses.append((occur, translate(child, schema)))
    if all(occur is tantivy.Occur.MustNot for occur, _ in clauses):
        clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
    return tantivy.Query.boolean_query(clauses)


@dataclass
class Wanted:
    """The words of a query in one field, to find in a hit's tokens: exact terms, prefixes,
    wildcard patterns and phrases (words under a NOT are left out)."""

    terms: set[str] = field(default_factory=set)
    patterns: list[Callable[[str], bool]] = field(default_factory=list)
    phrases: list[list[str]] = field(default_factory=list)

    def matches(self, token: str) -> bool:
        return token in self.terms or any(test(token) for test in self.patterns)


def wanted_words(node: q.Query, fieldname: str) -> Wanted:
    """What of ``node`` a hit's ``fieldname`` can have matched."""
    wanted = Wanted()

    def walk(part: q.Query) -> None:
        if isinstance(part, q.Not):
            return
        if isinstance(part, q.AndNot):
            walk(part.a)
            return
        if getattr(part, "fieldname", None) == fieldname:
            if isinstance(part, q.Phrase):
                wanted.phrases.append([w.decode("utf-8") if isinstance(w, bytes) else w
                                       for w in part.words])
            elif isinstance(part, q.Prefix):
                wanted.patterns.append(_starts_with(str(part.text)))
            elif isinstance(part, q.Wildcard):
                wanted.patterns.append(_full_match(str(part.text)))
            elif isinstance(part, (q.Term, q.FuzzyTerm)) and isinstance(part.text, str):
                wanted.terms.add(part.text)
            return
        if not part.is_leaf():
            for child in part.children():
                walk(child)

    walk(node)
    return wanted


def _starts_with(prefix: str) -> Callable[[str], bool]:
    return lambda token: token.startswith(prefix)


def _full_match(wildcard: str) -> Callable[[str], bool]:
    pattern = re.compile(fnmatch.translate(wildcard))
    return lambda token: pattern.match(token) is not None


def spans_of(tokens: list[str], spans: list[int], wanted: Wanted, shift: int = 0
             ) -> tuple[tuple[int, int], ...]:
    """(start, end) + ``shift`` of every token and phrase of ``tokens`` that ``wanted``
    asks for, merged where they overlap; ``spans`` holds each token's start and end."""
    unique = set(tokens)
    matching = unique & wanted.terms
    if wanted.patterns:
        matching |= {t for t in unique if any(test(t) for test in wanted.patterns)}
    found: set[tuple[int, int]] = {(spans[2 * i], spans[2 * i + 1])
                                   for i, token in enumerate(tokens) if token in matching}
    for words in wanted.phrases:
        n = len(words)
        if not n:
            continue
        first = words[0]
        for i, token in enumerate(tokens):
            if token == first and tokens[i : i + n] == words:
                found.add((spans[2 * i], spans[2 * (i + n - 1) + 1]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple((s + shift, e + shift) for s, e in merged)
