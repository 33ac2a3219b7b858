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


#: The databases the store, services and bundle suites run on (their conftest files make
#: ``backend`` take each in turn; elsewhere it is SQLite only).
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres():
    """The PostgreSQL server the tests use (see tests/postgres.py). In CI (``CI`` set) a
    missing server fails the run: the PostgreSQL half of the suites must not vanish."""
    from tests.postgres import ENV, Cluster, start_cluster

    url = os.environ.get(ENV)
    cluster = Cluster(url) if url else start_cluster()
    if cluster is None:
        message = (f"no PostgreSQL server for the shared-project tests: set {ENV} to a "
                   "superuser's postgresql:// URL, or install PostgreSQL's server binaries")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    yield cluster
    cluster.close()


@pytest.fixture
def backend() -> str:
    """The database a project of this test lives on."""
    return "sqlite"


@pytest.fixture
def open_test_project(backend: str, request: pytest.FixtureRequest):
    """Open a new project for ``author`` in ``folder``, on the test's backend: an SQLite
    project folder, or a fresh shared database (owned by a role named ``author``) with
    ``folder`` as this computer's folder for it."""
    from desktop_app.services import open_project

    made: list[str] = []

    def opener(folder: Path, *, author: str, **options):
        if backend == "sqlite":
            return open_project(folder, author=author, **options)
        cluster = request.getfixturevalue("postgres")
        url = cluster.new_database(author)
        made.append(url)
        return open_project(folder, database=url, **options)

    yield opener
    if made:
        cluster = request.getfixturevalue("postgres")
        for url in made:
            cluster.drop(url)


@pytest.fixture
def project(project_dir: Path, open_test_project):
    with open_test_project(project_dir, author="tester") as opened:
        yield opened


def _shared_url(folder: Path) -> str | None:
    marker = folder / "shared-database.txt"
    return marker.read_text(encoding="utf-8").strip() if marker.exists() else None


def _server_rows(url: str, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[object, ...]]]:
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.connect() as conn:
            return {name: sorted(map(tuple, conn.execute(select(t))), key=repr)
                    for name, t in metadata.tables.items() if name not in skip}
    finally:
        engine.dispose()


def snapshot(folder: Path) -> tuple[list[str], list[str]]:
    """Everything a project holds: every row of the database and every file name, so a test
    can prove that a refused operation changed nothing. (A shared project's rows are read
    from its server.)"""
    url = _shared_url(folder)
    if url is not None:
        rows = sorted(f"{name}: {row!r}" for name, table in _server_rows(url).items()
                      for row in table)
        files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
        return rows, files
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
    url = _shared_url(folder)
    if url is not None:
        return _server_rows(url, ("audit_events", "meta", "alembic_version"))
    connection = sqlite3.connect(folder / "project.sqlite3")
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT IN "
            "('audit_events', 'meta', 'alembic_version') AND name NOT LIKE 'sqlite_%'")]
        return {n: sorted(map(tuple, connection.execute(f'SELECT * FROM "{n}"')), key=repr)
                for n in names}
    finally:
        connection.close()
