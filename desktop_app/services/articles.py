"""Use cases for articles: import files and folders, list them, read one."""

from __future__ import annotations

import builtins
import os
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from desktop_app.core import sizes
from desktop_app.core.anchoring import find_quote, span_at
from desktop_app.core.errors import FactdeskError, InvalidValueError, ProjectError
from desktop_app.core.models import (
    Article,
    ArticleSummary,
    Claim,
    ImportedArticle,
    ImportOutcome,
    ImportReport,
)
from desktop_app.core.progress import CancelCheck, ReportProgress, never_cancelled, no_progress
from desktop_app.core.text import bytes_hash, content_hash, normalise_text
from desktop_app.core.vocab import ImportStatus, Operation, ReviewStatus
from desktop_app.exchange import claimreview
from desktop_app.services.files import write_atomically
from desktop_app.services.originals import Originals
from desktop_app.services.workspace import Workspace

#: What an import's progress says.
READING = "Reading files"

#: Why a file is in a cancelled import's report.
NOT_READ = "not imported: the import was cancelled before this file was read"


class Reader(Protocol):
    """Reads one file into an article (within a budget); ``release`` frees what reading a
    batch held (a child process)."""

    def __call__(self, path: Path) -> ImportedArticle: ...
    def release(self) -> None: ...


def _shown(path: Path) -> str:
    """The path as printable text (bytes that are not UTF-8 as ``\\xNN``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _name_notes(path: Path) -> tuple[str, ...]:
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return (f"the file name is not valid UTF-8: kept as {_shown(Path(path.name))}",)
    return ()
Expander = Callable[[Iterable[Path]], list[tuple[Path, str | None]]]


def _short(value: str | None) -> str | None:
    """A metadata value as kept: one a bundle could not carry (core.sizes) is left out."""
    return value if value is None or len(value) <= sizes.SHORT_TEXT else None


def _title_for(imported: ImportedArticle, text: str) -> str:
    title = " ".join((imported.title or "").split())
    if len(title) > sizes.SHORT_TEXT:
        title = title[: sizes.SHORT_TEXT - 1] + "…"
    if title:
        return title
    first = text.split("\n", 1)[0].strip()
    return first[:120] or imported.source_name


class ArticleService:
    """The project's articles and the original files they came from."""

    def __init__(self, workspace: Workspace, originals: Originals, read_article: Reader,
                 expand_paths: Expander, *, originals_in_database: bool = False) -> None:
        self._ws = workspace
        #: For a shared project the files are kept in the database (every member can open
        #: them) and ``originals`` is only this computer's copy of the ones opened here.
        self._originals = originals
        self._in_database = originals_in_database
        self._read_article = read_article
        self._expand_paths = expand_paths

    def import_paths(self, paths: Sequence[Path], *, progress: ReportProgress = no_progress,
                     cancelled: CancelCheck = never_cancelled) -> ImportReport:
        """Import files and folders (recursively). Good files import even when others fail;
        all new articles are written in one transaction. The same text twice is one article
        (reported as a duplicate).

        ``progress`` hears of each file read (done, total files, "Reading files"). A cancel
        (``cancelled()`` true, looked at before each file) stops the reading: the files read
        whole until then are written, and each file not read is in the report as
        ``cancelled``, so a person sees which ones to import again.

        Raises:
            InvalidValueError: nothing in ``paths`` is a file Factdesk reads.
            ProjectError: the project is read-only or refused the change (nothing written,
                no original kept).
        """
        self._ws.writable()
        outcomes: list[ImportOutcome] = []
        ready: list[tuple[Path, ImportedArticle, str]] = []
        files = self._expand_paths(paths)
        try:
            for done, (path, problem) in enumerate(files):
                progress(done, len(files), READING)
                if cancelled():
                    outcomes.extend(ImportOutcome(_shown(p), ImportStatus.CANCELLED,
                                                  reason=NOT_READ) for p, _ in files[done:])
                    break
                if problem:
                    outcomes.append(ImportOutcome(_shown(path), ImportStatus.FAILED,
                                                  reason=problem))
                    continue
                try:
                    imported = self._read_article(path)
                except FactdeskError as exc:
                    outcomes.append(ImportOutcome(_shown(path), ImportStatus.FAILED,
                                                  reason=str(exc)))
                    continue
                text = normalise_text(imported.text)
                if len(text) > sizes.ARTICLE_TEXT:
                    outcomes.append(ImportOutcome(
                        _shown(path), ImportStatus.FAILED,
                        reason=f"{_shown(Path(path.name))}: the text is longer than the "
                        f"{sizes.ARTICLE_TEXT:,} characters an article may hold"))
                    continue
                if not text:
                    outcomes.append(ImportOutcome(
                        _shown(path), ImportStatus.FAILED,
                        reason=f"{_shown(Path(path.name))}: no text to import"))
                    continue
                ready.append((path, imported, text))
        finally:
            self._read_article.release()
        if not outcomes and not ready:
            raise InvalidValueError("nothing to import: no .txt, .md, .html, .htm or .pdf file")

        created_files: list[Path] = []
        try:
            with self._ws.write(Operation.ARTICLE_IMPORT) as uow:
                seen: dict[str, str] = {}
                for path, imported, text in ready:
                    digest = content_hash(text)
                    existing = seen.get(digest) or uow.articles.id_for_hash(digest)
                    if existing:
                        title = _title_for(imported, text)
                        outcomes.append(ImportOutcome(_shown(path), ImportStatus.DUPLICATE,
                                                      existing, title))
                        continue
                    if self._in_database:
                        original_hash = bytes_hash(imported.original)
                        uow.originals.keep(original_hash, imported.original)
                    else:
                        original_hash, stored, created = self._originals.keep(
                            imported.original, path.suffix
                        )
                        if created:
                            created_files.append(stored)
                    article = Article(
                        id=str(uuid.uuid4()), title=_title_for(imported, text), text=text,
                        content_hash=digest, original_hash=original_hash,
                        original_name=imported.source_name[: sizes.SHORT_TEXT],
                        format=imported.format, publisher=_short(imported.publisher),
                        author=_short(imported.author), url=_short(imported.url),
                        published=imported.published, retrieved=uow.now(),
                        language=imported.language,
                    )
                    uow.articles.add(article)
                    reviewed, notes = claims_from_reviews(article, imported.reviews, uow.now())
                    for claim in reviewed:
                        uow.claims.add(claim)
                    seen[digest] = article.id
                    outcomes.append(ImportOutcome(_shown(path), ImportStatus.ADDED, article.id,
                                                  article.title,
                                                  notes=(*_name_notes(path), *imported.notes,
                                                         *notes)))
        except BaseException:
            for stored in created_files:
                stored.unlink(missing_ok=True)
            raise
        progress(len(files), len(files), READING)
        order = {_shown(p): i for i, (p, _problem) in enumerate(files)}
        outcomes.sort(key=lambda o: order.get(o.path, len(order)))
        return ImportReport(tuple(outcomes), uow.changes)

    def list(self) -> list[ArticleSummary]:
        """Every article without its text, oldest import first."""
        with self._ws.read() as uow:
            return uow.articles.summaries()

    def get(self, ref: str) -> Article:
        """The article whose id starts with ``ref``.

        Raises:
            NotFoundError / AmbiguousIdError: no article, or more than one, has that prefix.
        """
        with self._ws.read() as uow:
            return uow.articles.get(uow.articles.resolve(ref))

    def original_path(self, article: Article) -> Path | None:
        """Where the file this article was imported from is kept, if it is."""
        if not article.original_hash or not article.original_name:
            return None
        path = self._originals.path_for(article.original_hash, Path(article.original_name).suffix)
        if path is not None and self._in_database and not path.is_file():
            with self._ws.read() as uow:
                data = uow.originals.get(article.original_hash)
            if data is not None:
                write_atomically(path, data, make_folder=True)
        return path if path is not None and path.is_file() else None

    def sweep_originals(self) -> builtins.list[Path]:
        """Remove kept files no article refers to (left by an import killed before its
        commit). Done under the write lock, so an import running in another process, which
        keeps its files inside its transaction, is never swept. Returns what was removed;
        a busy project is left for a later opening."""
        if self._in_database:
            return []  # the folder only holds copies of what the database keeps
        with self._ws.read() as uow:
            candidates = self._originals.unreferenced(uow.articles.original_hashes())
        if not candidates:
            return []
        removed: list[Path] = []
        try:
            with self._ws.write(Operation.ARTICLE_IMPORT) as uow:
                for path in self._originals.unreferenced(uow.articles.original_hashes()):
                    path.unlink(missing_ok=True)
                    removed.append(path)
        except ProjectError:
            return removed
        return removed


