"""How well the check finds real disagreements: recall, precision and traps hit.

    python bench/check_quality.py [--set devset|corpus|samples|all] [--verbose]

Each set is imported into a fresh project, checked once, and its flags are written as
``factdesk flags --json`` writes them. The checking dev set (``../shared/checking-devset``,
beside the repository as tests/conftest.py finds it) is scored by its own ``score.py``, which
prints recall, precision and traps hit per cluster and in all. The five corpus articles and
our sample articles are scored with the same rule (a flag matches a pair when one side quotes
a fragment of ``a`` and the other a fragment of ``b``) against the pairs their READMEs
describe, written below as short fragments.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

#: The corpus's two disagreements (its README, tests/services/test_check.py) and its traps.
CORPUS_GOLD: dict[str, list[dict[str, Any]]] = {
    "expected": [
        {"id": "C-E1-apec-dates", "a": ["November 15-16"], "b": ["Nov. 17"]},
        {"id": "C-E2-investment-period", "a": ["over $1 billion since 2020"],
         "b": ["over 1 billion USD between 2020 to 2023"]},
    ],
    "traps": [
        {"id": "C-T1-shares", "a": ["60–90 percent"], "b": ["less than 5%"]},
        {"id": "C-T2-port-cost", "a": ["$1.3 billion"], "b": ["billion"]},
    ],
}
#: The samples' README: the amount, date and attribution disagreements, and what is not one.
SAMPLES_GOLD: dict[str, list[dict[str, Any]]] = {
    "expected": [
        {"id": "S-E1-deal-amount", "a": ["$2.4 billion"], "b": ["over 3 billion dollars"]},
        {"id": "S-E2-signing-date", "a": ["on March 4"], "b": ["on 6 March 2025"]},
        {"id": "S-E3-attribution", "a": ["Ferrán called it \"the deal of a generation\"",
                                         "Ferrán had called the contract"],
         "b": ["Reinholt called it \"the deal of a generation\""]},
    ],
    "traps": [
        {"id": "S-T1-exports-vs-reserves", "a": ["12% of Velmora's exports"],
         "b": ["7% of"]},
        {"id": "S-T2-terminal-vs-deal", "a": ["$310 million"], "b": ["$2.4 billion"]},
    ],
}


def run_check(paths: list[Path], folder: Path) -> tuple[list[dict[str, str]], float, int]:
    """Import ``paths`` into a new project in ``folder`` and check it: the flags as
    ``factdesk flags --json`` gives them, the seconds the check took, and its statements."""
    from desktop_app.services import open_project

    project = open_project(folder / "project", author="bench")
    try:
        project.articles.import_paths(paths)
        started = time.perf_counter()
        report = project.checking.check()
        elapsed = time.perf_counter() - started
        flags = []
        for flag in project.flags.list():
            first, second = project.claims.get(flag.claim_a), project.claims.get(flag.claim_b)
            flags.append({"id": flag.id, "kind": flag.kind, "severity": flag.severity,
                          "claim_a_quote": first.exact, "claim_b_quote": second.exact,
                          "explanation": flag.explanation})
        return flags, elapsed, report.statements
    finally:
        project.close()


def score(gold: dict[str, list[dict[str, Any]]], flags: list[dict[str, str]],
          verbose: bool) -> None:
    """The dev set's rule, for the sets that have no score.py of their own."""
    def hit(fragments: list[str], quote: str) -> bool:
        return any(f in quote for f in fragments)

    def matches(pair: dict[str, Any], qa: str, qb: str) -> bool:
        return (hit(pair["a"], qa) and hit(pair["b"], qb)) or (
            hit(pair["a"], qb) and hit(pair["b"], qa))

    found: set[str] = set()
    traps: set[str] = set()
    good = 0
    for flag in flags:
        qa, qb = flag["claim_a_quote"], flag["claim_b_quote"]
        expected = [e["id"] for e in gold["expected"] if matches(e, qa, qb)]
        found.update(expected)
        good += bool(expected)
        traps.update(t["id"] for t in gold["traps"] if matches(t, qa, qb))
        if verbose and not expected:
            print("   other:", flag["kind"], "|", flag["explanation"])
    total = len(gold["expected"])
    precision = f"{good}/{len(flags)} = {good / len(flags):.2f}" if flags else "(no flags)"
    print(f"recall {len(found)}/{total} = {len(found) / total:.2f}")
    print(f"precision {precision}")
    print("expected missed:", sorted({e["id"] for e in gold["expected"]} - found) or "none")
    print("traps hit:", sorted(traps) or "none")
    print("flags:", len(flags))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="all", choices=["devset", "corpus", "samples", "all"])
    parser.add_argument("--verbose", action="store_true", help="print every flag")
    args = parser.parse_args()
    devset = SHARED / "checking-devset"
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.set in ("devset", "all"):
            flags, seconds, statements = run_check(sorted(devset.glob("d*_*.txt")),
                                                   folder / "dev")
            out = folder / "dev-flags.json"
            out.write_text(json.dumps({"flags": flags}), encoding="utf-8")
            print(f"== checking dev set: {statements} statements, check {seconds:.2f} s")
            subprocess.run([sys.executable, str(devset / "score.py"), str(devset), str(out)],
                           check=True)
            if args.verbose:
                for flag in flags:
                    print("   flag:", flag["kind"], "|", flag["explanation"])
        if args.set in ("corpus", "all"):
            flags, seconds, statements = run_check([SHARED / "corpus"], folder / "corpus")
            print(f"== corpus: {statements} statements, check {seconds:.2f} s")
            score(CORPUS_GOLD, flags, args.verbose)
        if args.set in ("samples", "all"):
            flags, seconds, statements = run_check(
                [ROOT / "resources" / "sample_articles"], folder / "samples")
            print(f"== sample articles: {statements} statements, check {seconds:.2f} s")
            score(SAMPLES_GOLD, flags, args.verbose)


if __name__ == "__main__":
    main()
