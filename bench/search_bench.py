"""Search speed: our index on tantivy and on Whoosh against SQLite FTS5, on one corpus.

    python bench/search_bench.py [--articles 10000] [--claims 50000] [--queries 200]

Builds a deterministic synthetic corpus (articles of about 800 words with a Zipf-like
vocabulary, and claims quoting them), indexes it with our index on each engine (tantivy
and Whoosh) and with SQLite FTS5 (bm25, snippet()) side by side, and reports build time, size
on disk, p50/p95 latency over a fixed set of queries (words, two-word AND, phrases, a field
filter, a facet request; top 20 with snippets and hit offsets for ours), the ratio ours /
FTS5, and the time to update one claim.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import io
import pstats
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.search import ArticleDoc, ClaimDoc, SearchQuery, WhooshIndex  # noqa: E402
from desktop_app.search.tantivy_index import TantivyIndex  # noqa: E402

OUTLETS = ["Harbour Ledger", "Daily Courier", "Mining Wire", "Northfield Observer", "Radio Costa"]
TAGS = ["economy", "mining", "ports", "health", "elections", "energy", "water", "trade"]
VERDICTS = ["unverified", "true", "mostly true", "mixed", "false"]


def vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(3, 10))))
    return sorted(words)


def corpus(n_articles: int, n_claims: int, seed: int = 11):
    rng = random.Random(seed)
    words = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]
    articles = []
    for i in range(n_articles):
        body = rng.choices(words, weights, k=800)
        paragraphs = [" ".join(body[j : j + 80]).capitalize() + "." for j in range(0, 800, 80)]
        articles.append(ArticleDoc(
            id=f"a{i:06d}", title=" ".join(rng.choices(words, weights, k=8)).capitalize(),
            outlet=rng.choice(OUTLETS), author=None,
            published=date(2020, 1, 1) + timedelta(days=rng.randint(0, 1800)),
            text="\n\n".join(paragraphs)))
    claims = []
    for i in range(n_claims):
        article = articles[rng.randrange(n_articles)]
        start = rng.randrange(0, max(1, len(article.text) - 120))
        start = article.text.rfind(" ", 0, start) + 1
        quote = article.text[start : start + rng.randint(40, 120)]
        claims.append(ClaimDoc(
            id=f"c{i:06d}", article_id=article.id, article_title=article.title,
            outlet=article.outlet, published=article.published, quote=quote, start=start,
            note=" ".join(rng.choices(words, weights, k=6)), tags=tuple(rng.sample(TAGS, 2)),
            verdict=rng.choice(VERDICTS), status="draft", entity_ids=(), entity_names=()))
    return words, articles, claims


def queries(words: list[str], n: int, seed: int = 5) -> list[tuple[str, str, dict]]:
    """(label, our query, FTS5 match expression and filters)."""
    rng = random.Random(seed)
    common, middle = words[:200], words[200:3000]
    out = []
    for i in range(n):
        kind = i % 5
        a, b = rng.choice(middle), rng.choice(common)
        if kind == 0:
            out.append(("word", a, {"match": a}))
        elif kind == 1:
            out.append(("and", f"{a} {b}", {"match": f"{a} AND {b}"}))
        elif kind == 2:
            out.append(("phrase", f'"{b} {rng.choice(common)}"',
                        {"match": f'"{b} {rng.choice(common)}"'}))
        elif kind == 3:
            outlet = rng.choice(OUTLETS)
            out.append(("field", f'{a} outlet:"{outlet}"',
                        {"match": f'{a} AND outlet:"{outlet}"'}))
        else:
            out.append(("facet", b, {"match": b, "facet": True}))
    return out


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_ours(folder: Path, engine, articles, claims, plan, profile: bool = False) -> dict:
    index = engine(folder / engine.__name__)
    started = time.perf_counter()
    index.rebuild([*articles, *claims], generation=1)
    build = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (folder / engine.__name__).iterdir())
    timings = []
    profiler = cProfile.Profile() if profile else None
    for _label, text, _fts in plan:
        started = time.perf_counter()
        if profiler is not None:
            profiler.enable()
        index.search(SearchQuery(text, limit=20))
        if profiler is not None:
            profiler.disable()
        timings.append(time.perf_counter() - started)
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())
    updates = []
    for i in range(30):
        claim = claims[i]
        changed = dataclasses.replace(claim, note=f"updated note {i}")
        started = time.perf_counter()
        index.apply([changed], [], generation=2 + i)
        updates.append(time.perf_counter() - started)
    index.close()
    return {"build": build, "size": size, "times": timings, "update": statistics.mean(updates)}


def bench_fts5(folder: Path, articles, claims, plan) -> dict:
    db = sqlite3.connect(folder / "fts.sqlite3")
    started = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, id UNINDEXED, title, "
               "outlet, body, tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO docs VALUES (?,?,?,?,?)",
                   [("article", a.id, a.title, a.outlet, a.text) for a in articles]
                   + [("claim", c.id, c.article_title, c.outlet, f"{c.quote} {c.note}")
                      for c in claims])
    db.commit()
    build = time.perf_counter() - started
    size = (folder / "fts.sqlite3").stat().st_size
    timings = []
    for _label, _text, fts in plan:
        started = time.perf_counter()
        db.execute("SELECT id, snippet(docs, 4, '«', '»', '…', 24) FROM docs WHERE docs MATCH ? "
                   "ORDER BY bm25(docs) LIMIT 20", (fts["match"],)).fetchall()
        if fts.get("facet"):
            db.execute("SELECT outlet, count(*) FROM docs WHERE docs MATCH ? GROUP BY outlet",
                       (fts["match"],)).fetchall()
        timings.append(time.perf_counter() - started)
    db.close()
    return {"build": build, "size": size, "times": timings}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--claims", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--profile", action="store_true",
                        help="print the top functions of our searches (cProfile)")
    args = parser.parse_args()
    words, articles, claims = corpus(args.articles, args.claims)
    plan = queries(words, args.queries)
    folder = Path(tempfile.mkdtemp(prefix="factdesk-search-bench-"))
    print(f"corpus: {len(articles):,} articles, {len(claims):,} claims, {len(plan)} queries")
    results = {"SQLite FTS5": bench_fts5(folder, articles, claims, plan)}
    engines = {"ours, tantivy": TantivyIndex, "ours, Whoosh": WhooshIndex}
    for name, engine in engines.items():
        results[name] = bench_ours(folder, engine, articles, claims, plan, args.profile)
    print(f"{'engine':<15}{'build s':>9}{'size MB':>9}{'p50 ms':>9}{'p95 ms':>9}")
    for name, r in results.items():
        ms = [t * 1000 for t in r["times"]]
        print(f"{name:<15}{r['build']:>9.1f}{r['size'] / 1e6:>9.1f}"
              f"{percentile(ms, 50):>9.1f}{percentile(ms, 95):>9.1f}")
    fts = results["SQLite FTS5"]
    labels = sorted({label for label, _text, _fts in plan})
    for name in engines:
        ours = results[name]
        p50 = percentile(ours["times"], 50) / percentile(fts["times"], 50)
        p95 = percentile(ours["times"], 95) / percentile(fts["times"], 95)
        print(f"{name} / FTS5: p50 {p50:.1f}x, p95 {p95:.1f}x, "
              f"build {ours['build'] / fts['build']:.1f}x; update of one claim "
              f"{ours['update'] * 1000:.1f} ms (mean of 30)")
        by_kind = []
        for label in labels:
            mine = [t for t, step in zip(ours["times"], plan, strict=True) if step[0] == label]
            theirs = [t for t, step in zip(fts["times"], plan, strict=True) if step[0] == label]
            by_kind.append(f"{label} {percentile(mine, 50) / percentile(theirs, 50):.1f}x")
        print("    p50 by query kind: " + ", ".join(by_kind))


if __name__ == "__main__":
    main()
