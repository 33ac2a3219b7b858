"""Subcommands for bundles, keys, conflicts and the field's formats."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK, PARTLY, REFUSED
from desktop_app.cli.output import one_line, print_json, short
from desktop_app.exchange.limits import KINDS

if TYPE_CHECKING:
    from desktop_app.services import Project


def add_parsers(sub, parser_class, json_flag) -> None:
    export = sub.add_parser("export", help="export a bundle, W3C annotations, ClaimReview or CSV")
    export_sub = export.add_subparsers(dest="export_command", metavar="FORMAT", required=True,
                                       parser_class=parser_class)
    p = export_sub.add_parser("bundle", help="a signed .factdesk bundle for colleagues")
    p.add_argument("out", metavar="OUT")
    p.add_argument("--article", action="append", metavar="A",
                   help="only this article (repeat for more); default: the whole project")
    p.set_defaults(run=cmd_export_bundle)
    p = export_sub.add_parser("w3c", help="W3C Web Annotation JSON-LD (a collection)")
    p.add_argument("out", metavar="OUT")
    p.set_defaults(run=cmd_export_standard)
    p = export_sub.add_parser("claimreview", help="schema.org ClaimReview for rated claims")
    p.add_argument("out", metavar="OUT")
    p.add_argument("--reviewer", metavar="NAME", help="the organisation publishing the reviews")
    p.add_argument("--base-url", metavar="URL", help="where the reviews will be published")
    p.set_defaults(run=cmd_export_standard)
    p = export_sub.add_parser("csv", help="one row per claim, for spreadsheets")
    p.add_argument("out", metavar="OUT")
    p.set_defaults(run=cmd_export_standard)

    p = sub.add_parser("import-bundle", help="merge a colleague's bundle (try --dry-run first)")
    p.add_argument("path", metavar="IN")
    p.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    p.add_argument("--trust-this-bundle", action="store_true",
                   help="accept its changes to existing claims and flags even though it is "
                        "not signed by a key you trust")
    json_flag(p)
    p.set_defaults(run=cmd_import_bundle, creates=True)

    p = sub.add_parser("import-w3c", help="Web Annotations (e.g. from Hypothesis) as claims")
    p.add_argument("path", metavar="IN")
    json_flag(p)
    p.set_defaults(run=cmd_import_w3c, creates=True)
    p = sub.add_parser("import-claimreview", help="other fact-checkers' ClaimReview JSON-LD")
    p.add_argument("path", metavar="IN")
    json_flag(p)
    p.set_defaults(run=cmd_import_claimreview, creates=True)

    p = sub.add_parser("conflicts", help="claims edited on both sides of a bundle exchange")
    json_flag(p)
    p.set_defaults(run=cmd_conflicts)
    p = sub.add_parser("settle", help="settle a claim in conflict")
    p.add_argument("claim", metavar="CLAIM")
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--ours", action="store_const", dest="keep", const="ours",
                       help="keep this project's version")
    group.add_argument("--theirs", action="store_const", dest="keep", const="theirs",
                       help="take the bundle's version")
    p.set_defaults(run=cmd_settle)

    keys = sub.add_parser("keys", help="your signing key and the keys your team trusts")
    keys_sub = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True,
                                   parser_class=parser_class)
    p = keys_sub.add_parser("show", help="your key's fingerprint and the trusted keys")
    json_flag(p)
    p.set_defaults(run=cmd_keys_show)
    p = keys_sub.add_parser("trust", help="trust a key by the fingerprint import showed")
    p.add_argument("fingerprint", metavar="FINGERPRINT")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(run=cmd_keys_trust)


def cmd_export_bundle(args: argparse.Namespace, project: Project) -> int:
    result = project.bundles.export(Path(args.out), args.article or ())
    counts = ", ".join(f"{result.counts[k]} {k}" for k in KINDS)
    print(f"wrote {result.path}: {counts}; signed by {result.signed_by}")
    return OK


def cmd_export_standard(args: argparse.Namespace, project: Project) -> int:
    """W3C Web Annotation, ClaimReview or CSV: the format is the subcommand's name."""
    out = Path(args.out)
    if args.export_command == "w3c":
        result, noun = project.exchange.export_w3c(out), "annotations"
    elif args.export_command == "claimreview":
        result = project.exchange.export_claimreview(out, reviewer=args.reviewer,
                                                     base_url=args.base_url)
        noun = "claim reviews"
    else:
        result, noun = project.exchange.export_csv(out), "claims"
    print(f"wrote {', '.join(map(str, result.paths))}: {result.records} {noun}")
    return OK


