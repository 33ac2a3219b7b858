"""A desk at work: many members editing one shared project on PostgreSQL at once.

    python bench/team_bench.py [--clients 10] [--edits 1000] [--claims 200] [--hot 5]
                               [--url postgresql://superuser@host:port/postgres]

Without ``--url`` (or FACTDESK_TEST_POSTGRES) it starts a throw-away PostgreSQL cluster from
this machine's binaries. The owner makes a shared project with one article and ``--claims``
claims and grants each client the checker role. Then ``--clients`` processes, each a member
with its own search index, make ``--edits`` edits each: read a claim, change its note (a word
no other edit uses) on the version read. One edit in five goes to one of ``--hot`` claims every
member edits, so members really do edit the same claims at the same time.

Printed: edits per second over all clients, median and p95 latency of one edit (reading the
claim and the edit itself, as a person's edit in the app does), how many edits were applied
and how many became conflicts — and how many were lost: an edit is lost unless the database
holds it either in the audit log (applied, by that member) or as a conflict kept beside the
claim (from that member). Afterwards every member's index catches up and must find every
claim under the note the database holds for it.

The baseline, in the same process, is the same edit written with one plain SQL ``UPDATE``
(no version check, no audit, no index) by one client: the ratio says what the whole path
of a shared edit costs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TEXT_WORDS = ("the minister said copper exports to China rose by percent while the port of "
              "Chancay opened and the mine reported output of tonnes a year").split()


def _article(claims: int) -> str:
    rng = random.Random(7)
    return " ".join(f"Sentence {i} {' '.join(rng.choices(TEXT_WORDS, k=8))}."
                    for i in range(claims)) + "\n"


def _member(args: tuple[str, str, int, int, list[str], int, int, object, object]) -> dict:
    """One client: its edits, then (once every client is done) its index's check."""
    from desktop_app.services import open_project

    url, folder, index, edits, claim_ids, hot, seed, barrier, results = args
    name = f"member{index}"
    rng = random.Random(seed)
    own = [c for i, c in enumerate(claim_ids[hot:]) if i % 10 == index % 10] or claim_ids
    latencies: list[float] = []
    applied: list[str] = []
    conflicts: list[str] = []
    with open_project(Path(folder) / name, database=url.replace("owner@", f"{name}@", 1),
                      create=False) as project:
        for i in range(edits):
            claim_id = rng.choice(claim_ids[:hot]) if rng.random() < 0.2 else rng.choice(own)
            note = f"m{index}e{i}"
            started = time.perf_counter()
            claim = project.claims.get(claim_id)
            result = project.claims.edit(claim_id, note=note, version=claim.version)
            latencies.append(time.perf_counter() - started)
            (conflicts if result.conflict is not None else applied).append(note)
        barrier.wait()  # type: ignore[attr-defined]
        project.search.catch_up()
        wrong = 0
        current = {c.id: c.note for c in project.claims.list()}
        for claim_id, note in current.items():
            hits = project.search.find(note, kind="claim", limit=5).hits
            if claim_id not in {h.id for h in hits}:
                wrong += 1
    return {"latencies": latencies, "applied": applied, "conflicts": conflicts,
            "index_wrong": wrong, "claims": len(current)}


def _baseline(url: str, claim_ids: list[str], edits: int) -> float:
    """Edits per second of one plain UPDATE each, one client."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    started = time.perf_counter()
    with engine.connect() as conn:
        for i in range(edits):
            conn.execute(text("UPDATE claims SET note = :n WHERE id = :c"),
                         {"n": f"base{i}", "c": claim_ids[i % len(claim_ids)]})
            conn.commit()
    elapsed = time.perf_counter() - started
    engine.dispose()
    return edits / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--edits", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=200)
    parser.add_argument("--hot", type=int, default=5)
    parser.add_argument("--url", default=os.environ.get("FACTDESK_TEST_POSTGRES"))
    options = parser.parse_args()

    from tests.postgres import Cluster, start_cluster

    cluster = Cluster(options.url) if options.url else start_cluster()
    if cluster is None:
        print("team_bench: no PostgreSQL server (give --url or install PostgreSQL)")
        return 2
    folder = Path(tempfile.mkdtemp(prefix="factdesk-team-bench-"))
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    from desktop_app.services import open_project

    url = cluster.new_database("owner")
    try:
        with open_project(folder / "owner", database=url) as owner:
            source = folder / "article.txt"
            source.write_text(_article(options.claims), encoding="utf-8")
            article = owner.articles.import_paths([source]).outcomes[0].article_id
            assert article is not None
            claim_ids = [owner.claims.add(article, quote=f"Sentence {i} ", occurrence=1,
                                         note=f"s{i}x").claim.id
                         for i in range(options.claims)]
            for index in range(options.clients):
                owner.team.grant(f"member{index}", "checker")
        context = multiprocessing.get_context("spawn")
        barrier = context.Manager().Barrier(options.clients)
        jobs = [(url, str(folder), i, options.edits, claim_ids, options.hot, 1000 + i, barrier,
                 None) for i in range(options.clients)]
        started = time.perf_counter()
        with context.Pool(options.clients) as pool:
            outcomes = pool.map(_member, jobs)
        elapsed = time.perf_counter() - started

        latencies = sorted(x for o in outcomes for x in o["latencies"])
        total = len(latencies)
        applied = sum(len(o["applied"]) for o in outcomes)
        conflicts = sum(len(o["conflicts"]) for o in outcomes)
        lost = _lost(cluster, url, outcomes)
        baseline = _baseline(url, claim_ids, min(total, 2000))
        rate = total / elapsed
        p95 = latencies[int(0.95 * (total - 1))]
        print(f"clients {options.clients}, edits {total} ({options.edits} each) on "
              f"{options.claims} claims, {options.hot} edited by everyone")
        print(f"edits/s          {rate:10.1f}   (plain SQL UPDATE, one client: "
              f"{baseline:.1f}/s; ratio {baseline / rate:.1f}x)")
        print(f"latency median   {statistics.median(latencies) * 1000:10.1f} ms")
        print(f"latency p95      {p95 * 1000:10.1f} ms")
        print(f"applied          {applied:10d}")
        print(f"conflicts        {conflicts:10d}   (kept beside their claims to settle)")
        print(f"lost             {lost:10d}")
        wrong = sum(o["index_wrong"] for o in outcomes)
        print(f"index disagrees  {wrong:10d}   (claims a member's index did not find under "
              f"the database's note, over {options.clients} members)")
        return 0 if lost == 0 and wrong == 0 else 1
    finally:
        cluster.drop(url)
        cluster.close()
        shutil.rmtree(folder, ignore_errors=True)


def _lost(cluster: object, url: str, outcomes: list[dict]) -> int:
    """Edits the database holds neither as applied (audit log) nor as a kept conflict."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        audited = set()
        for actor, detail in conn.execute(text(
                "SELECT actor, detail FROM audit_events WHERE action = 'claim.edit'")):
            note = json.loads(detail).get("after", {}).get("note")
            if note:
                audited.add((actor, note))
        kept = {(author, json.loads(incoming).get("note")) for author, incoming in conn.execute(
            text("SELECT from_author, incoming FROM claim_conflicts"))}
    engine.dispose()
    lost = 0
    for index, outcome in enumerate(outcomes):
        name = f"member{index}"
        lost += sum((name, note) not in audited for note in outcome["applied"])
        lost += sum((name, note) not in kept for note in outcome["conflicts"])
    return lost


if __name__ == "__main__":
    sys.exit(main())
