"""How the check's time grows with the number of claims.

    python bench/check_bench.py [--sizes 1000 10000 100000]

Builds deterministic synthetic corpora of claims (ten per article) written from templates:
amounts of named measures for named places and companies, with periods, and dated events,
so that some pairs disagree and most do not. For each size it times reading the values of
every claim, blocking, and comparing the candidate pairs, and prints the time per 1,000
claims. The baseline, run in the same process on the same sentences, is a bare pass of
Python's ``re`` that only finds the numbers in them.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args()
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
