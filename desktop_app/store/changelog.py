"""From a journal of row changes to what a person and the app need: which records changed
(:class:`Changes`) and one audit event for each of them, built in this one place.

A record is an article, claim, entity, flag or tag together with the rows that belong to it
(a claim's tags, entity links and conflicts; an entity's aliases and external ids), so an audit
event says "claim X: tags ['a'] -> ['a', 'b']", never "a row of claim_tags was inserted".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.core.models import Changes, RowChange
from desktop_app.core.vocab import Change
from desktop_app.store.journal import table
from desktop_app.store.schema import TagRow


@dataclass(frozen=True, slots=True)
class Owner:
    """Which record a table's rows belong to, and under which field they show."""

    kind: str
    column: str
    field: str | None = None  # None: the record's own row
    value: str | tuple[str, ...] = ""  # the column(s) that make the field's items


OWNERS: dict[str, Owner] = {
    "articles": Owner("article", "id"),
    "claims": Owner("claim", "id"),
    "claim_tags": Owner("claim", "claim_id", "tags", "tag_id"),
    "claim_entities": Owner("claim", "claim_id", "entities", "entity_id"),
    "claim_conflicts": Owner("claim", "claim_id", "conflicts", ("version", "from_author")),
    "entities": Owner("entity", "id"),
    "entity_aliases": Owner("entity", "entity_id", "aliases", "alias"),
    "entity_external_ids": Owner("entity", "entity_id", "external_ids", ("scheme", "value")),
    "flags": Owner("flag", "id"),
    "tags": Owner("tag", "id"),
}

#: Columns kept out of audit events: bookkeeping, or too large to copy (an article's text).
QUIET = frozenset({"id", "history", "base", "created", "modified", "version", "fingerprint",
                   "text", "content_hash", "retrieved", "incoming"})

#: Columns shown under the names people know them by.
RENAMED = {"start_offset": "start", "end_offset": "end", "exact": "quote"}


def _record_of(change: RowChange) -> tuple[str, str] | None:
    """(kind, id) of the record a row change belongs to, or None for a table no record
    owns."""
    owner = OWNERS.get(change.table)
    if owner is None:
        return None
    row = change.after if change.after is not None else change.before
    assert row is not None
    return owner.kind, str(row[owner.column])


def changes_of(rows: Sequence[RowChange]) -> Changes:
    """The records ``rows`` touched, by kind, with the rows themselves (for undo)."""
    ids: dict[str, set[str]] = defaultdict(set)
    for change in rows:
        record = _record_of(change)
        if record is not None:
            ids[record[0]].add(record[1])
    return Changes(
        articles=frozenset(ids["article"]), claims=frozenset(ids["claim"]),
        entities=frozenset(ids["entity"]), flags=frozenset(ids["flag"]),
        tags=bool(ids["tag"]) or any(c.table == "claim_tags" for c in rows),
        rows=tuple(rows),
    )


@dataclass
class _Record:
    kind: str
    id: str
    change: Change = Change.EDITED
    before: dict[str, Any] = field(default_factory=dict)
    after: dict[str, Any] = field(default_factory=dict)
    removed: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))
    added: dict[str, list[object]] = field(default_factory=lambda: defaultdict(list))


#: Types stored as they are (checked by exact type first: this runs for every column of
#: every row a bulk import writes).
_AS_IS = frozenset({str, int, float, bool, type(None)})


def _plain(value: object) -> object:
    if type(value) in _AS_IS:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _item(owner: Owner, row: Mapping[Any, Any]) -> object:
    if isinstance(owner.value, tuple):
        return [_plain(row[c]) for c in owner.value]
    return _plain(row[owner.value])


def audit_events(session: Session, rows: Sequence[RowChange]
                 ) -> list[tuple[str, str, dict[str, Any]]]:
    """One (target kind, target id, detail) per record that ``rows`` changed, in the order
    first touched. The detail holds ``change`` (added, edited, removed) and ``before`` /
    ``after`` with the fields that changed; a list field (tags, entities, aliases) shows the
    whole list on each side. Tag ids are shown by name.

    Records whose only changes are bookkeeping (a claim's version history) yield nothing.
    """
    records: dict[tuple[str, str], _Record] = {}
    for change in rows:
        owner = OWNERS.get(change.table)
        key = _record_of(change)
        if owner is None or key is None:
            continue
        record = records.setdefault(key, _Record(*key))
        if owner.field is None:
            if change.before is None:
                record.change = Change.ADDED
            elif change.after is None:
                record.change = Change.REMOVED
            for column in (change.before or change.after or {}):
                if column in QUIET:
                    continue
                old = change.before.get(column) if change.before is not None else None
                new = change.after.get(column) if change.after is not None else None
                if change.before is not None and change.after is not None and old == new:
                    continue
                name = RENAMED.get(column, column)
                record.before.setdefault(name, _plain(old))
                record.after[name] = _plain(new)
        else:
            if change.before is not None:
                record.removed[owner.field].append(_item(owner, change.before))
            if change.after is not None:
                record.added[owner.field].append(_item(owner, change.after))
    _fill_lists(session, records)
    events = []
    for record in records.values():
        before = {} if record.change is Change.ADDED else record.before
        after = {} if record.change is Change.REMOVED else record.after
        if not before and not after and record.change is Change.EDITED:
            continue
        events.append((record.kind, record.id,
                       {"change": str(record.change), "before": before, "after": after}))
    return events


def _fill_lists(session: Session, records: dict[tuple[str, str], _Record]) -> None:
    """Turn the items added to and removed from each list field into the whole list before
    and after, reading what the list holds now."""
    fields: dict[tuple[str, str], list[_Record]] = defaultdict(list)
    for record in records.values():
        for name in {*record.added, *record.removed}:
            fields[(record.kind, name)].append(record)
    tag_ids: set[int] = set()
    for (kind, name), group in fields.items():
        table_name = next(t for t, o in OWNERS.items() if o.kind == kind and o.field == name)
        owner = OWNERS[table_name]
        t = table(table_name)
        ids = [r.id for r in group]
        now: dict[str, list[object]] = defaultdict(list)
        for start in range(0, len(ids), 500):
            for row in session.execute(
                    select(t).where(getattr(t.c, owner.column).in_(ids[start:start + 500]))
            ).mappings():
                now[str(row[owner.column])].append(_item(owner, row))
        for record in group:
            after = now.get(record.id, []) if record.change is not Change.REMOVED else []
            before = [x for x in after if x not in record.added[name]]
            before += [x for x in record.removed[name] if x not in before]
            if record.change is Change.ADDED:
                before = []
            if record.change is Change.REMOVED:
                after, before = [], list(record.removed[name])
            if sorted(map(str, before)) == sorted(map(str, after)):
                continue
            record.before[name], record.after[name] = before, after
            if name == "tags":
                tag_ids.update(int(str(x)) for x in (*before, *after))
    if tag_ids:
        _name_tags(session, records, tag_ids)


def _name_tags(session: Session, records: dict[tuple[str, str], _Record],
               tag_ids: set[int]) -> None:
    names: dict[object, object] = {
        tag_id: name for tag_id, name in
        session.execute(select(TagRow.id, TagRow.name).where(TagRow.id.in_(tag_ids)))}
    for record in records.values():
        if record.kind == "tag":
            for side in (record.before, record.after):
                if "name" in side:
                    names.setdefault(int(record.id), side["name"])
    for record in records.values():
        for side in (record.before, record.after):
            if "tags" in side:
                side["tags"] = sorted((str(names.get(t, t)) for t in side["tags"]),
                                      key=str.lower)