def cmd_import_bundle(args: argparse.Namespace, project: Project) -> int:
    report = project.bundles.import_file(Path(args.path), dry_run=args.dry_run,
                                         trust=args.trust_this_bundle)
    if args.json:
        document = {k: getattr(report, k) for k in (
            "bundle", "created_by", "created_at", "signature", "trusted", "dry_run", "added",
            "updated", "unchanged", "conflicts", "held_flags", "clamped")}
        print_json(document)
    else:
        print("\n".join(report.summary_lines()))
    return OK


def _annotation_report(result, what: str, as_json: bool) -> int:
    """Print what an import of another tool's file did. Exit status: 0 when everything was
    added (or was in the project already), 1 when some records were left out for a reason,
    2 when none could be added because none matched."""
    if as_json:
        print_json({"added": result.added, "skipped": [list(s) for s in result.skipped],
                    "warnings": result.warnings})
    else:
        print(f"{len(result.added)} {what} added as claims, {len(result.skipped)} left out")
        for label, reason in result.skipped[:50]:
            print(f"  left out {one_line(label, 50)}: {reason}")
        for warning in result.warnings:
            print(f"  note: {warning}")
    if not result.problems:
        return OK
    if not result.added and len(result.problems) == len(result.skipped):
        if not as_json:
            print(f"factdesk: none of the {what} could be added: see the reasons above",
                  file=sys.stderr)
        return REFUSED
    return PARTLY


def cmd_import_w3c(args: argparse.Namespace, project: Project) -> int:
    return _annotation_report(project.exchange.import_w3c(Path(args.path)), "annotations",
                              args.json)


def cmd_import_claimreview(args: argparse.Namespace, project: Project) -> int:
    return _annotation_report(project.exchange.import_claimreview(Path(args.path)), "reviews",
                              args.json)


def cmd_conflicts(args: argparse.Namespace, project: Project) -> int:
    found = project.bundles.conflicts()
    if args.json:
        print_json([{"claim": claim, "theirs": conflict.incoming, "bundle": conflict.bundle,
                     "from": conflict.from_author} for claim, conflict in found])
        return OK
    if not found:
        print("no claims in conflict")
    for claim, conflict in found:
        theirs = conflict.incoming
        print(f"{short(claim.id)}  “{one_line(claim.exact, 60)}”  "
              f"(from {conflict.from_author}, {conflict.bundle})")
        print(f"    ours:   {claim.verdict}, {claim.status}, tags {list(claim.tags)}, "
              f"note {one_line(claim.note, 40)!r}")
        print(f"    theirs: {theirs['verdict']}, {theirs['status']}, tags {theirs['tags']}, "
              f"note {one_line(theirs['note'], 40)!r}")
    return OK


def cmd_settle(args: argparse.Namespace, project: Project) -> int:
    project.bundles.settle(args.claim, keep=args.keep)
    print(f"settled {args.claim}: kept {args.keep}")
    return OK


def cmd_keys_show(args: argparse.Namespace, project: Project) -> int:
    own = project.bundles.key_fingerprint()
    trusted = project.bundles.trusted_keys()
    if args.json:
        print_json({"fingerprint": own, "author": project.author, "trusted": trusted})
        return OK
    print(f"your key: {own} ({project.author})")
    for fingerprint, name in sorted(trusted.items(), key=lambda kv: kv[1].lower()):
        print(f"trusted:  {fingerprint} ({name})")
    return OK


def cmd_keys_trust(args: argparse.Namespace, project: Project) -> int:
    project.bundles.trust_key(args.fingerprint, args.name)
    print(f"trusted {args.name}")
    return OK
