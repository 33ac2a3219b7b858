"""Mention finding: one compiled matcher over 50,000 aliases against synthetic articles.

    python bench/mentions_bench.py [--aliases 50000] [--articles 10000]

Prints the matcher's build time, the time for one 100,000-character article, throughput over
the articles, and, as the baseline in the same run, a loop of one regular expression per
alias over a sample of articles (extrapolated), with the ratio.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.core.mentions import MentionMatcher  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ra", "ven", "tor", "sa", "qui", "ne", "bel", "dra", "mon",
             "zu", "ri", "gal", "pé", "xo", "lin", "ha", "ú", "ster", "vik", "an", "do"]
COMMON = ("the of and to in a is that for on said was with as by at from its has it an were "
          "have which their been more would after also million percent government company "
          "year people new minister country project deal according report").split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def registry(rng: random.Random, aliases: int) -> list[tuple[str, list[str]]]:
    entries, made = [], 0
    while made < aliases:
        names = [" ".join(word(rng) for _ in range(rng.randint(1, 3)))
                 for _ in range(rng.randint(1, 4))]
        entries.append((f"e{len(entries)}", names))
        made += len(names)
    return entries


def article(rng: random.Random, names: list[str], words: int) -> str:
    out = []
    for _ in range(words):
        out.append(rng.choice(names) if rng.random() < 0.02 else rng.choice(COMMON))
    return " ".join(out) + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--aliases", type=int, default=50_000)
    parser.add_argument("--articles", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    entries = registry(rng, args.aliases)
    all_names = [n for _, names in entries for n in names]

    started = time.perf_counter()
    matcher = MentionMatcher(entries)
    print(f"matcher over {len(all_names):,} aliases built in {time.perf_counter() - started:.2f} s")

    big = article(rng, all_names, 25_000)[:100_000]
    started = time.perf_counter()
    found = matcher.find(big)
    one = time.perf_counter() - started
    print(f"one article of {len(big):,} characters: {one * 1000:.0f} ms, {len(found)} mentions")

    texts = [article(rng, all_names, 800) for _ in range(args.articles)]
    size = sum(len(t) for t in texts)
    started = time.perf_counter()
    total = sum(len(matcher.find(t)) for t in texts)
    seconds = time.perf_counter() - started
    print(f"{len(texts):,} articles ({size / 1e6:.1f} M characters): {seconds:.1f} s, "
          f"{len(texts) / seconds:.0f} articles/s, {size / seconds / 1e6:.2f} M chars/s, "
          f"{total:,} mentions")

    sample_aliases = all_names[:2_000]
    patterns = [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.I) for n in sample_aliases]
    sample = texts[:20]
    started = time.perf_counter()
    for text in sample:
        for pattern in patterns:
            pattern.findall(text)
    naive = (time.perf_counter() - started) * (len(all_names) / len(sample_aliases)) / len(sample)
    ours = seconds / len(texts)
    print(f"baseline, one regex per alias: {naive * 1000:.0f} ms per article (extrapolated), "
          f"ours {ours * 1000:.2f} ms: ratio ours / baseline = {ours / naive:.4f}")


if __name__ == "__main__":
    main()
