"""Repositories: the only code that touches ORM rows. They return ``core`` dataclasses.

A :class:`UnitOfWork` holds one session (one transaction); services use its repositories
inside ``with store.transaction() as uow:`` and never see the session itself.
"""

from __future__ import annotations

import builtins
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, Table, and_, func, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.core import sizes
from desktop_app.core.errors import AmbiguousIdError, InvalidValueError, NotFoundError
from desktop_app.core.models import (
    Article,
    ArticleSummary,
    AuditEvent,
    Claim,
    ClaimConflict,
    TagCount,
)
from desktop_app.core.sizes import check_length
from desktop_app.core.versions import content, stamp_of
from desktop_app.store.journal import Journal, comparable
from desktop_app.store.schema import (
    ArticleRow,
    AuditEventRow,
    Base,
    ClaimConflictRow,
    ClaimEntityRow,
    ClaimRow,
    ClaimTagRow,
    EntityRow,
    Meta,
    TagRow,
)
from desktop_app.store.shared_repositories import targets_since

#: How many ids one query binds at most (far below any database's limit on parameters).
CHUNK = 500


def chunks(values: Iterable[str]) -> Iterator[list[str]]:
    """``values`` in slices small enough to bind in one query."""
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _set_links(journal: Journal, t: Table, owner: str, owner_id: str, column: str,
               values: Sequence[object]) -> None:
    """Make the rows of link table ``t`` for ``owner_id`` hold exactly ``values`` in
    ``column``: only the links that go or come are written."""
    wanted = list(dict.fromkeys(values))
    current = {r[column] for r in journal.select(t, t.c[owner] == owner_id)}
    gone = [v for v in current if v not in wanted]
    if gone:
        journal.delete(t, and_(t.c[owner] == owner_id, t.c[column].in_(gone)))
    journal.insert(t, [{owner: owner_id, column: v} for v in wanted if v not in current])


#: Above every character: ``id < prefix + _TOP`` bounds the ids that start with ``prefix``.
_TOP = "\U0010ffff"


def resolve_prefix(session: Session, row: type[Base], prefix: str, what: str) -> str:
    """The one id of ``row`` that starts with ``prefix`` (ids may be abbreviated).

    A whole id is found by its primary key; a prefix by a range of the primary key's index
    (``prefix <= id < prefix + U+10FFFF``), never by ``LIKE``, which SQLite cannot answer from
    the index (it folds case) and so answers by reading the whole table.
    """
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFoundError(f"no {what} id given")
    column = row.id  # type: ignore[attr-defined]  # callers pass tables with an id column
    whole = session.scalar(select(column).where(column == prefix))
    if whole is not None:
        return str(whole)
    ids = session.scalars(
        select(column).where(column >= prefix, column < prefix + _TOP).order_by(column).limit(6)
    ).all()
    if not ids:
        raise NotFoundError(f"no {what} with id {prefix!r}")
    if len(ids) > 1:
        shown = ", ".join(i[:12] for i in ids[:5])
        many = str(len(ids)) if len(ids) < 6 else "more than 5"
        raise AmbiguousIdError(
            f"{what} id {prefix!r} is ambiguous: it starts {many} ids ({shown}); "
            "give more characters"
        )
    return ids[0]


