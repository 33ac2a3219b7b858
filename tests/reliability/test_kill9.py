"""Kill -9 at random moments of an import, a bundle import, a check and a reindex: nothing
committed is lost, the project opens, SQLite's integrity check is ok, no original is left
unreferenced and the index agrees with the database after the next command.

Few kills by default; ``FACTDESK_RELIABILITY_ROUNDS`` runs more."""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from tests.reliability.helpers import assert_clean, factdesk, rounds, start


def _batch(folder: Path, tag: str, count: int) -> list[str]:
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        path = folder / f"{tag}-{i}.txt"
        path.write_text(f"Dispatch {tag} {i}\n\nThe harbour board of {tag} town {i} spent "
                        f"{i + 3} million on cranes in 2030, its chair said.\n",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def _ids(project: Path) -> set[str]:
    result = factdesk(project, "articles", "--json")
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    return {a["id"] for a in json.loads(result.stdout)["articles"]}


def _integrity(project: Path) -> tuple[str, set[str]]:
    connection = sqlite3.connect(project / "project.sqlite3")
    try:
        ok = connection.execute("PRAGMA integrity_check").fetchone()[0]
        hashes = {h for (h,) in connection.execute(
            "SELECT original_hash FROM articles WHERE original_hash IS NOT NULL")}
    finally:
        connection.close()
    return ok, hashes


@pytest.mark.parametrize("seed", range(rounds(2)))
def test_kill_9_at_a_random_moment_loses_nothing_committed(tmp_path, seed):
    rng = random.Random(seed)
    project = tmp_path / "p"
    assert factdesk(project, "import", *_batch(tmp_path / "base", "base", 4)).returncode == 0
    export = factdesk(project, "export", "bundle", str(tmp_path / "all.factdesk"))
    assert export.returncode == 0, export.stderr
    commands = [("import", *_batch(tmp_path / "more", "more", 25)), ("check",), ("reindex",)]
    other = tmp_path / "other"
    assert factdesk(other, "import", *_batch(tmp_path / "o", "other", 3)).returncode == 0
    commands.append(("--project", str(other), "import-bundle", str(tmp_path / "all.factdesk")))
    before = _ids(project)
    for command in commands:
        target = project
        if command[0] == "--project":
            target, command = Path(command[1]), command[2:]
        committed = _ids(target)
        process = start(target, *command)
        time.sleep(rng.uniform(0.2, 2.5))
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
        after = _ids(target)  # the next command: opens, sweeps, answers
        assert committed <= after
        ok, hashes = _integrity(target)
        assert ok == "ok"
        originals = target / "originals"
        kept = {p.name.split(".", 1)[0] for p in originals.iterdir()} if originals.is_dir() \
            else set()
        assert kept <= hashes, "an original no article refers to was left behind"
        found = factdesk(target, "search", "million", "--json", "--limit", "100")
        assert_clean(found)
        hits = json.loads(found.stdout)["hits"]
        assert {h["id"] for h in hits if h["kind"] == "article"} == after
        assert not any(p.name.startswith(("index.new", "index.old")) for p in target.iterdir())
    assert before <= _ids(project)
