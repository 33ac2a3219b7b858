"""Use cases for bundles: export a project (or some articles) and merge a colleague's bundle.

Merging is by id and never silently drops work: articles are recognised by id or text,
entities by id (following merges), Wikidata id, then name and type; a claim edited on both
sides since the two projects parted keeps both versions, marked as a conflict for a person to
settle. Everything a bundle could be refused for is checked before anything is written, and the
whole merge is one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from desktop_app import __version__
from desktop_app.core.errors import BundleRefusedError, InvalidValueError
from desktop_app.core.models import Changes, Claim, ClaimConflict, Entity
from desktop_app.core.text import fold
from desktop_app.core.versions import (
    Relation,
    Versions,
    claim_stamp,
    content,
    content_stamp,
    extended,
    merged_history,
    relation,
    stamp_of,
    three_way,
)
from desktop_app.exchange.bundle import BundleContents, Limits, check_references, read_bundle
from desktop_app.exchange.bundle import write_bundle as write_bundle_file
from desktop_app.exchange.convert import (
    article_from,
    article_record,
    claim_from,
    claim_record,
    entity_from,
    entity_record,
    flag_from,
    flag_record,
)
from desktop_app.exchange.records import ClaimRecord, EntityRecord
from desktop_app.exchange.signing import Keyring, Signer
from desktop_app.services.checking import CHECK_AUTHOR
from desktop_app.services.searching import keeps_index
from desktop_app.store import Store, UnitOfWork

KINDS = ("articles", "entities", "claims", "flags")


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class BundleExport:
    """A bundle written: where, what it holds, and who signed it."""

    path: Path
    counts: dict[str, int]
    signed_by: str


@dataclass(frozen=True, slots=True)
class BundleReport:
    """What importing a bundle did (or, in a dry run, would do)."""

    bundle: str
    created_by: str
    created_at: datetime
    signature: str
    trusted: bool
    dry_run: bool
    added: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    conflicts: tuple[str, ...]
    changes: Changes = Changes()

    @property
    def nothing_to_do(self) -> bool:
        return not (any(self.added.values()) or any(self.updated.values()) or self.conflicts)

    def summary_lines(self) -> list[str]:
        """The import (or dry run) as a person reads it, the same in the app and the CLI."""
        when = self.created_at.strftime("%Y-%m-%d %H:%M")
        lines = [f"{self.bundle}: made by {self.created_by} on {when} UTC", self.signature]
        rows = (("would add" if self.dry_run else "added", self.added),
                ("would update" if self.dry_run else "updated", self.updated),
                ("unchanged", self.unchanged))
        for label, counts in rows:
            lines.append(f"  {label:<13} " + ", ".join(f"{counts[k]} {k}" for k in KINDS))
        if self.conflicts:
            lines.append(f"  {'in conflict':<13} {len(self.conflicts)} claims edited on both "
                         "sides (both versions kept for you to settle)")
            lines += [f"    {c[:8]}" for c in self.conflicts[:20]]
        if self.dry_run:
            lines.append("dry run: nothing was written")
        elif self.nothing_to_do:
            lines.append("nothing to do: the project already has everything in this bundle")
        return lines


@dataclass(frozen=True, slots=True)
class Settlement:
    """A conflict settled: the claim before and after, and what undoing it needs."""

    before: Claim
    after: Claim
    conflicts: tuple[ClaimConflict, ...]
    history: tuple[str, ...]
    base: dict | None
    changes: Changes = Changes()


@dataclass(slots=True)
class _Plan:
    """The merge worked out in full before any write."""

    article_map: dict[str, str] = field(default_factory=dict)
    claim_map: dict[str, str] = field(default_factory=dict)
    entity_map: dict[str, str] = field(default_factory=dict)
    new_articles: list = field(default_factory=list)
    new_entities: list[EntityRecord] = field(default_factory=list)
    entity_updates: dict[str, Entity] = field(default_factory=dict)
    new_claims: list[tuple[Claim, tuple[str, ...]]] = field(default_factory=list)
    claim_updates: list[tuple[Claim, tuple[str, ...]]] = field(default_factory=list)
    conflicts: list[ClaimConflict] = field(default_factory=list)
    new_flags: list = field(default_factory=list)
    flag_updates: list = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))


def _chunks(items: Sequence[str], size: int = 500):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class BundleUseCases:
    """Mixed into :class:`Project`: it provides the store, keyring, author and limits."""

    _store: Store
    _keyring: Keyring
    _bundle_limits: Limits
    author: str
    read_only: bool

    def _writable(self) -> None:  # pragma: no cover - provided by Project
        raise NotImplementedError

    # -- export -------------------------------------------------------------------------------

    def export_bundle(self, out: Path, articles: Sequence[str] = ()) -> BundleExport:
        """Write the whole project, or the named articles with their claims, the entities
        those link to and the flags between them, as a signed bundle."""
        with self._store.transaction() as uow:
            if articles:
                article_ids = list(dict.fromkeys(uow.articles.resolve(a) for a in articles))
                chosen = uow.articles.list(article_ids)
                claims = [c for a in article_ids for c in uow.claims.list(article_id=a)]
            else:
                chosen = uow.articles.list()
                claims = uow.claims.list()
            histories = uow.claims.histories([c.id for c in claims] if articles else None)
            current = {c.id: extended(histories.get(c.id, ()), stamp_of(c)) for c in claims}
            moved = {c.id: (current[c.id], content(c)) for c in claims
                     if current[c.id] != histories.get(c.id, ())}
            if moved and not self.read_only:
                uow.claims.set_histories(moved)
            all_entities = {e.id: e for e in uow.entities.list(include_merged=True)}
            if articles:
                wanted = {e for c in claims for e in c.entity_ids}
                pending = list(wanted)
                while pending:
                    merged_into = all_entities[pending.pop()].merged_into
                    if merged_into and merged_into not in wanted:
                        wanted.add(merged_into)
                        pending.append(merged_into)
                entities = [all_entities[e] for e in wanted]
                claim_ids = {c.id for c in claims}
                flags = [f for f in uow.flags.list(claim_ids=claim_ids)
                         if f.claim_a in claim_ids and f.claim_b in claim_ids]
            else:
                entities = list(all_entities.values())
                flags = uow.flags.list()
        manifest = write_bundle_file(
            out,
            articles=[article_record(a) for a in chosen],
            entities=[entity_record(e) for e in entities],
            claims=[claim_record(c, current[c.id]) for c in claims],
            flags=[flag_record(f) for f in flags],
            app_version=__version__, created_by=self.author, created_at=_now(),
            sign=lambda data: self._keyring.sign(data, self.author),
        )
        signed = f"{self.author} ({self._keyring.own_fingerprint()})"
        return BundleExport(out, dict(manifest.counts), signed)

    # -- import -------------------------------------------------------------------------------

    @keeps_index
    def import_bundle(self, path: Path, *, dry_run: bool = False) -> BundleReport:
        """Merge a bundle into the project (or, with ``dry_run``, say what that would do)."""
        if not dry_run:
            self._writable()
        contents = read_bundle(path, self._bundle_limits)
        signer: Signer | None = None
        if contents.signature is not None:
            signer = self._keyring.verify(contents.signature, contents.manifest_bytes)
        for number, article in enumerate(contents.articles, start=1):
            if hashlib.sha256(article.text.encode("utf-8")).hexdigest() != article.content_hash:
                raise BundleRefusedError(f"article {article.id}: content_hash does not match "
                                         "its text", "articles.jsonl", number)
        source = {"bundle": path.name, "from": contents.manifest.created_by,
                  "signature": signer.describe() if signer else "unsigned"}
        with self._store.transaction() as uow:
            check_references(
                contents,
                project_texts=lambda ids: {a.id: a.text for a in uow.articles.list(list(ids))},
                project_entities=lambda ids: {e.id for e in uow.entities.list(
                    include_merged=True, ids=list(ids))},
                project_claims=lambda ids: set(ids) & uow.claims.ids(),
            )
            plan = self._plan(uow, contents, source)
            if not dry_run:
                changes = self._apply(uow, plan, source)
            else:
                changes = Changes()
        added = {"articles": len(plan.new_articles), "entities": len(plan.new_entities),
                 "claims": len(plan.new_claims), "flags": len(plan.new_flags)}
        updated = {"articles": 0, "entities": len(plan.entity_updates),
                   "claims": len(plan.claim_updates), "flags": len(plan.flag_updates)}
        return BundleReport(
            bundle=path.name, created_by=contents.manifest.created_by,
            created_at=contents.manifest.created_at,
            signature=signer.describe() if signer else "unsigned",
            trusted=bool(signer and signer.trusted), dry_run=dry_run, added=added,
            updated=updated, unchanged=plan.unchanged,
            conflicts=tuple(c.claim_id for c in plan.conflicts), changes=changes,
        )

    def _plan(self, uow: UnitOfWork, contents: BundleContents, source: dict) -> _Plan:
        plan = _Plan()
        # Articles: the same id, or the same text imported on both sides.
        keys = uow.articles.keys()
        by_hash = {h: i for i, h in keys.items()}
        for article in contents.articles:
            local = article.id if article.id in keys else by_hash.get(article.content_hash)
            if local:
                plan.article_map[article.id] = local
                plan.unchanged["articles"] += 1
            else:
                plan.article_map[article.id] = article.id
                by_hash[article.content_hash] = article.id
                plan.new_articles.append(article_from(article))
        self._plan_entities(uow, contents, plan)
        self._plan_claims(uow, contents, plan, source)
        # Flags: new ones are added; a known one takes the other side's later review.
        known_flags = {f.id: f for chunk in _chunks([f.id for f in contents.flags])
                       for f in uow.flags.list(ids=chunk)}
        same_pair = {(frozenset((f.claim_a, f.claim_b)), f.kind): f for f in uow.flags.list()}
        for record in contents.flags:
            flag = replace(flag_from(record),
                           claim_a=plan.claim_map.get(record.claim_a, record.claim_a),
                           claim_b=plan.claim_map.get(record.claim_b, record.claim_b))
            local_flag = known_flags.get(flag.id) or same_pair.get(
                (frozenset((flag.claim_a, flag.claim_b)), flag.kind))
            if local_flag is None:
                plan.new_flags.append(flag)
            elif flag.modified > local_flag.modified and (
                    (flag.status, flag.note, flag.severity)
                    != (local_flag.status, local_flag.note, local_flag.severity)):
                plan.flag_updates.append(replace(flag, id=local_flag.id))
            else:
                plan.unchanged["flags"] += 1
        return plan

    @staticmethod
    def _plan_entities(uow: UnitOfWork, contents: BundleContents, plan: _Plan) -> None:
        local = {e.id: e for e in uow.entities.list(include_merged=True)}

        def survivor(entity_id: str) -> str:
            seen: set[str] = set()
            while local[entity_id].merged_into and entity_id not in seen:
                seen.add(entity_id)
                entity_id = local[entity_id].merged_into  # type: ignore[assignment]
            return entity_id

        by_qid = {dict(e.external_ids).get("wikidata"): e.id for e in local.values()
                  if not e.merged_into and dict(e.external_ids).get("wikidata")}
        by_name = {(fold(e.name), e.type): e.id for e in local.values() if not e.merged_into}
        standing = [e for e in contents.entities if not e.merged_into]
        merged = [e for e in contents.entities if e.merged_into]
        for record in standing:
            if record.id in local:
                target = survivor(record.id)
            else:
                target = (by_qid.get(record.external_ids.get("wikidata"))
                          or by_name.get((fold(record.name), record.type)))
            if target is None:
                plan.entity_map[record.id] = record.id
                plan.new_entities.append(record)
                continue
            plan.entity_map[record.id] = target
            ours = plan.entity_updates.get(target, local[target])
            aliases = list(ours.aliases)
            for name in (record.name, *record.aliases):
                if fold(name) != fold(ours.name) and fold(name) not in {fold(a) for a in aliases}:
                    aliases.append(name)
            external = dict(ours.external_ids)
            for scheme, value in record.external_ids.items():
                external.setdefault(scheme, value)
            grown = replace(ours, aliases=tuple(aliases),
                            external_ids=tuple(sorted(external.items())))
            if grown != local[target]:
                plan.entity_updates[target] = grown
            else:
                plan.unchanged["entities"] += 1
        # Merged entities: onto whatever their survivor became here.
        pending = list(merged)
        for _round in range(len(pending) + 1):
            waiting = []
            for record in pending:
                into = record.merged_into
                assert into is not None
                if record.id in local:
                    plan.entity_map[record.id] = survivor(record.id)
                    plan.unchanged["entities"] += 1
                elif into in plan.entity_map:
                    plan.entity_map[record.id] = plan.entity_map[into]
                    plan.new_entities.append(record)
                elif into in local:
                    plan.entity_map[record.id] = survivor(into)
                    plan.new_entities.append(record)
                else:
                    waiting.append(record)
            if not waiting or len(waiting) == len(pending):
                pending = waiting
                break
            pending = waiting
        if pending:
            raise BundleRefusedError(f"entity {pending[0].id} is merged in a circle",
                                     "entities.jsonl")
        for entity_id in local:
            plan.entity_map.setdefault(entity_id, survivor(entity_id))

    @staticmethod
    def _plan_claims(uow: UnitOfWork, contents: BundleContents, plan: _Plan,
                     source: dict) -> None:
        known = uow.claims.ids()
        incoming_known = [c.id for c in contents.claims if c.id in known]
        ours = {c.id: c for chunk in _chunks(incoming_known) for c in uow.claims.list(ids=chunk)}
        # Claims the check made on both sides for the same words are one claim.
        twins = {(c.article_id, c.start, c.end): c for c in uow.claims.list(author=CHECK_AUTHOR)}
        for record in contents.claims:
            if record.id not in ours and record.author == CHECK_AUTHOR:
                article_id = plan.article_map.get(record.article_id, record.article_id)
                twin = twins.get((article_id, record.start, record.end))
                if twin is not None and twin.id not in plan.claim_map.values():
                    plan.claim_map[record.id] = twin.id
                    ours[record.id] = twin
        local_ids = [c.id for c in ours.values()]
        histories = uow.claims.histories(local_ids)
        bases = uow.claims.bases(local_ids)
        settled = uow.claims.conflict_versions()
        for number, record in enumerate(contents.claims, start=1):
            article_id = plan.article_map.get(record.article_id, record.article_id)
            entity_ids = [plan.entity_map.get(e, e) for e in record.entity_ids]
            claim = claim_from(record, article_id, entity_ids)
            theirs_stamp = claim_stamp(record.start, record.end, record.exact, record.verdict,
                                       record.status, record.note, record.tags,
                                       record.entity_ids)
            theirs = Versions(theirs_stamp, extended(record.history, theirs_stamp))
            history = extended(theirs.history, stamp_of(claim))
            local = ours.get(record.id)
            if local is None:
                plan.new_claims.append((claim, history))
                continue
            if local.article_id != article_id:
                raise BundleRefusedError(
                    f"claim {record.id} belongs to another article in this project",
                    "claims.jsonl", number)
            claim = replace(claim, id=local.id)
            mine = stamp_of(local)
            mine_versions = Versions(mine, extended(histories.get(local.id, ()), mine))
            found = relation(mine_versions, theirs)
            if found is Relation.SAME or stamp_of(claim) == mine:
                plan.unchanged["claims"] += 1
            elif found is Relation.THEIRS_NEWER:
                plan.claim_updates.append((claim, merged_history(mine_versions.history, history)))
            elif found is Relation.OURS_NEWER or (local.id, theirs_stamp) in settled:
                plan.unchanged["claims"] += 1
            elif (merged := _merge(bases.get(local.id), local, claim, theirs.history,
                                   plan.entity_map)) is not None:
                plan.claim_updates.append(
                    (merged, merged_history(mine_versions.history, history)))
            else:
                plan.conflicts.append(ClaimConflict(
                    claim_id=local.id, version=theirs_stamp,
                    incoming=_incoming(record, entity_ids), bundle=source["bundle"],
                    from_author=source["from"], created=_now()))
                settled.add((local.id, theirs_stamp))

    def _apply(self, uow: UnitOfWork, plan: _Plan, source: dict) -> Changes:
        events: list[tuple[str, str, str, dict]] = []
        uow.articles.add_many(plan.new_articles)
        events += [("bundle.add", "article", a.id, source) for a in plan.new_articles]
        now = _now()
        for record in plan.new_entities:
            uow.entities.add(entity_from(record), now)
        for record in plan.new_entities:
            if record.merged_into:
                target = plan.entity_map.get(record.merged_into, record.merged_into)
                uow.entities.update(record.id, now, merged_into=target)
        events += [("bundle.add", "entity", e.id, source) for e in plan.new_entities]
        for entity in plan.entity_updates.values():
            uow.entities.set_aliases(entity.id, entity.aliases)
            uow.entities.set_external_ids(entity.id, entity.external_ids)
            uow.entities.update(entity.id, now)
            events.append(("bundle.update", "entity", entity.id, source))
        tag_names = {t for claim, _h in plan.new_claims + plan.claim_updates for t in claim.tags}
        tag_ids = uow.tags.ensure_many(sorted(tag_names)) if tag_names else {}
        uow.claims.add_many([(c, [tag_ids[t.lower()] for t in c.tags], h)
                             for c, h in plan.new_claims])
        events += [("bundle.add", "claim", c.id, source) for c, _h in plan.new_claims]
        for claim, _history in plan.claim_updates:
            uow.claims.update(
                claim.id, start_offset=claim.start, end_offset=claim.end, exact=claim.exact,
                prefix=claim.prefix, suffix=claim.suffix, verdict=claim.verdict,
                status=claim.status, note=claim.note, modified=claim.modified,
                anchor_state="anchored")
            uow.claims.set_tag_ids(claim.id, [tag_ids[t.lower()] for t in claim.tags])
            uow.claims.set_entity_ids(claim.id, claim.entity_ids)
            events.append(("bundle.update", "claim", claim.id, source))
        uow.claims.set_histories({c.id: (extended(h, stamp_of(c)), content(c))
                                  for c, h in plan.claim_updates})
        for conflict in plan.conflicts:
            uow.claims.add_conflict(conflict)
            events.append(("bundle.conflict", "claim", conflict.claim_id, source))
        for flag in plan.new_flags:
            uow.flags.add(flag)
        for flag in plan.flag_updates:
            uow.flags.update(flag.id, status=flag.status, note=flag.note,
                             severity=flag.severity, modified=flag.modified)
        events += [("bundle.add", "flag", f.id, source) for f in plan.new_flags]
        events += [("bundle.update", "flag", f.id, source) for f in plan.flag_updates]
        if events:
            summary = dict(source, added=len([e for e in events if e[0] == "bundle.add"]),
                           updated=len([e for e in events if e[0] == "bundle.update"]),
                           conflicts=len(plan.conflicts))
            uow.audit.record_many(self.author, [*events, ("bundle.import", "bundle",
                                                          source["bundle"][:64], summary)])
            uow.changed()
        claims = {c.id for c, _h in plan.new_claims + plan.claim_updates}
        claims |= {c.claim_id for c in plan.conflicts}
        return Changes(
            articles=frozenset(a.id for a in plan.new_articles),
            claims=frozenset(claims),
            entities=frozenset({e.id for e in plan.new_entities} | set(plan.entity_updates)),
            flags=frozenset({f.id for f in plan.new_flags + plan.flag_updates}),
            tags=bool(tag_names),
        )

    # -- keys ---------------------------------------------------------------------------------

    def key_fingerprint(self) -> str:
        """The fingerprint of the user's signing key (made on first use)."""
        return self._keyring.own_fingerprint()

    def trusted_keys(self) -> dict[str, str]:
        return self._keyring.trusted()

    def trust_key(self, fingerprint: str, name: str) -> None:
        """Mark a colleague's key as trusted, by the fingerprint an import showed."""
        self._keyring.trust(fingerprint, name)

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts(self) -> list[tuple[Claim, ClaimConflict]]:
        """Claims edited on both sides, each with the other side's version."""
        with self._store.transaction() as uow:
            found = uow.claims.conflicts()
            claims = {c.id: c for c in uow.claims.list(ids=list({f.claim_id for f in found}))}
        return [(claims[f.claim_id], f) for f in found]

    @keeps_index
    def settle_conflict(self, claim_ref: str, *, keep: str) -> Settlement:
        """Settle a claim in conflict: keep ``"ours"`` or take ``"theirs"`` (the newest
        incoming version). Both versions' histories are kept, so neither comes back."""
        self._writable()
        if keep not in ("ours", "theirs"):
            raise InvalidValueError("keep either 'ours' or 'theirs'")
        with self._store.transaction() as uow:
            claim = uow.claims.get(uow.claims.resolve(claim_ref))
            found = uow.claims.conflicts(claim.id)
            if not found:
                raise InvalidValueError(f"claim {claim.id[:8]} is not in conflict")
            before = uow.claims.histories([claim.id]).get(claim.id, ())
            base = uow.claims.bases([claim.id]).get(claim.id)
            history = extended(before, stamp_of(claim))
            for conflict in found:
                history = merged_history(history, conflict.incoming.get("history", ()))
            if keep == "theirs":
                self._write_claim(uow, claim.id, found[-1].incoming)
            final = uow.claims.get(claim.id)
            uow.claims.set_histories({claim.id: (extended(history, stamp_of(final)),
                                                 content(final))})
            uow.claims.drop_conflicts(claim.id)
            uow.audit.record(self.author, "claim.settle", "claim", claim.id,
                             {"kept": keep, "versions": len(found)})
            uow.changed()
        return Settlement(claim, final, tuple(found), before, base,
                          Changes(claims=frozenset({claim.id}), tags=keep == "theirs"))

    @keeps_index
    def unsettle_conflict(self, settlement: Settlement) -> Settlement:
        """Undo a settlement: the claim as it was, in conflict again with the same versions."""
        self._writable()
        was = settlement.before
        with self._store.transaction() as uow:
            self._write_claim(uow, was.id, {
                "verdict": was.verdict, "status": was.status, "note": was.note,
                "start": was.start, "end": was.end, "exact": was.exact, "prefix": was.prefix,
                "suffix": was.suffix, "tags": list(was.tags),
                "entity_ids": list(was.entity_ids)}, modified=was.modified)
            uow.claims.set_histories({was.id: (settlement.history, settlement.base
                                               or content(was))})
            for conflict in settlement.conflicts:
                uow.claims.add_conflict(conflict)
            uow.audit.record(self.author, "claim.unsettle", "claim", was.id,
                             {"versions": len(settlement.conflicts)})
            uow.changed()
            now = uow.claims.get(was.id)
        return replace(settlement, after=now)

    @staticmethod
    def _write_claim(uow: UnitOfWork, claim_id: str, values: dict,
                     modified: datetime | None = None) -> None:
        tag_ids = uow.tags.ensure_many(values["tags"])
        uow.claims.update(claim_id, verdict=values["verdict"], status=values["status"],
                          note=values["note"], start_offset=values["start"],
                          end_offset=values["end"], exact=values["exact"],
                          prefix=values["prefix"], suffix=values["suffix"],
                          modified=modified or _now())
        uow.claims.set_tag_ids(claim_id, [tag_ids[t.lower()] for t in values["tags"]])
        uow.claims.set_entity_ids(claim_id, values["entity_ids"])


def _merge(base: dict | None, ours: Claim, theirs: Claim, their_history: Sequence[str],
           entity_map: dict[str, str]) -> Claim | None:
    """Both sides edited a claim: when the version they both came from is known and they
    changed different things, the claim with both changes; else None (a real conflict)."""
    if base is None or content_stamp(base) not in their_history:
        return None
    base = dict(base, entity_ids=sorted({entity_map.get(e, e) for e in base["entity_ids"]}))
    merged, clashes = three_way(base, content(ours), content(theirs))
    if clashes:
        return None
    start, end, exact, prefix, suffix = merged["span"]
    return replace(ours, start=start, end=end, exact=exact, prefix=prefix, suffix=suffix,
                   verdict=merged["verdict"], status=merged["status"], note=merged["note"],
                   tags=tuple(merged["tags"]), entity_ids=tuple(merged["entity_ids"]),
                   modified=max(ours.modified, theirs.modified))


def _incoming(record: ClaimRecord, entity_ids: Sequence[str]) -> dict:
    """The other side's version as kept beside ours (JSON-ready)."""
    data = record.model_dump(mode="json")
    data["entity_ids"] = list(dict.fromkeys(entity_ids))
    return data
