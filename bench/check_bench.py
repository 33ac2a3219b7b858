"""How the check's time grows with the number of claims.

    python bench/check_bench.py [--sizes 1000 10000 100000] [--service 1000 10000 100000]
                                [--profile]

Builds deterministic synthetic corpora of claims (ten per article) written from templates:
amounts of named measures for named places and companies, with periods, and dated events,
so that some pairs disagree and most do not. For each size it times reading the values of
every claim, blocking, and comparing the candidate pairs, and prints the time per 1,000
claims. The baseline, run in the same process on the same sentences, is a bare pass of
Python's ``re`` that only finds the numbers in them.

``--service`` also runs the check as a user does, through ``project.checking.check()`` on a
project holding the same sentences (ten per article, each marked as a claim; written through
the repositories in bulk): reading every article and claim, the check, and writing the flags,
the review claims and their audit events through the store's journal in one transaction. It
prints that time, the time of a second check right after (the sentences' readings are kept:
what a check after an edit costs), the share spent in the journal and the audit log, and the
ratio to the core check on the same claims. ``--profile`` prints the service check's top functions.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import re
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.disagreements import (  # noqa: E402
    candidate_pairs,
    find_disagreements,
    read_statement,
)

MEASURES = ["investment", "revenue", "exports", "trade", "debt", "budget", "production",
            "spending", "imports", "funding"]
EVENTS = ["summit", "conference", "forum", "election", "visit"]
MONTHS = ["January", "March", "May", "June", "September", "November"]


def names(count: int, rng: random.Random) -> list[str]:
    syllables = ["ka", "lo", "mi", "ra", "te", "vo", "sun", "dar", "bel", "cor", "ven", "tal"]
    out = set()
    while len(out) < count:
        out.add("".join(rng.choice(syllables) for _ in range(3)).capitalize())
    return sorted(out)


class Truth:
    """One value per fact, so that most sources agree and about one in ten does not."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.facts = rng, {}

    def value(self, key: tuple, make):  # type: ignore[no-untyped-def]
        if key not in self.facts:
            self.facts[key] = make()
        return make() if self.rng.random() < 0.1 else self.facts[key]


def sentence(rng: random.Random, truth: Truth, places: list[str], groups: list[str]) -> str:
    place, group, measure = rng.choice(places), rng.choice(groups), rng.choice(MEASURES)
    roll = rng.random()
    if roll < 0.45:
        amount, scale, period = truth.value(("amount", place, group, measure), lambda: (
            rng.choice([1, 2, 5, 12, 40, 65, 120, 300]), rng.choice(["million", "billion"]),
            rng.choice([f" since {rng.randint(2010, 2016)}",
                        f" between {rng.randint(2010, 2016)} and {rng.randint(2017, 2023)}"])))
        bound = rng.choice(["", "about "])
        return (f"{group}'s {measure} in {place} reached {bound}${amount} "
                f"{scale}{period}, officials said.")
    if roll < 0.7:
        share = truth.value(("share", place, group, measure), lambda: rng.randint(2, 90))
        return f"{place} holds {rng.choice(['about ', ''])}{share} percent of " \
               f"{group}'s {measure}."
    if roll < 0.9:
        event = rng.choice(EVENTS)
        month, day = truth.value(("event", place, event), lambda: (
            rng.choice(MONTHS), rng.randint(1, 27)))
        return (f"The {place} {event} took place on {month} {day}, where {group} "
                f"leaders met.")
    return f"The {group} board met in {place} to discuss the plan for the coming season."


