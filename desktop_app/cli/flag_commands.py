"""Subcommands for flags: where two sources disagree."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from desktop_app.cli.exit_codes import OK
from desktop_app.cli.output import one_line, print_json, short
from desktop_app.core import vocab
from desktop_app.core.models import Flag

if TYPE_CHECKING:
    from desktop_app.services import Project


def flag_document(project: Project, flag: Flag) -> dict[str, Any]:
    """A flag with both passages, for JSON output."""
    from desktop_app.cli.output import to_jsonable

    document = to_jsonable(flag)
    for side in ("claim_a", "claim_b"):
        claim = project.claims.get(getattr(flag, side))
        article = project.articles.get(claim.article_id)
        document[f"{side}_quote"] = claim.exact
        document[f"{side}_article"] = {"id": article.id, "title": article.title,
                                       "outlet": article.publisher}
    return document


def flag_lines(project: Project, flag: Flag,
               seen: dict[str, tuple[str, str]] | None = None) -> list[str]:
    """The lines that show one flag and its two passages. ``seen`` (claim id -> source and
    quote) spares reading a claim and its article again when many flags are printed."""
    seen = {} if seen is None else seen
    lines = [f"{short(flag.id)}  {flag.status:<9} {flag.kind:<13} {flag.severity:<6} "
             f"raised by {flag.raised_by}"]
    for side in (flag.claim_a, flag.claim_b):
        if side not in seen:
            claim = project.claims.get(side)
            article = project.articles.get(claim.article_id)
            seen[side] = (article.publisher or article.title, claim.exact)
        source, quote = seen[side]
        lines.append(f"    {one_line(source, 28):<28}  “{one_line(quote, 70)}”")
    if flag.explanation:
        lines.append(f"    {flag.explanation}")
    if flag.note and flag.note != flag.explanation:
        lines.append(f"    note: {flag.note}")
    return lines


def cmd_flags(args: argparse.Namespace, project: Project) -> int:
    flags = project.flags.list(status=args.status)
    if args.json:
        print_json({"flags": [flag_document(project, f) for f in flags]})
        return OK
    if not flags:
        print("no flags" + (f" with status {args.status}" if args.status else ""))
    seen: dict[str, tuple[str, str]] = {}
    for flag in flags:
        print("\n".join(flag_lines(project, flag, seen)))
    return OK


def cmd_flag_add(args: argparse.Namespace, project: Project) -> int:
    result = project.flags.add(args.claim_a, args.claim_b, kind=args.kind, note=args.note or "")
    print("flagged " + "\n".join(flag_lines(project, result.flag)))
    return OK


def cmd_flag_resolve(args: argparse.Namespace, project: Project) -> int:
    status = "confirmed" if args.confirm else "dismissed" if args.dismiss else "open"
    result = project.flags.resolve(args.flag, status=status, note=args.note)
    print(f"flag {short(result.flag.id)} is {result.flag.status}")
    return OK


def add_parsers(sub: argparse._SubParsersAction, parser_class: type, json_flag) -> None:
    """Register the flag subcommands on the main parser."""
    p = sub.add_parser("flags", help="list flags (where sources disagree)")
    p.add_argument("--status", metavar="S", help=f"one of: {', '.join(vocab.FLAG_STATUSES)}")
    json_flag(p)
    p.set_defaults(run=cmd_flags)
    flag = sub.add_parser("flag", help="flag two claims, or resolve a flag")
    fsub = flag.add_subparsers(dest="flag_command", metavar="ACTION", required=True,
                               parser_class=parser_class)
    p = fsub.add_parser("add", help="flag two claims of different articles as inconsistent")
    p.add_argument("claim_a", metavar="CLAIM_A")
    p.add_argument("claim_b", metavar="CLAIM_B")
    p.add_argument("--kind", required=True, metavar="K",
                   help=f"one of: {', '.join(vocab.FLAG_KINDS)}")
    p.add_argument("--note", metavar="N")
    p.set_defaults(run=cmd_flag_add)
    p = fsub.add_parser("resolve", help="confirm or dismiss a flag")
    p.add_argument("flag", metavar="FLAG")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--confirm", action="store_true")
    choice.add_argument("--dismiss", action="store_true")
    choice.add_argument("--reopen", action="store_true")
    p.add_argument("--note", metavar="N")
    p.set_defaults(run=cmd_flag_resolve)
