"""Use cases for the field's formats: W3C Web Annotation, schema.org ClaimReview and CSV out;
Web Annotations (from Hypothesis and other tools) and ClaimReviews in."""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.core import vocab
from desktop_app.core.anchoring import Span, find_quote, span_at, span_by_position
from desktop_app.core.errors import (
    FactdeskError,
    InvalidValueError,
    NotFoundError,
    RefusedFileError,
)
from desktop_app.core.matching import MatchingForm, build_matching_form, match_key
from desktop_app.core.models import Article, Changes, Claim
from desktop_app.core.text import content_hash
from desktop_app.core.vocab import Operation, ReviewStatus
from desktop_app.exchange import claimreview, w3c
from desktop_app.exchange.csv_export import claims_csv
from desktop_app.services.files import write_atomically
from desktop_app.services.workspace import Workspace

MAX_INPUT = 64 * 1024 * 1024
#: How many annotations or reviews one file may bring: a file of a million would hold the
#: project's write lock for many minutes (another program could not write meanwhile).
MAX_RECORDS = 20_000
#: Why a record of another tool's file was not added when the project holds it already.
ALREADY = "already in the project"


def _read_input(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_INPUT:
            raise RefusedFileError(f"{path.name} is larger than {MAX_INPUT:,} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidValueError(f"{path} cannot be read ({exc.strerror})") from None


def _within_bounds(path: Path, count: int, what: str) -> None:
    """Refuse a file that brings more records than one import takes (:data:`MAX_RECORDS`).

    Raises:
        RefusedFileError: the file holds too many records; nothing was written.
    """
    if count > MAX_RECORDS:
        raise RefusedFileError(
            f"{path.name} holds {count:,} {what}; Factdesk imports up to {MAX_RECORDS:,} "
            "from one file: split it")


def _json_bytes(document: object) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class ExportResult:
    """Files written and how many records they hold."""

    paths: tuple[Path, ...]
    records: int


@dataclass(frozen=True, slots=True)
class AnnotationImport:
    """What importing annotations or reviews did: claims added, and what was left out why."""

    added: tuple[str, ...]
    skipped: tuple[tuple[str, str], ...]
    warnings: tuple[str, ...]
    changes: Changes = Changes()

    @property
    def problems(self) -> tuple[tuple[str, str], ...]:
        """What was left out for a reason other than being in the project already."""
        return tuple(s for s in self.skipped if s[1] != ALREADY)


class ExchangeService:
    """The field's formats: W3C Web Annotation, schema.org ClaimReview and CSV, out and in."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def _everything(self) -> tuple[list[Claim], dict[str, Article], dict[str, Any]]:
        with self._ws.read() as uow:
            claims = uow.claims.list()
            articles = {a.id: a for a in uow.articles.list()}
            entities = {e.id: e for e in uow.entities.list(include_merged=True)}
        return claims, articles, entities

    # -- out ----------------------------------------------------------------------------------

    def export_w3c(self, out: Path, *, page_size: int = w3c.PAGE_SIZE) -> ExportResult:
        """Every claim as a Web Annotation, in a collection; pages after the first are
        written beside ``out`` as ``NAME-page-N.jsonld``.

        Raises:
            WriteError: a file cannot be written (that file is left as it was).
        """
        claims, articles, entities = self._everything()
        documents = w3c.collection(claims, articles, entities, label=f"Factdesk claims: "
                                   f"{self._ws.folder.name}", key=str(self._ws.folder.resolve()),
                                   page_size=page_size)
        paths = [out]
        write_atomically(out, _json_bytes(documents[0]))
        for number, page in enumerate(documents[1:], start=2):
            path = out.with_name(f"{out.stem}-page-{number}{out.suffix or '.jsonld'}")
            write_atomically(path, _json_bytes(page))
            paths.append(path)
        return ExportResult(tuple(paths), len(claims))

    def export_claimreview(self, out: Path, *, reviewer: str | None = None,
                           base_url: str | None = None) -> ExportResult:
        """Every claim with a verdict as a schema.org ClaimReview (a JSON-LD list).

        Raises:
            WriteError: ``out`` cannot be written (it is left as it was).
        """
        claims, articles, _entities = self._everything()
        base = (base_url or "").rstrip("/")
        reviews = [
            claimreview.review(
                c, articles[c.article_id], reviewer=reviewer or self._ws.author,
                url=f"{base}/claims/{c.id}" if base else w3c.urn("claim", c.id))
            for c in claims if c.verdict in claimreview.RATED
        ]
        write_atomically(out, _json_bytes(reviews))
        return ExportResult((out,), len(reviews))

    def export_csv(self, out: Path) -> ExportResult:
        """Every claim as one CSV row.

        Raises:
            WriteError: ``out`` cannot be written (it is left as it was).
        """
        claims, articles, entities = self._everything()
        rows = []
        for c in claims:
            article = articles[c.article_id]
            rows.append((
                c.id, c.article_id, article.title, article.publisher or "",
                article.published.isoformat() if article.published else "", c.exact,
                "; ".join(c.tags), c.verdict, c.status,
                "; ".join(entities[e].name for e in c.entity_ids if e in entities), c.note,
                c.author, c.created.isoformat(timespec="seconds"),
                c.modified.isoformat(timespec="seconds"), c.start, c.end,
            ))
        write_atomically(out, claims_csv(rows))
        return ExportResult((out,), len(rows))

    # -- in -----------------------------------------------------------------------------------

    def import_w3c(self, path: Path) -> AnnotationImport:
        """Annotations whose target is one of our articles (by URL, or by a quote found in
        exactly one article) become claims; the rest are listed with the reason.

        Raises:
            RefusedFileError: the file cannot be read or is not Web Annotation JSON-LD.
            ProjectError: the project is read-only or refused the change.
        """
        self._ws.writable()
        annotations = w3c.read_annotations(_read_input(path), path.name)
        _within_bounds(path, len(annotations), "annotations")
        added: list[str] = []
        skipped: list[tuple[str, str]] = []
        with self._ws.write(Operation.W3C_IMPORT, file=path.name) as uow:
            articles = uow.articles.list()
            by_iri = {w3c.article_iri(a): a for a in articles}
            by_iri.update({w3c.urn("article", a.id): a for a in articles})
            known = uow.claims.ids()
            taken = {a.id for a in articles}  # ids are unique across record types
            forms: dict[str, MatchingForm] = {}  # article id -> matching form, once per import
            new: list[tuple[Claim, list[int], tuple[str, ...]]] = []
            for number, incoming in enumerate(annotations, start=1):
                label = incoming.id or f"annotation {number}"
                claim_id = _claim_id(incoming)
                if claim_id in known:
                    skipped.append((label, ALREADY))
                    continue
                if claim_id in taken or uow.entities.list(ids=[claim_id]):
                    skipped.append((label, "its id is already an article's or an entity's "
                                           "in this project"))
                    continue
                try:
                    article, span = _place(incoming, articles, by_iri, forms)
                except FactdeskError as exc:
                    skipped.append((label, str(exc)))
                    continue
                try:
                    verdict = vocab.verdict(incoming.verdict) if incoming.verdict else (
                        vocab.DEFAULT_VERDICT)
                except InvalidValueError:
                    verdict = vocab.DEFAULT_VERDICT
                entity_ids = []
                for iri in incoming.identifying:
                    found = None
                    if iri.startswith(w3c.WIKIDATA):
                        found = uow.entities.find_by_qid(iri.removeprefix(w3c.WIKIDATA))
                    elif iri.startswith("urn:uuid:"):
                        try:
                            found = uow.entities.get(iri.removeprefix("urn:uuid:")).id
                        except NotFoundError:
                            found = None
                    if found:
                        entity_ids.append(found)
                try:
                    tags = list(dict.fromkeys(vocab.tag_name(t) for t in incoming.tags
                                              if t.strip()))
                except InvalidValueError as exc:
                    skipped.append((label, str(exc)))
                    continue
                now = uow.now()
                claim = Claim(
                    id=claim_id, article_id=article.id, start=span.start, end=span.end,
                    exact=span.exact, prefix=span.prefix, suffix=span.suffix, verdict=verdict,
                    status=vocab.DEFAULT_REVIEW_STATUS, note=incoming.note.strip(),
                    author=incoming.creator or self._ws.author, created=now, modified=now,
                    tags=tuple(tags), entity_ids=tuple(dict.fromkeys(entity_ids)),
                )
                new.append((claim, [], ()))
                known.add(claim_id)
                added.append(claim_id)
            if new:
                tag_ids = uow.tags.ensure_many({t for c, _t, _h in new for t in c.tags})
                uow.claims.add_many([(c, [tag_ids[t.lower()] for t in c.tags], h)
                                     for c, _t, h in new])
        return AnnotationImport(tuple(added), tuple(skipped), (), uow.changes)

    def import_claimreview(self, path: Path) -> AnnotationImport:
        """Other fact-checkers' reviews: the statement reviewed becomes an article (one per
        statement), and each review a claim on it carrying its verdict on our scale and its
        rating's own words in the note. The same review imported twice adds nothing; a
        review that cannot be read is left out with its reason while the others import.

        Raises:
            RefusedFileError: the file cannot be read or holds no ClaimReview.
            ProjectError: the project is read-only or refused the change.
        """
        self._ws.writable()
        read = claimreview.read_review_file(_read_input(path), path.name)
        reviews = read.reviews
        _within_bounds(path, len(reviews), "reviews")
        added: list[str] = []
        skipped: list[tuple[str, str]] = list(read.left_out)
        warnings = [f"{r.claim_reviewed[:50]}: {w}" for r in reviews for w in r.warnings]
        articles_added: set[str] = set()
        statements: dict[str, str] | None = None  # matching form -> article, made if needed
        with self._ws.write(Operation.CLAIMREVIEW_IMPORT, file=path.name) as uow:
            for review in reviews:
                text = review.claim_reviewed
                digest = content_hash(text)
                rated = f"rated “{review.rating_name}”" if review.rating_name else "rated"
                note = " ".join(filter(None, [
                    f"{review.reviewer or 'A fact-checker'} {rated}",
                    f"({review.url})" if review.url else None,
                    f"Claim by {review.claim_author}." if review.claim_author else None,
                ]))
                now = uow.now()
                article_id = uow.articles.id_for_hash(digest)
                if article_id is None:  # the same statement with other quotes or case?
                    if statements is None:
                        statements = {match_key(a.text): a.id for a in uow.articles.list()
                                      if a.format == "claimreview"}
                    article_id = statements.get(match_key(text))
                if article_id is None:
                    article = Article(
                        id=str(uuid.uuid4()), title=text[:120], text=text, content_hash=digest,
                        original_hash=None, original_name=path.name, format="claimreview",
                        publisher=review.reviewer, author=review.claim_author, url=review.url,
                        published=review.published, retrieved=now, language=None,
                    )
                    uow.articles.add(article)
                    article_id = article.id
                    articles_added.add(article_id)
                    if statements is not None:
                        statements[match_key(text)] = article_id
                elif any(c.note == note for c in uow.claims.list(article_id=article_id)):
                    skipped.append((review.url or text[:50], ALREADY))
                    continue
                span = span_at(text, 0, len(text))
                claim = Claim(
                    id=str(uuid.uuid4()), article_id=article_id, start=0, end=len(text),
                    exact=span.exact, prefix="", suffix="", verdict=review.verdict,
                    status=ReviewStatus.NEEDS_REVIEW, note=note,
                    author=review.reviewer or self._ws.author,
                    created=now, modified=now,
                )
                uow.claims.add(claim)
                added.append(claim.id)
        return AnnotationImport(tuple(added), tuple(skipped), tuple(warnings), uow.changes)



def _claim_id(incoming: w3c.IncomingAnnotation) -> str:
    """Our claim id for an annotation: its own UUID when it has one, else one derived from
    its IRI, or (with no id at all) from what it says and where, so importing the same
    annotations twice adds nothing."""
    if incoming.id:
        tail = incoming.id.removeprefix("urn:uuid:")
        try:
            return str(uuid.UUID(tail))
        except ValueError:
            return str(uuid.uuid5(uuid.NAMESPACE_URL, incoming.id))
    what = json.dumps([incoming.sources, incoming.exact, incoming.prefix, incoming.suffix,
                       incoming.start, incoming.end, incoming.note, incoming.tags,
                       incoming.verdict, incoming.identifying], ensure_ascii=False)
    return str(uuid.uuid5(w3c.NAMESPACE, "annotation:" + what))


def _spans(article: Article, exact: str, forms: dict[str, MatchingForm]
           ) -> list[tuple[int, int]]:
    """Where ``exact`` is in the article: as written, else by matching form."""
    found = find_quote(article.text, exact) if exact in article.text else []
    if found:
        return found
    if article.id not in forms:
        forms[article.id] = build_matching_form(article.text)
    return forms[article.id].find_all(match_key(exact))


def _place(incoming: w3c.IncomingAnnotation, articles: Sequence[Article],
           by_iri: dict[str, Article], forms: dict[str, MatchingForm]
           ) -> tuple[Article, Span]:
    """The article and span an annotation points at, or why it cannot be placed: the target's
    address picks the article when we know it; otherwise the quote, with its prefix and
    suffix, must single out one place in one article. Quotes, prefixes and suffixes are
    compared in the matching form (core.matching), each article's made once per import."""
    targets = [by_iri[s] for s in incoming.sources if s in by_iri]
    start, end = incoming.start, incoming.end
    if incoming.exact is None:
        if targets and start is not None and end is not None:
            return targets[0], span_by_position(targets[0].text, start, end)
        raise InvalidValueError("it selects no text (no TextQuoteSelector)")
    if not incoming.exact.strip():
        raise InvalidValueError("its quote is empty")
    prefix, suffix = match_key(incoming.prefix[-32:]), match_key(incoming.suffix[:32])
    found: list[tuple[int, Article, tuple[int, int]]] = []
    needle = match_key(incoming.exact)
    candidates = targets or [a for a in articles if incoming.exact in a.text]
    if not candidates and needle:
        for article in articles:
            if article.id not in forms:
                forms[article.id] = build_matching_form(article.text)
        candidates = [a for a in articles if needle in forms[a.id].folded]
    for article in candidates:
        text = article.text
        for where in _spans(article, incoming.exact, forms):
            score = 0
            if prefix or suffix:
                before = match_key(text[max(0, where[0] - 64) : where[0]])
                after = match_key(text[where[1] : where[1] + 64])
                score += 2 * (before.endswith(prefix) and after.startswith(suffix))
            score += (start, end) == where
            found.append((score, article, where))
    if not found:
        raise InvalidValueError("no article here holds its target or its quote")
    best = max(score for score, _a, _w in found)
    winners = [(article, where) for score, article, where in found if score == best]
    if len(winners) > 1:
        places = len({a.id for a, _w in winners})
        raise InvalidValueError(
            f"its quote fits {len(winners)} places in {places} article"
            f"{'s' if places > 1 else ''}: left out rather than guessed")
    article, (first, last) = winners[0]
    return article, span_at(article.text, first, last)