def corpus(claims: int, seed: int = 3) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    # The registry grows with the corpus, as it does in a real newsroom.
    places = names(max(20, claims // 200), rng)
    groups = names(max(20, claims // 200), rng)
    truth = Truth(rng)
    return [(f"a{i // 10:06d}", sentence(rng, truth, places, groups)) for i in range(claims)]


def run(size: int) -> dict:
    sentences = corpus(size)
    reference = date(2024, 11, 20)
    started = time.perf_counter()
    numbers = re.compile(r"\d+(?:\.\d+)?")
    for _article, text in sentences:
        numbers.findall(text)
    baseline = time.perf_counter() - started

    started = time.perf_counter()
    statements = [read_statement(f"c{i}", article, 0, text, reference)
                  for i, (article, text) in enumerate(sentences)]
    read = time.perf_counter() - started
    started = time.perf_counter()
    pairs = candidate_pairs(statements)
    block = time.perf_counter() - started
    started = time.perf_counter()
    found = find_disagreements(statements, pairs)
    compare = time.perf_counter() - started
    return {"size": size, "read": read, "block": block, "compare": compare,
            "total": read + block + compare, "pairs": len(pairs), "flags": len(found),
            "baseline": baseline}


def build_project(folder: Path, sentences: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    """A project whose articles hold ``sentences`` (ten each), every sentence a claim."""
    from desktop_app.core.models import Article, Claim
    from desktop_app.core.text import content_hash
    from desktop_app.core.vocab import Operation
    from desktop_app.services import open_project

    project = open_project(folder / "project", author="bench")
    by_article: dict[str, list[str]] = {}
    for article, text in sentences:
        by_article.setdefault(article, []).append(text)
    now = datetime(2024, 11, 20, tzinfo=UTC)
    store = project._ws.store
    names = sorted(by_article)
    for start in range(0, len(names), 1_000):
        with store.write("bench", Operation.ARTICLE_IMPORT) as uow:
            claims = []
            for name in names[start:start + 1_000]:
                text = " ".join(by_article[name])
                article_id = str(uuid.uuid5(uuid.NAMESPACE_URL, name))
                uow.articles.add(Article(
                    id=article_id, title=f"Report {name}", text=text,
                    content_hash=content_hash(text), original_hash=None, original_name=None,
                    format="txt", publisher=f"Outlet {name[-1]}", author=None, url=None,
                    published=date(2024, 11, 20), retrieved=now, language="en"))
                offset = 0
                for sentence in by_article[name]:
                    end = offset + len(sentence)
                    claims.append((Claim(
                        id=str(uuid.uuid4()), article_id=article_id, start=offset, end=end,
                        exact=sentence, prefix=text[max(0, offset - 32):offset],
                        suffix=text[end:end + 32], verdict="unverified", status="draft",
                        note="", author="bench", created=now, modified=now), (), ()))
                    offset = end + 1
            uow.claims.add_many(claims)
    return project


def run_service(size: int, profile: bool) -> dict:
    """The check through the service on a project of ``size`` claims, beside the core check
    on the same sentences."""
    from desktop_app.store import journal as journal_module
    from desktop_app.store import repositories, unit_of_work

    core = run(size)
    with tempfile.TemporaryDirectory(prefix="factdesk-check-bench-") as tmp:
        project = build_project(Path(tmp), corpus(size))
        # Time spent recording rows and turning them into audit events.
        spent = {"journal": 0.0}

        def timed(function):  # type: ignore[no-untyped-def]
            def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
                started = time.perf_counter()
                try:
                    return function(*args, **kwargs)
                finally:
                    spent["journal"] += time.perf_counter() - started
            return wrapper

        journal, audit = journal_module.Journal, repositories.AuditRepository
        originals = (journal.insert, journal.update_rows, unit_of_work.audit_events,
                     audit.record_many)
        journal.insert = timed(journal.insert)  # type: ignore[method-assign]
        journal.update_rows = timed(journal.update_rows)  # type: ignore[method-assign]
        unit_of_work.audit_events = timed(unit_of_work.audit_events)
        audit.record_many = timed(audit.record_many)  # type: ignore[method-assign]
        profiler = cProfile.Profile() if profile else None
        try:
            started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            report = project.checking.check()
            if profiler is not None:
                profiler.disable()
            total = time.perf_counter() - started
            # Again, as after an edit: the sentences' readings are kept, nothing is new.
            started = time.perf_counter()
            project.checking.check()
            again = time.perf_counter() - started
        finally:
            (journal.insert, journal.update_rows, unit_of_work.audit_events,
             audit.record_many) = originals
        project.close()
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        print(out.getvalue())
    return {"size": size, "total": total, "again": again, "journal": spent["journal"],
            "flags": len(report.flags), "claims": len(report.claims), "core": core["total"],
            "baseline": core["baseline"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 100_000])
    parser.add_argument("--service", type=int, nargs="*", default=None,
                        help="also run the check through the service at these sizes")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    if args.service is not None:
        print(f"{'claims':>8}{'service s':>11}{'again s':>9}{'journal s':>11}{'core s':>9}"
              f"{'svc/core':>10}{'svc/re':>9}{'flags':>8}{'new claims':>12}  target < 30 s "
              "at 100,000")
        served = []
        for size in args.service or [1_000, 10_000]:
            r = run_service(size, args.profile)
            served.append(r)
            print(f"{r['size']:>8,}{r['total']:>11.2f}{r['again']:>9.2f}{r['journal']:>11.2f}"
                  f"{r['core']:>9.2f}"
                  f"{r['total'] / r['core']:>9.2f}x{r['total'] / r['baseline']:>8.0f}x"
                  f"{r['flags']:>8,}{r['claims']:>12,}")
        if len(served) > 1:
            first, last = served[0], served[-1]
            growth = (last["total"] / first["total"]) / (last["size"] / first["size"])
            print(f"service growth from {first['size']:,} to {last['size']:,} claims: "
                  f"{growth:.2f}x linear (1.00 = linear)")
        if not args.sizes:
            return
    print(f"{'claims':>8}{'read s':>9}{'block s':>9}{'compare s':>11}{'total s':>9}"
          f"{'ms/1k':>8}{'pairs':>10}{'flags':>8}{'vs re':>8}")
    rows = []
    for size in args.sizes:
        r = run(size)
        rows.append(r)
        print(f"{r['size']:>8,}{r['read']:>9.2f}{r['block']:>9.2f}{r['compare']:>11.2f}"
              f"{r['total']:>9.2f}{r['total'] / r['size'] * 1e6:>8.0f}{r['pairs']:>10,}"
              f"{r['flags']:>8,}{r['total'] / r['baseline']:>7.0f}x")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["total"] / first["total"]) / (last["size"] / first["size"])
        print(f"growth from {first['size']:,} to {last['size']:,} claims: "
              f"{growth:.2f}x linear (1.00 = linear)")


if __name__ == "__main__":
    main()
