"""Use cases for canonical entities: registry, merge (and its undo), links to claims."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from desktop_app.core import vocab
from desktop_app.core.candidates import Candidate, find_candidates
from desktop_app.core.entity_files import RowProblem, read_entity_csv, read_entity_json
from desktop_app.core.errors import InvalidValueError, NotFoundError
from desktop_app.core.matching import match_key
from desktop_app.core.mentions import MentionMatcher
from desktop_app.core.models import Changes, Claim, Entity
from desktop_app.core.vocab import Operation
from desktop_app.services.workspace import Workspace
from desktop_app.store import UnitOfWork


@dataclass(frozen=True, slots=True)
class EntityResult:
    """An entity as it stands after a mutation, and what the mutation changed."""

    entity: Entity
    changes: Changes


@dataclass(frozen=True, slots=True)
class EntityClaim:
    """A claim about an entity, with the article it was made in (for an entity's page)."""

    claim: Claim
    article_title: str
    outlet: str | None
    published: str | None


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A known entity named in an article."""

    entity_id: str
    entity_name: str
    start: int
    end: int
    surface: str


@dataclass(frozen=True, slots=True)
class EntitySuggestions:
    """What an article says about entities: known ones it mentions, and new candidates."""

    article_id: str
    mentions: tuple[EntityMention, ...]
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class EntityImportReport:
    """Entities added from a file, and the rows that were not (with line numbers)."""

    added: tuple[str, ...]
    problems: tuple[RowProblem, ...]
    changes: Changes


def _clean_aliases(name: str, aliases: Sequence[str]) -> list[str]:
    """Aliases without blanks, repeats (ignoring case and accents) or the name itself."""
    seen = {match_key(name)}
    kept = []
    for alias in aliases:
        cleaned = vocab.entity_name(alias)
        if match_key(cleaned) not in seen:
            seen.add(match_key(cleaned))
            kept.append(cleaned)
    return kept


class EntityService:
    """The entity registry, merges, links from claims, and mentions in articles."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def add(
        self,
        name: str,
        type: str,
        *,
        aliases: Sequence[str] = (),
        description: str = "",
        wikidata: str | None = None,
        entity_id: str | None = None,
    ) -> EntityResult:
        """Register an entity; the same name and type, or the same Wikidata id, is refused.

        Raises:
            InvalidValueError: a bad name, type or Wikidata id, or a duplicate.
            ProjectError: the project is read-only or refused the change.
        """
        name = vocab.entity_name(name)
        kind = vocab.entity_type(type)
        external = (("wikidata", vocab.wikidata_qid(wikidata)),) if wikidata else ()
        entity = Entity(
            id=entity_id or str(uuid.uuid4()), name=name, type=kind,
            aliases=tuple(_clean_aliases(name, aliases)), description=description.strip(),
            external_ids=external,
        )
        with self._ws.write(Operation.ENTITY_ADD) as uow:
            self._refuse_duplicate(uow, entity)
            uow.entities.add(entity, uow.now())
            stored = uow.entities.get(entity.id)
        return EntityResult(stored, uow.changes)

    @staticmethod
    def _refuse_duplicate(uow: UnitOfWork, entity: Entity, ignore: str | None = None) -> None:
        for scheme, value in entity.external_ids:
            if scheme == "wikidata":
                holder = uow.entities.find_by_qid(value)
                if holder and holder != ignore:
                    owner = uow.entities.get(holder)
                    raise InvalidValueError(
                        f"{value} already belongs to {owner.name!r} ({owner.id[:8]})")
        for other in uow.entities.list():
            if other.id != ignore and other.type == entity.type and (
                    match_key(other.name) == match_key(entity.name)):
                raise InvalidValueError(
                    f"there is already a {entity.type} named {other.name!r} ({other.id[:8]}); "
                    "add this name as an alias, or give the new one a distinct name")

    def edit(
        self,
        ref: str,
        *,
        name: str | None = None,
        type: str | None = None,
        description: str | None = None,
        add_aliases: Sequence[str] = (),
        remove_aliases: Sequence[str] = (),
        wikidata: str | None = None,
    ) -> EntityResult:
        """Change an entity's name, type, description, aliases or Wikidata id; the old name
        stays as an alias.

        Raises:
            InvalidValueError: a bad value, or the change makes a duplicate.
            NotFoundError / AmbiguousIdError: the entity is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.ENTITY_EDIT) as uow:
            before = uow.entities.get(uow.entities.resolve(ref))
            new_name = vocab.entity_name(name) if name is not None else before.name
            removing = {match_key(a) for a in remove_aliases}
            aliases = [a for a in before.aliases if match_key(a) not in removing]
            if name is not None and match_key(new_name) != match_key(before.name):
                aliases.append(before.name)  # the old name still finds the entity
            aliases = _clean_aliases(new_name, [*aliases, *add_aliases])
            external = dict(before.external_ids)
            if wikidata is not None:
                if wikidata.strip():
                    external["wikidata"] = vocab.wikidata_qid(wikidata)
                else:
                    external.pop("wikidata", None)
            after = Entity(
                id=before.id, name=new_name,
                type=vocab.entity_type(type) if type is not None else before.type,
                aliases=tuple(aliases),
                description=description.strip() if description is not None else before.description,
                external_ids=tuple(sorted(external.items())),
            )
            self._refuse_duplicate(uow, after, ignore=before.id)
            if after != replace(before, external_ids=tuple(sorted(before.external_ids))):
                uow.entities.set_aliases(before.id, after.aliases)
                uow.entities.set_external_ids(before.id, after.external_ids)
                uow.entities.update(before.id, uow.now(), name=after.name, type=after.type,
                                    description=after.description)
            stored = uow.entities.get(before.id)
        return EntityResult(stored, uow.changes)

    def delete(self, ref: str, *, unlink: bool = False) -> EntityResult:
        """Remove an entity; refused while claims link to it unless ``unlink`` is asked.

        Raises:
            InvalidValueError: claims link to it (and ``unlink`` is false), or other
                entities were merged into it.
            NotFoundError / AmbiguousIdError: the entity is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.ENTITY_DELETE) as uow:
            entity = uow.entities.get(uow.entities.resolve(ref))
            claims = uow.entities.claim_ids(entity.id)
            if claims and not unlink:
                raise InvalidValueError(
                    f"{entity.name!r} is linked to {len(claims)} claim"
                    f"{'s' if len(claims) != 1 else ''}; unlink them first (--unlink)")
            if uow.entities.merged_ids(entity.id):
                raise InvalidValueError(
                    f"other entities were merged into {entity.name!r}; it cannot be deleted")
            uow.entities.delete(entity.id)
        return EntityResult(entity, uow.changes)

    def list(self, query: str | None = None) -> list[Entity]:
        """Every entity not merged away; with ``query``, those whose name or an alias
        contains it (ignoring case and accents)."""
        with self._ws.read() as uow:
            found = uow.entities.list()
        if not query:
            return found
        wanted = match_key(" ".join(query.split()))
        return [e for e in found if any(wanted in match_key(n) for n in (e.name, *e.aliases))]

    def get(self, ref: str) -> Entity:
        """The entity named ``ref`` (id prefix, Wikidata id, name or alias); merged ids
        resolve to the entity they were merged into.

        Raises:
            NotFoundError / AmbiguousIdError: no entity, or more than one, goes by ``ref``.
        """
        with self._ws.read() as uow:
            return uow.entities.get(uow.entities.resolve(ref))

    def merge(self, source_ref: str, target_ref: str) -> EntityResult:
        """Merge ``source`` into ``target``: aliases, links and external ids move, the source's
        name becomes an alias, and the source id stays resolvable to the target.

        Raises:
            InvalidValueError: both name the same entity.
            NotFoundError / AmbiguousIdError: an entity is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.ENTITY_MERGE) as uow:
            source = uow.entities.get(uow.entities.resolve(source_ref))
            target = uow.entities.get(uow.entities.resolve(target_ref))
            if source.id == target.id:
                raise InvalidValueError(f"{source.name!r} and {target_ref!r} are the same entity")
            added = _clean_aliases(target.name, [*target.aliases, source.name, *source.aliases])
            added = [a for a in added if a not in target.aliases]
            uow.entities.set_aliases(target.id, [*target.aliases, *added])
            target_schemes = dict(target.external_ids)
            moved_external = {s: v for s, v in source.external_ids if s not in target_schemes}
            uow.entities.set_external_ids(
                source.id, [(s, v) for s, v in source.external_ids if s not in moved_external])
            uow.entities.set_external_ids(target.id, [*target.external_ids,
                                                      *moved_external.items()])
            linked = uow.entities.claim_ids(source.id)
            already = set(uow.entities.claim_ids(target.id))
            uow.entities.unlink_all(source.id)
            for claim_id in linked:
                uow.entities.link(claim_id, target.id)
            repointed = uow.entities.merged_ids(source.id)
            uow.entities.point_merged_ids(source.id, target.id)
            uow.entities.update(source.id, uow.now(), merged_into=target.id)
            uow.entities.update(target.id, uow.now())
            # What the command line's "entity unmerge" reads back from the audit log.
            uow.context["merge"] = {
                "into": target.id, "added_aliases": added, "moved_external_ids": moved_external,
                "moved_links": linked, "already_linked": sorted(already & set(linked)),
                "repointed": repointed,
            }
            merged = uow.entities.get(target.id)
        return EntityResult(merged, uow.changes)

    def unmerge(self, source_ref: str) -> EntityResult:
        """Reverse the last merge of ``source`` as the audit log recorded it: it comes back
        with its links and ids (for a merge made in another session, where the app's undo
        does not reach).

        Raises:
            InvalidValueError: that entity was not merged.
            NotFoundError: no merged entity has that id.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.ENTITY_UNMERGE) as uow:
            source_id = self._merged_source(uow, source_ref)
            merges = [e for e in uow.audit.list(target_kind="entity", target_id=source_id)
                      if e.action == Operation.ENTITY_MERGE and "merge" in e.detail]
            if not merges:
                raise InvalidValueError("that entity was not merged")
            detail = merges[-1].detail["merge"]
            target = uow.entities.get(detail["into"], follow_merges=False)
            uow.entities.set_aliases(
                target.id, [a for a in target.aliases if a not in detail["added_aliases"]])
            moved = detail["moved_external_ids"]
            uow.entities.set_external_ids(
                target.id, [(s, v) for s, v in target.external_ids if moved.get(s) != v])
            source = uow.entities.get(source_id, follow_merges=False)
            uow.entities.set_external_ids(source_id, [*source.external_ids, *moved.items()])
            for claim_id in detail["moved_links"]:
                if claim_id not in detail["already_linked"]:
                    uow.entities.unlink(claim_id, target.id)
                uow.entities.link(claim_id, source_id)
            for other in detail["repointed"]:
                uow.entities.update(other, uow.now(), merged_into=source_id)
            uow.entities.update(source_id, uow.now(), merged_into=None)
            restored = uow.entities.get(source_id)
        return EntityResult(restored, uow.changes)

    @staticmethod
    def _merged_source(uow: UnitOfWork, ref: str) -> str:
        """The id of a merged-away entity, from its id or id prefix."""
        for entity in uow.entities.list(include_merged=True):
            if entity.merged_into and entity.id.startswith(ref.strip().lower()):
                return entity.id
        raise NotFoundError(f"no merged entity with id {ref!r}")

    def link(self, claim_ref: str, entity_ref: str) -> Changes:
        """Link a claim to an entity (linking twice changes nothing).

        Raises:
            NotFoundError / AmbiguousIdError: the claim or entity is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.CLAIM_LINK) as uow:
            claim_id = uow.claims.resolve(claim_ref)
            entity = uow.entities.get(uow.entities.resolve(entity_ref))
            uow.entities.link(claim_id, entity.id)
        return uow.changes

    def unlink(self, claim_ref: str, entity_ref: str) -> Changes:
        """Remove a claim's link to an entity (a link that is not there changes nothing).

        Raises:
            NotFoundError / AmbiguousIdError: the claim or entity is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.CLAIM_UNLINK) as uow:
            claim_id = uow.claims.resolve(claim_ref)
            entity = uow.entities.get(uow.entities.resolve(entity_ref))
            uow.entities.unlink(claim_id, entity.id)
        return uow.changes

    def claims_about(self, ref: str) -> builtins.list[EntityClaim]:
        """Every claim about an entity, across all sources, oldest article first.

        Raises:
            NotFoundError / AmbiguousIdError: the entity is not known.
        """
        with self._ws.read() as uow:
            entity = uow.entities.get(uow.entities.resolve(ref))
            claims = uow.claims.list(entity_id=entity.id)
            articles = {c.article_id: uow.articles.get(c.article_id) for c in claims}
        rows = [
            EntityClaim(c, articles[c.article_id].title, articles[c.article_id].publisher,
                        published.isoformat()
                        if (published := articles[c.article_id].published) else None)
            for c in claims
        ]
        return sorted(rows, key=lambda r: (r.published or "9999", r.claim.created))

    def import_file(self, path: Path) -> EntityImportReport:
        """Register the entities listed in a CSV or Wikidata-style JSON file, in one
        transaction. Malformed rows and names already registered are reported, by line; the
        good rows still import.

        Raises:
            InvalidValueError: the file cannot be read or is not .csv / .json.
            ProjectError: the project is read-only or refused the change.
        """
        self._ws.writable()
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InvalidValueError(f"{path} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidValueError(f"cannot read {path.name}: {exc}") from None
        if path.suffix.lower() == ".csv":
            records, problems = read_entity_csv(text)
        elif path.suffix.lower() in (".json", ".jsonl"):
            records, problems = read_entity_json(text)
        else:
            raise InvalidValueError(f"{path.name}: entity lists are .csv or .json files")
        added: list[str] = []
        skipped: list[RowProblem] = []
        with self._ws.write(Operation.ENTITY_IMPORT, file=path.name) as uow:
            for record in records:
                entity = Entity(
                    id=str(uuid.uuid4()), name=record.name, type=record.type,
                    aliases=tuple(_clean_aliases(record.name, record.aliases)),
                    description=record.description,
                    external_ids=(("wikidata", record.wikidata),) if record.wikidata else (),
                )
                try:
                    self._refuse_duplicate(uow, entity)
                except InvalidValueError as exc:
                    skipped.append(RowProblem(record.line, str(exc)))
                    continue
                uow.entities.add(entity, uow.now())
                added.append(entity.id)
        problems = sorted([*problems, *skipped], key=lambda p: p.line)
        return EntityImportReport(tuple(added), tuple(problems), uow.changes)

    def _matcher(self, uow: UnitOfWork) -> MentionMatcher:
        return MentionMatcher.from_entities(uow.entities.list())

    def suggest(self, article_ref: str) -> EntitySuggestions:
        """Mentions of known entities in one article, and names in it that look like new
        entities (with how often, and in how many articles, they occur).

        Raises:
            NotFoundError / AmbiguousIdError: the article is not known.
        """
        with self._ws.read() as uow:
            article = uow.articles.get(uow.articles.resolve(article_ref))
            matcher = self._matcher(uow)
            entities = {e.id: e for e in uow.entities.list()}
            texts = {a.id: uow.articles.get(a.id).text for a in uow.articles.summaries()}
        mentions = tuple(
            EntityMention(m.entity_id, entities[m.entity_id].name, m.start, m.end, m.surface)
            for m in matcher.find(article.text))
        candidates = tuple(c for c in find_candidates(texts, matcher, limit=500)
                           if article.id in c.article_ids)
        return EntitySuggestions(article.id, mentions, candidates)

    def claim_counts(self) -> dict[str, int]:
        """How many claims link to each entity (entity id -> count; entities without claims
        are left out): the registry's "claims" column."""
        with self._ws.read() as uow:
            claims = uow.claims.list()
        counts: dict[str, int] = {}
        for claim in claims:
            for entity_id in claim.entity_ids:
                counts[entity_id] = counts.get(entity_id, 0) + 1
        return counts

    def mentions(self, article_ref: str) -> builtins.list[EntityMention]:
        """Mentions of known entities in one article, in text order (code-point offsets):
        what the reader underlines. Cheaper than :meth:`suggest`, which also looks for new
        candidates across every article.

        Raises:
            NotFoundError / AmbiguousIdError: the article is not known.
        """
        with self._ws.read() as uow:
            article = uow.articles.get(uow.articles.resolve(article_ref))
            entities = {e.id: e for e in uow.entities.list()}
        if not entities:
            return []
        matcher = MentionMatcher.from_entities(list(entities.values()))
        return [EntityMention(m.entity_id, entities[m.entity_id].name, m.start, m.end, m.surface)
                for m in matcher.find(article.text)]

    def suggest_links(self, claim_ref: str) -> builtins.list[Entity]:
        """Entities mentioned inside a claim's span that it is not linked to yet.

        Raises:
            NotFoundError / AmbiguousIdError: the claim is not known.
        """
        with self._ws.read() as uow:
            claim = uow.claims.get(uow.claims.resolve(claim_ref))
            article = uow.articles.get(claim.article_id)
            matcher = self._matcher(uow)
            entities = {e.id: e for e in uow.entities.list()}
        ids = dict.fromkeys(m.entity_id for m in matcher.find(article.text)
                            if claim.start <= m.start and m.end <= claim.end)
        return [entities[i] for i in ids if i not in claim.entity_ids]
