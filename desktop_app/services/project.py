"""The use cases of one project folder. The command line and the app call only this."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop_app.core import vocab
from desktop_app.core.anchoring import Span, locate_quote, span_at
from desktop_app.core.errors import FactdeskError, InvalidValueError, ProjectError
from desktop_app.core.models import (
    Article,
    ArticleSummary,
    AuditEvent,
    Changes,
    Claim,
    ImportedArticle,
    ImportOutcome,
    ImportReport,
    TagCount,
)
from desktop_app.core.text import content_hash, normalise_text
from desktop_app.exchange.limits import Limits
from desktop_app.exchange.signing import Keyring
from desktop_app.search import SearchIndex
from desktop_app.services.bundles import BundleUseCases
from desktop_app.services.checking import CheckUseCases
from desktop_app.services.entities import EntityUseCases
from desktop_app.services.exports import ExportUseCases, claims_from_reviews
from desktop_app.services.flags import FlagUseCases
from desktop_app.services.originals import Originals
from desktop_app.services.searching import SearchUseCases, keeps_index
from desktop_app.store import Store

Reader = Callable[[Path], ImportedArticle]
Expander = Callable[[Iterable[Path]], list[tuple[Path, str | None]]]


@dataclass(frozen=True, slots=True)
class ClaimResult:
    """A claim as it stands after a mutation, and what the mutation changed."""

    claim: Claim
    changes: Changes


def _now() -> datetime:
    return datetime.now(UTC)


def _title_for(imported: ImportedArticle, text: str) -> str:
    title = " ".join((imported.title or "").split())
    if title:
        return title
    first = text.split("\n", 1)[0].strip()
    return first[:120] or imported.source_name


class Project(BundleUseCases, ExportUseCases, CheckUseCases, EntityUseCases, FlagUseCases,
              SearchUseCases):
    """One project folder: its database, its originals, and the user acting on it."""

    def __init__(
        self,
        folder: Path,
        store: Store,
        originals: Originals,
        author: str,
        read_article: Reader,
        expand_paths: Expander,
        *,
        keyring: Keyring,
        index: SearchIndex | None = None,
        read_only: bool = False,
        bundle_limits: Limits = Limits(),
    ) -> None:
        self.folder = folder
        self.author = author
        self.read_only = read_only
        self._store = store
        self._originals = originals
        self._read_article = read_article
        self._expand_paths = expand_paths
        self._index = index
        self._index_lock = threading.Lock()
        self._keyring = keyring
        self._bundle_limits = bundle_limits

    # -- plumbing ---------------------------------------------------------------------------

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self._store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def upgrade_backup(self) -> Path | None:
        """The backup written when opening upgraded an older project, if it did."""
        return self._store.backup

    def generation(self) -> int:
        """The data generation: it grows with every committed change."""
        return self._store.generation()

    def _writable(self) -> None:
        if self.read_only:
            raise ProjectError(f"the project {self.folder} is read-only: nothing was changed")

    # -- articles -----------------------------------------------------------------------------

    @keeps_index
    def import_paths(self, paths: Sequence[Path]) -> ImportReport:
        """Import files and folders (recursively). Good files import even when others fail;
        all new articles are written in one transaction."""
        self._writable()
        outcomes: list[ImportOutcome] = []
        ready: list[tuple[Path, ImportedArticle, str]] = []
        for path, problem in self._expand_paths(paths):
            if problem:
                outcomes.append(ImportOutcome(str(path), "failed", reason=problem))
                continue
            try:
                imported = self._read_article(path)
            except FactdeskError as exc:
                outcomes.append(ImportOutcome(str(path), "failed", reason=str(exc)))
                continue
            text = normalise_text(imported.text)
            if not text:
                outcomes.append(
                    ImportOutcome(str(path), "failed", reason=f"{path.name}: no text to import")
                )
                continue
            ready.append((path, imported, text))
        if not outcomes and not ready:
            raise InvalidValueError("nothing to import: no .txt, .md, .html, .htm or .pdf file")

        created_files: list[Path] = []
        added: set[str] = set()
        review_claims: set[str] = set()
        try:
            with self._store.transaction() as uow:
                seen: dict[str, str] = {}
                for path, imported, text in ready:
                    digest = content_hash(text)
                    existing = seen.get(digest) or uow.articles.id_for_hash(digest)
                    if existing:
                        title = _title_for(imported, text)
                        outcomes.append(ImportOutcome(str(path), "duplicate", existing, title))
                        continue
                    original_hash, stored, created = self._originals.keep(
                        imported.original, path.suffix
                    )
                    if created:
                        created_files.append(stored)
                    article = Article(
                        id=str(uuid.uuid4()), title=_title_for(imported, text), text=text,
                        content_hash=digest, original_hash=original_hash,
                        original_name=imported.source_name, format=imported.format,
                        publisher=imported.publisher, author=imported.author, url=imported.url,
                        published=imported.published, retrieved=_now(),
                        language=imported.language,
                    )
                    uow.articles.add(article)
                    uow.audit.record(
                        self.author, "article.import", "article", article.id,
                        {"file": imported.source_name, "title": article.title},
                    )
                    reviewed, notes = claims_from_reviews(article, imported.reviews, _now())
                    for claim in reviewed:
                        uow.claims.add(claim)
                        uow.audit.record(self.author, "claimreview.embedded", "claim", claim.id,
                                         {"file": imported.source_name, "note": claim.note})
                        review_claims.add(claim.id)
                    seen[digest] = article.id
                    added.add(article.id)
                    outcomes.append(ImportOutcome(str(path), "added", article.id, article.title,
                                                  notes=(*imported.notes, *notes)))
                if added:
                    uow.changed()
        except BaseException:
            for stored in created_files:
                stored.unlink(missing_ok=True)
            raise
        order = {str(p): i for i, (p, _problem) in enumerate(self._expand_paths(paths))}
        outcomes.sort(key=lambda o: order.get(o.path, len(order)))
        return ImportReport(tuple(outcomes), Changes(articles=frozenset(added),
                                                     claims=frozenset(review_claims)))

    def articles(self) -> list[ArticleSummary]:
        with self._store.transaction() as uow:
            return uow.articles.summaries()

    def article(self, ref: str) -> Article:
        """The article whose id starts with ``ref``."""
        with self._store.transaction() as uow:
            return uow.articles.get(uow.articles.resolve(ref))

    def original_path(self, article: Article) -> Path | None:
        """Where the file this article was imported from is kept, if it is."""
        if not article.original_hash or not article.original_name:
            return None
        path = self._originals.path_for(article.original_hash, Path(article.original_name).suffix)
        return path if path.exists() else None

    # -- claims -------------------------------------------------------------------------------

    @keeps_index
    def add_claim(
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
        """Mark a claim by quote (``occurrence`` picks among repeats) or by offsets."""
        self._writable()
        verdict = vocab.verdict(verdict) if verdict else vocab.DEFAULT_VERDICT
        status = vocab.review_status(status) if status else vocab.DEFAULT_REVIEW_STATUS
        tag_names = [vocab.tag_name(t) for t in tags]
        if (quote is None) == (start is None or end is None):
            raise InvalidValueError("give either a quote or both start and end offsets")
        with self._store.transaction() as uow:
            article = uow.articles.get(uow.articles.resolve(article_ref))
            span: Span
            if quote is not None:
                span = locate_quote(article.text, quote, occurrence)
            else:
                assert start is not None and end is not None
                span = span_at(article.text, start, end)
            entity_ids = tuple(dict.fromkeys(
                uow.entities.get(uow.entities.resolve(ref)).id for ref in entities))
            now = _now()
            claim = Claim(
                id=claim_id or str(uuid.uuid4()), article_id=article.id, start=span.start,
                end=span.end, exact=span.exact, prefix=span.prefix, suffix=span.suffix,
                verdict=verdict, status=status, note=note.strip(), author=author or self.author,
                created=now, modified=now, tags=tuple(dict.fromkeys(tag_names)),
                entity_ids=entity_ids,
            )
            uow.claims.add(claim, [uow.tags.ensure(t) for t in tag_names])
            uow.audit.record(
                self.author, "claim.add", "claim", claim.id,
                {"article": article.id, "start": span.start, "end": span.end,
                 "quote": span.exact, "tags": tag_names, "verdict": verdict,
                 "status": status, "note": claim.note, "entities": list(entity_ids)},
            )
            uow.changed()
            stored = uow.claims.get(claim.id)
        changes = Changes(claims=frozenset({claim.id}), tags=bool(tag_names),
                          entities=frozenset(entity_ids))
        return ClaimResult(stored, changes)

    @keeps_index
    def edit_claim(
        self,
        claim_ref: str,
        *,
        add_tags: Sequence[str] = (),
        remove_tags: Sequence[str] = (),
        set_tags: Sequence[str] | None = None,
        verdict: str | None = None,
        status: str | None = None,
        note: str | None = None,
    ) -> ClaimResult:
        """Change a claim's tags, verdict, review status or note; records what it was."""
        self._writable()
        fields: dict[str, str] = {}
        if verdict is not None:
            fields["verdict"] = vocab.verdict(verdict)
        if status is not None:
            fields["status"] = vocab.review_status(status)
        if note is not None:
            fields["note"] = note.strip()
        adding = [vocab.tag_name(t) for t in add_tags]
        removing = {vocab.tag_name(t).lower() for t in remove_tags}
        with self._store.transaction() as uow:
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
            if not changed and not tags_changed:
                return ClaimResult(before, Changes())
            if tags_changed:
                uow.claims.set_tag_ids(before.id, [uow.tags.ensure(t) for t in wanted])
            uow.claims.update(before.id, modified=_now(), **changed)
            after = uow.claims.get(before.id)
            detail: dict[str, dict] = {"before": {}, "after": {}}
            for key in changed:
                detail["before"][key] = getattr(before, key)
                detail["after"][key] = getattr(after, key)
            if tags_changed:
                detail["before"]["tags"] = list(before.tags)
                detail["after"]["tags"] = list(after.tags)
            uow.audit.record(self.author, "claim.edit", "claim", before.id, detail)
            uow.changed()
        return ClaimResult(after, Changes(claims=frozenset({after.id}), tags=tags_changed))

    @keeps_index
    def delete_claim(self, claim_ref: str) -> ClaimResult:
        """Remove a claim; the audit log keeps what it was, so it can be restored."""
        self._writable()
        with self._store.transaction() as uow:
            claim = uow.claims.get(uow.claims.resolve(claim_ref))
            uow.claims.delete(claim.id)
            uow.audit.record(
                self.author, "claim.delete", "claim", claim.id,
                {"article": claim.article_id, "start": claim.start, "end": claim.end,
                 "quote": claim.exact, "tags": list(claim.tags), "verdict": claim.verdict,
                 "status": claim.status, "note": claim.note},
            )
            uow.changed()
        return ClaimResult(claim, Changes(claims=frozenset({claim.id}), tags=bool(claim.tags)))

    def claim(self, ref: str) -> Claim:
        with self._store.transaction() as uow:
            return uow.claims.get(uow.claims.resolve(ref))

    def claims(
        self,
        *,
        tag: str | None = None,
        verdict: str | None = None,
        status: str | None = None,
        article: str | None = None,
        entity: str | None = None,
    ) -> list[Claim]:
        """Claims matching every filter given."""
        verdict = vocab.verdict(verdict) if verdict else None
        status = vocab.review_status(status) if status else None
        with self._store.transaction() as uow:
            article_id = uow.articles.resolve(article) if article else None
            entity_id = uow.entities.resolve(entity) if entity else None
            return uow.claims.list(tag=tag, verdict=verdict, status=status,
                                   article_id=article_id, entity_id=entity_id)

    # -- tags ---------------------------------------------------------------------------------

    def tags(self) -> list[TagCount]:
        with self._store.transaction() as uow:
            return uow.tags.counts()

    @keeps_index
    def rename_tag(self, old: str, new: str) -> Changes:
        """Rename a tag; renaming onto an existing tag merges the two."""
        self._writable()
        new = vocab.tag_name(new)
        with self._store.transaction() as uow:
            source = uow.tags.find(old)
            if source is None:
                raise InvalidValueError(f"no tag named {old!r}")
            claim_ids = uow.tags.claim_ids(source[0])
            target = uow.tags.find(new)
            if target and target[0] != source[0]:
                uow.tags.merge(source[0], target[0])
                action = "tag.merge"
            else:
                uow.tags.rename(source[0], new)
                action = "tag.rename"
            uow.audit.record(self.author, action, "tag", new, {"from": source[1], "to": new,
                                                               "claims": len(claim_ids)})
            uow.changed()
        return Changes(claims=frozenset(claim_ids), tags=True)

    def merge_tags(self, sources: Sequence[str], into: str) -> Changes:
        """Fold several tags into one."""
        changes = Changes()
        for source in sources:
            if source.lower() != into.lower():
                changes = changes | self.rename_tag(source, into)
        return changes

    # -- audit --------------------------------------------------------------------------------

    def audit(self, *, kind: str | None = None, target: str | None = None) -> list[AuditEvent]:
        """The audit log, oldest first, optionally for one record."""
        with self._store.transaction() as uow:
            return uow.audit.list(target_kind=kind, target_id=target)