class ArticleRepository:
    """Articles: added once per distinct text, read back whole or as summaries."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    @staticmethod
    def _article(row: ArticleRow) -> Article:
        return Article(
            id=row.id, title=row.title, text=row.text, content_hash=row.content_hash,
            original_hash=row.original_hash, original_name=row.original_name,
            format=row.format, publisher=row.publisher, author=row.author, url=row.url,
            published=row.published, retrieved=_aware(row.retrieved), language=row.language,
        )

    def add(self, article: Article) -> None:
        self.add_many([article])

    def add_many(self, articles: Sequence[Article]) -> None:
        if not articles:
            return
        for article in articles:
            check_length("article's text", article.text, sizes.ARTICLE_TEXT)
            for what, value in (("title", article.title), ("author", article.author),
                                ("outlet", article.publisher), ("URL", article.url),
                                ("file name", article.original_name)):
                check_length(what, value, sizes.SHORT_TEXT)
        self._j.insert(
            ArticleRow.__table__,
            [{
                "id": article.id, "title": article.title, "text": article.text,
                "content_hash": article.content_hash, "original_hash": article.original_hash,
                "original_name": article.original_name, "format": article.format,
                "publisher": article.publisher, "author": article.author, "url": article.url,
                "published": article.published, "retrieved": article.retrieved,
                "language": article.language,
            } for article in articles],
        )

    def list(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Whole articles (all, or those with the given ids), oldest import first."""
        stmt = select(ArticleRow).order_by(ArticleRow.retrieved, ArticleRow.id)
        if ids is None:
            return [self._article(r) for r in self._s.scalars(stmt)]
        return [self._article(r) for chunk in chunks(ids)
                for r in self._s.scalars(stmt.where(ArticleRow.id.in_(chunk)))]

    def keys(self) -> dict[str, str]:
        """Every article's content hash by id (what a merge needs to recognise articles)."""
        return {i: h for i, h in self._s.execute(select(ArticleRow.id, ArticleRow.content_hash))}

    def get(self, article_id: str) -> Article:
        row = self._s.get(ArticleRow, article_id)
        if row is None:
            raise NotFoundError(f"no article with id {article_id!r}")
        return self._article(row)

    def original_hashes(self) -> set[str]:
        """The digests of every original file an article refers to."""
        return set(self._s.scalars(
            select(ArticleRow.original_hash).where(ArticleRow.original_hash.is_not(None))))

    def id_for_hash(self, content_hash: str) -> str | None:
        return self._s.scalar(select(ArticleRow.id).where(ArticleRow.content_hash == content_hash))

    def resolve(self, prefix: str) -> str:
        return resolve_prefix(self._s, ArticleRow, prefix, "article")

    def summaries(self) -> builtins.list[ArticleSummary]:
        counts = (
            select(ClaimRow.article_id, func.count().label("n"))
            .group_by(ClaimRow.article_id)
            .subquery()
        )
        stmt = (
            select(
                ArticleRow.id, ArticleRow.title, ArticleRow.publisher, ArticleRow.author,
                ArticleRow.published, ArticleRow.retrieved, ArticleRow.original_name,
                ArticleRow.format, ArticleRow.url, ArticleRow.language,
                func.coalesce(counts.c.n, 0),
            )
            .outerjoin(counts, counts.c.article_id == ArticleRow.id)
            .order_by(ArticleRow.retrieved, ArticleRow.title)
        )
        return [
            ArticleSummary(
                id=r[0], title=r[1], publisher=r[2], author=r[3], published=r[4],
                retrieved=_aware(r[5]), original_name=r[6], format=r[7], url=r[8],
                language=r[9], claim_count=r[10],
            )
            for r in self._s.execute(stmt)
        ]


def _check_claim(exact: str | None, note: str | None, author: str | None) -> None:
    """The sizes a bundle carries (core.sizes), checked where claims are written."""
    check_length("quote", exact, sizes.QUOTE)
    check_length("note", note, sizes.NOTE)
    check_length("author", author, sizes.SHORT_TEXT)


