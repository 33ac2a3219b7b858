"""The store's front door: one :class:`Store` per project, one transaction per unit of work."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.errors import ProjectError
from desktop_app.core.models import Changes
from desktop_app.core.vocab import Operation, TeamRole
from desktop_app.store.changelog import audit_events, changes_of
from desktop_app.store.database import BUSY_TIMEOUT_MS, WRITE_OPTION, open_database
from desktop_app.store.entity_repository import EntityRepository
from desktop_app.store.flag_repository import FlagRepository
from desktop_app.store.journal import Journal
from desktop_app.store.repositories import (
    ArticleRepository,
    AuditRepository,
    ClaimRepository,
    MetaRepository,
    TagRepository,
)
from desktop_app.store.shared_repositories import OriginalRepository

#: Where the time comes from: UTC, aware. Injected, so tests can hold it still.
Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


#: How many times a write waits for another process's lock (each wait is SQLite's busy
#: timeout) before the change is refused.
WRITE_ATTEMPTS = 3


def _line(message: str) -> str:
    """The first line of a driver message (never the SQL statement)."""
    return (message.strip().splitlines() or ["unknown error"])[0]


#: Called after every committed change with what it changed.
Listener = Callable[[Changes, int], None]


class UnitOfWork:
    """Repositories sharing one session and one journal: everything in it commits together or
    not at all, and everything it writes is recorded, audited and announced in one place."""

    def __init__(self, session: Session, clock: Clock, actor: str | None = None,
                 action: Operation | None = None, context: Mapping[str, object] | None = None
                 ) -> None:
        self.journal = Journal(session)
        self.articles = ArticleRepository(session, self.journal)
        self.claims = ClaimRepository(session, self.journal)
        self.tags = TagRepository(session, self.journal)
        self.entities = EntityRepository(session, self.journal)
        self.flags = FlagRepository(session, self.journal)
        self.audit = AuditRepository(session)
        self.meta = MetaRepository(session)
        self.originals = OriginalRepository(session, self.journal)
        self.now = clock
        self.actor = actor
        self.action = action
        #: Said in every audit event of this change (the file, the bundle, the undone action).
        self.context: dict[str, object] = dict(context or {})
        self.generation: int | None = None
        #: What the unit of work changed, once it has committed.
        self.changes = Changes()
        self._session = session

    def _finish(self) -> Changes:
        """Write the audit events and the new data generation, then commit."""
        changes = changes_of(self.journal.rows)
        if self.journal:
            if self.action is None or self.actor is None:
                raise RuntimeError("a change was written outside a write transaction")
            self.generation = self.meta.bump_generation()
            events = audit_events(self._session, self.journal.rows) or [
                ("project", "", {"change": "edited", "before": {}, "after": {}})]
            self.audit.record_many(self.actor, [
                (str(self.action), kind, target, {**detail, **self.context})
                for kind, target, detail in events], self.now(), self.generation)
        self._session.commit()
        self.changes = changes
        return changes


class Store:
    """The project database: hands out units of work, never sessions."""

    def __init__(self, engine: Engine, backup: Path | None = None,
                 clock: Clock = utc_now) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False)
        self._listeners: list[Listener] = []
        #: Writers of this process waiting to write (see :meth:`let_writers_in`).
        self._waiting_writers = 0
        self._waiting_lock = threading.Lock()
        #: Held by the one writer of this process whose transaction is open. The writers of
        #: one process queue here and each is woken the moment the one before commits;
        #: SQLite's busy handler, which only polls (up to every 100 ms), is left to writers
        #: in other processes (the command line beside the app).
        self._writing = threading.RLock()
        self.clock = clock
        #: The copy written before this open upgraded an older project, if any.
        self.backup = backup

    @classmethod
    def open(cls, path: Path, *, create: bool, clock: Clock = utc_now) -> Store:
        engine, backup = open_database(path, create=create)
        return cls(engine, backup, clock)

    @classmethod
    def open_shared(cls, url: str, *, create: bool, clock: Clock = utc_now) -> Store:
        """The shared project on the PostgreSQL server at ``url`` (see
        :func:`~desktop_app.store.postgres.open_server_database` for what is refused)."""
        from desktop_app.store.postgres import open_server_database

        return cls(open_server_database(url, create=create), None, clock)

    @property
    def shared(self) -> bool:
        """True for a project on a database server (PostgreSQL), False for an SQLite file."""
        return self._engine.dialect.name == "postgresql"

    def subscribe(self, listener: Listener) -> None:
        """Call ``listener`` with what changed and the new generation after every commit
        that changed something (the search index follows the database this way)."""
        self._listeners.append(listener)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A unit of work for reading; writing in it is a programming error."""
        with self._unit(UnitOfWork(self._sessions(), self.clock)) as uow:
            yield uow

    @contextmanager
    def write(self, actor: str, action: Operation,
              **context: object) -> Iterator[UnitOfWork]:
        """A unit of work that changes the project as ``actor`` doing ``action``; the audit
        events and the listeners follow from what it wrote. ``context`` goes into every
        audit event (e.g. ``file=``, ``bundle=``).

        Raises:
            ProjectError: the database refused the change (read-only, locked, damaged);
                nothing was written.
        """
        with self._waiting_lock:
            self._waiting_writers += 1
        try:
            # as long as SQLite would wait for another process's writer, then refused alike
            got = self._writing.acquire(timeout=WRITE_ATTEMPTS * BUSY_TIMEOUT_MS / 1000)
        finally:
            with self._waiting_lock:
                self._waiting_writers -= 1
        if not got:
            raise ProjectError("the project is busy: other work kept writing to it; "
                               "nothing was changed (try again)")
        try:
            session = self._begin_write()
        except BaseException:
            self._writing.release()
            raise
        # the next writer goes in once this one has committed; the listeners run after
        with self._unit(UnitOfWork(session, self.clock, actor, action, context),
                        ended=self._writing.release) as uow:
            yield uow

    def _begin_write(self) -> Session:
        """A session that holds SQLite's write lock (BEGIN IMMEDIATE). Another process's
        write (the app and the command line on one project) is waited for: SQLite's busy
        timeout first, then a few more tries; this is the one place a locked database is
        retried. Holding the lock from the start, the reads a change makes (is this text
        already imported?) see every write committed before it.

        Raises:
            ProjectError: the project stayed busy, is read-only or refused the lock.
        """
        for attempt in range(WRITE_ATTEMPTS):
            session = self._write_sessions()
            with self._waiting_lock:
                self._waiting_writers += 1
            try:
                session.connection()
                return session
            except OperationalError as exc:
                session.close()
                message = str(exc.orig)
                if "locked" not in message and "busy" not in message:
                    raise ProjectError(
                        f"the project database refused the change: {_line(message)}") from None
                if attempt + 1 < WRITE_ATTEMPTS:
                    time.sleep(0.05 * (attempt + 1))
            finally:
                with self._waiting_lock:
                    self._waiting_writers -= 1
        raise ProjectError("the project is busy: another program kept writing to it; "
                           "nothing was changed (try again)")

    @contextmanager
    def _unit(self, uow: UnitOfWork,
              ended: Callable[[], None] | None = None) -> Iterator[UnitOfWork]:
        """Run ``uow``: commit what it wrote, or roll back on an error; ``ended`` is called
        once its session is closed, before the listeners hear of the change."""
        session = uow._session
        try:
            yield uow
            changes = uow._finish()
        except IntegrityError as exc:
            session.rollback()
            raise ProjectError("the change clashes with data already in the project "
                               f"({_line(str(exc.orig))}): nothing was changed") from None
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            message = str(exc.orig)
            if "permission denied" in message or "only editors" in message:
                raise ProjectError(
                    f"the server refused the change: {_line(message)} (ask the desk's owner "
                    "for the right: factdesk team grant); nothing was changed") from None
            if "readonly" in message or "read-only" in message:
                raise ProjectError("the project is read-only: nothing was changed") from None
            if "malformed" in message or "not a database" in message:
                raise ProjectError(
                    f"the project database is damaged ({_line(message)}): nothing was "
                    "changed; restore it from a backup") from None
            raise ProjectError(
                f"the project database failed: {_line(message)}; nothing was changed") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
            if ended is not None:
                ended()
        if uow.generation is not None:
            for listener in self._listeners:
                listener(changes, uow.generation)

    def let_writers_in(self, longest: float = 0.5) -> None:
        """Called between the transactions of long work that writes in several (the check):
        wait until no other writer of this process waits for the write lock, for at most
        ``longest`` seconds. SQLite's busy handler polls the lock (up to every 100 ms), so
        without this a person's edit can lose the lock to the next transaction again and
        again, and the window waits."""
        deadline = time.monotonic() + longest
        while self._waiting_writers > 0 and time.monotonic() < deadline:
            time.sleep(0.002)

    def generation(self) -> int:
        """The data generation: it grows with every committed change."""
        with self.transaction() as uow:
            return uow.meta.generation()

    def grant(self, user: str, role: TeamRole) -> bool:
        """Give database user ``user`` the ``role`` in this shared project (see
        :func:`desktop_app.store.team.grant`); True when the login role was created.

        Raises:
            ProjectError: the project is not shared, or the server refused.
            InvalidValueError: a user name PostgreSQL roles may not have.
        """
        if not self.shared:
            raise ProjectError("roles are given on a shared project (--database URL); "
                               "a project folder has no users")
        from desktop_app.store.team import grant

        return grant(self._engine, user, role)

    def server_user(self) -> str | None:
        """The database user the server knows this client as (a shared project); None for
        an SQLite file, which has no users."""
        if not self.shared:
            return None
        with self._engine.connect() as conn:
            return str(conn.exec_driver_sql("SELECT session_user").scalar())

    def close(self) -> None:
        self._engine.dispose()
