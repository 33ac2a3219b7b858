"""``factdesk search`` and ``factdesk reindex``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK
from desktop_app.cli.output import print_json, short

if TYPE_CHECKING:
    from desktop_app.services import Project


def cmd_search(args: argparse.Namespace, project: Project) -> int:
    results = project.search.find(" ".join(args.query), kind=args.kind, tags=tuple(args.tag or ()),
                             verdict=args.verdict, limit=args.limit, sort=args.sort)
    if args.json:
        print_json(results)
        return OK
    if not results.hits:
        print("nothing found" + (f"; did you mean: {results.suggestion}"
                                 if results.suggestion else ""))
        return OK
    print(f"{results.total} found" + (f", showing {len(results.hits)}"
                                      if results.total > len(results.hits) else ""))
    for hit in results.hits:
        where = " · ".join(p for p in (hit.outlet, hit.published.isoformat()
                                       if hit.published else None) if p)
        print(f"{hit.kind:<8}{short(hit.id)}  {hit.title}" + (f"  ({where})" if where else ""))
        if hit.snippet:
            print(f"          {hit.marked_snippet()}")
    for name, counts in results.facets.items():
        if counts:
            shown = ", ".join(f"{k} {v}" for k, v in list(counts.items())[:8])
            print(f"by {name}: {shown}")
    return OK


def cmd_reindex(args: argparse.Namespace, project: Project) -> int:
    count = project.search.reindex()
    print(f"search index rebuilt: {count} documents")
    return OK


def add_parsers(sub: argparse._SubParsersAction, parser_class: type, json_flag) -> None:
    """Register the search subcommands on the main parser."""
    p = sub.add_parser("search", help="search articles, claims and entities")
    p.add_argument("query", nargs="+", metavar="QUERY",
                   help='words, "phrases", AND/OR/NOT, prefix*, title:, outlet:, tag:, '
                        "verdict:, entity:, status:, published:2024-11")
    p.add_argument("--kind", choices=("article", "claim", "entity"))
    p.add_argument("--tag", action="append", metavar="T")
    p.add_argument("--verdict", metavar="V")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    json_flag(p)
    p.set_defaults(run=cmd_search)
    p = sub.add_parser("reindex", help="rebuild the search index from the database")
    p.set_defaults(run=cmd_reindex)
