"""Use cases for finding where sources disagree: check-worthy sentences, and the check.

The check reads every sentence that states a value in every article, compares them across
articles (see :mod:`desktop_app.core.disagreements`), and stores each new disagreement as an
open flag raised by the named rule. A side of a flag that is not yet a claim becomes one,
with review status "needs review" and author "Factdesk", so a person can rate it. A flag is
known by a fingerprint of its kind and the two passages, so running the check again repeats
nothing, and a dismissed flag stays dismissed.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from desktop_app.core.anchoring import span_at
from desktop_app.core.checkworthy import Suggestion, rank_sentences
from desktop_app.core.dates import reference_date
from desktop_app.core.disagreements import (
    Disagreement,
    Statement,
    article_contexts,
)
from desktop_app.core.mentions import MentionMatcher
from desktop_app.core.models import Changes, Claim, Flag
from desktop_app.core.progress import (
    CancelCheck,
    ReportProgress,
    never_cancelled,
    no_progress,
    stop_if,
)
from desktop_app.core.sentences import split_sentences
from desktop_app.core.statements import Source, in_article, read_sentence, refers_back
from desktop_app.core.text import fold
from desktop_app.core.vocab import Operation
from desktop_app.services.comparing import compare
from desktop_app.services.workspace import Workspace
from desktop_app.store import UnitOfWork

#: Sentence readings kept between checks, at most (about 2 KB each).
MAX_READINGS = 400_000
#: The author of claims and flags the check makes.
CHECK_AUTHOR = "Factdesk"

#: What the check's progress says in its two stages.
READING = "Reading articles"
COMPARING = "Comparing passages"
WRITING = "Writing flags"

#: How many disagreements one transaction of the check writes at most: short enough that an
#: edit made meanwhile never waits long for SQLite's write lock.
WRITE_CHUNK = 50

#: What a cancelled check says.
NOTHING_WRITTEN = "The check was cancelled before it wrote anything: no flag was added."


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What one run of the check found and stored."""

    flags: tuple[Flag, ...]  # new flags, in the order found
    claims: tuple[Claim, ...]  # claims made for passages that were not claims yet
    known: int  # disagreements already flagged before (any status), not repeated
    statements: int  # sentences and claims compared
    pairs: int  # candidate pairs looked at
    changes: Changes = field(default_factory=Changes)


def flag_fingerprint(kind: str, first: tuple[str, str], second: tuple[str, str]) -> str:
    """The same two passages (article id, words) disagreeing on the same kind of fact give
    the same print, whoever raised the flag."""
    sides = sorted(f"{article_id}:{' '.join(fold(text).split())}"
                   for article_id, text in (first, second))
    return hashlib.sha256("\x1f".join((kind, *sides)).encode("utf-8")).hexdigest()


def passage_of(text: str, start: int, end: int) -> str:
    """The sentence the check reads for a claim at [start, end): the first that overlaps it."""
    for sentence in split_sentences(text):
        if sentence.start < end and start < sentence.end:
            return sentence.text
    return text[start:end]


def print_of_flag(uow: UnitOfWork, kind: str, claim_a: str, claim_b: str,
                  texts: dict[str, str] | None = None,
                  claims: Mapping[str, Claim] | None = None) -> str:
    """The print the check would give a flag between two stored claims. ``texts`` (article
    id -> text) and ``claims`` (id -> claim) spare reading again what was read already."""
    texts = {} if texts is None else texts
    sides = []
    for claim_id in (claim_a, claim_b):
        claim = claims[claim_id] if claims is not None and claim_id in claims \
            else uow.claims.get(claim_id)
        if claim.article_id not in texts:
            texts[claim.article_id] = uow.articles.get(claim.article_id).text
        sides.append((claim.article_id,
                      passage_of(texts[claim.article_id], claim.start, claim.end)))
    return flag_fingerprint(kind, sides[0], sides[1])


def fingerprint(d: Disagreement) -> str:
    """The print of a disagreement the check found."""
    return flag_fingerprint(d.kind, (d.first.article_id, d.first.text),
                            (d.second.article_id, d.second.text))


