"""How fast the command line answers on a small project, against ``python -c pass``.

    python bench/cli_bench.py [--runs 7] [--articles 5]

Builds a small project in a temporary folder (a few short articles written here, two claims
each, one check so that there are flags, one search so that the index exists), then runs each
command as a fresh process, as a user would, ``--runs`` times, and prints the median wall time
of each next to the median of ``python -c pass`` measured in the same process run, and their
ratio. A ratio near 1 means the command costs little more than starting Python. A second
baseline, ``python -c "import sqlalchemy.orm"``, is the floor of any command that reads the
project (the stack names SQLAlchemy); its column says how far above that floor each command is.
The target is under 0.5 s for ``articles``, ``claims``, ``flags`` and ``search`` on a small
project.

``--profile-imports`` also prints the ten slowest imports of ``factdesk articles``
(``python -X importtime``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

ARTICLE = """Harbour Ledger {n}

The port of Saltmere handled {tons} million tonnes of copper ore in 2023, the port authority \
said on Monday. Exports of copper rose to {value} million dollars, according to the trade \
ministry. The mayor, Ana Roca, said the new pier would open in {month}.
"""
MONTHS = ["March", "June", "September", "November", "January"]


def _factdesk(project: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "--project", str(project), *args]


def _median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-400:]}")
    return statistics.median(times)


def build_project(folder: Path, articles: int, env: dict[str, str]) -> None:
    """A small project: ``articles`` short articles, two claims each, one check, an index."""
    sources = folder / "sources"
    sources.mkdir()
    for n in range(articles):
        text = ARTICLE.format(n=n, tons=10 + n % 3, value=400 + 50 * (n % 2),
                              month=MONTHS[n % len(MONTHS)])
        (sources / f"article{n}.txt").write_text(text, encoding="utf-8")
    project = folder / "project"
    subprocess.run(_factdesk(project, "import", str(sources)), env=env, cwd=ROOT, check=True,
                   capture_output=True)
    listed = subprocess.run(_factdesk(project, "articles", "--json"), env=env, cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    for article in json.loads(listed)["articles"]:
        for quote in ("million tonnes of copper ore", "Exports of copper rose"):
            done = subprocess.run(_factdesk(project, "claim", "add", article["id"], "--quote",
                                            quote), env=env, cwd=ROOT, capture_output=True)
            if done.returncode != 0:
                raise SystemExit(f"claim add failed: {done.stderr.decode()[-400:]}")
    subprocess.run(_factdesk(project, "check"), env=env, cwd=ROOT, check=True,
                   capture_output=True)
    subprocess.run(_factdesk(project, "search", "copper"), env=env, cwd=ROOT, check=True,
                   capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--profile-imports", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="factdesk-cli-bench-") as tmp:
        folder = Path(tmp)
        env["XDG_CONFIG_HOME"] = str(folder / "config")
        build_project(folder, args.articles, env)
        project = folder / "project"
        baseline = _median_seconds([sys.executable, "-c", "pass"], args.runs, env)
        floor = _median_seconds([sys.executable, "-c", "import sqlalchemy.orm"], args.runs, env)
        print(f"{args.articles} articles, median of {args.runs} runs each; "
              f"baseline `python -c pass` {baseline * 1000:.0f} ms; "
              f"`import sqlalchemy.orm` {floor * 1000:.0f} ms ({floor / baseline:.1f}x)")
        print(f"{'command':<34} {'median ms':>10} {'ratio':>7} {'/ floor':>8}  target")
        commands = [("articles",), ("claims",), ("flags",), ("search", "copper"),
                    ("tags",), ("--help",)]
        for command in commands:
            seconds = _median_seconds(_factdesk(project, *command), args.runs, env)
            verdict = "" if command[0] in ("tags", "--help") else (
                "met (< 500 ms)" if seconds < 0.5 else "NOT met (< 500 ms)")
            print(f"factdesk {' '.join(command):<25} {seconds * 1000:>10.0f} "
                  f"{seconds / baseline:>6.1f}x {seconds / floor:>7.1f}x  {verdict}")
        if args.profile_imports:
            done = subprocess.run([sys.executable, "-X", "importtime", *_factdesk(project,
                                   "articles")[1:]], env=env, cwd=ROOT, capture_output=True,
                                  text=True, check=True)
            rows = []
            for line in done.stderr.splitlines():
                parts = line.split("|")
                if len(parts) == 3 and parts[1].strip().isdigit():
                    rows.append((int(parts[1]), parts[2].rstrip()))
            print("slowest imports of `factdesk articles` (cumulative µs):")
            for micros, name in sorted(rows, reverse=True)[:10]:
                print(f"  {micros:>8}  {name}")


if __name__ == "__main__":
    main()
