"""Merging a bundle into a project: worked out in full first (:func:`plan_merge`), then
written in one go (:func:`apply_merge`), both inside the caller's transaction.

Articles are recognised by id or text; entities by id (following merges), Wikidata id, then
name and type; claims by id, or, for claims the check made on both sides, by their words.
A claim moves forward when only one side edited it, merges field by field when both edited
different things, and is kept as a conflict for a person when the edits clash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from desktop_app.core.errors import BundleRefusedError
from desktop_app.core.matching import match_key
from desktop_app.core.models import Article, Claim, ClaimConflict, Entity, Flag
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
from desktop_app.exchange.bundle import BundleContents
from desktop_app.exchange.convert import article_from, claim_from, entity_from, flag_from
from desktop_app.exchange.limits import KINDS
from desktop_app.exchange.records import ClaimRecord, EntityRecord
from desktop_app.services.checking import CHECK_AUTHOR, print_of_flag
from desktop_app.store import UnitOfWork


@dataclass(slots=True)
class Plan:
    """The merge worked out in full before any write."""

    article_map: dict[str, str] = field(default_factory=dict)
    claim_map: dict[str, str] = field(default_factory=dict)
    redirects: list[tuple[EntityRecord, str]] = field(default_factory=list)
    entity_map: dict[str, str] = field(default_factory=dict)
    new_articles: list[Article] = field(default_factory=list)
    new_entities: list[EntityRecord] = field(default_factory=list)
    entity_updates: dict[str, Entity] = field(default_factory=dict)
    new_claims: list[tuple[Claim, tuple[str, ...]]] = field(default_factory=list)
    claim_updates: list[tuple[Claim, tuple[str, ...]]] = field(default_factory=list)
    conflicts: list[ClaimConflict] = field(default_factory=list)
    new_flags: list[Flag] = field(default_factory=list)
    flag_updates: list[Flag] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    #: Changes to flags this project has, not applied because the bundle is not trusted.
    held_flags: int = 0
    #: Records dated later than now (beyond the clock skew allowed): dated now instead.
    clamped: int = 0


#: How far in the future a bundle's timestamps may be (another machine's clock) before they
#: are dated now instead: a record dated 9999-12-31 would otherwise win every later review.
CLOCK_SKEW = timedelta(minutes=10)


def plan_merge(uow: UnitOfWork, contents: BundleContents, source: dict[str, Any],
               trusted: bool = True) -> Plan:
    """Work out the merge of ``contents`` into the project. A bundle that is not
    ``trusted`` (unsigned, signed by an unknown key, or under a trusted name with another
    key) adds new records, but its changes to claims this project has become conflicts for
    a person to settle, and its changes to flags are held back. Timestamps later than now
    plus :data:`CLOCK_SKEW` are dated now (counted in ``clamped``)."""
    plan = Plan()
    # Articles: the same id, or the same text imported on both sides.
    keys = uow.articles.keys()
    by_hash = {h: i for i, h in keys.items()}
    for number, article in enumerate(contents.articles, start=1):
        if article.id in keys and keys[article.id] != article.content_hash:
            raise BundleRefusedError(
                f"article {article.id} is in this project with a different text",
                "articles.jsonl", number)
        local = article.id if article.id in keys else by_hash.get(article.content_hash)
        if local:
            plan.article_map[article.id] = local
            plan.unchanged["articles"] += 1
        else:
            plan.article_map[article.id] = article.id
            by_hash[article.content_hash] = article.id
            plan.new_articles.append(article_from(article))
    _plan_entities(uow, contents, plan)
    _plan_claims(uow, contents, plan, source, trusted)
    # Flags: new ones are added; a known one takes the other side's later review.
    known_flags = {f.id: f for f in uow.flags.list(ids=[f.id for f in contents.flags])}
    same_pair = {(frozenset((f.claim_a, f.claim_b)), f.kind): f for f in uow.flags.list()}
    latest = uow.now() + CLOCK_SKEW
    for record in contents.flags:
        flag = replace(flag_from(record),
                       claim_a=plan.claim_map.get(record.claim_a, record.claim_a),
                       claim_b=plan.claim_map.get(record.claim_b, record.claim_b))
        if flag.modified > latest:
            flag = replace(flag, modified=uow.now())
            plan.clamped += 1
        local_flag = known_flags.get(flag.id) or same_pair.get(
            (frozenset((flag.claim_a, flag.claim_b)), flag.kind))
        if local_flag is None:
            plan.new_flags.append(flag)
        elif flag.modified > local_flag.modified and (
                (flag.status, flag.note, flag.severity)
                != (local_flag.status, local_flag.note, local_flag.severity)):
            if trusted:
                plan.flag_updates.append(replace(flag, id=local_flag.id))
            else:
                plan.held_flags += 1
        else:
            plan.unchanged["flags"] += 1
    return plan

def _plan_entities(uow: UnitOfWork, contents: BundleContents, plan: Plan) -> None:
    local = {e.id: e for e in uow.entities.list(include_merged=True)}

    def survivor(entity_id: str) -> str:
        seen: set[str] = set()
        while (merged_into := local[entity_id].merged_into) and entity_id not in seen:
            seen.add(entity_id)
            entity_id = merged_into
        return entity_id

    by_qid = {dict(e.external_ids).get("wikidata"): e.id for e in local.values()
              if not e.merged_into and dict(e.external_ids).get("wikidata")}
    by_name = {(match_key(e.name), e.type): e.id for e in local.values() if not e.merged_into}
    standing = [e for e in contents.entities if not e.merged_into]
    merged = [e for e in contents.entities if e.merged_into]
    for record in standing:
        qid = record.external_ids.get("wikidata")
        target: str | None
        if record.id in local:
            target = survivor(record.id)
        else:
            target = by_qid.get(qid) if qid else None
            named = by_name.get((match_key(record.name), record.type))
            named_qid = dict(local[named].external_ids).get("wikidata") if named else None
            if target is None and named and not (qid and named_qid and qid != named_qid):
                target = named  # the same name and type, and no Wikidata id says otherwise
            if target is not None:
                # Keep their id pointing here, so their next bundle finds it even after a
                # rename on their side.
                plan.redirects.append((record, target))
        if target is None:
            plan.entity_map[record.id] = record.id
            plan.new_entities.append(record)
            continue
        plan.entity_map[record.id] = target
        ours = plan.entity_updates.get(target, local[target])
        aliases = list(ours.aliases)
        for name in (record.name, *record.aliases):
            key = match_key(name)
            if key != match_key(ours.name) and key not in {match_key(a) for a in aliases}:
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

def _plan_claims(uow: UnitOfWork, contents: BundleContents, plan: Plan,
                 source: dict[str, Any], trusted: bool = True) -> None:
    known = uow.claims.ids()
    incoming_known = [c.id for c in contents.claims if c.id in known]
    ours = {c.id: c for c in uow.claims.list(ids=incoming_known)}
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
        if claim.modified > uow.now() + CLOCK_SKEW or claim.created > uow.now() + CLOCK_SKEW:
            claim = replace(claim, modified=min(claim.modified, uow.now()),
                            created=min(claim.created, uow.now()))
            plan.clamped += 1
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
        elif found is Relation.OURS_NEWER or (local.id, theirs_stamp) in settled:
            plan.unchanged["claims"] += 1
        elif not trusted:
            # Not from someone the team trusts: a person decides, whatever the history says.
            plan.conflicts.append(ClaimConflict(
                claim_id=local.id, version=theirs_stamp,
                incoming=_incoming(record, entity_ids), bundle=source["bundle"],
                from_author=source["from"], created=uow.now()))
            settled.add((local.id, theirs_stamp))
        elif found is Relation.THEIRS_NEWER:
            plan.claim_updates.append((claim, merged_history(mine_versions.history, history)))
        elif (merged := _merge(bases.get(local.id), local, claim, theirs.history,
                               plan.entity_map)) is not None:
            plan.claim_updates.append(
                (merged, merged_history(mine_versions.history, history)))
        else:
            plan.conflicts.append(ClaimConflict(
                claim_id=local.id, version=theirs_stamp,
                incoming=_incoming(record, entity_ids), bundle=source["bundle"],
                from_author=source["from"], created=uow.now()))
            settled.add((local.id, theirs_stamp))


def apply_merge(uow: UnitOfWork, plan: Plan) -> None:
    """Write what ``plan`` found, in the unit of work of the import (whose journal gives the
    audit events and what changed)."""
    uow.articles.add_many(plan.new_articles)
    now = uow.now()
    for record in plan.new_entities:
        uow.entities.add(entity_from(record), now)
    for record in plan.new_entities:
        if record.merged_into:
            target = plan.entity_map.get(record.merged_into, record.merged_into)
            uow.entities.update(record.id, now, merged_into=target)
    for record, target in plan.redirects:
        uow.entities.add(Entity(id=record.id, name=record.name, type=record.type,
                                merged_into=target), now)
    for entity in plan.entity_updates.values():
        uow.entities.set_aliases(entity.id, entity.aliases)
        uow.entities.set_external_ids(entity.id, entity.external_ids)
        uow.entities.update(entity.id, now)
    tag_names = {t for claim, _h in plan.new_claims + plan.claim_updates for t in claim.tags}
    tag_ids = uow.tags.ensure_many(sorted(tag_names)) if tag_names else {}
    uow.claims.add_many([(c, [tag_ids[t.lower()] for t in c.tags], h)
                         for c, h in plan.new_claims])
    for claim, _history in plan.claim_updates:
        uow.claims.update(
            claim.id, start_offset=claim.start, end_offset=claim.end, exact=claim.exact,
            prefix=claim.prefix, suffix=claim.suffix, verdict=claim.verdict,
            status=claim.status, note=claim.note, modified=claim.modified,
            anchor_state="anchored")
        uow.claims.set_tag_ids(claim.id, [tag_ids[t.lower()] for t in claim.tags])
        uow.claims.set_entity_ids(claim.id, claim.entity_ids)
    uow.claims.set_histories({c.id: (extended(h, stamp_of(c)), content(c))
                              for c, h in plan.claim_updates})
    for conflict in plan.conflicts:
        uow.claims.add_conflict(conflict)
    known_prints = uow.flags.fingerprints()
    # Both sides of every new flag, and their articles' texts, read in batches up front.
    sides = {c.id: c for c in uow.claims.list(
        ids=list({i for f in plan.new_flags for i in (f.claim_a, f.claim_b)}))}
    texts = {a.id: a.text for a in uow.articles.list(
        list({c.article_id for c in sides.values()}))} if sides else {}
    new_flags: list[tuple[Flag, str | None]] = []
    for flag in plan.new_flags:
        # The print the check would give, so that running it later does not raise it again.
        print_ = print_of_flag(uow, flag.kind, flag.claim_a, flag.claim_b, texts, sides)
        new_flags.append((flag, None if print_ in known_prints else print_))
        known_prints.add(print_)
    uow.flags.add_many(new_flags)
    for flag in plan.flag_updates:
        uow.flags.update(flag.id, status=flag.status, note=flag.note,
                         severity=flag.severity, modified=flag.modified)


def _merge(base: dict[str, Any] | None, ours: Claim, theirs: Claim, their_history: Sequence[str],
           entity_map: dict[str, str]) -> Claim | None:
    """Both sides edited a claim: when the version they both came from is known and they
    changed different things, the claim with both changes; else None (a real conflict)."""
    if base is None:
        return None
    # Our base may hold our ids for entities they know by theirs: try it in their terms too.
    theirs_for: dict[str, set[str]] = {}
    for their_id, our_id in entity_map.items():
        if their_id != our_id:
            theirs_for.setdefault(our_id, set()).add(their_id)
    as_theirs = dict(base, entity_ids=sorted(
        next(iter(theirs_for[e])) if len(theirs_for.get(e, ())) == 1 else e
        for e in base["entity_ids"]))
    if content_stamp(base) not in their_history and content_stamp(as_theirs) not in their_history:
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


def _incoming(record: ClaimRecord, entity_ids: Sequence[str]) -> dict[str, Any]:
    """The other side's version as kept beside ours (JSON-ready)."""
    data = record.model_dump(mode="json")
    data["entity_ids"] = list(dict.fromkeys(entity_ids))
    return data