class ClaimRepository:
    """Claims with their tags and entity links."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    def add(self, claim: Claim, tag_ids: Sequence[int] = ()) -> None:
        self.add_many([(claim, tag_ids, ())])

    def add_many(self, claims: Sequence[tuple[Claim, Sequence[int], Sequence[str]]]) -> None:
        """Insert claims in bulk, each with its tag ids and version history.

        Raises:
            InvalidValueError: a quote, note or author longer than a bundle carries.
        """
        if not claims:
            return
        for claim, _tags, _history in claims:
            _check_claim(claim.exact, claim.note, claim.author)
        self._refuse_other_kinds_ids([claim.id for claim, _tags, _history in claims])
        self._j.insert(
            ClaimRow.__table__,
            [{
                "id": claim.id, "article_id": claim.article_id, "start_offset": claim.start,
                "end_offset": claim.end, "exact": claim.exact, "prefix": claim.prefix,
                "suffix": claim.suffix, "verdict": claim.verdict, "status": claim.status,
                "note": claim.note, "author": claim.author, "anchor_state": claim.anchor_state,
                "created": claim.created, "modified": claim.modified,
                # A claim is born with its first version recorded, so that a colleague's
                # later edit of it is recognised as an edit of the same version.
                "history": json.dumps(list(history) or [stamp_of(claim)]),
                "base": json.dumps(content(claim), ensure_ascii=False),
            } for claim, _tags, history in claims],
        )
        tag_rows = [{"claim_id": claim.id, "tag_id": t}
                    for claim, tag_ids, _h in claims for t in dict.fromkeys(tag_ids)]
        self._j.insert(ClaimTagRow.__table__, tag_rows)
        entity_rows = [{"claim_id": claim.id, "entity_id": e}
                       for claim, _t, _h in claims for e in dict.fromkeys(claim.entity_ids)]
        self._j.insert(ClaimEntityRow.__table__, entity_rows)

    def set_entity_ids(self, claim_id: str, entity_ids: Sequence[str]) -> None:
        """Link the claim to exactly these entities."""
        _set_links(self._j, ClaimEntityRow.__table__, "claim_id", claim_id, "entity_id",
                   entity_ids)

    def ids(self) -> set[str]:
        return set(self._s.scalars(select(ClaimRow.id)))

    def histories(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, ...]]:
        """The version stamps each claim went through (all claims, or those given)."""
        stmt = select(ClaimRow.id, ClaimRow.history)
        if ids is None:
            rows = list(self._s.execute(stmt))
        else:
            rows = [row for chunk in chunks(ids)
                    for row in self._s.execute(stmt.where(ClaimRow.id.in_(chunk)))]
        return {claim_id: tuple(json.loads(history)) for claim_id, history in rows}

    def bases(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """Each claim's content when its history was last recorded (where there is one)."""
        found: dict[str, dict[str, Any]] = {}
        for chunk in chunks(ids):
            for claim_id, base in self._s.execute(
                    select(ClaimRow.id, ClaimRow.base)
                    .where(ClaimRow.id.in_(chunk), ClaimRow.base.is_not(None))):
                found[claim_id] = json.loads(base)  # type: ignore[arg-type]  # base IS NOT NULL
        return found

    def set_histories(self, versions: Mapping[str, tuple[Sequence[str], dict[str, Any]]]) -> None:
        """Record each claim's version stamps together with the content they end on."""
        self._j.update_rows(
            ClaimRow.__table__,
            [((claim_id,), {"history": json.dumps(list(stamps)),
                            "base": json.dumps(base, ensure_ascii=False)})
             for claim_id, (stamps, base) in versions.items()],
        )

    # -- conflicts: another project's version kept beside ours ------------------------------

    def add_conflict(self, conflict: ClaimConflict) -> None:
        self._j.insert(ClaimConflictRow.__table__, [{
            "claim_id": conflict.claim_id, "version": conflict.version,
            "incoming": json.dumps(conflict.incoming, ensure_ascii=False, sort_keys=True),
            "bundle": conflict.bundle, "from_author": conflict.from_author,
            "created": conflict.created,
        }])

    def conflict_versions(self) -> set[tuple[str, str]]:
        return {(claim_id, version) for claim_id, version in self._s.execute(
            select(ClaimConflictRow.claim_id, ClaimConflictRow.version))}

    def conflicts(self, claim_id: str | None = None) -> list[ClaimConflict]:
        stmt = select(ClaimConflictRow).order_by(ClaimConflictRow.id)
        if claim_id is not None:
            stmt = stmt.where(ClaimConflictRow.claim_id == claim_id)
        return [
            ClaimConflict(claim_id=r.claim_id, version=r.version,
                          incoming=json.loads(r.incoming), bundle=r.bundle,
                          from_author=r.from_author, created=_aware(r.created))
            for r in self._s.scalars(stmt)
        ]

    def drop_conflicts(self, claim_id: str) -> None:
        self._j.delete(ClaimConflictRow.__table__, ClaimConflictRow.claim_id == claim_id)

    def set_tag_ids(self, claim_id: str, tag_ids: Sequence[int]) -> None:
        """Give the claim exactly these tags."""
        _set_links(self._j, ClaimTagRow.__table__, "claim_id", claim_id, "tag_id", tag_ids)

    def _refuse_other_kinds_ids(self, ids: Sequence[str]) -> None:
        """Ids are unique across record types: a claim cannot take an article's or an
        entity's id (from a bundle, or a W3C annotation ``urn:uuid:<article id>``).

        Raises:
            InvalidValueError: one of ``ids`` already names an article or an entity.
        """
        for start in range(0, len(ids), CHUNK):
            chunk = list(ids[start:start + CHUNK])
            for row, kind in ((ArticleRow, "an article"), (EntityRow, "an entity")):
                clash = self._s.scalars(select(row.id).where(row.id.in_(chunk))).first()
                if clash is not None:
                    raise InvalidValueError(
                        f"the claim id {clash} is already {kind}'s id in this project: "
                        "nothing was changed")

    def update(self, claim_id: str, *, edited: bool = False, **fields: Any) -> None:
        """Set ``fields`` on the claim; when anything but its stamps changes (or ``edited``
        says its links did), its version grows by one (an edit made on the older version
        becomes a conflict)."""
        _check_claim(fields.get("exact"), fields.get("note"), None)
        t = ClaimRow.__table__
        rows = self._j.select(t, ClaimRow.id == claim_id)
        if not rows:
            return
        row = rows[0]
        moved = [c for c, v in fields.items() if c not in {"modified", "history", "base"}
                 and comparable(row[c]) != comparable(v)]
        values = {**fields, "version": row["version"] + 1} if moved or edited else dict(fields)
        self._j.update_rows(t, [((claim_id,), values)], rows)

    def delete(self, claim_id: str) -> None:
        """Remove the claim with its tags, entity links, conflicts and the flags on it."""
        self._j.delete(ClaimRow.__table__, ClaimRow.id == claim_id)

    def resolve(self, prefix: str) -> str:
        return resolve_prefix(self._s, ClaimRow, prefix, "claim")

    def get(self, claim_id: str) -> Claim:
        claims = self.list(ids=[claim_id])
        if not claims:
            raise NotFoundError(f"no claim with id {claim_id!r}")
        return claims[0]

    def list(
        self,
        *,
        ids: Iterable[str] | None = None,
        article_id: str | None = None,
        tag: str | None = None,
        verdict: str | None = None,
        status: str | None = None,
        entity_id: str | None = None,
        author: str | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given, in article order then position."""
        if ids is not None:
            wanted = list(ids)
            if len(wanted) > CHUNK:
                found = [c for chunk in chunks(wanted)
                         for c in self.list(ids=chunk, tag=tag,
                                            article_id=article_id, verdict=verdict,
                                            status=status, entity_id=entity_id,
                                            author=author)]
                return sorted(found, key=lambda c: (c.article_id, c.start, c.created))
        # plain columns, not ORM objects: listing an article's 2,000 claims is read-only and
        # building mapped instances was most of its time (bench/ui_bench.py)
        stmt = select(ClaimRow.id, ClaimRow.article_id, ClaimRow.start_offset,
                      ClaimRow.end_offset, ClaimRow.exact, ClaimRow.prefix, ClaimRow.suffix,
                      ClaimRow.verdict, ClaimRow.status, ClaimRow.note, ClaimRow.author,
                      ClaimRow.created, ClaimRow.modified, ClaimRow.anchor_state,
                      ClaimRow.version)
        if ids is not None:
            stmt = stmt.where(ClaimRow.id.in_(wanted))
        if article_id is not None:
            stmt = stmt.where(ClaimRow.article_id == article_id)
        if verdict is not None:
            stmt = stmt.where(ClaimRow.verdict == verdict)
        if status is not None:
            stmt = stmt.where(ClaimRow.status == status)
        if author is not None:
            stmt = stmt.where(ClaimRow.author == author)
        if tag is not None:
            stmt = stmt.where(
                ClaimRow.id.in_(
                    select(ClaimTagRow.claim_id)
                    .join(TagRow, TagRow.id == ClaimTagRow.tag_id)
                    .where(func.lower(TagRow.name) == tag.lower())
                )
            )
        if entity_id is not None:
            stmt = stmt.where(
                ClaimRow.id.in_(
                    select(ClaimEntityRow.claim_id).where(ClaimEntityRow.entity_id == entity_id)
                )
            )
        id_query = stmt.with_only_columns(ClaimRow.id)
        stmt = stmt.order_by(ClaimRow.article_id, ClaimRow.start_offset, ClaimRow.created)
        rows = self._s.execute(stmt).all()
        return self._with_links(rows, id_query if ids is None else None)

    def _with_links(self, rows: Sequence[Any], id_query: Select[Any] | None = None
                    ) -> builtins.list[Claim]:
        """Claims from their column rows, with tags and entity links read in one query each
        over ``id_query`` (the ids the rows were selected by), else by chunks of ids."""
        ids = [r.id for r in rows]
        tags: dict[str, list[str]] = defaultdict(list)
        entities: dict[str, list[str]] = defaultdict(list)
        for chunk in ([id_query] if id_query is not None and rows else chunks(ids)):
            for claim_id, name in self._s.execute(
                select(ClaimTagRow.claim_id, TagRow.name)
                .join(TagRow, TagRow.id == ClaimTagRow.tag_id)
                .where(ClaimTagRow.claim_id.in_(chunk))
                .order_by(TagRow.name)
            ):
                tags[claim_id].append(name)
            for claim_id, entity_id in self._s.execute(
                select(ClaimEntityRow.claim_id, ClaimEntityRow.entity_id)
                .where(ClaimEntityRow.claim_id.in_(chunk))
                .order_by(ClaimEntityRow.entity_id)
            ):
                entities[claim_id].append(entity_id)
        return [
            Claim(
                id=r.id, article_id=r.article_id, start=r.start_offset, end=r.end_offset,
                exact=r.exact, prefix=r.prefix, suffix=r.suffix, verdict=r.verdict,
                status=r.status, note=r.note, author=r.author, created=_aware(r.created),
                modified=_aware(r.modified), tags=tuple(tags[r.id]),
                entity_ids=tuple(entities[r.id]), anchor_state=r.anchor_state,
                version=r.version,
            )
            for r in rows
        ]


class TagRepository:
    """Tags are shared names; a claim carries any number of them."""

    def __init__(self, session: Session, journal: Journal) -> None:
        self._s = session
        self._j = journal

    def find(self, name: str) -> tuple[int, str] | None:
        """The tag whose name equals ``name`` ignoring case, as (id, stored name)."""
        row = self._s.execute(
            select(TagRow.id, TagRow.name).where(func.lower(TagRow.name) == name.lower())
        ).first()
        return (row[0], row[1]) if row else None

    def ensure(self, name: str) -> int:
        check_length("tag", name, sizes.TAG)
        found = self.find(name)
        if found:
            return found[0]
        return int(str(self._j.insert(TagRow.__table__, [{"name": name}])[0][0]))

    def ensure_many(self, names: Iterable[str]) -> dict[str, int]:
        """Tag ids by lower-cased name, creating the tags that do not exist yet."""
        known = {name.lower(): tag_id
                 for tag_id, name in self._s.execute(select(TagRow.id, TagRow.name))}
        for name in names:
            if name.lower() not in known:
                check_length("tag", name, sizes.TAG)
                known[name.lower()] = int(str(
                    self._j.insert(TagRow.__table__, [{"name": name}])[0][0]))
        return known

    def counts(self) -> list[TagCount]:
        stmt = (
            select(TagRow.name, func.count(ClaimTagRow.claim_id))
            .outerjoin(ClaimTagRow, ClaimTagRow.tag_id == TagRow.id)
            .group_by(TagRow.id, TagRow.name)
            .order_by(func.lower(TagRow.name))
        )
        return [TagCount(name, n) for name, n in self._s.execute(stmt)]

    def claim_ids(self, tag_id: int) -> list[str]:
        return list(
            self._s.scalars(select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id == tag_id))
        )

    def rename(self, tag_id: int, new_name: str) -> None:
        self._j.update(TagRow.__table__, TagRow.id == tag_id, {"name": new_name})

    def merge(self, source_id: int, target_id: int) -> None:
        """Move every claim of ``source_id`` to ``target_id`` and drop the source tag."""
        already = select(ClaimTagRow.claim_id).where(ClaimTagRow.tag_id == target_id)
        moving = self._j.delete(ClaimTagRow.__table__, and_(
            ClaimTagRow.tag_id == source_id, ClaimTagRow.claim_id.not_in(already)))
        self._j.insert(ClaimTagRow.__table__,
                       [{"claim_id": r["claim_id"], "tag_id": target_id} for r in moving])
        self._j.delete(TagRow.__table__, TagRow.id == source_id)


class AuditRepository:
    """The append-only log of who changed what."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def record_many(
        self, actor: str, events: Sequence[tuple[str, str, str, dict[str, Any]]], at: datetime,
        generation: int | None = None,
    ) -> None:
        """Several events by one actor at one moment, in one bulk insert, marked with the
        data generation they were committed as. Only the unit of work calls this, with the
        events its journal yields. (On a shared project the server writes its own user as
        the actor, whatever is passed here.)"""
        if not events:
            return
        self._s.execute(
            insert(AuditEventRow),
            [{
                "at": at, "actor": actor, "action": action, "target_kind": target_kind,
                "target_id": target_id, "generation": generation,
                "detail": json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
            } for action, target_kind, target_id, detail in events],
        )

    def list(
        self, *, target_kind: str | None = None, target_id: str | None = None
    ) -> list[AuditEvent]:
        stmt = select(AuditEventRow).order_by(AuditEventRow.id)
        if target_kind is not None:
            stmt = stmt.where(AuditEventRow.target_kind == target_kind)
        if target_id is not None:
            stmt = stmt.where(AuditEventRow.target_id == target_id)
        return [
            AuditEvent(
                id=r.id, at=_aware(r.at), actor=r.actor, action=r.action,
                target_kind=r.target_kind, target_id=r.target_id, detail=json.loads(r.detail),
            )
            for r in self._s.scalars(stmt)
        ]

    def targets_since(self, since: int, upto: int) -> dict[str, set[str]]:
        """The records (kind -> ids) changed in generations ``since`` < g <= ``upto``."""
        return targets_since(self._s, since, upto)


class MetaRepository:
    """Project facts; chiefly the data generation, bumped by every committed change."""

    GENERATION = "generation"

    def __init__(self, session: Session) -> None:
        self._s = session

    def generation(self) -> int:
        value = self._s.scalar(select(Meta.value).where(Meta.key == self.GENERATION))
        return int(value) if value is not None else 0

    def bump_generation(self) -> int:
        new = self.generation() + 1
        updated = self._s.execute(
            update(Meta).where(Meta.key == self.GENERATION).values(value=str(new))
        )
        if updated.rowcount == 0:  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult
            self._s.execute(insert(Meta).values(key=self.GENERATION, value=str(new)))
        return new
