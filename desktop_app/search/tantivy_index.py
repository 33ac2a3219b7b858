"""The search index on tantivy (a Rust search library, through its official Python bindings).

It keeps the folder, generation, lock and rebuild-and-swap rules of :class:`WhooshIndex` and
its query language, results and matching form: every text is read by the same analysis as the
Whoosh schema (core.matching's form, English stems, see :mod:`desktop_app.search.schema`) in
Python, and tantivy indexes the resulting words as they are (split on spaces). Each document
keeps its words' character ranges, so the offsets of a shown hit are looked up, not re-read.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import tantivy
from rapidfuzz.distance import Levenshtein
from whoosh.lang.porter import stem

from desktop_app.core.matching import build_matching_form
from desktop_app.search.documents import (
    ArticleDoc,
    ClaimDoc,
    Doc,
    Hit,
    SearchQuery,
    SearchResults,
    doc_key,
)
from desktop_app.search.highlight import snippet
from desktop_app.search.index import WhooshIndex
from desktop_app.search.query import key_value, make_parser, parse
from desktop_app.search.schema import POSSESSIVE, TOKENS, build_schema, respelled
from desktop_app.search.tantivy_query import spans_of, translate, wanted_words

#: Written in the generation file; a folder built by the other engine (or an older schema)
#: is never read, it is rebuilt.
SCHEMA_TAG = "tantivy-1"
#: The tokenizer name of fields holding analysed words (split on spaces, nothing else).
WORDS = "factdesk_words"
#: Memory of the writer that updates a few documents (tantivy's least per thread is 15 MB).
SMALL_HEAP = 16_000_000
#: Recent edits (documents) kept in memory before they are written to the folder.
FLUSH_AT = 2_000
#: Facet names and the fast fields they are counted from.
FACETS = {"kind": "kind", "verdict": "verdict", "outlet": "outlet_key", "tag": "tags",
          "entity": "entity_id"}
#: Facet values counted at most (more than any project's outlets, tags or entities shown).
FACET_SIZE = 10_000

_WORD = re.compile(TOKENS)


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return str(stem(word))


def analyse(text: str) -> tuple[list[str], array[int]]:
    """The words of ``text`` as the Whoosh schema's tokenizer reads them (matching form,
    possessive dropped, not stemmed) and their (start, end) code point offsets in ``text``,
    flattened."""
    form = build_matching_form(text)
    words: list[str] = []
    spans: array[int] = array("I")
    start_of, end_of = form.start_of, form.end_of
    for match in _WORD.finditer(form.folded):
        word = match.group()
        if word.endswith(POSSESSIVE) and len(word) > len(POSSESSIVE):
            word = word[: -len(POSSESSIVE)]
        words.append(word)
        spans.append(start_of[match.start()])
        spans.append(end_of[match.end() - 1])
    return words, spans


def stemmed(words: list[str]) -> list[str]:
    return [_stem(w) for w in words]


def build_tantivy_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    for name in ("key", "id", "article_id", "status", "type"):
        builder.add_text_field(name, tokenizer_name="raw")
    for name in ("kind", "verdict", "outlet_key", "tags", "entity_id"):
        builder.add_text_field(name, fast=True, tokenizer_name="raw")
    for name in ("title", "text", "quote", "note", "description", "outlet", "author",
                 "entity", "name", "aliases"):
        builder.add_text_field(name, tokenizer_name=WORDS)
    builder.add_text_field("spell", tokenizer_name=WORDS, index_option="freq")
    builder.add_date_field("published", indexed=True, fast=True)
    builder.add_bytes_field("stored", stored=True)
    builder.add_bytes_field("spans", stored=True)
    return builder.build()


def _words(text: str | None, *, stem_them: bool) -> str:
    if not text:
        return ""
    words, _ = analyse(text)
    return " ".join(stemmed(words) if stem_them else words)


def document_of(doc: Doc) -> tantivy.Document:
    """The tantivy document of ``doc``: analysed words, raw keys, and what a hit shows."""
    out = tantivy.Document()
    texts: dict[str, tuple[str | None, bool]]
    stored: dict[str, Any]
    if isinstance(doc, ArticleDoc):
        kind = "article"
        words, spans = analyse(doc.text)
        body = stemmed(words)
        texts = {"title": (doc.title, True), "outlet": (doc.outlet, False),
                 "author": (doc.author, False), "spell": (f"{doc.title}\n{doc.text}", False)}
        out.add_text("text", " ".join(body))
        raw = {"outlet_key": doc.outlet or ""}
        stored = {"title": doc.title, "outlet": doc.outlet, "body": doc.text,
                  "words": " ".join(body)}
    elif isinstance(doc, ClaimDoc):
        kind = "claim"
        words, spans = analyse(doc.quote)
        quoted = stemmed(words)
        texts = {"title": (doc.article_title, True), "outlet": (doc.outlet, False),
                 "note": (doc.note, True), "entity": (" ; ".join(doc.entity_names), False),
                 "spell": (f"{doc.quote}\n{doc.note}", False)}
        out.add_text("quote", " ".join(quoted))
        raw = {"article_id": doc.article_id, "outlet_key": doc.outlet or "",
               "verdict": key_value(doc.verdict), "status": key_value(doc.status)}
        for tag in doc.tags:
            if tag.strip():
                out.add_text("tags", tag.lower().strip())
        for entity_id in doc.entity_ids:
            out.add_text("entity_id", entity_id)
        stored = {"title": doc.article_title, "outlet": doc.outlet,
                  "article_id": doc.article_id, "quote": doc.quote, "start": doc.start,
                  "words": " ".join(quoted)}
    else:
        kind, spans = "entity", array("I")
        texts = {"title": (doc.name, True), "name": (doc.name, False),
                 "aliases": (" ; ".join(doc.aliases), False),
                 "description": (doc.description, True),
                 "spell": (" ".join((doc.name, *doc.aliases, doc.description)), False)}
        raw = {"type": doc.type}
        stored = {"title": doc.name, "name": doc.name, "description": doc.description}
    for name, (value, stem_them) in texts.items():
        words_text = _words(value, stem_them=stem_them)
        if words_text:
            out.add_text(name, words_text)
    raw |= {"kind": kind, "id": doc.id, "key": doc_key(kind, doc.id)}
    for name, value in raw.items():
        if value:
            out.add_text(name, value)
    published = getattr(doc, "published", None)
    if published is not None:
        out.add_date("published", datetime(published.year, published.month, published.day))
        stored["published"] = published.isoformat()
    stored |= {"kind": kind, "id": doc.id}
    out.add_bytes("stored", json.dumps(stored, ensure_ascii=False).encode("utf-8"))
    out.add_bytes("spans", spans.tobytes())
    return out


class TantivyIndex(WhooshIndex):
    """The search index in a project's ``index/`` folder, on tantivy.

    A commit to the folder syncs each file it writes to disk (about twenty syncs: a tenth of a
    second on a busy machine), too slow for an edit reaching the index. Edits are therefore
    written to a small index in memory, searched together with the folder's (whose copies of
    the edited documents are hidden), and written to the folder when many have gathered and
    when the index is closed. The folder's generation file stays at what the folder holds, so
    a crash before that write leaves an index that is rebuilt, never a wrong one.
    """

    schema_tag: str | int = SCHEMA_TAG

    def __init__(self, folder: Path, *, throwaway: bool = False) -> None:
        super().__init__(folder, throwaway=throwaway)
        self._tantivy: tantivy.Index | None = None
        self._schema = build_tantivy_schema()
        self._whoosh_parser = make_parser(build_schema())
        self._recent: _Recent | None = None

    # -- state --------------------------------------------------------------------------------

    def generation(self) -> int | None:
        """The generation searches reflect: the recent edits' when there are some (and the
        folder still holds what they were made on), else the folder's."""
        on_disk = self._folder_generation()
        if self._recent is not None:
            if on_disk == self._recent.base:
                return self._recent.generation
            self._recent = None  # another process rebuilt the folder: its index wins
            self._tantivy = None
        return on_disk

    @staticmethod
    def _with_tokenizer(index: tantivy.Index) -> tantivy.Index:
        index.register_tokenizer(
            WORDS, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())
        return index

    def _engine(self) -> tantivy.Index:
        if self._tantivy is None:
            self._tantivy = self._with_tokenizer(tantivy.Index.open(str(self.folder)))
        return self._tantivy

    def is_current(self, generation: int) -> bool:
        """True when the index exists, opens, reads, and reflects ``generation``."""
        if self.generation() != generation:
            return False
        try:
            searcher = self._engine().searcher()
            searcher.search(tantivy.Query.term_query(self._schema, "kind", "article"), 1)
        except Exception:  # garbage in the folder: any failure means "rebuild"
            self._recent = None
            self._tantivy = None
            return False
        return True

    def close(self) -> None:
        """Write the recent edits to the folder (unless a rebuild runs, which supersedes
        them) and let go of the index."""
        if self._recent is not None:
            try:
                with self._build_lock(wait=False) as taken:
                    if taken:
                        self._flush()
            except (OSError, ValueError):
                pass  # the folder stays at its generation: rebuilt when next opened
            self._recent = None
        self._tantivy = None

    # -- writing ------------------------------------------------------------------------------

    def rebuild(self, docs: Iterable[Doc], generation: int,
                progress: Callable[[int], None] | None = None) -> None:
        self._recent = None  # the rebuild reads every document from the database
        super().rebuild(docs, generation, progress)

    def _rebuild(self, docs: Iterable[Doc], generation: int,
                 progress: Callable[[int], None] | None) -> None:
        fresh = Path(tempfile.mkdtemp(prefix=self.folder.name + ".new-", dir=self.folder.parent))
        try:
            built = self._with_tokenizer(tantivy.Index(self._schema, path=str(fresh)))
            writer = built.writer(heap_size=256_000_000, num_threads=0)
            for count, doc in enumerate(docs, start=1):
                writer.add_document(document_of(doc))
                if progress is not None and count % 200 == 0:
                    progress(count)
            writer.commit()
            writer.wait_merging_threads()
            del writer, built
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        self._swap_in(fresh, generation)

    def _apply(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        """Write the edits to the index in memory; the folder gets them at :data:`FLUSH_AT`
        of them and on :meth:`close`."""
        if self._recent is None:
            self._recent = _Recent(self._schema, self._folder_generation())
        self._recent.write(upserts, deletes, generation)
        if len(self._recent.pending) >= FLUSH_AT:
            self._flush()

    def _flush(self) -> None:
        """Write the recent edits to the folder, if it still holds what they were made on."""
        recent, self._recent = self._recent, None
        if recent is None or recent.generation is None \
                or self._folder_generation() != recent.base:
            return
        index = self._engine()
        writer = index.writer(heap_size=SMALL_HEAP, num_threads=1)
        try:
            for key, doc in recent.pending.items():
                writer.delete_documents_by_term("key", key)
                if doc is not None:
                    writer.add_document(document_of(doc))
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            del writer
        self._write_generation(self.folder, recent.generation)
        index.reload()

    # -- reading ------------------------------------------------------------------------------

    def search(self, request: SearchQuery) -> SearchResults:
        parsed = parse(self._whoosh_parser, request.text)
        schema = self._schema
        clauses = [(tantivy.Occur.Must, translate(parsed, schema))]
        if request.kind:
            clauses.append((tantivy.Occur.Must,
                            tantivy.Query.term_query(schema, "kind", request.kind)))
        clauses += [(tantivy.Occur.Must, tantivy.Query.term_query(schema, "tags", t.lower()))
                    for t in request.tags]
        if request.verdict:
            clauses.append((tantivy.Occur.Must, tantivy.Query.term_query(
                schema, "verdict", key_value(request.verdict))))
        full = clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)
        sources = [(self._engine().searcher(), full)]
        recent = self._recent  # one snapshot: a flush in another thread may drop it
        if recent is not None:
            hidden = tantivy.Query.term_set_query(schema, "key", sorted(recent.pending.copy()))
            sources = [(sources[0][0], tantivy.Query.boolean_query(
                           [(tantivy.Occur.Must, full), (tantivy.Occur.MustNot, hidden)])),
                       (recent.index.searcher(), full)]
        limit = max(1, request.limit)
        by_date = request.sort == "date"
        ranked: list[tuple[Any, tantivy.Searcher, tantivy.DocAddress]] = []
        total = 0
        for searcher, query in sources:
            found = (searcher.search(query, limit, count=True, order_by_field="published",
                                     order=tantivy.Order.Desc) if by_date
                     else searcher.search(query, limit, count=True))
            total += getattr(found, "count", None) or 0  # asked for (count=True)
            ranked += [(score, searcher, address) for score, address in found.hits]
        ranked.sort(key=lambda item: (item[0] is not None, item[0] or 0), reverse=True)
        wanted = {"article": wanted_words(parsed, "text"), "claim": wanted_words(parsed, "quote")}
        hits = tuple(self._tantivy_hit(searcher, address, None if by_date else score, wanted)
                     for score, searcher, address in ranked[:limit])
        facets: dict[str, dict[str, int]] = {name: {} for name in FACETS}
        if total:
            facets = _sum_counts([self._counts(searcher, query) for searcher, query in sources])
        facets["entity"] = self._names([searcher for searcher, _ in sources], facets["entity"])
        suggestion = (self._suggest([searcher for searcher, _ in sources], request.text)
                      if not total else None)
        return SearchResults(request.text, total, hits, facets, suggestion)

    @staticmethod
    def _tantivy_hit(searcher: tantivy.Searcher, address: tantivy.DocAddress, score: Any,
                     wanted: dict[str, Any]) -> Hit:
        document = searcher.doc(address)
        stored = json.loads(document.get_first("stored") or b"{}")
        kind = stored["kind"]
        offsets: tuple[tuple[int, int], ...] = ()
        if kind in ("article", "claim"):
            spans = array("I")
            spans.frombytes(document.get_first("spans") or b"")
            tokens = stored["words"].split(" ") if stored["words"] else []
            shift = stored.get("start", 0) if kind == "claim" else 0
            offsets = spans_of(tokens, spans.tolist(), wanted[kind], shift)
            excerpt, marks = (snippet(stored["body"], offsets) if kind == "article"
                              else snippet(stored["quote"], offsets, shift=shift))
        else:
            excerpt, marks = " ".join(stored.get("description", "").split())[:220], ()
        published = stored.get("published")
        return Hit(kind=kind, id=stored["id"], title=stored.get("title", ""),
                   outlet=stored.get("outlet"), article_id=stored.get("article_id"),
                   published=date.fromisoformat(published) if published else None,
                   score=float(score or 0.0), snippet=excerpt, offsets=offsets,
                   snippet_marks=marks)

    @staticmethod
    def _counts(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, dict[str, int]]:
        """Counts by kind, verdict, outlet, tag and entity over every matching document."""
        asked = {name: {"terms": {"field": field, "size": FACET_SIZE}}
                 for name, field in FACETS.items()}
        answer = searcher.aggregate(query, asked)
        return {name: {str(b["key"]): int(b["doc_count"])
                       for b in answer.get(name, {}).get("buckets", []) if b["key"] != ""}
                for name in FACETS}

    def _names(self, searchers: list[tantivy.Searcher], counts: dict[str, int]
               ) -> dict[str, int]:
        """Entity facet counts under the entities' names (the newest copy of each)."""
        named: dict[str, int] = {}
        for entity_id, count in counts.items():
            name = entity_id
            key = tantivy.Query.term_query(self._schema, "key", doc_key("entity", entity_id))
            for searcher in reversed(searchers):
                found = searcher.search(key, 1).hits
                if found:
                    stored = searcher.doc(found[0][1]).get_first("stored") or b"{}"
                    name = json.loads(stored).get("name", entity_id)
                    break
            named[name] = named.get(name, 0) + count
        return named

    @staticmethod
    def _suggest(searchers: list[tantivy.Searcher], text: str) -> str | None:
        """The query with each unknown word replaced by the closest word of the index (at
        most two edits away, the same first letter, the most frequent among equals), as
        :meth:`WhooshIndex._did_you_mean` does."""
        def better(word: str) -> str | None:
            if any(searcher.doc_freq("spell", word) for searcher in searchers):
                return None
            best: tuple[int, int, str] | None = None
            for searcher in searchers:
                for known, frequency in searcher.terms_with_prefix("spell", word[0]):
                    if len(known) < 3 or abs(len(known) - len(word)) > 2:
                        continue
                    distance = Levenshtein.distance(word, known, score_cutoff=2)
                    if distance <= 2 and (best is None or (distance, -frequency, known) < best):
                        best = (distance, -frequency, known)
            return best[2] if best else None

        return respelled(text, better)