class CheckService:
    """The check for disagreements between articles, and claim suggestions."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        # What the last checks read, kept while it still holds (see _statements).
        self._registry: tuple[str, MentionMatcher] | None = None
        self._sentences: dict[str, list[tuple[int, int, str, frozenset[str]]]] = {}
        self._readings: dict[tuple[str, date | None, frozenset[str], str], Statement] = {}

    def suggest_claims(self, article_ref: str, *, limit: int | None = None
                       ) -> list[Suggestion]:
        """The article's sentences worth checking, best first, each with its reasons.

        Raises:
            NotFoundError / AmbiguousIdError: the article is not known.
        """
        with self._ws.read() as uow:
            article = uow.articles.get(uow.articles.resolve(article_ref))
        return rank_sentences(article.text, reference_date(article.text, article.published),
                              limit=limit)

    def _statements(self, uow: UnitOfWork, texts: dict[str, str],
                    progress: ReportProgress = no_progress,
                    cancelled: CancelCheck = never_cancelled) -> list[Statement]:
        """Every statement with values the check compares; fills ``texts`` (article id ->
        text) with the articles it read. Reports one step per article read. An article's
        sentences and their mentions are kept by its content hash and the entity registry, and
        each sentence's reading by what it depends on (:func:`read_sentence`), so a second
        check reads only what changed.

        Raises:
            WorkCancelled: a cancel was asked for (between two articles).
        """
        entities = uow.entities.list()
        registry = hashlib.sha256(repr(sorted(
            (e.id, e.name, e.aliases, e.type, e.merged_into) for e in entities)).encode("utf-8")
        ).hexdigest()
        if self._registry is None or self._registry[0] != registry:
            self._registry = (registry, MentionMatcher.from_entities(entities))
            self._sentences.clear()
        matcher = self._registry[1]
        if len(self._readings) > MAX_READINGS:
            self._readings.clear()
        statements: list[Statement] = []
        claims_by_article: dict[str, list[Claim]] = {}
        for claim in uow.claims.list():
            claims_by_article.setdefault(claim.article_id, []).append(claim)
        by_id = {a.id: a for a in uow.articles.list()}
        articles = [by_id[summary.id] for summary in uow.articles.summaries()]
        texts.update((a.id, a.text) for a in articles)
        stories = article_contexts({a.id: a.text for a in articles})
        for done, article in enumerate(articles):
            progress(done, len(articles), READING)
            stop_if(cancelled, NOTHING_WRITTEN)
            reference = reference_date(article.text, article.published)
            claims = sorted(claims_by_article.get(article.id, []), key=lambda c: c.start)
            story = stories[article.id]
            previous = ""
            for start, end, text, mentioned in self._sentences_of(article.text,
                                                                  article.content_hash,
                                                                  matcher):
                covering = [c for c in claims if c.start < end and start < c.end]
                ref = covering[0].id if covering else f"{article.id}:{start}:{end}"
                source = Source.CLAIM if covering else Source.SENTENCE
                entity_ids = set(mentioned)
                for claim in covering:
                    entity_ids.update(claim.entity_ids)
                # The sentence before matters only to one that refers back to it.
                key = (text, reference, frozenset(entity_ids),
                       previous if refers_back(text) else "")
                reading = self._readings.get(key)
                if reading is None:
                    reading = self._readings[key] = read_sentence(*key)
                previous = text
                if reading.has_values:
                    statements.append(in_article(reading, ref, article.id, start, story.story,
                                                 story.focus, story.profile, source))
        progress(len(articles), len(articles), READING)
        return statements

    def _sentences_of(self, text: str, content_hash: str, matcher: MentionMatcher
                      ) -> list[tuple[int, int, str, frozenset[str]]]:
        """(start, end, text, entity ids mentioned) of each sentence of an article, kept by
        the article's content hash while the registry stays the same."""
        found = self._sentences.get(content_hash)
        if found is None:
            found = self._sentences[content_hash] = [
                (s.start, s.end, s.text, frozenset(m.entity_id for m in matcher.find(s.text)))
                for s in split_sentences(text)]
        return found

    def check(self, *, progress: ReportProgress = no_progress,
              cancelled: CancelCheck = never_cancelled) -> CheckReport:
        """Compare every article with every other; store new disagreements as open flags,
        with a claim ("needs review", author "Factdesk") for each passage that was none.
        A disagreement flagged before, whatever its status, is not raised again.

        The articles are read and compared in a read transaction, so others may keep
        editing: SQLite's write lock is taken only to write, in short transactions of at
        most :data:`WRITE_CHUNK` disagreements each (the report's ``changes`` hold them all,
        so one undo takes the whole check back). A disagreement whose article or claim
        changed or went away meanwhile is left for the next check. ``progress`` hears of
        each article read ("Reading articles"), the candidate pairs compared ("Comparing
        passages") and the disagreements written ("Writing flags"); ``cancelled`` is looked
        at until the writing starts, and a cancelled check writes nothing.

        Raises:
            WorkCancelled: a cancel was asked for before the write; nothing was written.
            ProjectError: the project is read-only or refused the change.
        """
        self._ws.writable()
        texts: dict[str, str] = {}
        with self._ws.read() as uow:
            hashes = uow.articles.keys()
            statements = self._statements(uow, texts, progress, cancelled)
        stop_if(cancelled, NOTHING_WRITTEN)
        # A big comparison runs in a child process: the window keeps its interpreter.
        compared, found = compare(statements, lambda done, total: progress(
            done, total, COMPARING), cancelled, message=NOTHING_WRITTEN)
        progress(compared, compared, COMPARING)
        stop_if(cancelled, NOTHING_WRITTEN)
        flags: list[Flag] = []
        claims: list[Claim] = []
        made: dict[tuple[str, int], Claim] = {}
        changes = Changes()
        repeated = 0
        now = self._ws.now()
        for first in range(0, len(found), WRITE_CHUNK):
            progress(first, len(found), WRITING)
            self._ws.store.let_writers_in()  # an edit waiting for the lock goes first
            chunk_flags, chunk_claims, chunk_repeated, chunk_changes = self._write(
                found[first:first + WRITE_CHUNK], hashes, texts, made, now)
            flags += chunk_flags
            claims += chunk_claims
            repeated += chunk_repeated
            changes = changes | chunk_changes
        progress(len(found), len(found), WRITING)
        return CheckReport(tuple(flags), tuple(claims), repeated, len(statements), compared,
                           changes)

    def _write(self, found: list[Disagreement], hashes: dict[str, str], texts: dict[str, str],
               made: dict[tuple[str, int], Claim], now: datetime
               ) -> tuple[list[Flag], list[Claim], int, Changes]:
        """Store one run of found disagreements in one short transaction (so an edit made
        meanwhile waits for SQLite's write lock a moment, not for the whole check): the new
        flags, the review claims they need (``made`` keeps those of earlier runs, by article
        and start), how many were known already, and what changed."""
        with self._ws.write(Operation.CHECK, actor=CHECK_AUTHOR) as uow:
            now_hashes = uow.articles.keys()
            still = {a for a, h in hashes.items() if now_hashes.get(a) == h}
            claim_ids = uow.claims.ids()

            def current(side: Statement) -> bool:
                return side.article_id in still and (
                    side.source is not Source.CLAIM or side.ref in claim_ids)

            known = uow.flags.fingerprints()
            new_flags: list[tuple[Flag, str]] = []
            new_claims: dict[tuple[str, int], Claim] = {}
            repeated = 0
            for disagreement in found:
                if not (current(disagreement.first) and current(disagreement.second)):
                    continue  # changed while the check ran: the next check sees it anew
                print_ = fingerprint(disagreement)
                if print_ in known:
                    repeated += 1
                    continue
                known.add(print_)
                sides = [self._claim_for(texts, side, disagreement, made, now, new_claims)
                         for side in (disagreement.first, disagreement.second)]
                flag = Flag(id=str(uuid.uuid4()), claim_a=sides[0], claim_b=sides[1],
                            kind=disagreement.kind, severity=disagreement.severity,
                            status="open",
                            raised_by=f"{CHECK_AUTHOR} ({disagreement.kind} rule)",
                            explanation=disagreement.explanation, note="", created=now,
                            modified=now)
                new_flags.append((flag, print_))
            # In bulk, through the journal: the claims first (the flags point at them).
            uow.claims.add_many([(claim, (), ()) for claim in new_claims.values()])
            uow.flags.add_many(new_flags)
            stored = {c.id: c for c in uow.claims.list(ids=[c.id for c in new_claims.values()])}
        return ([flag for flag, _print in new_flags],
                [stored[c.id] for c in new_claims.values()], repeated, uow.changes)

    @staticmethod
    def _claim_for(texts: dict[str, str], statement: Statement, disagreement: Disagreement,
                   made: dict[tuple[str, int], Claim], now: datetime,
                   new: dict[tuple[str, int], Claim]) -> str:
        """The claim on one side of a flag: the person's claim, or one made for review
        (``made``, by article and start, holds every one made in this check; ``new`` those
        of the run being written, in bulk once its flags are known)."""
        if statement.source is Source.CLAIM:
            return statement.ref
        known = made.get((statement.article_id, statement.start))
        if known is not None:
            return known.id
        span = span_at(texts[statement.article_id], statement.start, statement.end)
        claim = Claim(id=str(uuid.uuid4()), article_id=statement.article_id, start=span.start,
                      end=span.end, exact=span.exact, prefix=span.prefix, suffix=span.suffix,
                      verdict="unverified", status="needs review",
                      note=f"Found by the check ({disagreement.kind}).", author=CHECK_AUTHOR,
                      created=now, modified=now, entity_ids=())
        made[(statement.article_id, statement.start)] = claim
        new[(statement.article_id, statement.start)] = claim
        return claim.id
