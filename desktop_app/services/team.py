"""Use cases for a desk's shared project: who may do what."""

from __future__ import annotations

from desktop_app.core.vocab import team_role
from desktop_app.services.workspace import Workspace


class TeamService:
    """The members of a shared project and their roles (kept by the database server)."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def grant(self, user: str, role: str) -> bool:
        """Make database user ``user`` a reader, checker or editor of the shared project
        (creating the login role when it is new: True then; its password is set on the
        server). Only the project's owner may grant.

        Raises:
            InvalidValueError: an unknown role or a name PostgreSQL roles may not have.
            ProjectError: the project is not shared, or the server refused.
        """
        return self._ws.store.grant(user, team_role(role))
