"""The use cases, and the one place that wires a project's collaborators together."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.core.errors import ProjectError
from desktop_app.search import open_index
from desktop_app.services.project import Project
from desktop_app.services.searching import SearchService
from desktop_app.services.settings import Settings, default_project_path
from desktop_app.services.workspace import Workspace
from desktop_app.store import Clock, Store, utc_now
from desktop_app.store.database import check_readable, make_engine

if TYPE_CHECKING:
    from desktop_app.exchange.limits import Limits
    from desktop_app.exchange.signing import Keyring
    from desktop_app.services.articles import ArticleService
    from desktop_app.services.bundles import BundleService
    from desktop_app.services.checking import CheckService
    from desktop_app.services.claims import ClaimResult, ClaimService
    from desktop_app.services.entities import EntityService
    from desktop_app.services.exchange import ExchangeService
    from desktop_app.services.flags import FlagService
    from desktop_app.services.history import History

DATABASE = "project.sqlite3"

__all__ = ["ClaimResult", "Project", "default_project_path", "open_project", "DATABASE"]


def __getattr__(name: str) -> Any:
    # ClaimResult lives with the claim use cases, which load on first use (PEP 562).
    if name == "ClaimResult":
        from desktop_app.services.claims import ClaimResult

        return ClaimResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_article(*args: Any, **kwargs: Any) -> Any:
    """The importers' reader, loaded on first use (trafilatura and pypdf are heavy)."""
    from desktop_app import importers

    return importers.read_article(*args, **kwargs)


def _expand_paths(*args: Any, **kwargs: Any) -> Any:
    from desktop_app import importers

    return importers.expand_paths(*args, **kwargs)


def _read_only(folder: Path) -> bool:
    """True when the folder's permissions forbid writing (checked on the bits, so it holds
    even for a user whom the system would let write anyway)."""
    mode = folder.stat().st_mode
    return not os.access(folder, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def open_project(
    folder: Path | None = None,
    *,
    create: bool = True,
    author: str | None = None,
    settings: Settings | None = None,
    keyring: Keyring | None = None,
    bundle_limits: Limits | None = None,
    clock: Clock = utc_now,
) -> Project:
    """Open the project in ``folder`` (default: the user's default project), creating it
    when the folder is missing or empty and ``create`` is true. This is the one place where
    a project's collaborators are made and wired together.

    Raises:
        ProjectError: the folder is not a project, cannot be created, or holds a database
            that is damaged or from a newer Factdesk.
    """
    folder = (folder or default_project_path()).expanduser()
    settings = settings or Settings.load()
    database = folder / DATABASE
    if folder.exists() and not folder.is_dir():
        raise ProjectError(f"{folder} is a file, not a project folder")
    if folder.is_dir() and not database.exists():
        if any(folder.iterdir()):
            raise ProjectError(
                f"{folder} is not a Factdesk project (it has files but no {DATABASE})"
            )
        if not create:
            raise ProjectError(f"{folder} is not a Factdesk project (no {DATABASE})")
    if not folder.exists():
        if not create:
            raise ProjectError(f"no project at {folder}")
        try:
            folder.mkdir(parents=True)
        except OSError as exc:
            raise ProjectError(
                f"cannot create the project folder {folder}: {exc.strerror}"
            ) from None
    read_only = _read_only(folder) or (database.exists() and _read_only(database))
    if read_only:
        if not database.exists():
            raise ProjectError(f"the project folder {folder} is read-only: cannot create a project")
        engine = make_engine(database, read_only=True)
        check_readable(engine, database)
        store = Store(engine, clock=clock)
    else:
        store = Store.open(database, create=create, clock=clock)
    workspace = Workspace(folder, store, author or settings.author(), read_only)
    # A read-only project searches through a throw-away index of its own.
    index = open_index(Path(tempfile.mkdtemp(prefix="factdesk-index-")) / "index"
                       if read_only else folder / "index")
    keys = settings.path.parent / "keys"

    # Each collaborator is made (and its modules loaded) on first use: see Project.
    def articles() -> ArticleService:
        from desktop_app.services.articles import ArticleService
        from desktop_app.services.originals import Originals

        return ArticleService(workspace, Originals(folder / "originals"),
                              _read_article, _expand_paths)

    def claims() -> ClaimService:
        from desktop_app.services.claims import ClaimService

        return ClaimService(workspace)

    def entities() -> EntityService:
        from desktop_app.services.entities import EntityService

        return EntityService(workspace)

    def flags() -> FlagService:
        from desktop_app.services.flags import FlagService

        return FlagService(workspace)

    def checking() -> CheckService:
        from desktop_app.services.checking import CheckService

        return CheckService(workspace)

    def bundles() -> BundleService:
        from desktop_app.exchange.limits import Limits
        from desktop_app.exchange.signing import Keyring
        from desktop_app.services.bundles import BundleService

        return BundleService(workspace, keyring or Keyring(keys), bundle_limits or Limits())

    def exchange() -> ExchangeService:
        from desktop_app.services.exchange import ExchangeService

        return ExchangeService(workspace)

    def history() -> History:
        from desktop_app.services.history import History

        return History(workspace)

    return Project(workspace, articles=articles, claims=claims, entities=entities, flags=flags,
                   checking=checking, search=SearchService(store, index), bundles=bundles,
                   exchange=exchange, history=history)
