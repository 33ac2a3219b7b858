"""The project's search index: a :class:`SearchIndex` interface and its Whoosh engine.

The index is disposable: it records the database generation it reflects, and a missing,
stale or corrupt one is rebuilt from the database. All writes go through one writer.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from whoosh import collectors, sorting
from whoosh import index as whoosh_index

try:
    import fcntl
except ImportError:  # not on this platform: rebuilds in one process still take turns
    fcntl = None  # type: ignore[assignment]
from whoosh import query as q

from desktop_app.search.documents import (
    ArticleDoc,
    ClaimDoc,
    Doc,
    Hit,
    SearchQuery,
    SearchResults,
    doc_key,
)
from desktop_app.search.highlight import hit_offsets, query_terms, snippet
from desktop_app.search.query import key_value, make_parser, parse
from desktop_app.search.schema import SCHEMA_VERSION, build_schema, respelled

GENERATION_FILE = "factdesk-generation.json"
#: Segments an index may hold before an update merges the small ones (each update that
#: does not merge adds one small segment).
MERGE_AT = 8
#: Column fields counted for facets, and the facet names they are reported under.
FACETS = {"kind": "kind", "verdict": "verdict", "outlet_key": "outlet", "tags_column": "tag",
          "entity_column": "entity"}


class IndexBusyError(RuntimeError):
    """The index is being rebuilt: an update is left to the rebuild."""


class _TopAndEvery(collectors.TopCollector):
    """The top ``limit`` documents by score, and every matching document's number, in one
    pass over the postings (Whoosh's own collector forgets the rest, and counting them
    again ran the whole query a second time: half of a search's time)."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False)

    def _collect(self, global_docnum: int, score: float) -> float:
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)


