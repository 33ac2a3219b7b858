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
    from sqlalchemy import Engine

    from desktop_app.exchange.limits import Limits
    from desktop_app.exchange.signing import Keyring
    from desktop_app.search import SearchIndex
    from desktop_app.services.articles import ArticleService
    from desktop_app.services.bundles import BundleService
    from desktop_app.services.checking import CheckService
    from desktop_app.services.claims import ClaimResult, ClaimService
    from desktop_app.services.entities import EntityService
    from desktop_app.services.exchange import ExchangeService
    from desktop_app.services.flags import FlagService
    from desktop_app.services.history import History
    from desktop_app.services.report import ReportService
    from desktop_app.services.review import ReviewService
    from desktop_app.services.team import TeamService

DATABASE = "project.sqlite3"

__all__ = ["ClaimResult", "Project", "default_project_path", "open_project", "DATABASE"]


def __getattr__(name: str) -> Any:
    # ClaimResult lives with the claim use cases, which load on first use (PEP 562).
    if name == "ClaimResult":
        from desktop_app.services.claims import ClaimResult

        return ClaimResult
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _BoundedRead:
    """The importers' reader run within its budget in a child process
    (:class:`~desktop_app.importers.BoundedReader`), made on its first call: opening a
    project loads no extraction library."""

    def __init__(self) -> None:
        self._reader: Any = None

    def __call__(self, path: Path) -> Any:
        if self._reader is None:
            from desktop_app import importers

            self._reader = importers.BoundedReader(importers.read_article)
        return self._reader(path)

    def release(self) -> None:
        """End the child process, if one was started."""
        if self._reader is not None:
            self._reader.release()


def _expand_paths(*args: Any, **kwargs: Any) -> Any:
    from desktop_app import importers

    return importers.expand_paths(*args, **kwargs)


def _read_only(folder: Path) -> bool:
    """True when the folder's permissions forbid writing (checked on the bits, so it holds
    even for a user whom the system would let write anyway)."""
    mode = folder.stat().st_mode
    return not os.access(folder, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def _refuse_empty_beside_originals(folder: Path, database: Path) -> None:
    """An empty database file beside kept originals is a damaged project, not a new one."""
    if not database.exists() or database.stat().st_size:
        return
    originals = folder / "originals"
    if originals.is_dir() and any(originals.iterdir()):
        raise ProjectError(
            f"{database} is empty but {originals} holds imported files: the project's database "
            "is lost or damaged (restore it from a backup); nothing was changed")


def _read_only_engine(database: Path) -> Engine:
    """An engine for a project that cannot be written. Committed changes still in the
    ``-wal`` file are read when SQLite can (its ``-shm`` file exists); when it cannot, the
    project is refused rather than shown without them.

    Raises:
        ProjectError: the database cannot be read, or has changes this opening cannot see.
    """
    wal = database.with_name(database.name + "-wal")
    has_wal = wal.exists() and wal.stat().st_size > 0
    engine = make_engine(database, read_only=True, immutable=not has_wal)
    try:
        check_readable(engine, database)
    except ProjectError:
        engine.dispose()
        if has_wal:
            raise ProjectError(
                f"{database.parent} is read-only and holds changes not yet merged into its "
                "database (its -wal file) that cannot be read from here: open it once where "
                "it can be written") from None
        raise
    return engine


#: In a shared project's local folder: the database it follows (never with a password).
SHARED_MARKER = "shared-database.txt"


def shared_folder(settings: Settings, url: str) -> Path:
    """This computer's folder for the shared project at ``url``: its search index and its
    copies of originals opened here, beside the settings (never in the database)."""
    import hashlib

    shown = server_url_shown(url)
    digest = hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]
    return settings.path.parent / "shared" / digest


def server_url_shown(url: str) -> str:
    """``url`` as it may be shown or written down: without its password."""
    from desktop_app.store.postgres import shown

    return shown(url)


def url_with_password(url: str, password: str) -> str:
    """``url`` with ``password`` in it, to connect with (never to show or keep).

    Raises:
        ProjectError: ``url`` is not a PostgreSQL URL.
    """
    from desktop_app.store.postgres import with_password

    return with_password(url, password)


def is_shared_location(location: str) -> bool:
    """True when ``location`` names a database server (``postgresql://…``), not a folder."""
    from desktop_app.store.postgres import is_server_url

    return is_server_url(location)


