"""``factdesk init`` and ``factdesk team``: creating a project, and a shared project's roles."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_app.cli.exit_codes import OK
from desktop_app.core import vocab

if TYPE_CHECKING:  # --help must not load the services (and SQLAlchemy)
    from desktop_app.services import Project


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser],
                json: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``init`` and ``team`` commands."""
    p = sub.add_parser("init", help="create a project: a folder (--project) or a shared "
                       "project on PostgreSQL (--database URL)")
    p.add_argument("--database", dest="init_database", metavar="URL",
                   help="postgresql://user@host:port/database (an empty database)")
    p.set_defaults(run=cmd_init, creates=True)

    team = sub.add_parser("team", help="who may do what in a shared project")
    team_sub = team.add_subparsers(dest="team_command", metavar="ACTION", required=True,
                                   parser_class=parser_class)
    p = team_sub.add_parser("grant", help="make a database user a reader, checker or editor")
    p.add_argument("user", metavar="USER")
    p.add_argument("role", metavar="ROLE", type=str.lower, choices=list(vocab.TeamRole),
                   help=f"one of: {', '.join(vocab.TeamRole)}")
    p.set_defaults(run=cmd_team_grant)


def cmd_init(args: argparse.Namespace, project: Project) -> int:
    where = args.database_shown if project.shared else str(project.folder)
    print(f"the project is ready: {where}")
    return OK


def cmd_team_grant(args: argparse.Namespace, project: Project) -> int:
    created = project.team.grant(args.user, args.role)
    print(f"{args.user} is now {'an' if args.role == 'editor' else 'a'} {args.role} of the "
          "shared project" + (" (a new database user: set its password on the server, e.g. "
                              f"ALTER ROLE \"{args.user}\" PASSWORD '…')" if created else ""))
    return OK
