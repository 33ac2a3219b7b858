"""One project: the use cases as named collaborators. The command line and the app call only
this; :func:`desktop_app.services.open_project` is the one place that wires it."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.articles import ArticleService
from desktop_app.services.bundles import BundleService
from desktop_app.services.checking import CheckService
from desktop_app.services.claims import ClaimService
from desktop_app.services.entities import EntityService
from desktop_app.services.exchange import ExchangeService
from desktop_app.services.flags import FlagService
from desktop_app.services.history import History
from desktop_app.services.report import ReportService
from desktop_app.services.searching import SearchService
from desktop_app.services.workspace import Workspace


class Project:
    """One project folder: its database, its originals, and the user acting on it.

    Every change goes through one of the collaborators below and comes back as
    :class:`~desktop_app.core.models.Changes`; :attr:`history` takes any of them back.
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        articles: ArticleService,
        claims: ClaimService,
        entities: EntityService,
        flags: FlagService,
        checking: CheckService,
        search: SearchService,
        bundles: BundleService,
        exchange: ExchangeService,
        history: History,
        report: ReportService,
    ) -> None:
        self._ws = workspace
        self.articles = articles
        self.claims = claims
        self.entities = entities
        self.flags = flags
        self.checking = checking
        self.search = search
        self.bundles = bundles
        self.exchange = exchange
        self.history = history
        self.report = report

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
