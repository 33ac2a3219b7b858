"""What every use case shares: the project's store, folder and the person acting on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.core.errors import ProjectError
from desktop_app.core.vocab import Operation
from desktop_app.store import Store, UnitOfWork


@dataclass(frozen=True)
class Workspace:
    """The project as the use cases see it: one store, its folder, the acting person."""

    folder: Path
    store: Store
    author: str
    read_only: bool = False

    def now(self) -> datetime:
        """The time, aware UTC, from the project's one clock."""
        return self.store.clock()

    def writable(self) -> None:
        """Refuse early when the project cannot be changed.

        Raises:
            ProjectError: the project is read-only.
        """
        if self.read_only:
            raise ProjectError(f"the project {self.folder} is read-only: nothing was changed")

    def read(self) -> AbstractContextManager[UnitOfWork]:
        """A unit of work for reading."""
        return self.store.transaction()

    @contextmanager
    def write(self, action: Operation, *, actor: str | None = None,
              **context: object) -> Iterator[UnitOfWork]:
        """A unit of work that changes the project as ``actor`` (default: the author).

        Raises:
            ProjectError: the project is read-only, or its database refused the change.
        """
        self.writable()
        with self.store.write(actor or self.author, action, **context) as uow:
            yield uow
