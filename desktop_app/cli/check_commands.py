"""Subcommands for finding where sources disagree: the check, and check-worthy sentences."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK
from desktop_app.cli.flag_commands import flag_document, flag_lines
from desktop_app.cli.output import one_line, print_json, to_jsonable

if TYPE_CHECKING:
    from desktop_app.services import Project


def cmd_check(args: argparse.Namespace, project: Project) -> int:
    report = project.checking.check()
    if args.json:
        print_json({"flags": [flag_document(project, f) for f in report.flags],
                    "claims": [to_jsonable(c) for c in report.claims],
                    "already_flagged": report.known, "statements": report.statements,
                    "pairs": report.pairs})
        return OK
    print(f"compared {report.statements} statements in {report.pairs} candidate pairs: "
          f"{len(report.flags)} new flag{'s' if len(report.flags) != 1 else ''}, "
          f"{report.known} already flagged, {len(report.claims)} claim"
          f"{'s' if len(report.claims) != 1 else ''} made for review")
    seen: dict[str, tuple[str, str]] = {}
    for flag in report.flags:
        print("\n".join(flag_lines(project, flag, seen)))
    return OK


def cmd_suggest_claims(args: argparse.Namespace, project: Project) -> int:
    suggestions = project.checking.suggest_claims(args.article, limit=args.limit)
    if args.json:
        print_json({"suggestions": [to_jsonable(s) for s in suggestions]})
        return OK
    if not suggestions:
        print("no sentence in this article looks worth checking")
    for s in suggestions:
        print(f"{s.score:4.1f}  [{s.start}:{s.end}]  “{one_line(s.text, 110)}”")
        print(f"      {'; '.join(s.reasons)}")
    return OK


def add_parsers(sub: argparse._SubParsersAction, suggest: argparse._SubParsersAction,
                json_flag) -> None:
    """Register ``check`` and ``suggest claims`` on the main parser."""
    p = sub.add_parser("check", help="find where sources disagree; store new open flags")
    json_flag(p)
    p.set_defaults(run=cmd_check)
    p = suggest.add_parser("claims", help="the article's sentences worth checking, ranked")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("--limit", type=int, metavar="N", help="at most N sentences")
    json_flag(p)
    p.set_defaults(run=cmd_suggest_claims)


