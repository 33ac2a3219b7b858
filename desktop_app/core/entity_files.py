"""Reading prepared entity lists: CSV and Wikidata-style JSON, with per-row problems.

A malformed row is reported with its line (CSV) or item number (JSON) and does not stop the
good rows; the caller decides what to do with both.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from desktop_app.core import vocab
from desktop_app.core.errors import FactdeskError, InvalidValueError

ALIAS_SEPARATORS = ("|", ";")


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """One entity to register, as read from a file."""

    line: int
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row that could not be read, with where it is and why."""

    line: int
    reason: str


def _split_aliases(value: str) -> tuple[str, ...]:
    for separator in ALIAS_SEPARATORS:
        if separator in value:
            return tuple(a.strip() for a in value.split(separator) if a.strip())
    return (value.strip(),) if value.strip() else ()


def _record(line: int, name: str, type_: str, aliases: tuple[str, ...], description: str,
            qid: str | None) -> EntityRecord:
    return EntityRecord(
        line=line, name=vocab.entity_name(name), type=vocab.entity_type(type_ or "other"),
        aliases=tuple(vocab.entity_name(a) for a in aliases), description=description.strip(),
        wikidata=vocab.wikidata_qid(qid) if qid and qid.strip() else None,
    )


def read_entity_csv(text: str) -> tuple[list[EntityRecord], list[RowProblem]]:
    """Rows of a CSV with a header naming at least ``name``; optional ``type``, ``aliases``
    (separated by | or ;), ``description``, ``wikidata`` (or ``qid``)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = {(f or "").strip().lower() for f in reader.fieldnames or []}
    if "name" not in fields:
        raise InvalidValueError("the CSV needs a header row with a 'name' column")
    records, problems = [], []
    for row in reader:
        line = reader.line_num
        cells = {(k or "").strip().lower(): (v or "") for k, v in row.items() if k is not None}
        if None in row:
            problems.append(RowProblem(line, "more cells than the header has columns"))
            continue
        try:
            records.append(_record(
                line, cells.get("name", ""), cells.get("type", ""),
                _split_aliases(cells.get("aliases", "")), cells.get("description", ""),
                cells.get("wikidata") or cells.get("qid"),
            ))
        except FactdeskError as exc:
            problems.append(RowProblem(line, str(exc)))
    return records, problems


def _text_of(value: object, language: str = "en") -> str:
    """A label in Wikidata's shape ({"en": {"value": ...}}) or a plain string."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        chosen = value.get(language) or next(iter(value.values()), "")
        if isinstance(chosen, dict):
            return str(chosen.get("value", ""))
        return str(chosen)
    return ""


def _aliases_of(value: object, language: str = "en") -> tuple[str, ...]:
    if isinstance(value, dict):
        value = value.get(language, [])
    if isinstance(value, str):
        return _split_aliases(value)
    if isinstance(value, list):
        return tuple(_text_of(a) if isinstance(a, dict) and "value" not in a
                     else (a.get("value", "") if isinstance(a, dict) else str(a))
                     for a in value)
    return ()


def read_entity_json(text: str) -> tuple[list[EntityRecord], list[RowProblem]]:
    """Items of a JSON list (or ``{"entities": [...]}`` or Wikidata's ``{"entities": {id:
    item}}``), each with id, label, aliases, description and optionally type."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidValueError(f"not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if isinstance(document, dict):
        document = document.get("entities", document)
        if isinstance(document, dict):
            document = list(document.values())
    if not isinstance(document, list):
        raise InvalidValueError("expected a list of entities")
    records, problems = [], []
    for number, item in enumerate(document, start=1):
        if not isinstance(item, dict):
            problems.append(RowProblem(number, "an entity must be a JSON object"))
            continue
        try:
            name = _text_of(item.get("label") or item.get("labels") or item.get("name") or "")
            qid = item.get("id") or item.get("wikidata")
            records.append(_record(
                number, name, str(item.get("type") or ""),
                _aliases_of(item.get("aliases", ())),
                _text_of(item.get("description") or item.get("descriptions") or ""),
                str(qid) if qid else None,
            ))
        except FactdeskError as exc:
            problems.append(RowProblem(number, str(exc)))
    return records, problems
