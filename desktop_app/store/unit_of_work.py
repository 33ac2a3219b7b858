"""The store's front door: one :class:`Store` per project, one transaction per unit of work."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.core.errors import ProjectError
from desktop_app.store.database import open_database
from desktop_app.store.entity_repository import EntityRepository
from desktop_app.store.flag_repository import FlagRepository
from desktop_app.store.repositories import (
    ArticleRepository,
    AuditRepository,
    ClaimRepository,
    MetaRepository,
    TagRepository,
)


class UnitOfWork:
    """Repositories sharing one session: everything in it commits together or not at all."""

    def __init__(self, session: Session) -> None:
        self.articles = ArticleRepository(session)
        self.claims = ClaimRepository(session)
        self.tags = TagRepository(session)
        self.entities = EntityRepository(session)
        self.flags = FlagRepository(session)
        self.audit = AuditRepository(session)
        self.meta = MetaRepository(session)
        self.generation: int | None = None
        self._session = session
        self._writes = False

    def changed(self) -> None:
        """Mark this unit as writing: on commit the data generation is bumped."""
        self._writes = True

    def _finish(self) -> None:
        if self._writes:
            self.generation = self.meta.bump_generation()
        self._session.commit()


class Store:
    """The project database: hands out units of work, never sessions."""

    def __init__(self, engine: Engine, backup: Path | None = None) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: The copy written before this open upgraded an older project, if any.
        self.backup = backup

    @classmethod
    def open(cls, path: Path, *, create: bool) -> Store:
        engine, backup = open_database(path, create=create)
        return cls(engine, backup)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """One unit of work; an exception anywhere rolls all of it back."""
        session = self._sessions()
        uow = UnitOfWork(session)
        try:
            yield uow
            uow._finish()
        except OperationalError as exc:
            session.rollback()
            message = str(exc.orig)
            if "readonly" in message or "read-only" in message:
                raise ProjectError("the project is read-only: nothing was changed") from None
            raise ProjectError(f"the project database refused the change: {message}") from None
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def generation(self) -> int:
        with self.transaction() as uow:
            return uow.meta.generation()

    def close(self) -> None:
        self._engine.dispose()