class SearchIndex(Protocol):
    """What the services need of a search engine."""

    def generation(self) -> int | None: ...
    def is_current(self, generation: int) -> bool: ...
    def rebuild(self, docs: Iterable[Doc], generation: int,
                progress: Callable[[int], None] | None = None) -> None: ...
    def apply(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        """Write ``upserts`` and remove the documents whose :func:`doc_key` is in
        ``deletes``; the index then reflects ``generation``."""
    def search(self, query: SearchQuery) -> SearchResults: ...
    def close(self) -> None: ...
    def discard(self) -> None: ...
    def sweep(self) -> list[Path]: ...


def _when(value) -> datetime | None:
    return datetime(value.year, value.month, value.day) if value else None


def fields_of(doc: Doc) -> dict[str, Any]:
    """The stored and indexed fields of one document."""
    fields: dict[str, Any]
    if isinstance(doc, ArticleDoc):
        fields = {"kind": "article", "id": doc.id, "title": doc.title, "outlet": doc.outlet,
                  "outlet_key": doc.outlet or "", "author": doc.author,
                  "published": _when(doc.published), "text": doc.text, "body": doc.text,
                  "spell": f"{doc.title}\n{doc.text}"}
    elif isinstance(doc, ClaimDoc):
        fields = {"kind": "claim", "id": doc.id, "article_id": doc.article_id,
                  "title": doc.article_title, "outlet": doc.outlet,
                  "outlet_key": doc.outlet or "", "published": _when(doc.published),
                  "quote": doc.quote, "start": doc.start, "note": doc.note,
                  "tags": ",".join(t.lower() for t in doc.tags),
                  "verdict": key_value(doc.verdict), "status": key_value(doc.status),
                  "entity": " ; ".join(doc.entity_names), "entity_id": ",".join(doc.entity_ids),
                  "tags_column": ",".join(t.lower() for t in doc.tags).encode("utf-8"),
                  "entity_column": ",".join(doc.entity_ids).encode("utf-8"),
                  "spell": f"{doc.quote}\n{doc.note}"}
    else:
        fields = {"kind": "entity", "id": doc.id, "title": doc.name, "name": doc.name,
                  "aliases": " ; ".join(doc.aliases), "type": doc.type,
                  "description": doc.description,
                  "spell": " ".join((doc.name, *doc.aliases, doc.description))}
    fields["key"] = doc_key(str(fields["kind"]), doc.id)
    return {k: v for k, v in fields.items() if v not in (None, "", b"")}




class WhooshIndex:
    """The search index in a project's ``index/`` folder."""

    #: What the generation file names, so that an index another schema or engine wrote is
    #: rebuilt rather than read.
    schema_tag: str | int = SCHEMA_VERSION

    def __init__(self, folder: Path, *, throwaway: bool = False) -> None:
        """An index in ``folder``; a ``throwaway`` one (a read-only project's) has a
        temporary parent folder of its own, removed with it on :meth:`close`."""
        self.folder = folder
        self._throwaway = throwaway
        self._index: whoosh_index.Index | None = None
        self._searcher = None
        self._parser = None
        self._columns: tuple[Any, list[Any]] | None = None
        #: Guards the open index, searcher and column readers: a search (in the window's
        #: thread) and an update after a commit (in a background job's) may run at once,
        #: and Whoosh's searcher is not made for two threads. Held only briefly by writers.
        self._lock = threading.RLock()
        #: An update committed since the searcher was opened: the next search opens anew.
        self._stale_searcher = False

    # -- state --------------------------------------------------------------------------------

    def generation(self) -> int | None:
        return self._folder_generation()

    def _folder_generation(self) -> int | None:
        """The generation the index folder was written for, or None when it has none, or
        was written by another schema or engine (:attr:`schema_tag`)."""
        try:
            data = json.loads((self.folder / GENERATION_FILE).read_text(encoding="utf-8"))
            if data.get("schema") != self.schema_tag:
                return None
            return int(data["generation"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_generation(self, folder: Path, generation: int) -> None:
        (folder / GENERATION_FILE).write_text(json.dumps({"generation": generation,
                                                          "schema": self.schema_tag}),
                                              encoding="utf-8")

    def _open(self) -> whoosh_index.Index:
        if self._index is None:
            self._index = whoosh_index.open_dir(str(self.folder))
            self._parser = make_parser(self._index.schema)
        return self._index

    def is_current(self, generation: int) -> bool:
        """True when the index exists, opens, reads, and reflects ``generation``."""
        if self.generation() != generation:
            return False
        with self._lock:
            try:
                with self._open().searcher() as searcher:
                    searcher.doc_count()
                    list(searcher.lexicon("kind"))
            except Exception:  # garbage in the folder: any failure means "rebuild"
                self.close()
                return False
        return True

    def close(self) -> None:
        with self._lock:
            self._columns = None
            if self._searcher is not None:
                self._searcher.close()
            self._searcher = None
            if self._index is not None:
                self._index.close()
            self._index = None

    def discard(self) -> None:
        """Close the index and, for a throw-away index, remove its folder."""
        self.close()
        if self._throwaway:
            shutil.rmtree(self.folder.parent, ignore_errors=True)

    # -- writing ------------------------------------------------------------------------------

    @contextmanager
    def _build_lock(self, *, wait: bool) -> Iterator[bool]:
        """The lock every rebuild and every sweep takes (a file lock beside the index, so
        that it holds between processes); yields whether it was taken."""
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        with open(self.folder.with_name(self.folder.name + ".lock"), "a+b") as handle:
            if fcntl is None:
                yield True
                return
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except OSError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def sweep(self) -> list[Path]:
        """Remove what a killed or failed rebuild left (its build folder, the old index it
        was replacing, Whoosh's half-written table of contents) when no rebuild runs.
        Returns what was removed."""
        removed: list[Path] = []
        with self._build_lock(wait=False) as taken:
            if not taken:
                return removed
            for leftover in (*self.folder.parent.glob(self.folder.name + ".new*"),
                             *self.folder.parent.glob(self.folder.name + ".old*")):
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                    removed.append(leftover)
            for toc in self.folder.glob("*.tmp") if self.folder.is_dir() else ():
                toc.unlink(missing_ok=True)
                removed.append(toc)
        return removed

    def rebuild(self, docs: Iterable[Doc], generation: int,
                progress: Callable[[int], None] | None = None) -> None:
        """Build a fresh index in a folder of its own beside the old one and swap it in,
        holding the build lock (one rebuild at a time, across processes); a failed rebuild
        leaves the old one as it was and removes its own folder."""
        self.close()
        with self._build_lock(wait=True):
            self._rebuild(docs, generation, progress)
        self.close()  # a search meanwhile may have opened the old folder: the next opens anew

    def _rebuild(self, docs: Iterable[Doc], generation: int,
                 progress: Callable[[int], None] | None) -> None:
        fresh = Path(tempfile.mkdtemp(prefix=self.folder.name + ".new-", dir=self.folder.parent))
        built = whoosh_index.create_in(str(fresh), build_schema())
        writer = built.writer(limitmb=256)
        try:
            for count, doc in enumerate(docs, start=1):
                writer.add_document(**fields_of(doc))
                if progress is not None and count % 200 == 0:
                    progress(count)
            writer.commit()
        except BaseException:
            writer.cancel()
            built.close()
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        built.close()
        self._swap_in(fresh, generation)

    def _swap_in(self, fresh: Path, generation: int) -> None:
        """Put the index built in ``fresh`` in the folder's place, marked as holding
        ``generation``: the old folder is moved aside first and removed after, so a reader
        finds either the old index or the new one, never half of each."""
        self._write_generation(fresh, generation)
        old = Path(tempfile.mkdtemp(prefix=self.folder.name + ".old-", dir=self.folder.parent))
        old.rmdir()
        if self.folder.exists():
            self.folder.rename(old)
        fresh.rename(self.folder)
        shutil.rmtree(old, ignore_errors=True)

    def apply(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        """Bring changed documents up to date, through the one writer, unless a rebuild
        holds the build lock (then the index is left stale and rebuilt whole). Small segments
        are merged only once there are several of them, not on every update (merging on each
        commit was a third of a one-claim update's time).

        Raises:
            IndexBusyError: a rebuild runs in this or another process.
        """
        with self._build_lock(wait=False) as taken:
            if not taken:
                raise IndexBusyError("a rebuild of the index is running")
            self._apply(upserts, deletes, generation)

    def _apply(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        with self._lock:
            writer = self._open().writer()
        try:
            for key in deletes:
                writer.delete_by_term("key", key)
            for doc in upserts:
                writer.update_document(**fields_of(doc))
            writer.commit(merge=len(writer.segments) >= MERGE_AT)
        except BaseException:
            writer.cancel()
            raise
        self._write_generation(self.folder, generation)
        with self._lock:
            # Whoosh's refresh() reuses readers of segments that only gained deletions, and
            # those readers still see the deleted documents: the next search opens a new
            # searcher (closed there, never under a search running in another thread).
            self._stale_searcher = True

    # -- reading ------------------------------------------------------------------------------

    def _current_searcher(self):
        if self._stale_searcher and self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._stale_searcher = False
        if self._searcher is not None and not self._searcher.up_to_date() \
                and not self._searcher.doc_count_all():
            # Whoosh cannot refresh a searcher of an empty index (its reader has no
            # segments to reuse: TypeError): open a new one.
            self._searcher.close()
            self._searcher = None
        if self._searcher is None:
            self._searcher = self._open().searcher()
        else:
            self._searcher = self._searcher.refresh()
        return self._searcher

    def search(self, request: SearchQuery) -> SearchResults:
        """Run one query. One search at a time; an update committed in another thread
        meanwhile waits for it only to mark the searcher stale, never the other way round."""
        with self._lock:
            return self._search(request)

    def _search(self, request: SearchQuery) -> SearchResults:
        searcher = self._current_searcher()
        assert self._parser is not None
        parsed = parse(self._parser, request.text)
        filters = []
        if request.kind:
            filters.append(q.Term("kind", request.kind))
        filters += [q.Term("tags", t.lower()) for t in request.tags]
        if request.verdict:
            filters.append(q.Term("verdict", key_value(request.verdict)))
        full = q.And([parsed, *filters]) if filters else parsed
        sortedby = sorting.FieldFacet("published", reverse=True) if request.sort == "date" \
            else None
        limit = max(1, request.limit)
        # One pass collects the shown hits and the number of every match (for the count and
        # the facets); a sorting collector keeps every match's number by itself.
        collector = collectors.SortingCollector(sortedby, limit=limit) if sortedby \
            else _TopAndEvery(limit)
        searcher.search_with_collector(full, collector)
        results = collector.results()
        reader = searcher.reader()
        wanted = {field: query_terms(parsed, reader, field) for field in ("text", "quote")}
        hits = tuple(self._hit(wanted, hit) for hit in results)
        matched = sorted(collector.docset)
        counted = self._facets(reader, matched)
        counted["entity"] = self._entity_names(searcher, counted["entity"])
        suggestion = self._did_you_mean(searcher, request.text) if not matched else None
        return SearchResults(request.text, len(matched), hits, counted, suggestion)

    def _facets(self, reader, docnums: list[int]) -> dict[str, dict[str, int]]:
        """Counts by kind, verdict, outlet, tag and entity over every matching document."""
        if self._columns is None or self._columns[0] is not reader:
            # One column reader per segment and field; a segment without any value for a
            # field has no column for it.
            leaves = [(offset, {name: leaf.column_reader(name) for name in FACETS
                                if leaf.has_column(name)})
                      for leaf, offset in reader.leaf_readers()]
            self._columns = (reader, sorted(leaves, key=lambda item: item[0], reverse=True))
        leaves = self._columns[1]
        counts: dict[str, Counter] = {label: Counter() for label in FACETS.values()}
        for docnum in docnums:
            offset, columns = next(leaf for leaf in leaves if leaf[0] <= docnum)
            local = docnum - offset
            for name, column in columns.items():
                value = column[local]
                if not value:
                    continue
                if isinstance(value, bytes):
                    counts[FACETS[name]].update(value.decode("utf-8").split(","))
                else:
                    counts[FACETS[name]][value] += 1
        return {label: {str(k): v for k, v in tally.most_common()}
                for label, tally in counts.items()}

    @staticmethod
    def _did_you_mean(searcher, text: str) -> str | None:
        """The query with each unknown word replaced by the closest word of the index.

        Words are read in the matching form the index uses (an apostrophe or an accent never
        splits one), and an unknown word is replaced whole by a word the corpus holds, so the
        suggestion never builds a word that is in no article."""
        corrector = searcher.corrector("spell")
        known = searcher.reader()

        def better(word: str) -> str | None:
            if known.frequency("spell", word):
                return None
            found = [w for w in corrector.suggest(word, limit=8, maxdist=2)
                     if len(w) >= 3 and w[0] == word[0]]
            return found[0] if found else None

        return respelled(text, better)

    @staticmethod
    def _entity_names(searcher, counts: dict[str, int]) -> dict[str, int]:
        named = {}
        for entity_id, count in counts.items():
            stored = searcher.document(id=entity_id)
            named[stored["name"] if stored and "name" in stored else entity_id] = count
        return named

    @staticmethod
    def _hit(wanted: dict[str, Any], hit) -> Hit:
        stored = hit.fields()
        kind = stored["kind"]
        offsets: tuple[tuple[int, int], ...] = ()
        text = ""
        if kind == "article":
            terms, phrases = wanted["text"]
            offsets = hit_offsets(hit.searcher.reader(), hit.docnum, "text", terms, phrases)
            text = stored.get("body", "")
            excerpt, marks = snippet(text, offsets)
        elif kind == "claim":
            terms, phrases = wanted["quote"]
            start = stored.get("start", 0)
            offsets = hit_offsets(hit.searcher.reader(), hit.docnum, "quote", terms, phrases,
                                  shift=start)
            excerpt, marks = snippet(stored.get("quote", ""), offsets, shift=start)
        else:
            excerpt, marks = " ".join(stored.get("description", "").split())[:220], ()
        published = stored.get("published")
        return Hit(kind=kind, id=stored["id"], title=stored.get("title", ""),
                   outlet=stored.get("outlet"), article_id=stored.get("article_id"),
                   published=published.date() if published else None,
                   score=float(hit.score or 0.0), snippet=excerpt, offsets=offsets,
                   snippet_marks=marks)
