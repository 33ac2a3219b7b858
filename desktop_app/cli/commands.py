"""The subcommands: each takes the parsed arguments and an open project, returns an exit code."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK, PARTLY, REFUSED
from desktop_app.cli.output import one_line, print_json, short, table, to_jsonable

if TYPE_CHECKING:
    from desktop_app.services import Project


def cmd_import(args: argparse.Namespace, project: Project) -> int:
    report = project.articles.import_paths([Path(p) for p in args.paths])
    nothing_done = len(report.failed) == len(report.outcomes)
    if args.json:
        print_json({"outcomes": report.outcomes})
    elif nothing_done:
        for outcome in report.failed:
            print(f"factdesk: {outcome.reason}", file=sys.stderr)
    else:
        for outcome in report.outcomes:
            head = f"{short(outcome.article_id or '')}  {one_line(outcome.title or '', 60)}"
            if outcome.status == "added":
                print(f"added      {head}  ({outcome.path})")
                for note in outcome.notes:
                    print(f"           {note}")
            elif outcome.status == "duplicate":
                print(f"duplicate  {head}  ({outcome.path}: same text already imported)")
            else:
                print(f"failed     {outcome.reason}")
        counts = {s: sum(1 for o in report.outcomes if o.status == s)
                  for s in ("added", "duplicate", "failed")}
        print(f"{counts['added']} added, {counts['duplicate']} duplicate, "
              f"{counts['failed']} failed")
    if report.failed:
        return REFUSED if nothing_done else PARTLY
    return OK


def cmd_articles(args: argparse.Namespace, project: Project) -> int:
    articles = project.articles.list()
    if args.json:
        print_json({"articles": articles})
        return OK
    if not articles:
        print("no articles yet: import some with `factdesk import PATH`")
        return OK
    rows = [
        [short(a.id), one_line(a.title, 50), one_line(a.publisher or "", 20),
         one_line(a.author or "", 20), a.published.isoformat() if a.published else "",
         str(a.claim_count)]
        for a in articles
    ]
    print(table(rows, ["id", "title", "outlet", "author", "published", "claims"]))
    return OK


def cmd_show(args: argparse.Namespace, project: Project) -> int:
    article = project.articles.get(args.article)
    claims = project.claims.list(article=article.id)
    original = project.articles.original_path(article)
    if args.json:
        document = to_jsonable(article)
        document["original_file"] = article.original_name
        document["original_path"] = str(original) if original else None
        document["claims"] = to_jsonable(claims)
        print_json(document)
        return OK
    print(article.title)
    meta = [
        ("id", article.id), ("outlet", article.publisher), ("author", article.author),
        ("published", article.published.isoformat() if article.published else None),
        ("url", article.url), ("original", article.original_name),
    ]
    for label, value in meta:
        if value:
            print(f"{label + ':':<11}{value}")
    print()
    print(article.text)
    if claims:
        print()
        print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''}:")
        for claim in claims:
            print(_claim_line(claim))
    return OK


def _claim_line(claim) -> str:
    tags = f"  [{', '.join(claim.tags)}]" if claim.tags else ""
    return (f"{short(claim.id)}  {claim.start}-{claim.end}  {claim.verdict} / {claim.status}"
            f"{tags}  “{one_line(claim.exact, 60)}”")


def cmd_claim_add(args: argparse.Namespace, project: Project) -> int:
    result = project.claims.add(
        args.article, quote=args.quote, occurrence=args.occurrence, tags=args.tag or (),
        verdict=args.verdict, note=args.note or "", status=args.status,
        entities=args.entity or (),
    )
    if args.json:
        print_json(result.claim)
    else:
        print(f"added claim {_claim_line(result.claim)}")
    return OK


def cmd_claim_edit(args: argparse.Namespace, project: Project) -> int:
    result = project.claims.edit(
        args.claim, add_tags=args.tag or (), remove_tags=args.untag or (),
        verdict=args.verdict, status=args.status, note=args.note, version=args.claim_version,
    )
    if args.json:
        print_json(result.claim)
    elif result.conflict is not None:
        print(f"claim {short(result.claim.id)} was changed by someone else since version "
              f"{args.claim_version}: your edit is kept beside it as a conflict to settle "
              f"(factdesk conflicts)")
    elif result.changes.empty:
        print(f"claim {short(result.claim.id)} already says that: nothing changed")
    else:
        print(f"edited claim {_claim_line(result.claim)}")
    return OK


def cmd_claim_delete(args: argparse.Namespace, project: Project) -> int:
    result = project.claims.delete(args.claim)
    print(f"deleted claim {_claim_line(result.claim)}")
    return OK


def cmd_claims(args: argparse.Namespace, project: Project) -> int:
    claims = project.claims.list(tag=args.tag, verdict=args.verdict, status=args.status,
                            article=args.article, entity=args.entity)
    in_conflict = {claim.id for claim, _conflict in project.bundles.conflicts()}
    if args.json:
        print_json({"claims": claims, "in_conflict": sorted(in_conflict & {c.id for c in claims})})
        return OK
    if not claims:
        print("no claims match")
        return OK
    rows = []
    for claim in claims:  # the claim's id first: the one `claim edit`, `link` and `flag` take
        tags = f"  [{', '.join(claim.tags)}]" if claim.tags else ""
        mark = "  [in conflict: see `factdesk conflicts`]" if claim.id in in_conflict else ""
        rows.append([short(claim.id), short(claim.article_id), f"{claim.start}-{claim.end}",
                     f"{claim.verdict} / {claim.status}",
                     f"“{one_line(claim.exact, 60)}”{tags}{mark}"])
    print(table(rows, ["claim", "article", "span", "verdict / status", "quote"]), end="")
    print()
    return OK


def cmd_tags(args: argparse.Namespace, project: Project) -> int:
    tags = project.claims.tags()
    if args.json:
        print_json({"tags": tags})
        return OK
    if not tags:
        print("no tags yet")
    print(table([[t.name, str(t.claims)] for t in tags], ["tag", "claims"]) if tags else "", end="")
    if tags:
        print()
    return OK


def cmd_tag_rename(args: argparse.Namespace, project: Project) -> int:
    changes = project.claims.rename_tag(args.old, args.new)
    print(f"tag {args.old!r} is now {args.new!r} on {len(changes.claims)} claims")
    return OK


def cmd_tag_merge(args: argparse.Namespace, project: Project) -> int:
    changes = project.claims.merge_tags(args.sources, args.into)
    print(f"merged {', '.join(args.sources)} into {args.into!r} ({len(changes.claims)} claims)")
    return OK


def cmd_audit(args: argparse.Namespace, project: Project) -> int:
    target = None
    if args.claim:
        target = project.claims.get(args.claim).id
    events = project.history.audit(target=target)
    if args.json:
        print_json({"events": events})
        return OK
    for event in events:
        print(f"{event.at:%Y-%m-%d %H:%M:%S}  {event.actor:<16} {event.action:<14} "
              f"{event.target_kind} {short(event.target_id)}")
    if not events:
        print("no changes recorded")
    return OK
