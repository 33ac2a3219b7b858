"""Export and import of a large project as a bundle.

    python bench/bundle_bench.py [--articles 10000] [--claims-per-article 10]

Builds a project of synthetic articles (about 2,000 characters each), claims with tags and
entity links, entities and flags, written straight through the store's bulk inserts. Then it
times exporting the whole project as a signed bundle and importing that bundle into an empty
project (the full path: unzip, checksums, signature, validation, references, merge plan,
bulk writes, audit, search index). The baseline, in the same process, writes and reads the
same records as JSON Lines in a zip with the standard library alone (``json`` + ``zipfile``,
no validation, no database). The target is export plus import, including building the
imported project's search index, under 60 s for 10,000 articles with 100,000 claims. The share
of the import spent in the store's journal and the audit log is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.models import Article, Claim, Entity, Flag  # noqa: E402
from desktop_app.core.text import content_hash  # noqa: E402
from desktop_app.core.vocab import Operation  # noqa: E402
from desktop_app.exchange.signing import Keyring  # noqa: E402
from desktop_app.services import open_project  # noqa: E402

WORDS = ("the minister said copper exports to China rose by percent in while the port of "
         "Chancay opened and the mine at Las Bambas reported output of tonnes a year after "
         "protests over the summit in Lima where officials from Peru and Japan met").split()


def build(folder: Path, articles: int, per_article: int, keys: Path) -> None:
    rng = random.Random(7)
    now = datetime(2024, 11, 20, tzinfo=UTC)
    with open_project(folder, author="bench", keyring=Keyring(keys)) as project:
        store = project._ws.store  # the bench writes in bulk, below the use cases
        with store.write("bench", Operation.BUNDLE_IMPORT) as uow:
            entities = [Entity(id=str(uuid.UUID(int=rng.getrandbits(128))), name=f"Entity {n}",
                               type=rng.choice(["person", "organization", "place"]),
                               aliases=(f"E{n}",))
                        for n in range(200)]
            for entity in entities:
                uow.entities.add(entity, now)
            tag_ids = uow.tags.ensure_many([f"tag{n}" for n in range(20)])
            claim_ids: list[str] = []
            batch_articles: list[Article] = []
            batch_claims: list = []
            for number in range(articles):
                text = f"Article {number}. " + " ".join(rng.choice(WORDS) for _ in range(330))
                article = Article(
                    id=str(uuid.UUID(int=rng.getrandbits(128))), title=f"Article {number}",
                    text=text, content_hash=content_hash(text), original_hash=None,
                    original_name=f"a{number}.txt", format="txt", publisher="Bench Daily",
                    author="A. Writer", url=f"https://bench.example/{number}", published=None,
                    retrieved=now, language="en")
                batch_articles.append(article)
                for k in range(per_article):
                    start = 20 + k * 150
                    end = start + 60
                    tags = (f"tag{rng.randrange(20)}", f"tag{rng.randrange(20)}")
                    claim = Claim(
                        id=str(uuid.UUID(int=rng.getrandbits(128))), article_id=article.id,
                        start=start, end=end, exact=text[start:end],
                        prefix=text[max(0, start - 32) : start], suffix=text[end : end + 32],
                        verdict=rng.choice(["unverified", "false", "true", "mixed"]),
                        status="draft", note=f"note {k}", author="bench", created=now,
                        modified=now, tags=tuple(sorted(set(tags))),
                        entity_ids=(rng.choice(entities).id,))
                    batch_claims.append((claim, [tag_ids[t] for t in claim.tags], ()))
                    claim_ids.append(claim.id)
                if len(batch_articles) >= 1000:
                    uow.articles.add_many(batch_articles)
                    uow.claims.add_many(batch_claims)
                    batch_articles, batch_claims = [], []
            uow.articles.add_many(batch_articles)
            uow.claims.add_many(batch_claims)
            for n in range(0, min(len(claim_ids) - per_article, 10_000), per_article * 10):
                uow.flags.add(Flag(id=str(uuid.UUID(int=rng.getrandbits(128))),
                                   claim_a=claim_ids[n], claim_b=claim_ids[n + per_article],
                                   kind="amount", severity="medium", status="open",
                                   raised_by="bench", explanation="", note="", created=now,
                                   modified=now))


def baseline(bundle: Path, scratch: Path) -> float:
    """The same members written and read back with json + zipfile only."""
    with zipfile.ZipFile(bundle) as archive:
        members = {name: [json.loads(line) for line in archive.read(name).splitlines()]
                   for name in archive.namelist() if name.endswith(".jsonl")}
    started = time.perf_counter()
    out = scratch / "bare.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in members.items():
            archive.writestr(name, "".join(json.dumps(r) + "\n" for r in rows))
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            [json.loads(line) for line in archive.read(name).splitlines()]
    return time.perf_counter() - started


class JournalTimer:
    """Adds up the time spent recording rows in the store's journal and turning them into
    audit events, while in its ``with`` block."""

    def __init__(self) -> None:
        self.spent = 0.0

    def _timed(self, function):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent += time.perf_counter() - started
        return wrapper

    def __enter__(self) -> JournalTimer:
        from desktop_app.store import journal, repositories, unit_of_work

        self._saved = (journal.Journal.insert, journal.Journal.update_rows,
                       unit_of_work.audit_events, repositories.AuditRepository.record_many)
        journal.Journal.insert = self._timed(journal.Journal.insert)
        journal.Journal.update_rows = self._timed(journal.Journal.update_rows)
        unit_of_work.audit_events = self._timed(unit_of_work.audit_events)
        repositories.AuditRepository.record_many = self._timed(
            repositories.AuditRepository.record_many)
        return self

    def __exit__(self, *_exc: object) -> None:
        from desktop_app.store import journal, repositories, unit_of_work

        (journal.Journal.insert, journal.Journal.update_rows, unit_of_work.audit_events,
         repositories.AuditRepository.record_many) = self._saved


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims-per-article", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factdesk-bundle-bench-") as temporary:
        root = Path(temporary)
        started = time.perf_counter()
        build(root / "source", args.articles, args.claims_per_article, root / "keys")
        print(f"built {args.articles:,} articles with {args.articles * args.claims_per_article:,}"
              f" claims in {time.perf_counter() - started:.1f} s")
        bundle = root / "project.factdesk"
        with open_project(root / "source", author="bench", keyring=Keyring(root / "keys")) as p:
            started = time.perf_counter()
            result = p.bundles.export(bundle)
            export_s = time.perf_counter() - started
        print(f"export: {export_s:.1f} s, {bundle.stat().st_size / 1e6:.1f} MB, {result.counts}")
        journal = JournalTimer()
        with open_project(root / "target", author="other", keyring=Keyring(root / "k2")) as p:
            started = time.perf_counter()
            with journal:
                report = p.bundles.import_file(bundle)
            import_s = time.perf_counter() - started
            # A merge this large leaves the index stale; the next search rebuilds it whole.
            started = time.perf_counter()
            documents = p.search.reindex()
            index_s = time.perf_counter() - started
        print(f"import: {import_s:.1f} s (of which the journal, row writes included, and the "
              f"audit log {journal.spent:.1f} s, {journal.spent / import_s:.0%}), "
              f"added {report.added}")
        print(f"search index of the imported project: {index_s:.1f} s, {documents:,} documents")
        bare = baseline(bundle, root)
        total = export_s + import_s + index_s
        print(f"baseline (json + zipfile, write and read, no checks, no database): {bare:.1f} s")
        print(f"export + import + index: {total:.1f} s (target < 60 s); ratio to baseline "
              f"{total / bare:.1f}x (without the index {(export_s + import_s) / bare:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
