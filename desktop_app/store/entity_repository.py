"""Entities with their aliases, external ids and claim links; merged ids stay resolvable."""

from __future__ import annotations

import builtins
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_app.core import sizes
from desktop_app.core.errors import AmbiguousIdError, NotFoundError
from desktop_app.core.matching import match_key
from desktop_app.core.models import Entity
from desktop_app.core.sizes import check_length
from desktop_app.store.journal import Journal
from desktop_app.store.repositories import chunks, resolve_prefix
from desktop_app.store.schema import (
    ClaimEntityRow,
    EntityAliasRow,
    EntityExternalIdRow,
    EntityRow,
)


class EntityRepository:
    """Canonical records of people, organisations, places and events."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    # -- reading ------------------------------------------------------------------------------

    def _entities(self, rows: Sequence[EntityRow]) -> list[Entity]:
        ids = [r.id for r in rows]
        aliases: dict[str, list[str]] = defaultdict(list)
        external: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for chunk in chunks(ids):
            for entity_id, alias in self._s.execute(
                select(EntityAliasRow.entity_id, EntityAliasRow.alias)
                .where(EntityAliasRow.entity_id.in_(chunk))
                .order_by(EntityAliasRow.id)
            ):
                aliases[entity_id].append(alias)
            for entity_id, scheme, value in self._s.execute(
                select(EntityExternalIdRow.entity_id, EntityExternalIdRow.scheme,
                       EntityExternalIdRow.value)
                .where(EntityExternalIdRow.entity_id.in_(chunk))
                .order_by(EntityExternalIdRow.scheme)
            ):
                external[entity_id].append((scheme, value))
        return [
            Entity(id=r.id, name=r.name, type=r.type, aliases=tuple(aliases[r.id]),
                   description=r.description, external_ids=tuple(external[r.id]),
                   merged_into=r.merged_into)
            for r in rows
        ]

    def get(self, entity_id: str, *, follow_merges: bool = True) -> Entity:
        """The entity with this id; a merged id leads to the entity it was merged into."""
        row = self._s.get(EntityRow, entity_id)
        seen = set()
        while row is not None and follow_merges and row.merged_into and row.id not in seen:
            seen.add(row.id)
            row = self._s.get(EntityRow, row.merged_into)
        if row is None:
            raise NotFoundError(f"no entity with id {entity_id!r}")
        return self._entities([row])[0]

    def list(
        self, *, include_merged: bool = False, ids: Iterable[str] | None = None
    ) -> list[Entity]:
        stmt = select(EntityRow).order_by(func.lower(EntityRow.name))
        if not include_merged:
            stmt = stmt.where(EntityRow.merged_into.is_(None))
        if ids is None:
            return self._entities(self._s.scalars(stmt).all())
        rows = [row for chunk in chunks(ids)
                for row in self._s.scalars(stmt.where(EntityRow.id.in_(chunk)))]
        return self._entities(sorted(rows, key=lambda r: r.name.lower()))

    def resolve(self, ref: str) -> str:
        """An entity id from an id prefix, a Wikidata id, or a name or alias. A whole id is
        found by its primary key, before any name is read."""
        ref = ref.strip()
        whole = self._s.get(EntityRow, ref.lower()) if ref else None
        if whole is not None and whole.merged_into is None:
            return str(whole.id)
        by_qid = self._s.scalars(
            select(EntityExternalIdRow.entity_id).where(
                EntityExternalIdRow.scheme == "wikidata", EntityExternalIdRow.value == ref.upper()
            )
        ).all()
        if len(by_qid) == 1:
            return self.get(by_qid[0]).id
        wanted = match_key(" ".join(ref.split()))
        names = self._s.execute(
            select(EntityRow.id, EntityRow.name).where(EntityRow.merged_into.is_(None))
        ).all()
        matches = {i for i, name in names if match_key(name) == wanted}
        if not matches:
            aliases = self._s.execute(
                select(EntityAliasRow.entity_id, EntityAliasRow.alias)
                .join(EntityRow, EntityRow.id == EntityAliasRow.entity_id)
                .where(EntityRow.merged_into.is_(None))
            ).all()
            matches = {i for i, alias in aliases if match_key(alias) == wanted}
        if len(matches) == 1:
            return matches.pop()
        if len(matches) > 1:
            raise AmbiguousIdError(
                f"{ref!r} names {len(matches)} entities; use an id instead "
                f"({', '.join(sorted(m[:8] for m in matches))})"
            )
        try:
            return self.get(resolve_prefix(self._s, EntityRow, ref, "entity")).id
        except NotFoundError:
            raise NotFoundError(f"no entity named or with id {ref!r}") from None

    def find_by_qid(self, qid: str) -> str | None:
        return self._s.scalar(
            select(EntityExternalIdRow.entity_id).where(
                EntityExternalIdRow.scheme == "wikidata", EntityExternalIdRow.value == qid
            )
        )

    def claim_ids(self, entity_id: str) -> builtins.list[str]:
        return list(self._s.scalars(
            select(ClaimEntityRow.claim_id).where(ClaimEntityRow.entity_id == entity_id)
        ))

    def merged_ids(self, entity_id: str) -> builtins.list[str]:
        """Ids merged (directly) into this entity."""
        return list(self._s.scalars(select(EntityRow.id).where(EntityRow.merged_into == entity_id)))

    # -- writing ------------------------------------------------------------------------------

    def add(self, entity: Entity, now: datetime) -> None:
        _check_entity_sizes({"name": entity.name, "description": entity.description})
        self._j.insert(EntityRow.__table__, [{
            "id": entity.id, "name": entity.name, "type": entity.type,
            "description": entity.description, "merged_into": entity.merged_into,
            "created": now, "modified": now,
        }])
        self.set_aliases(entity.id, entity.aliases)
        self.set_external_ids(entity.id, entity.external_ids)

    def update(self, entity_id: str, now: datetime, **fields: object) -> None:
        """Set ``fields`` on the entity, and ``modified`` to ``now``.

        Raises:
            InvalidValueError: a name or description is longer than core.sizes allows.
        """
        _check_entity_sizes(fields)
        self._j.update(EntityRow.__table__, EntityRow.id == entity_id, {"modified": now, **fields})

    def set_aliases(self, entity_id: str, aliases: Iterable[str]) -> None:
        """Give the entity exactly these aliases, in this order after those it keeps."""
        t = EntityAliasRow.__table__
        unique = list(dict.fromkeys(aliases))
        for alias in unique:
            check_length("alias", alias, sizes.NAME)
        current = [r["alias"] for r in sorted(
            self._j.select(t, t.c.entity_id == entity_id), key=lambda r: r["id"])]
        gone = [a for a in current if a not in unique]
        if gone:
            self._j.delete(t, and_(t.c.entity_id == entity_id, t.c.alias.in_(gone)))
        self._j.insert(t, [{"entity_id": entity_id, "alias": a}
                           for a in unique if a not in current])

    def set_external_ids(self, entity_id: str, external_ids: Iterable[tuple[str, str]]) -> None:
        """Give the entity exactly these (scheme, value) ids, one per scheme."""
        t = EntityExternalIdRow.__table__
        wanted = dict(external_ids)
        current = {r["scheme"]: r["value"] for r in self._j.select(t, t.c.entity_id == entity_id)}
        gone = [s for s, v in current.items() if wanted.get(s) != v]
        if gone:
            self._j.delete(t, and_(t.c.entity_id == entity_id, t.c.scheme.in_(gone)))
        self._j.insert(t, [{"entity_id": entity_id, "scheme": s, "value": v}
                           for s, v in wanted.items() if current.get(s) != v])

    def delete(self, entity_id: str) -> None:
        """Remove the entity with its aliases, external ids and claim links."""
        self._j.delete(EntityRow.__table__, EntityRow.id == entity_id)

    def link(self, claim_id: str, entity_id: str) -> bool:
        """Link a claim to an entity; False when it already was."""
        exists = self._s.scalar(select(func.count()).select_from(ClaimEntityRow).where(
            ClaimEntityRow.claim_id == claim_id, ClaimEntityRow.entity_id == entity_id))
        if exists:
            return False
        self._j.insert(ClaimEntityRow.__table__, [{"claim_id": claim_id, "entity_id": entity_id}])
        return True

    def unlink(self, claim_id: str, entity_id: str) -> bool:
        """Remove a claim's link to an entity; False when there was none."""
        return bool(self._j.delete(ClaimEntityRow.__table__, and_(
            ClaimEntityRow.claim_id == claim_id, ClaimEntityRow.entity_id == entity_id)))

    def unlink_all(self, entity_id: str) -> builtins.list[str]:
        """Remove every claim's link to the entity; returns those claims' ids."""
        rows = self._j.delete(ClaimEntityRow.__table__, ClaimEntityRow.entity_id == entity_id)
        return [r["claim_id"] for r in rows]

    def point_merged_ids(self, old: str, new: str) -> None:
        """Keep ids merged into ``old`` resolvable by pointing them at ``new``."""
        self._j.update(EntityRow.__table__, EntityRow.merged_into == old, {"merged_into": new})


def _check_entity_sizes(fields: Mapping[str, object]) -> None:
    """Refuse an entity's name or description longer than a bundle could carry
    (core.sizes.NAME, DESCRIPTION code points)."""
    for what, limit in (("name", sizes.NAME), ("description", sizes.DESCRIPTION)):
        value = fields.get(what)
        if isinstance(value, str):
            check_length(f"entity's {what}", value, limit)
