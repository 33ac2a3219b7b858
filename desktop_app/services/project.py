"""One project: the use cases as named collaborators. The command line and the app call only
this; :func:`desktop_app.services.open_project` is the one place that wires it."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.services.searching import SearchService
from desktop_app.services.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.services.articles import ArticleService
    from desktop_app.services.bundles import BundleService
    from desktop_app.services.checking import CheckService
    from desktop_app.services.claims import ClaimService
    from desktop_app.services.entities import EntityService
    from desktop_app.services.exchange import ExchangeService
    from desktop_app.services.flags import FlagService
    from desktop_app.services.history import History
    from desktop_app.services.report import ReportService
    from desktop_app.services.review import ReviewService
    from desktop_app.services.team import TeamService


class Project:
    """One project folder: its database, its originals, and the user acting on it.

    Every change goes through one of the collaborators below and comes back as
    :class:`~desktop_app.core.models.Changes`; :attr:`history` takes any of them back.

    Each collaborator but :attr:`search` is made on first use from the factory it was given,
    so a command that lists articles never loads the check, the bundle code or the importers.
    :attr:`search` is made at once: it listens to every commit to keep the index in step.
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        articles: Callable[[], ArticleService],
        claims: Callable[[], ClaimService],
        entities: Callable[[], EntityService],
        flags: Callable[[], FlagService],
        checking: Callable[[], CheckService],
        search: SearchService,
        bundles: Callable[[], BundleService],
        exchange: Callable[[], ExchangeService],
        history: Callable[[], History],
        report: Callable[[], ReportService],
        review: Callable[[], ReviewService],
        team: Callable[[], TeamService],
    ) -> None:
        self._ws = workspace
        self.search = search
        self._make_articles = articles
        self._make_claims = claims
        self._make_entities = entities
        self._make_flags = flags
        self._make_checking = checking
        self._make_bundles = bundles
        self._make_exchange = exchange
        self._make_history = history
        self._make_report = report
        self._make_review = review
        self._make_team = team

    @cached_property
    def articles(self) -> ArticleService:
        """Importing, listing, showing and deleting articles."""
        return self._make_articles()

    @cached_property
    def claims(self) -> ClaimService:
        """Marking, editing, listing and deleting claims; tags."""
        return self._make_claims()

    @cached_property
    def entities(self) -> EntityService:
        """People, organisations and places, and their links to claims."""
        return self._make_entities()

    @cached_property
    def flags(self) -> FlagService:
        """The flags the check raised, and their review."""
        return self._make_flags()

    @cached_property
    def checking(self) -> CheckService:
        """The check: where sources disagree."""
        return self._make_checking()

    @cached_property
    def bundles(self) -> BundleService:
        """Exchanging whole projects or parts of them as signed bundles."""
        return self._make_bundles()

    @cached_property
    def exchange(self) -> ExchangeService:
        """The field's formats: W3C Web Annotation, ClaimReview, CSV."""
        return self._make_exchange()

    @cached_property
    def history(self) -> History:
        """Taking any returned change back (undo)."""
        return self._make_history()

    @cached_property
    def report(self) -> ReportService:
        """The editor's report of flagged and reviewed claims."""
        return self._make_report()

    @cached_property
    def review(self) -> ReviewService:
        """The editor's review queue: open flags and claims that need review."""
        return self._make_review()

    @cached_property
    def team(self) -> TeamService:
        """Who may do what in a shared project."""
        return self._make_team()

    @property
    def shared(self) -> bool:
        """True for a desk's shared project on a database server."""
        return self._ws.store.shared

    @property
    def folder(self) -> Path:
        """The project folder."""
        return self._ws.folder

    @property
    def author(self) -> str:
        """The name every change made through this project is recorded under."""
        return self._ws.author

    @property
    def read_only(self) -> bool:
        """True when the project can be read but not changed."""
        return self._ws.read_only

    @property
    def upgrade_backup(self) -> Path | None:
        """The backup written when opening upgraded an older project, if it did."""
        return self._ws.store.backup

    def generation(self) -> int:
        """The data generation: it grows with every committed change."""
        return self._ws.store.generation()

    def close(self) -> None:
        """Release the index and the database."""
        self.search.close()
        self._ws.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
