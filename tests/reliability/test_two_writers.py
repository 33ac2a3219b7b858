"""Two processes writing one project (the app and the command line side by side): every
write is either done or reported, duplicates are reported as duplicates, and the index is in
step after the next command."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from tests.reliability.helpers import assert_clean, factdesk, finish, rounds, start


def _articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"report-{i}.txt"
        path.write_text(f"Report {i} from {folder.name}\n\nThe council of town {i} spent "
                        f"{i * 7 + 3} million on roads in 2031, said officer {i}.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _database_rows(project: Path, table: str) -> int:
    connection = sqlite3.connect(project / "project.sqlite3")
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("round_", range(rounds(2)))
def test_two_imports_of_the_same_files_report_duplicates_not_errors(tmp_path, round_):
    """Both imports finish; each file is one article; whatever one process added, the
    other reports as a duplicate (never an IntegrityError or SQL)."""
    from desktop_app.services import open_project

    project = tmp_path / "project"
    with open_project(project):  # made before the two imports start
        pass
    assert_clean(factdesk(project, "articles"))
    files = [str(p) for p in _articles(tmp_path / "in", 40)]
    first = start(project, "import", "--json", *files)
    second = start(project, "import", "--json", *reversed(files))
    results = [finish(first), finish(second)]
    statuses: dict[str, list[str]] = {}
    for result in results:
        assert_clean(result)
        assert result.returncode == 0, result.stderr
        for outcome in json.loads(result.stdout)["outcomes"]:
            statuses.setdefault(Path(outcome["path"]).name, []).append(outcome["status"])
    assert _database_rows(project, "articles") == 40
    for name, seen in statuses.items():
        assert sorted(seen) == ["added", "duplicate"], (name, seen)


@pytest.mark.parametrize("seed", range(rounds(2)))
def test_imports_edits_a_check_and_a_reindex_interleave_without_loss(tmp_path, seed):
    """Random pairs of writing commands run at once on one project: each ends done or with
    one clear line, every import's article is in the database, and a search afterwards
    finds every article."""
    rng = random.Random(seed)
    project = tmp_path / "project"
    seed_files = _articles(tmp_path / "seed", 2)
    assert factdesk(project, "import", *map(str, seed_files)).returncode == 0
    articles = json.loads(factdesk(project, "articles", "--json").stdout)
    first_id = articles["articles"][0]["id"]
    added = factdesk(project, "claim", "add", first_id, "--quote", "Report 0", "--json")
    assert added.returncode == 0, added.stderr
    batches = [_articles(tmp_path / f"batch{i}", 2) for i in range(2)]
    commands: list[tuple[str, ...]] = [
        ("import", *map(str, batches[0])), ("import", *map(str, batches[1])),
        ("check",), ("reindex",), ("claims",),
        ("claim", "edit", json.loads(added.stdout)["id"], "--note", "seen twice"),
    ]
    rng.shuffle(commands)
    pending = list(commands)
    while pending:
        pair = [pending.pop() for _ in range(min(2, len(pending)))]
        for result in [finish(p) for p in [start(project, *c) for c in pair]]:
            assert_clean(result)
            assert result.returncode == 0, result.stderr
    assert _database_rows(project, "articles") == 6
    found = factdesk(project, "search", "council", "--json")
    assert_clean(found)
    hits = json.loads(found.stdout)
    hit_list = hits["hits"]
    assert len({h["id"] for h in hit_list if h.get("kind") == "article"}) == 6
