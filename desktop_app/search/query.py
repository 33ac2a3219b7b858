"""Reading a person's query: words, "phrases", AND/OR/NOT, prefix*, field:value, dates."""

from __future__ import annotations

import re
from datetime import date

from whoosh import query as q
from whoosh.fields import Schema
from whoosh.qparser import AndGroup, FieldAliasPlugin, MultifieldParser
from whoosh.qparser.dateparse import DateParserPlugin

from desktop_app.core import vocab
from desktop_app.search.errors import SearchQueryError
from desktop_app.search.schema import DEFAULT_FIELDS

#: The field names a person may type, and where they lead.
FIELD_NAMES = {
    "title": "title", "outlet": "outlet", "source": "outlet", "author": "author",
    "tag": "tags", "tags": "tags", "verdict": "verdict", "status": "status",
    "entity": "entity", "kind": "kind", "published": "published", "date": "published",
    "text": "text", "quote": "quote", "note": "note", "name": "name", "alias": "aliases",
    "aliases": "aliases", "type": "type", "description": "description",
}
_FIELD = re.compile(r"(?<![\w\"])([A-Za-z_]+):")
_QUOTED = re.compile(r'"[^"]*"')
#: Curly and low double quotes typed around a phrase mean what " means.
_PHRASE_MARKS = str.maketrans(dict.fromkeys("\u201c\u201d\u201e\u201f\uff02", '"'))
_VALUE_WITH_SPACES = re.compile(r"\b(verdict|status):\"([^\"]+)\"", re.I)


def make_parser(schema: Schema) -> MultifieldParser:
    parser = MultifieldParser(DEFAULT_FIELDS, schema, group=AndGroup)
    aliases: dict[str, list[str]] = {}
    for typed, field in FIELD_NAMES.items():
        if typed != field:
            aliases.setdefault(field, []).append(typed)
    parser.add_plugin(FieldAliasPlugin(aliases))
    parser.add_plugin(DateParserPlugin(free=False))
    return parser


def key_value(value: str) -> str:
    """How a verdict or review status is stored in the index ("mostly true" -> "mostly-true")."""
    return "-".join(value.lower().split())


def check_syntax(text: str) -> str:
    """The query, with values such as verdict:"mostly true" made single words; refuses what
    the parser would misread."""
    if text.count('"') % 2:
        raise SearchQueryError(f"unbalanced quotes in {text!r}: close the phrase with \"")
    # quoted phrases blanked out, each keeping its place (so a field before one is seen
    # to have a value)
    unquoted = _QUOTED.sub(lambda m: "\0" * len(m.group()), text)
    for opening, closing in ("()", "[]"):
        depth = 0
        for ch in unquoted:
            depth += (ch == opening) - (ch == closing)
            if depth < 0:
                break
        if depth != 0:
            raise SearchQueryError(
                f"unbalanced {opening}{closing} in {text!r}: every {opening} needs a {closing}")
    for match in _FIELD.finditer(unquoted):
        if match.group(1).lower() not in FIELD_NAMES:
            known = ", ".join(sorted({f + ":" for f in FIELD_NAMES}))
            raise SearchQueryError(f"unknown field {match.group(1)!r}: use one of {known}")
    if not re.search(r"\w", unquoted + "".join(_QUOTED.findall(text))):
        raise SearchQueryError("the query has no words to search for")
    for match in _FIELD.finditer(unquoted):
        if not unquoted[match.end():match.end() + 1].strip():  # "verdict:" and nothing after
            raise SearchQueryError(f"{match.group(0)} needs a value after it, e.g. "
                                   f"{match.group(0)}word")
    words = unquoted.replace("(", " ").replace(")", " ").split()
    if words and words[-1] in ("AND", "OR", "NOT"):  # else searched as the word "or"
        raise SearchQueryError(f"{words[-1]} at the end of {text!r} joins nothing: put a "
                               "word after it, or leave it out")
    if words and words[0] in ("AND", "OR"):
        raise SearchQueryError(f"{words[0]} at the start of {text!r} joins nothing: put a "
                               "word before it, or leave it out")
    return _VALUE_WITH_SPACES.sub(lambda m: f"{m.group(1)}:{key_value(m.group(2))}", text)


#: Fields whose values come from a closed list: a value not in it is a typing mistake
#: ("verdict:flase"), said as such rather than answered with "nothing found".
_CLOSED_VALUES: dict[str, tuple[str, ...]] = {
    "verdict": vocab.VERDICTS, "status": vocab.REVIEW_STATUSES,
    "kind": ("article", "claim", "entity"), "type": vocab.ENTITY_TYPES,
}
_CLOSED_FIELD = re.compile(r"(?<![\w\"])(verdict|status|kind|type):([^\s()\[\]]+)", re.I)
_DATE_FIELD = re.compile(r"(?<![\w\"])(published|date):(\d{4}(?:-\d{1,2}){0,2})(?![\w-])",
                         re.I)


def _check_values(text: str) -> None:
    """Refuse a value that cannot match: one outside a closed list (verdict, status, kind,
    type) or a date that is no date (published:2024-13). Wildcards are left to match."""
    unquoted = _QUOTED.sub(" ", text)
    for match in _CLOSED_FIELD.finditer(unquoted):
        field, value = match.group(1).lower(), match.group(2)
        if "*" in value or "?" in value:
            continue
        allowed = _CLOSED_VALUES[field]
        if key_value(value) not in {key_value(a) for a in allowed}:
            shown = ", ".join(a if " " not in a else f'"{a}"' for a in allowed)
            raise SearchQueryError(f"{field}:{value} matches nothing: a {field} is one of "
                                   f"{shown}")
    for match in _DATE_FIELD.finditer(unquoted):
        parts = [int(part) for part in match.group(2).split("-")]
        year, month, day = parts[0], parts[1] if len(parts) > 1 else 1, (
            parts[2] if len(parts) > 2 else 1)
        try:
            date(year, month, day)
        except ValueError:
            raise SearchQueryError(
                f"{match.group(0)} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD "
                "(or a range, published:[2024-01 to 2024-06])") from None


def parse(parser: MultifieldParser, text: str) -> q.Query:
    """The parsed query; an empty or unreadable one is refused with a message, and so is
    a value that cannot match (see :func:`_check_values`).

    Raises:
        SearchQueryError: what is wrong with the query, in one sentence.
    """
    cleaned = check_syntax(text.translate(_PHRASE_MARKS))
    _check_values(cleaned)
    cleaned = re.sub(r"\b(verdict|status):(\S+)",
                     lambda m: f"{m.group(1)}:{key_value(m.group(2))}", cleaned, flags=re.I)
    try:
        parsed = parser.parse(cleaned)
    except Exception as exc:  # the parser's own errors, whatever their kind
        raise SearchQueryError(f"cannot read the query {text!r}: {exc}") from None
    if parsed is q.NullQuery or isinstance(parsed, type(q.NullQuery)):
        raise SearchQueryError(f"the query {text!r} has nothing to search for")
    return parsed