def claims_from_reviews(article: Article, blocks: Sequence[str],
                        now: datetime) -> tuple[list[Claim], list[str]]:
    """Claims for the ClaimReviews a page carries, placed on the reviewed statement's words
    when the article's text holds them; the notes say what was placed and what was not."""
    claims: list[Claim] = []
    notes: list[str] = []
    for block in blocks:
        try:
            reviews = claimreview.read_reviews(block.encode("utf-8", "surrogatepass"),
                                               article.title[:40])
        except Exception:  # whatever a page embeds, it must not stop the page's import
            notes.append("an embedded ClaimReview could not be read: left out")
            continue
        for review in reviews:
            label = (f"{review.reviewer or 'a fact-checker'} rated "
                     f"“{review.rating_name or review.verdict}”")
            spans = find_quote(article.text, review.claim_reviewed)
            if not spans:
                notes.append(f"embedded ClaimReview ({label}): the statement reviewed is not in "
                             "the article's text, so no claim was made")
                continue
            span = span_at(article.text, *spans[0])
            claims.append(Claim(
                id=str(uuid.uuid4()), article_id=article.id, start=span.start, end=span.end,
                exact=span.exact, prefix=span.prefix, suffix=span.suffix,
                verdict=review.verdict, status=ReviewStatus.NEEDS_REVIEW,
                note=f"{label}" + (f" ({review.url})" if review.url else "") + ".",
                author=review.reviewer or "ClaimReview", created=now, modified=now))
            notes.append(f"embedded ClaimReview ({label}) became a claim")
    return claims, notes