class _Recent:
    """Edits not yet in the folder: an index in memory, and the latest document (or None,
    deleted) by key, made on the folder's generation ``base``."""

    def __init__(self, schema: tantivy.Schema, base: int | None) -> None:
        self.base = base
        self.generation = base
        self.index = TantivyIndex._with_tokenizer(tantivy.Index(schema))
        self._writer = self.index.writer(heap_size=SMALL_HEAP, num_threads=1)
        self.pending: dict[str, Doc | None] = {}

    def write(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        for key in deletes:
            self._writer.delete_documents_by_term("key", key)
            self.pending[key] = None
        for doc in upserts:
            key = doc_key(_kind(doc), doc.id)
            self._writer.delete_documents_by_term("key", key)
            self._writer.add_document(document_of(doc))
            self.pending[key] = doc
        self._writer.commit()
        self.index.reload()
        self.generation = generation


def _sum_counts(parts: list[dict[str, dict[str, int]]]) -> dict[str, dict[str, int]]:
    total: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for part in parts:
        for name, counts in part.items():
            total[name].update(counts)
    return {name: dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
            for name, c in total.items()}


def _kind(doc: Doc) -> str:
    if isinstance(doc, ArticleDoc):
        return "article"
    return "claim" if isinstance(doc, ClaimDoc) else "entity"

