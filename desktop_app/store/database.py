"""Opening a project database: create, upgrade (after a backup), or refuse.

SQLite runs in WAL mode with foreign keys on. The schema is owned by Alembic from the first
table on; a database made by a newer Factdesk is refused rather than guessed at.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from desktop_app.core.errors import ProjectError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^(down_revision|revision)\s*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def _alembic_config() -> Config:
    # Alembic is loaded only when a schema must really be created or upgraded: reading its
    # scripts costs more than a whole `factdesk articles`.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


@cache
def _revision_graph() -> dict[str, str | None]:
    """Each migration's revision -> the revision it follows, read from the scripts' own
    ``revision = "..."`` / ``down_revision = ...`` lines (the lines Alembic reads too)."""
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict((key, value or None) for key, value in
                     _REVISION.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            graph[str(found["revision"])] = found.get("down_revision")
    return graph


def head_revision() -> str:
    """The newest schema revision this version of Factdesk knows (the one no other
    migration follows)."""
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    assert len(heads) == 1, f"the migrations must have one head, not {sorted(heads)}"
    return heads.pop()


def known_revisions() -> set[str]:
    """Every schema revision this version of Factdesk can upgrade from."""
    return set(_revision_graph())


#: How long one statement waits for another process's lock before SQLite says "busy", in ms.
BUSY_TIMEOUT_MS = 10_000

#: The execution option that makes a transaction take the write lock when it begins.
WRITE_OPTION = "factdesk_write"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling is switched off: transactions begin in
    # _on_begin, so that a write takes SQLite's write lock first (BEGIN IMMEDIATE) and
    # never fails half-way when another process wrote between its reads and its writes.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(path: Path, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine on the SQLite file at ``path`` with foreign keys on and a busy timeout.

    ``read_only`` opens it with ``mode=ro`` (committed data in the ``-wal`` file is seen);
    ``immutable`` tells SQLite nothing can change it (only safe when there is no ``-wal``
    data). The journal mode is left as it is: :func:`open_database` switches a database to
    WAL only once it knows the file is a Factdesk project.
    """
    if read_only:
        flags = "mode=ro&immutable=1" if immutable else "mode=ro"
        url = f"sqlite:///file:{path}?{flags}&uri=true"
    else:
        url = f"sqlite:///{path}"
    engine = create_engine(url)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def use_wal(engine: Engine) -> None:
    """Switch the database to WAL (readers never wait for the writer)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA journal_mode=WAL")  # type: ignore[union-attr]
    finally:
        raw.close()


def current_revision(engine: Engine) -> str | None:
    """The schema revision stamped in the database, None for an empty database."""
    with engine.connect() as conn:
        has_table = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).first()
        if has_table is None:
            return None
        versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(versions) > 1:
        raise ProjectError(f"the database names several schema revisions: {sorted(versions)}")
    return versions[0] if versions else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, all in one transaction."""
    from alembic import command

    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def _first_line(exc: BaseException) -> str:
    """The driver's message without the SQL SQLAlchemy appends to it."""
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def _looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def check_readable(engine: Engine, path: Path) -> None:
    """Refuse a database whose schema this version cannot read (read-only opening)."""
    try:
        revision = current_revision(engine)
    except (OperationalError, DatabaseError) as exc:
        raise ProjectError(f"cannot open {path}: {_first_line(exc)}") from None
    if revision != head_revision():
        raise ProjectError(
            f"{path.parent} is read-only and its schema ({revision}) is not this version's "
            f"({head_revision()}): open it where it can be upgraded, or update Factdesk"
        )


def open_database(path: Path, *, create: bool) -> tuple[Engine, Path | None]:
    """Open (or create) the project database at ``path`` at the newest schema.

    Returns the engine and, when an older project was upgraded, the backup written first.
    """
    exists = path.exists()
    if not exists and not create:
        raise ProjectError(f"{path.parent} is not a Factdesk project (no {path.name})")
    if exists and (path.stat().st_size and not _looks_like_sqlite(path)):
        raise ProjectError(
            f"{path} is not a Factdesk project database: it is damaged or another program's "
            "file. Nothing in it was changed; restore the folder from a backup, or open "
            "another project")
    # Read first: nothing is written (not even the journal mode) until the file is known
    # to be ours.
    try:
        engine = make_engine(path)
        revision = current_revision(engine)
        foreign = revision is None and exists and bool(inspect(engine).get_table_names())
    except (OperationalError, DatabaseError) as exc:
        raise ProjectError(f"cannot open {path}: {_first_line(exc)}") from None
    head = head_revision()
    backup: Path | None = None
    if foreign:
        engine.dispose()
        raise ProjectError(f"{path} is an SQLite file but not a Factdesk project")
    if revision is not None and revision != head and revision not in known_revisions():
        engine.dispose()
        raise ProjectError(
            f"{path.parent} was made by a newer Factdesk (schema {revision}); "
            f"this version reads schemas up to {head}: please update Factdesk"
        )
    try:
        use_wal(engine)
    except (OperationalError, DatabaseError, sqlite3.Error) as exc:
        engine.dispose()
        raise ProjectError(f"cannot open {path}: {_first_line(exc)}") from None
    if revision is None:
        upgrade(engine)
    elif revision != head:
        backup = write_backup(engine, path, revision)
        upgrade(engine)
    return engine, backup


def write_backup(engine: Engine, path: Path, revision: str) -> Path:
    """Copy the database (consistently, through SQLite's backup API) before an upgrade."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.backup-{revision}-{stamp}{path.suffix}")
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]  # open: not None
        finally:
            destination.close()
    finally:
        raw.close()
    return target
