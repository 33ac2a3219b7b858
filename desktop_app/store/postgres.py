"""A shared project on a PostgreSQL server: connecting, creating, upgrading, or refusing.

The same tables and Alembic migrations as a project's SQLite file. Writers take one
transaction-scoped advisory lock first (as SQLite's ``BEGIN IMMEDIATE`` takes its write lock),
so the reads a change makes see every change committed before it, and data generations follow
each other without gaps. Members connect as their own PostgreSQL roles; see
:mod:`desktop_app.store.team` for what each role may do.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from desktop_app.core.errors import ProjectError
from desktop_app.store.database import WRITE_OPTION, head_revision, known_revisions, upgrade

#: The advisory lock every write transaction of a shared project holds (an arbitrary key,
#: the same for every client of this version).
WRITE_LOCK = 0x46616374  # "Fact"

#: Seconds a client waits for the server to answer a connection.
CONNECT_TIMEOUT = 10


def is_server_url(location: str) -> bool:
    """True when ``location`` names a database server (``postgresql://…``), not a folder."""
    return location.split(":", 1)[0].lower() in {"postgresql", "postgres", "postgresql+psycopg"}


def parse_url(location: str) -> URL:
    """The SQLAlchemy URL for a ``postgresql://user[:password]@host[:port]/database`` address,
    on the psycopg 3 driver.

    Raises:
        ProjectError: the address is not a PostgreSQL URL naming a database.
    """
    try:
        url = make_url(location)
    except ArgumentError:
        raise ProjectError(f"{location!r} is not a database URL "
                           "(expected postgresql://user@host:port/database)") from None
    if url.get_backend_name() not in {"postgresql", "postgres"} or not url.database:
        raise ProjectError(f"{shown(url)} is not a PostgreSQL database URL "
                           "(expected postgresql://user@host:port/database)")
    return url.set(drivername="postgresql+psycopg")


def shown(url: URL | str) -> str:
    """The URL as it may be shown or written down: never with its password."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except ArgumentError:
            return "(unreadable database URL)"
    if url.get_backend_name() in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql")
    return url.render_as_string(hide_password=True)


def with_password(location: str, password: str) -> str:
    """``location`` with ``password`` put in (to connect with; never shown or kept).

    Raises:
        ProjectError: the address is not a PostgreSQL URL.
    """
    return parse_url(location).set(drivername="postgresql", password=password).render_as_string(
        hide_password=False)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).strip().splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__


def server_message(exc: BaseException) -> str:
    """What the server (or the driver) said, in one line, without the SQL."""
    return _first_line(exc)


def _on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(WRITE_OPTION):
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def make_server_engine(url: URL) -> Engine:
    """An engine on the PostgreSQL database at ``url``; write transactions take the write
    lock when they begin."""
    try:
        engine = create_engine(
            url, pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "factdesk"})
    except NoSuchModuleError:
        raise ProjectError("this Factdesk cannot reach PostgreSQL: the psycopg driver is "
                           "missing") from None
    event.listen(engine, "begin", _on_begin)
    return engine


def _revision(conn: Connection) -> tuple[str | None, bool]:
    """The stamped schema revision, and whether the database holds any table at all."""
    has_version = conn.execute(text("SELECT to_regclass('alembic_version')")).scalar()
    tables = conn.execute(text(
        "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")).scalar()
    if not has_version:
        return None, bool(tables)
    versions = [row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))]
    if len(versions) > 1:
        raise ProjectError(f"the database names several schema revisions: {sorted(versions)}")
    return (versions[0] if versions else None), True


def open_server_database(location: str, *, create: bool) -> Engine:
    """Connect to the shared project at ``location`` and bring its schema to this version's
    (creating it in an empty database when ``create``). Two members opening an older project
    at once upgrade it once: the upgrade holds the write lock.

    Raises:
        ProjectError: a bad URL, a server that cannot be reached or refuses the login, an
            empty database without ``create``, a database that is not a Factdesk project, or
            one made by a newer Factdesk. Nothing is written in any of these cases.
    """
    url = parse_url(location)
    engine = make_server_engine(url)
    head = head_revision()
    try:
        with engine.connect() as conn:
            revision, has_tables = _revision(conn)
    except DBAPIError as exc:
        engine.dispose()
        raise ProjectError(f"cannot open the shared project {shown(url)}: "
                           f"{_first_line(exc)}") from None
    except ProjectError:
        engine.dispose()
        raise
    problem = None
    if revision is None and has_tables:
        problem = f"{shown(url)} holds tables but is not a Factdesk project"
    elif revision is None and not create:
        problem = (f"{shown(url)} is an empty database, not a Factdesk project yet "
                   "(create one with: factdesk init --database URL)")
    elif revision is not None and revision != head and revision not in known_revisions():
        problem = (f"{shown(url)} was made by a newer Factdesk (schema {revision}); this "
                   f"version reads schemas up to {head}: please update Factdesk")
    if problem:
        engine.dispose()
        raise ProjectError(problem)
    if revision != head:
        try:
            _upgrade_locked(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise ProjectError(f"cannot set up the shared project {shown(url)}: "
                               f"{_first_line(exc)}; nothing was changed") from None
    return engine


def _upgrade_locked(engine: Engine) -> None:
    """Upgrade under the write lock, unless another member did it while we waited."""
    with engine.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_advisory_lock({WRITE_LOCK})")
        try:
            revision, _tables = _revision(conn)
            conn.commit()
            if revision != head_revision():
                upgrade(engine)
        finally:
            conn.exec_driver_sql(f"SELECT pg_advisory_unlock({WRITE_LOCK})")
            conn.commit()
