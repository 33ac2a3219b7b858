"""``factdesk``: the command line. Thin: it parses, calls the services, prints.

Exit status: 0 when everything asked for was done; 1 when a batch was partly done (each
failure listed); 2 when the input was refused and nothing was done.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import NoReturn

from desktop_app.cli import (
    bundle_commands,
    check_commands,
    commands,
    entity_commands,
    flag_commands,
    report_commands,
    search_commands,
    team_commands,
)
from desktop_app.cli.exit_codes import OK, REFUSED
from desktop_app.cli.output import inert_output
from desktop_app.cli.report_commands import PdfWriter
from desktop_app.core import vocab
from desktop_app.core.errors import FactdeskError


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage mistake on one line and exits 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"factdesk: {message} (see `{self.prog} --help`)\n")


class _Version(argparse.Action):
    """``--version``: the version is read from the package metadata only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from desktop_app import __version__

        print(f"factdesk {__version__}")
        parser.exit()


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print a JSON document only")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factdesk", description="Offline desk for fact-checkers.")
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the program's version number and exit")
    parser.add_argument("--project", metavar="P", help="project folder (else $FACTDESK_PROJECT, "
                        "else the default project)")
    parser.add_argument("--database", metavar="URL", help="a shared project on PostgreSQL: "
                        "postgresql://user@host:port/database (else $FACTDESK_DATABASE); the "
                        "password comes from ~/.pgpass or $PGPASSWORD, never the command line")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.add_parser("gui", help="open the desktop app (the default with no command)")

    p = sub.add_parser("import", help="import files or folders (.txt .md .html .htm .pdf)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    _json(p)
    p.set_defaults(run=commands.cmd_import, creates=True)

    p = sub.add_parser("articles", help="list the articles")
    _json(p)
    p.set_defaults(run=commands.cmd_articles)

    p = sub.add_parser("show", help="an article's text, metadata and claims")
    p.add_argument("article", metavar="ARTICLE")
    _json(p)
    p.set_defaults(run=commands.cmd_show)

    claim = sub.add_parser("claim", help="add, edit or delete a claim")
    claim_sub = claim.add_subparsers(dest="claim_command", metavar="ACTION", required=True,
                                     parser_class=_Parser)
    p = claim_sub.add_parser("add", help="mark a claim by quoting the article")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--quote", required=True, metavar="TEXT")
    p.add_argument("--occurrence", type=int, metavar="N",
                   help="which occurrence, when the quote occurs several times (1 = first)")
    p.add_argument("--tag", action="append", metavar="T")
    p.add_argument("--verdict", metavar="V", help=f"one of: {', '.join(vocab.VERDICTS)}")
    p.add_argument("--status", metavar="S", help=f"one of: {', '.join(vocab.REVIEW_STATUSES)}")
    p.add_argument("--note", metavar="N")
    p.add_argument("--entity", action="append", metavar="E", help="link to this entity")
    _json(p)
    p.set_defaults(run=commands.cmd_claim_add)
    p = claim_sub.add_parser("edit", help="change a claim's tags, verdict, status or note")
    p.add_argument("claim", metavar="CLAIM")
    p.add_argument("--tag", action="append", metavar="T", help="add a tag")
    p.add_argument("--untag", action="append", metavar="T", help="remove a tag")
    p.add_argument("--verdict", metavar="V", help=f"one of: {', '.join(vocab.VERDICTS)}")
    p.add_argument("--status", metavar="S", help=f"one of: {', '.join(vocab.REVIEW_STATUSES)}")
    p.add_argument("--note", metavar="N")
    p.add_argument("--version", dest="claim_version", type=int, metavar="N",
                   help="the claim's version this edit is made on: if it changed since, the "
                   "edit is kept as a conflict to settle instead of overwriting it")
    _json(p)
    p.set_defaults(run=commands.cmd_claim_edit)
    p = claim_sub.add_parser("delete", help="remove a claim (the audit log keeps it)")
    p.add_argument("claim", metavar="CLAIM")
    p.set_defaults(run=commands.cmd_claim_delete)

    p = sub.add_parser("claims", help="list claims, filtered")
    p.add_argument("--tag", metavar="T")
    p.add_argument("--verdict", metavar="V")
    p.add_argument("--status", metavar="S")
    p.add_argument("--article", metavar="A")
    p.add_argument("--entity", metavar="E")
    _json(p)
    p.set_defaults(run=commands.cmd_claims)

    p = sub.add_parser("tags", help="list tags with how many claims carry each")
    _json(p)
    p.set_defaults(run=commands.cmd_tags)
    tag = sub.add_parser("tag", help="rename or merge tags")
    tag_sub = tag.add_subparsers(dest="tag_command", metavar="ACTION", required=True,
                                 parser_class=_Parser)
    p = tag_sub.add_parser("rename", help="rename a tag (onto an existing tag: merge)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(run=commands.cmd_tag_rename)
    p = tag_sub.add_parser("merge", help="fold tags into one")
    p.add_argument("sources", nargs="+", metavar="FROM")
    p.add_argument("into", metavar="INTO")
    p.set_defaults(run=commands.cmd_tag_merge)

    suggest = entity_commands.add_parsers(sub, _Parser, _json)
    flag_commands.add_parsers(sub, _Parser, _json)
    check_commands.add_parsers(sub, suggest, _json)
    search_commands.add_parsers(sub, _Parser, _json)
    bundle_commands.add_parsers(sub, _Parser, _json)
    team_commands.add_parsers(sub, _Parser, _json)

    p = sub.add_parser("audit", help="who changed what, oldest first")
    p.add_argument("--claim", metavar="CLAIM", help="only the changes to this claim")
    _json(p)
    p.set_defaults(run=commands.cmd_audit)
    p = sub.add_parser("report", help="the editor's report of flagged and reviewed claims")
    p.add_argument("out", metavar="OUT.html|OUT.pdf")
    p.add_argument("--article", action="append", metavar="A",
                   help="only these articles (repeat); default: the whole project")
    p.set_defaults(run=report_commands.cmd_report)

    return parser


def _fail(message: str) -> int:
    print(f"factdesk: {message}", file=sys.stderr)
    return REFUSED


def run(argv: list[str], pdf_writer: PdfWriter | None = None) -> int:
    """Run one command line; returns the exit status. ``pdf_writer`` lays out a report as
    PDF (the entry point hands in Qt's, loaded only when a PDF is asked for). Everything it
    prints is inert: control characters from imported text are shown as visible marks, never
    obeyed by the terminal."""
    with inert_output():
        return _run(argv, pdf_writer)


def _may_create(args: argparse.Namespace, named: Path | None) -> bool:
    """Whether this command may make a new project: the imports (import, import-bundle,
    import-w3c, import-claimreview) may; the others, given a folder that holds no project
    (a mistyped path), refuse rather than make an empty one and answer from it.
    The default project (``named`` None: no --project, no $FACTDESK_PROJECT) is made by
    any command."""
    return bool(getattr(args, "creates", False)) or named is None


def _first_missing(folder: Path) -> Path | None:
    """The outermost folder of ``folder``'s path that does not exist yet (what making the
    project will create), or None when ``folder`` exists."""
    if folder.exists():
        return None
    missing = folder.absolute()
    while not missing.parent.exists():
        missing = missing.parent
    return missing


def _unmake(made: Path | None) -> None:
    """Remove the folders a refused command made for a new project: a mistyped path, or a
    file that could not be imported, leaves no empty project behind."""
    if made is not None:
        shutil.rmtree(made, ignore_errors=True)


def _holds_nothing(folder: Path) -> bool:
    """True when ``folder`` does not exist or is an empty folder: no project, and nothing
    else either (a folder with other files gets the services' own message)."""
    return not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))


