"""Shared fixtures: the real corpus and test data beside the repository, and real projects."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
TESTDATA = SHARED / "testdata"
SAMPLES = ROOT / "resources" / "sample_articles"


@pytest.fixture(autouse=True, scope="session")
def private_config(tmp_path_factory: pytest.TempPathFactory):
    """Settings and signing keys go to a folder of the test run, never the user's own."""
    folder = tmp_path_factory.mktemp("config")
    saved = os.environ.get("XDG_CONFIG_HOME")
    os.environ["XDG_CONFIG_HOME"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("XDG_CONFIG_HOME", None)
    else:
        os.environ["XDG_CONFIG_HOME"] = saved


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is expected at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def testdata_dir() -> Path:
    assert TESTDATA.is_dir(), f"the shared test data is expected at {TESTDATA}"
    return TESTDATA


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    return tmp_path / "project"


@pytest.fixture
def project(project_dir: Path):
    from desktop_app.services import open_project

    with open_project(project_dir, author="tester") as opened:
        yield opened


def snapshot(folder: Path) -> tuple[list[str], list[str]]:
    """Everything a project holds: every row of the database and every file name, so a test
    can prove that a refused operation changed nothing."""
    connection = sqlite3.connect(folder / "project.sqlite3")
    try:
        rows = sorted(line for line in connection.iterdump())
    finally:
        connection.close()
    files = sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*")
        if p.is_file() and not p.name.endswith(("-wal", "-shm"))
    )
    return rows, files


def table_rows(folder: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a project but the audit log and the bookkeeping (data
    generation, schema version): what an exact undo must put back as it was."""
    connection = sqlite3.connect(folder / "project.sqlite3")
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN "
            "('audit_events', 'meta', 'alembic_version') AND name NOT LIKE 'sqlite_%'")]
        return {n: sorted(map(tuple, connection.execute(f'SELECT * FROM "{n}"')), key=repr)
                for n in names}
    finally:
        connection.close()
