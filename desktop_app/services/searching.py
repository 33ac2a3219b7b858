"""Use cases for search, and keeping the index in step with every committed change."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from desktop_app.core.models import Changes
from desktop_app.core.progress import (
    CancelCheck,
    ReportProgress,
    never_cancelled,
    no_progress,
    stop_if,
)
from desktop_app.search import (
    ArticleDoc,
    ClaimDoc,
    Doc,
    EntityDoc,
    SearchQuery,
    SearchResults,
    doc_key,
)
from desktop_app.store import Store, UnitOfWork

if TYPE_CHECKING:
    from desktop_app.search import SearchIndex

#: What a rebuild's progress says.
INDEXING = "Indexing"

#: Above this many changed records, the index is rebuilt whole rather than updated.
BULK = 5_000


class SearchService:
    """The project's search index: kept in step with every committed change (it listens to
    the store), rebuilt from the database when missing, stale or damaged, and searched."""

    def __init__(self, store: Store, index: SearchIndex | None) -> None:
        self._store = store
        self._index = index
        self._index_lock = threading.Lock()
        #: Commits that came while the index was busy (a rebuild, another update), with
        #: their generations: applied once it is free, so that edits made during a rebuild
        #: do not leave the new index stale (which asked for yet another rebuild).
        self._pending: list[tuple[Changes, int]] = []
        self._pending_lock = threading.Lock()  # guards _pending between threads
        #: The thread whose commits never catch up others' (the window's): see
        #: :meth:`defer_updates_in`.
        self._light: threading.Thread | None = None
        store.subscribe(self._on_commit)

    def close(self) -> None:
        """Release the index's files (a throw-away index is removed)."""
        if self._index is not None:
            self._index.discard()

    def sweep(self) -> None:
        """Remove what a killed or failed rebuild of the index left behind."""
        if self._index is not None:
            self._index.sweep()

    # -- documents ----------------------------------------------------------------------------

    @staticmethod
    def _claim_docs(uow: UnitOfWork, claim_ids: list[str] | None = None) -> Iterator[ClaimDoc]:
        claims = uow.claims.list(ids=claim_ids) if claim_ids is not None else uow.claims.list()
        # Only the entities these claims link to: one edited claim must not read them all.
        linked_ids = {e for claim in claims for e in claim.entity_ids}
        entities = {e.id: e for e in (uow.entities.list(ids=sorted(linked_ids))
                                      if claim_ids is not None else uow.entities.list())}
        articles: dict[str, Any] = {}
        for claim in claims:
            article = articles.get(claim.article_id)
            if article is None:
                article = articles[claim.article_id] = uow.articles.get(claim.article_id)
            linked = [entities[e] for e in claim.entity_ids if e in entities]
            yield ClaimDoc(
                id=claim.id, article_id=claim.article_id, article_title=article.title,
                outlet=article.publisher, published=article.published, quote=claim.exact,
                start=claim.start, note=claim.note, tags=claim.tags, verdict=claim.verdict,
                status=claim.status, entity_ids=tuple(e.id for e in linked),
                entity_names=tuple(n for e in linked for n in (e.name, *e.aliases)),
            )

    @staticmethod
    def _article_doc(uow: UnitOfWork, article_id: str) -> ArticleDoc:
        a = uow.articles.get(article_id)
        return ArticleDoc(a.id, a.title, a.publisher, a.author, a.published, a.text)

    def _all_documents(self, uow: UnitOfWork) -> Iterator[Doc]:
        for summary in uow.articles.summaries():
            yield self._article_doc(uow, summary.id)
        yield from self._claim_docs(uow)
        for e in uow.entities.list():
            yield EntityDoc(e.id, e.name, e.aliases, e.type, e.description)

    # -- keeping the index current -----------------------------------------------------------

    def searchable(self) -> bool:
        """True when there is an index built for this project's data (current or behind)."""
        return self._index is not None and self._index.generation() is not None

    def is_current(self) -> bool:
        """True when the index holds exactly the database's current data generation."""
        return self._index is not None and self._index.is_current(self._store.generation())

    def reindex(self, progress: ReportProgress = no_progress,
                cancelled: CancelCheck = never_cancelled) -> int:
        """Rebuild the index from the database; returns how many documents it holds.
        ``progress`` hears how many documents of how many were indexed ("Indexing");
        ``cancelled`` is looked at with each report, and a cancelled rebuild leaves the old
        index as it was. One rebuild at a time: a second caller waits for the first.

        Raises:
            WorkCancelled: a cancel was asked for (the old index is kept, still stale).
            OSError: the index folder cannot be written (the old index stays as it was).
        """
        if self._index is None:
            return 0
        with self._index_lock:  # one writer of the index at a time
            with self._store.transaction() as uow:
                generation = uow.meta.generation()
                documents = list(self._all_documents(uow))
            total = len(documents)

            def step(count: int) -> None:
                progress(count, total, INDEXING)
                stop_if(cancelled, "The search index rebuild was cancelled: the old index is "
                        "kept and rebuilt before the next search.")

            step(0)
            self._index.rebuild(documents, generation, step)
            self._catch_up(generation)
            progress(total, total, INDEXING)
        return total

    def _take_pending(self) -> list[tuple[Changes, int]]:
        """The commits waiting for the index, oldest first; the list is emptied."""
        with self._pending_lock:
            waiting, self._pending = self._pending, []
        return sorted(waiting, key=lambda p: p[1])

    def _catch_up(self, indexed: int, once: bool = False) -> None:
        """Apply, in order, the commits that came while the index was busy and that it does
        not hold yet (generation above ``indexed``); called holding the index lock. One that
        does not follow on leaves the index stale (rebuilt whole later)."""
        while self._pending:
            waiting = self._take_pending()
            for changes, generation in waiting:
                if generation <= indexed:
                    continue
                try:
                    self._update_index(changes, generation)
                except Exception:  # noqa: BLE001 - a stale index is rebuilt; the edit stands
                    return
                indexed = generation
            if once:
                return

    def catch_up(self) -> int:
        """Bring the index up to date with every change committed since its last look, by
        anyone (the other members of a shared project): only the records those changes
        touched, as the audit log names them by the generation they were made in, are read
        again. An index that is missing, damaged or too far behind (more than :data:`BULK`
        records) is rebuilt whole instead. Returns how many records were looked at again.

        Raises:
            OSError: the index folder cannot be written.
        """
        if self._index is None:
            return 0
        with self._index_lock:
            return self._catch_up_locked()

    def _catch_up_locked(self) -> int:
        assert self._index is not None
        have = self._index.generation()
        with self._store.transaction() as uow:
            now = uow.meta.generation()
            if have == now and self._index.is_current(now):
                return 0
            targets = uow.audit.targets_since(have, now) if have is not None and have < now \
                else None
            if targets is not None:
                for tag_id in targets.get("tag", ()):
                    if tag_id.isdigit():
                        targets["claim"].update(uow.tags.claim_ids(int(tag_id)))
        if targets is None or sum(len(ids) for ids in targets.values()) > BULK:
            with self._store.transaction() as uow:
                generation = uow.meta.generation()
                documents = list(self._all_documents(uow))
            self._index.rebuild(documents, generation)
            return len(documents)
        changes = Changes(articles=frozenset(targets.get("article", ())),
                          claims=frozenset(targets.get("claim", ())),
                          entities=frozenset(targets.get("entity", ())))
        self._update_index(changes, now, following=False)
        return len(changes.articles) + len(changes.claims) + len(changes.entities)

    def _on_commit(self, changes: Changes, generation: int) -> None:
        """Bring the index up to date after a commit. The data is already safe: when the
        index is busy (a rebuild runs) or cannot be written, it is left stale and rebuilt
        whole later, never reported as a failed edit. On a shared project, where others'
        commits come between ours, the index catches up with theirs too."""
        if self._index is None:
            return
        light = threading.current_thread() is self._light
        with self._pending_lock:
            self._pending.append((changes, generation))
            if light and len(self._pending) > 1:
                return  # others' commits wait: the thread that made them catches up, not this
        if not self._index_lock.acquire(blocking=False):
            return  # the one holding the index applies it when done
        try:
            if self._store.shared:
                waiting = self._take_pending()
                if len(waiting) == 1 and self._index.generation() == waiting[0][1] - 1:
                    self._update_index(*waiting[0])
                else:
                    self._catch_up_locked()
            else:
                current = self._index.generation()
                # The window's thread applies what waits now (its own edit) and no more:
                # commits a job makes meanwhile are the job's to index.
                self._catch_up(current if current is not None else generation, once=light)
        except Exception:  # noqa: BLE001 - a stale index is rebuilt; the edit stands
            return
        finally:
            self._index_lock.release()

    def defer_updates_in(self, thread: threading.Thread) -> None:
        """Keep index work in ``thread`` (the window's) to its own small edits: a commit
        made there while others' commits wait (a check writing its flags in the background)
        leaves its update to the thread writing them (or to the next rebuild, in the
        background), instead of indexing their thousands of claims itself."""
        self._light = thread

    def _update_index(self, changes: Changes, generation: int, *,
                      following: bool = True) -> None:
        """Documents for the records that changed: an article's claims follow its title, an
        entity's claims follow its names. ``following``: ``changes`` is the one commit
        after the index's generation (else the index is left stale)."""
        assert self._index is not None
        if len(changes.articles) + len(changes.claims) + len(changes.entities) > BULK:
            return  # a merge this large is indexed faster whole: left stale, rebuilt next
        if following and self._index.generation() != generation - 1:
            return  # stale already (another writer, or a failed update): rebuilt whole
        with self._store.transaction() as uow:
            claim_ids = set(changes.claims)
            for article_id in changes.articles:
                claim_ids.update(c.id for c in uow.claims.list(article_id=article_id))
            for entity_id in changes.entities:
                claim_ids.update(uow.entities.claim_ids(entity_id))
            upserts: list[Doc] = []
            deletes: list[str] = []
            for article_id in changes.articles:
                try:
                    upserts.append(self._article_doc(uow, article_id))
                except Exception:
                    deletes.append(doc_key("article", article_id))
            present = {c.id for c in uow.claims.list(ids=list(claim_ids))}
            upserts += self._claim_docs(uow, sorted(present))
            deletes += [doc_key("claim", c) for c in claim_ids if c not in present]
            live = {e.id: e for e in uow.entities.list(ids=list(changes.entities))}
            upserts += [EntityDoc(e.id, e.name, e.aliases, e.type, e.description)
                        for e in live.values()]
            deletes += [doc_key("entity", e) for e in changes.entities if e not in live]
        self._index.apply(upserts, deletes, generation)

    # -- searching ----------------------------------------------------------------------------

    def find(self, text: str, *, kind: str | None = None, tags: tuple[str, ...] = (),
             verdict: str | None = None, limit: int = 20,
             sort: str = "relevance", rebuild: bool = True) -> SearchResults:
        """Search articles, claims and entities in the query language (words, "phrases",
        field:value); rebuilds a missing or stale index first. With ``rebuild`` False (the
        window: it never rebuilds on its own thread) a stale but :meth:`searchable` index
        is searched as it is (it misses at most the last commits, which the index applies
        in a moment).

        Raises:
            SearchQueryError: the query cannot be read (the message says where).
            OSError: a stale index had to be rebuilt and its folder cannot be written.
        """
        assert self._index is not None, "open_project always gives a project an index"
        if not self.is_current():
            if self._store.shared:
                self.catch_up()  # only what the other members changed since the last look
            elif rebuild or not self.searchable():
                self.reindex()
        results: SearchResults = self._index.search(
            SearchQuery(text, kind, tuple(tags), verdict, limit, sort))
        return results
