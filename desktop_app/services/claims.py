"""Use cases for claims and their tags: mark, edit, delete, list; rename and merge tags."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.core import vocab
from desktop_app.core.anchoring import Span, locate_quote, span_at
from desktop_app.core.errors import InvalidValueError
from desktop_app.core.models import Changes, Claim, ClaimConflict, TagCount
from desktop_app.core.versions import claim_stamp
from desktop_app.core.vocab import Operation
from desktop_app.services.workspace import Workspace
from desktop_app.store import UnitOfWork


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim as it stands after a mutation, and what the mutation changed."""

    claim: Claim
    changes: Changes
    #: Set when the edit was made on an older version of the claim: it was kept beside the
    #: claim as a conflict for a person to settle, and the claim was left as it was.
    conflict: ClaimConflict | None = None


class ClaimService:
    """Claims of the project's articles, and the tags they carry."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def add(
        self,
        article_ref: str,
        *,
        quote: str | None = None,
        occurrence: int | None = None,
        start: int | None = None,
        end: int | None = None,
        tags: Sequence[str] = (),
        verdict: str | None = None,
        status: str | None = None,
        note: str = "",
        entities: Sequence[str] = (),
        author: str | None = None,
        claim_id: str | None = None,
    ) -> ClaimResult:
        """Mark a claim by quote (``occurrence``, from 1, picks among repeats) or by offsets
        (code points into the article's text).

        Raises:
            InvalidValueError: neither or both of quote and offsets, or a bad verdict,
                status or tag.
            NotFoundError / AmbiguousIdError: the article or an entity is not known.
            QuoteNotFoundError / AmbiguousQuoteError: the quote is not in the text, or is
                there more than once and no occurrence was given.
            ProjectError: the project is read-only or refused the change.
        """
        verdict = vocab.verdict(verdict) if verdict else vocab.DEFAULT_VERDICT
        status = vocab.review_status(status) if status else vocab.DEFAULT_REVIEW_STATUS
        tag_names = [vocab.tag_name(t) for t in tags]
        if (quote is None) == (start is None or end is None):
            raise InvalidValueError("give either a quote or both start and end offsets")
        with self._ws.write(Operation.CLAIM_ADD) as uow:
            article = uow.articles.get(uow.articles.resolve(article_ref))
            span: Span
            if quote is not None:
                span = locate_quote(article.text, quote, occurrence)
            else:
                assert start is not None and end is not None
                span = span_at(article.text, start, end)
            entity_ids = tuple(dict.fromkeys(
                uow.entities.get(uow.entities.resolve(ref)).id for ref in entities))
            now = uow.now()
            claim = Claim(
                id=claim_id or str(uuid.uuid4()), article_id=article.id, start=span.start,
                end=span.end, exact=span.exact, prefix=span.prefix, suffix=span.suffix,
                verdict=verdict, status=status, note=note.strip(), author=author or self._ws.author,
                created=now, modified=now, tags=tuple(dict.fromkeys(tag_names)),
                entity_ids=entity_ids,
            )
            uow.claims.add(claim, [uow.tags.ensure(t) for t in tag_names])
            stored = uow.claims.get(claim.id)
        return ClaimResult(stored, uow.changes)

    def edit(
        self,
        claim_ref: str,
        *,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
        set_tags: Sequence[str] | None = None,
        verdict: str | None = None,
        status: str | None = None,
        note: str | None = None,
        version: int | None = None,
    ) -> ClaimResult:
        """Change a claim's tags, verdict, review status or note. Only what differs is
        written; an edit that changes nothing returns empty changes.

        ``version`` is the claim's version the edit was made on (as shown to the person).
        When someone else changed the claim since, the edit does not overwrite theirs: it is
        kept beside the claim as a conflict (``ClaimResult.conflict``), settled like a
        bundle's conflict (``project.bundles.settle``).

        Raises:
            InvalidValueError: a bad verdict, status or tag.
            NotFoundError / AmbiguousIdError: the claim is not known.
            ProjectError: the project is read-only or refused the change.
        """
        fields: dict[str, str] = {}
        if verdict is not None:
            fields["verdict"] = vocab.verdict(verdict)
        if status is not None:
            fields["status"] = vocab.review_status(status)
        if note is not None:
            fields["note"] = note.strip()
        adding = [vocab.tag_name(t) for t in add_tags]
        removing = {vocab.tag_name(t).lower() for t in remove_tags}
        with self._ws.write(Operation.CLAIM_EDIT) as uow:
            before = uow.claims.get(uow.claims.resolve(claim_ref))
            if set_tags is not None:
                wanted = [vocab.tag_name(t) for t in set_tags]
            else:
                wanted = [t for t in before.tags if t.lower() not in removing]
                known = {t.lower() for t in wanted}
                wanted += [t for t in adding if t.lower() not in known]
            wanted = list({t.lower(): t for t in wanted}.values())
            tags_changed = {t.lower() for t in wanted} != {t.lower() for t in before.tags}
            changed = {k: v for k, v in fields.items() if getattr(before, k) != v}
            conflict = None
            if version is not None and version != before.version and (changed or tags_changed):
                conflict = _kept_as_conflict(uow, before, changed, wanted, version,
                                             self._ws.author)
            elif changed or tags_changed:
                if tags_changed:
                    uow.claims.set_tag_ids(before.id, [uow.tags.ensure(t) for t in wanted])
                uow.claims.update(before.id, modified=uow.now(), edited=True, **changed)
            after = uow.claims.get(before.id)
        return ClaimResult(after, uow.changes, conflict)

    def delete(self, claim_ref: str) -> ClaimResult:
        """Remove a claim with its tags, links and the flags that rest on it; the audit log
        keeps what it was, and undo puts all of it back as it was.

        Raises:
            NotFoundError / AmbiguousIdError: the claim is not known.
            ProjectError: the project is read-only or refused the change.
        """
        with self._ws.write(Operation.CLAIM_DELETE) as uow:
            claim = uow.claims.get(uow.claims.resolve(claim_ref))
            uow.claims.delete(claim.id)
        return ClaimResult(claim, uow.changes)

    def get(self, ref: str) -> Claim:
        """The claim whose id starts with ``ref``.

        Raises:
            NotFoundError / AmbiguousIdError: no claim, or more than one, has that prefix.
        """
        with self._ws.read() as uow:
            return uow.claims.get(uow.claims.resolve(ref))

    def list(
        self,
        *,
        tag: str | None = None,
        verdict: str | None = None,
        status: str | None = None,
        article: str | None = None,
        entity: str | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given, by article then position.

        Raises:
            InvalidValueError: a bad verdict or status.
            NotFoundError / AmbiguousIdError: the article or entity is not known.
        """
        verdict = vocab.verdict(verdict) if verdict else None
        status = vocab.review_status(status) if status else None
        with self._ws.read() as uow:
            article_id = uow.articles.resolve(article) if article else None
            entity_id = uow.entities.resolve(entity) if entity else None
            return uow.claims.list(tag=tag, verdict=verdict, status=status,
                                   article_id=article_id, entity_id=entity_id)

    # -- tags ---------------------------------------------------------------------------------

    def tags(self) -> builtins.list[TagCount]:
        """Every tag with how many claims carry it, by name."""
        with self._ws.read() as uow:
            return uow.tags.counts()

    def rename_tag(self, old: str, new: str) -> Changes:
        """Rename a tag; renaming onto an existing tag merges the two.

        Raises:
            InvalidValueError: no tag named ``old``, or ``new`` is not a valid tag.
            ProjectError: the project is read-only or refused the change.
        """
        new = vocab.tag_name(new)
        with self._ws.read() as uow:
            source = uow.tags.find(old)
            target = uow.tags.find(new)
        if source is None:
            raise InvalidValueError(f"no tag named {old!r}")
        merging = target is not None and target[0] != source[0]
        with self._ws.write(Operation.TAG_MERGE if merging else Operation.TAG_RENAME) as uow:
            if target is not None and merging:
                uow.tags.merge(source[0], target[0])
            else:
                uow.tags.rename(source[0], new)
        return uow.changes

    def merge_tags(self, sources: Sequence[str], into: str) -> Changes:
        """Fold several tags into one.

        Raises:
            InvalidValueError: a source tag does not exist (tags before it are merged).
            ProjectError: the project is read-only or refused the change.
        """
        changes = Changes()
        for source in sources:
            if source.lower() != into.lower():
                changes = changes | self.rename_tag(source, into)
        return changes


def _kept_as_conflict(uow: UnitOfWork, current: Claim, changed: dict[str, str],
                      tags: Sequence[str], version: int, author: str) -> ClaimConflict | None:
    """Keep an edit made on ``version`` of a claim that has moved on since as a conflict:
    the claim as it stands with the person's changes applied, kept beside the claim in the
    shape a bundle's version is kept in. The same edit kept twice is one conflict. Returns
    it (None when it was kept already)."""
    incoming: dict[str, Any] = {
        "id": current.id, "article_id": current.article_id, "start": current.start,
        "end": current.end, "exact": current.exact, "prefix": current.prefix,
        "suffix": current.suffix, "verdict": current.verdict, "status": current.status,
        "note": current.note, "author": author, "entity_ids": list(current.entity_ids),
        "history": [],
    }
    incoming.update(changed)
    incoming["tags"] = sorted(tags, key=str.lower)
    stamp = claim_stamp(incoming["start"], incoming["end"], incoming["exact"],
                        incoming["verdict"], incoming["status"], incoming["note"],
                        incoming["tags"], incoming["entity_ids"])
    if (current.id, stamp) in uow.claims.conflict_versions():
        return None
    conflict = ClaimConflict(
        claim_id=current.id, version=stamp, incoming=incoming,
        bundle=f"{author}'s edit of version {version} (the claim is at version "
               f"{current.version})",
        from_author=author, created=uow.now())
    uow.claims.add_conflict(conflict)
    return conflict