def open_project(
    folder: Path | None = None,
    *,
    database: str | None = None,
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

    With ``database`` (``postgresql://user@host:port/name``) the project is the desk's
    shared one on that server: ``create`` sets up an empty database; the author is the
    database user the server knows (``author`` is not used); ``folder`` (default: one per
    server beside the settings) keeps only this computer's search index and copies of
    originals, and the index catches up with the other members' changes on opening.

    Raises:
        ProjectError: the folder is not a project, cannot be created, or holds a database
            that is damaged or from a newer Factdesk; for a shared project, a bad URL, a
            server that cannot be reached or refuses the login, a database that is not a
            Factdesk project or is from a newer Factdesk.
    """
    settings = settings or Settings.load()
    if database is not None:
        return _open_shared(database, folder, create=create, settings=settings,
                            keyring=keyring, bundle_limits=bundle_limits, clock=clock)
    folder = (folder or default_project_path()).expanduser()
    db_file = folder / DATABASE
    if folder.exists() and not folder.is_dir():
        raise ProjectError(f"{folder} is a file, not a project folder")
    if folder.is_dir() and not db_file.exists():
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
    _refuse_empty_beside_originals(folder, db_file)
    read_only = _read_only(folder) or (db_file.exists() and _read_only(db_file))
    if read_only:
        if not db_file.exists():
            raise ProjectError(f"the project folder {folder} is read-only: cannot create a project")
        store = Store(_read_only_engine(db_file), clock=clock)
    else:
        store = Store.open(db_file, create=create, clock=clock)
    workspace = Workspace(folder, store, author or settings.author(), read_only)
    # A read-only project searches through a throw-away index, removed when it closes.
    index = (open_index(Path(tempfile.mkdtemp(prefix="factdesk-index-")) / "index",
                        throwaway=True)
             if read_only else open_index(folder / "index"))
    project = _wire(workspace, index, settings, keyring, bundle_limits)
    if not read_only:
        # What a killed import or rebuild left behind goes now.
        project.articles.sweep_originals()
        project.search.sweep()
    return project


def _open_shared(url: str, folder: Path | None, *, create: bool, settings: Settings,
                 keyring: Keyring | None, bundle_limits: Limits | None,
                 clock: Clock) -> Project:
    """The shared project on a PostgreSQL server (see :func:`open_project`)."""
    store = Store.open_shared(url, create=create, clock=clock)
    try:
        author = store.server_user() or settings.author()
        local = (folder or shared_folder(settings, url)).expanduser()
        try:
            local.mkdir(parents=True, exist_ok=True)
            (local / SHARED_MARKER).write_text(server_url_shown(url) + "\n", encoding="utf-8")
        except OSError as exc:
            raise ProjectError(
                f"cannot keep this computer's copy of the shared project in {local}: "
                f"{exc.strerror}") from None
        workspace = Workspace(local, store, author)
        project = _wire(workspace, open_index(local / "index"), settings, keyring,
                        bundle_limits)
    except BaseException:
        store.close()
        raise
    project.search.sweep()
    project.search.catch_up()
    return project


def _wire(workspace: Workspace, index: SearchIndex, settings: Settings,
          keyring: Keyring | None, bundle_limits: Limits | None) -> Project:
    """The project's collaborators, each made on first use."""
    folder, store = workspace.folder, workspace.store
    keys = settings.path.parent / "keys"

    # Each collaborator is made (and its modules loaded) on first use: see Project.
    def articles() -> ArticleService:
        from desktop_app.services.articles import ArticleService
        from desktop_app.services.originals import Originals

        return ArticleService(workspace, Originals(folder / "originals"),
                              _BoundedRead(), _expand_paths,
                              originals_in_database=store.shared)

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

    def report() -> ReportService:
        from desktop_app.services.report import ReportService

        return ReportService(workspace)

    def team() -> TeamService:
        from desktop_app.services.team import TeamService

        return TeamService(workspace)

    def review() -> ReviewService:
        from desktop_app.services.review import ReviewService

        return ReviewService(workspace)

    return Project(workspace, articles=articles, claims=claims, entities=entities,
                   flags=flags, checking=checking, search=SearchService(store, index),
                   bundles=bundles, exchange=exchange, history=history, report=report,
                   review=review, team=team)
