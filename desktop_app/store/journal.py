"""The journal of one unit of work: every row it inserts, updates or deletes, as it happens.

Repositories write through a :class:`Journal` and never past it, so the record of what changed
is complete by construction. From that one record the unit of work writes the audit log (in the
same transaction), hands the search index what to update (after the commit), and the services
undo a change exactly (:func:`revert`), down to ids, timestamps and version history.

Deleting a row deletes the rows that depend on it first (the foreign keys declared
``ondelete="CASCADE"``), through the journal too, so nothing disappears unrecorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    tuple_,
    update,
)
from sqlalchemy.orm import Session

from desktop_app.core.errors import ConflictError
from desktop_app.core.models import RowChange
from desktop_app.store.schema import Base

#: How many keys one statement binds at most.
CHUNK = 500

Row = dict[str, Any]


def table(name: str) -> Table:
    """The table called ``name`` in the project's schema."""
    return Base.metadata.tables[name]


def _key_columns(t: Table) -> list[Any]:
    return list(t.primary_key.columns)


def key_of(t: Table, row: Mapping[str, Any]) -> tuple[object, ...]:
    """The primary key of ``row`` in table ``t``, as a tuple."""
    return tuple(row[c.name] for c in _key_columns(t))


def _where_keys(t: Table, keys: Sequence[tuple[object, ...]]) -> ColumnElement[bool]:
    columns = _key_columns(t)
    if len(columns) == 1:
        return columns[0].in_([k[0] for k in keys])
    return tuple_(*columns).in_(list(keys))


def _children(t: Table) -> list[tuple[Table, list[tuple[str, str]]]]:
    """Tables whose rows are deleted with a row of ``t`` (ON DELETE CASCADE), each with its
    (child column, parent column) pairs."""
    found = []
    for other in Base.metadata.sorted_tables:
        for fk in other.foreign_key_constraints:
            if fk.referred_table is t and (fk.ondelete or "").upper() == "CASCADE":
                pairs = [(e.parent.name, e.column.name) for e in fk.elements]
                found.append((other, pairs))
    return found


def comparable(value: object) -> object:
    """A stored value in the form two reads of it compare equal in (SQLite hands back naive
    datetimes for what was written as aware UTC)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


class Journal:
    """Writes rows through one session and records each one it touched, in order."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self.rows: list[RowChange] = []

    def __bool__(self) -> bool:
        return bool(self.rows)

    # -- writing ------------------------------------------------------------------------------

    def insert(self, t: Table, rows: Sequence[Row]) -> list[tuple[object, ...]]:
        """Insert ``rows`` into ``t``; returns their primary keys (generated ones included)."""
        if not rows:
            return []
        generated = [c for c in _key_columns(t) if c.name not in rows[0]]
        if generated:
            result = self._s.execute(
                insert(t).returning(*_key_columns(t), sort_by_parameter_order=True), list(rows))
            keys = [tuple(r) for r in result]
            stored = [{**row, **dict(zip([c.name for c in _key_columns(t)], key, strict=True))}
                      for row, key in zip(rows, keys, strict=True)]
        else:
            self._s.execute(insert(t), list(rows))
            stored = [dict(row) for row in rows]
            keys = [key_of(t, row) for row in stored]
        self.rows.extend(RowChange(t.name, key, None, row)
                         for key, row in zip(keys, stored, strict=True))
        return keys

    def select(self, t: Table, where: ColumnElement[bool]) -> list[Row]:
        """Every column of the rows of ``t`` matching ``where``."""
        return [dict(r) for r in self._s.execute(select(t).where(where)).mappings()]

    def update(self, t: Table, where: ColumnElement[bool], values: Mapping[str, Any]) -> int:
        """Set ``values`` on the rows of ``t`` matching ``where``; returns how many changed.
        Rows whose values already are ``values`` are left alone and not recorded."""
        rows = self.select(t, where)
        return self.update_rows(t, [(key_of(t, row), dict(values)) for row in rows], rows)

    def update_rows(self, t: Table, changes: Sequence[tuple[tuple[object, ...], Row]],
                    known: Sequence[Row] | None = None) -> int:
        """Set different values on different rows of ``t``, by primary key."""
        if not changes:
            return 0
        before = {key_of(t, r): r for r in known} if known is not None else self._read(
            t, [k for k, _v in changes])
        count = 0
        # Rows that change the same columns go in one executemany, not one UPDATE each.
        batches: dict[tuple[str, ...], list[Row]] = {}
        for key, values in changes:
            old = before.get(key)
            if old is None:
                continue
            moved = {c: v for c, v in values.items() if comparable(old[c]) != comparable(v)}
            if not moved:
                continue
            params = {f"_k{i}": v for i, v in enumerate(key)}
            params.update((f"_v_{c}", v) for c, v in moved.items())
            batches.setdefault(tuple(moved), []).append(params)
            new = {**old, **moved}
            self.rows.append(RowChange(t.name, key, old, new))
            count += 1
        keys = _key_columns(t)
        for columns, batch in batches.items():
            where = and_(*(c == bindparam(f"_k{i}") for i, c in enumerate(keys)))
            statement = update(t).where(where).values({c: bindparam(f"_v_{c}") for c in columns})
            self._s.connection().execute(statement, batch)
        return count

    def delete(self, t: Table, where: ColumnElement[bool]) -> list[Row]:
        """Delete the rows of ``t`` matching ``where``, and first the rows that depend on
        them; returns the deleted rows of ``t``."""
        rows = self.select(t, where)
        if rows:
            self._delete_rows(t, rows)
        return rows

    def _delete_rows(self, t: Table, rows: list[Row]) -> None:
        for child, pairs in _children(t):
            for start in range(0, len(rows), CHUNK):
                part = rows[start:start + CHUNK]
                conditions = [getattr(child.c, c).in_([r[p] for r in part]) for c, p in pairs]
                dependants = self.select(child, and_(*conditions))
                if dependants:
                    self._delete_rows(child, dependants)
        keys = [key_of(t, r) for r in rows]
        for start in range(0, len(keys), CHUNK):
            self._s.execute(delete(t).where(_where_keys(t, keys[start:start + CHUNK])))
        self.rows.extend(RowChange(t.name, key, row, None)
                         for key, row in zip(keys, rows, strict=True))

    def _read(self, t: Table, keys: Sequence[tuple[object, ...]]) -> dict[tuple[object, ...], Row]:
        found: dict[tuple[object, ...], Row] = {}
        for start in range(0, len(keys), CHUNK):
            for row in self.select(t, _where_keys(t, keys[start:start + CHUNK])):
                found[key_of(t, row)] = row
        return found