def _run(argv: list[str], pdf_writer: PdfWriter | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.pdf_writer = pdf_writer
    if args.command is None:
        parser.print_help()
        return OK
    folder = Path(args.project).expanduser() if args.project else None
    database = (getattr(args, "init_database", None) or args.database
                or os.environ.get("FACTDESK_DATABASE") or None)
    # The services (and SQLAlchemy under them) load only once a command is really run.
    from desktop_app.services import open_project, server_url_shown
    from desktop_app.services.settings import PROJECT_ENV

    made: Path | None = None  # the folder this command made for a new project, if any
    try:
        if database is not None:
            args.database_shown = server_url_shown(database)
            opened = open_project(database=database, create=getattr(args, "creates", False))
        else:
            named = folder or (Path(os.environ[PROJECT_ENV]) if os.environ.get(PROJECT_ENV)
                               else None)
            creates = _may_create(args, named)
            if not creates and named is not None and _holds_nothing(named.expanduser()):
                return _fail(f"no project at {named}: check the path, or start one there "
                             f"with: factdesk --project {named} import FILE...")
            if creates and named is not None:
                made = _first_missing(named.expanduser())
            opened = open_project(folder, create=creates)
        with opened as project:
            if project.upgrade_backup is not None:
                print(f"factdesk: upgraded the project; the old copy is {project.upgrade_backup}",
                      file=sys.stderr)
            status = int(args.run(args, project))
        if status == REFUSED:
            _unmake(made)
        return status
    except FactdeskError as exc:
        _unmake(made)
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted: nothing more was done")
    except BrokenPipeError:
        return OK
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("FACTDESK_DEBUG"):
            raise
        return _fail(f"unexpected {type(exc).__name__}: {exc} (FACTDESK_DEBUG=1 shows details)")