def revert(journal: Journal, rows: Iterable[RowChange]) -> None:
    """Write the exact inverse of ``rows`` through ``journal``: inserted rows are deleted,
    deleted rows come back as they were, updated columns get their old values — last change
    first. A row that changed since (its columns no longer what ``rows`` left) is refused.

    Raises:
        ConflictError: a row was changed, removed or re-added since; nothing is written
            (the caller's transaction rolls back).
    """
    for change in reversed(list(rows)):
        t = table(change.table)
        current = journal._read(t, [change.key]).get(change.key)
        if change.before is None:  # inserted: delete it again
            assert change.after is not None
            if current is None or not _same(current, change.after):
                raise ConflictError(_changed_since(change))
            journal._delete_rows(t, [current])
        elif change.after is None:  # deleted: put it back
            if current is not None:
                raise ConflictError(_changed_since(change))
            journal.insert(t, [dict(change.before)])
        else:
            moved = {c: v for c, v in change.after.items()
                     if comparable(change.before.get(c)) != comparable(v)}
            if current is None or not _same(current, moved):
                raise ConflictError(_changed_since(change))
            values = {c: change.before[c] for c in moved}
            for column in BOOKKEEPING & values.keys():
                if comparable(current[column]) != comparable(change.after[column]):
                    del values[column]  # moved on since: a later change keeps its stamp
            journal.update_rows(t, [(change.key, values)], [current])


#: Columns that stamp a row rather than say something about it: a later change to another
#: field moves them too, and that is no reason to refuse an undo. (An undo puts a claim's
#: version back with its content: a version always names the same content, so an edit made
#: on it still applies to what its author saw.)
BOOKKEEPING = frozenset({"modified", "version"})


def _same(current: Mapping[str, Any], expected: Mapping[str, Any]) -> bool:
    return all(comparable(current[c]) == comparable(v) for c, v in expected.items()
               if c not in BOOKKEEPING)


def _changed_since(change: RowChange) -> str:
    what = {"claims": "claim", "articles": "article", "entities": "entity", "flags": "flag",
            "tags": "tag"}.get(change.table, "record")
    return f"the {what} was changed since; this change can no longer be taken back"
