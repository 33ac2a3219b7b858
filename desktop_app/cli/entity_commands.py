"""Subcommands for entities and claim links."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK, PARTLY, REFUSED
from desktop_app.cli.output import one_line, print_json, short, table
from desktop_app.core import vocab
from desktop_app.core.models import Entity

if TYPE_CHECKING:
    from desktop_app.services import Project


def _entity_line(entity: Entity) -> str:
    qid = dict(entity.external_ids).get("wikidata")
    aliases = f"  aka {', '.join(entity.aliases)}" if entity.aliases else ""
    return f"{short(entity.id)}  {entity.name} ({entity.type}{', ' + qid if qid else ''}){aliases}"


def cmd_entity_add(args: argparse.Namespace, project: Project) -> int:
    result = project.entities.add(args.name, args.type, aliases=args.alias or (),
                                description=args.description or "", wikidata=args.wikidata)
    if args.json:
        print_json(result.entity)
    else:
        print(f"added entity {_entity_line(result.entity)}")
    return OK


def cmd_entity_edit(args: argparse.Namespace, project: Project) -> int:
    result = project.entities.edit(args.entity, name=args.name, type=args.type,
                                 description=args.description, add_aliases=args.alias or (),
                                 remove_aliases=args.unalias or (), wikidata=args.wikidata)
    if args.json:
        print_json(result.entity)
    else:
        print(f"edited entity {_entity_line(result.entity)}")
    return OK


def cmd_entity_delete(args: argparse.Namespace, project: Project) -> int:
    result = project.entities.delete(args.entity, unlink=args.unlink)
    print(f"deleted entity {_entity_line(result.entity)}"
          + (f" and unlinked {len(result.changes.claims)} claims" if result.changes.claims else ""))
    return OK


def cmd_entity_merge(args: argparse.Namespace, project: Project) -> int:
    source = project.entities.get(args.source)
    result = project.entities.merge(args.source, args.into)
    print(f"merged {source.name!r} ({short(source.id)}) into {_entity_line(result.entity)}; "
          f"{len(result.changes.claims)} claim links moved")
    return OK


def cmd_entity_unmerge(args: argparse.Namespace, project: Project) -> int:
    result = project.entities.unmerge(args.entity)
    print(f"restored entity {_entity_line(result.entity)}")
    return OK


def cmd_entity_show(args: argparse.Namespace, project: Project) -> int:
    entity = project.entities.get(args.entity)
    claims = project.entities.claims_about(entity.id)
    if args.json:
        print_json({"entity": entity, "claims": claims})
        return OK
    print(_entity_line(entity))
    if entity.description:
        print(entity.description)
    print(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} about it:")
    for row in claims:
        print(f"  {row.published or '----------'}  {one_line(row.outlet or row.article_title, 24)}"
              f"  {short(row.claim.id)}  {row.claim.verdict}  “{one_line(row.claim.exact, 60)}”")
    return OK


def cmd_entity_import(args: argparse.Namespace, project: Project) -> int:
    report = project.entities.import_file(Path(args.file))
    for problem in report.problems:
        print(f"line {problem.line}: {problem.reason}")
    print(f"{len(report.added)} entities added, {len(report.problems)} rows not imported")
    if report.problems:
        return PARTLY if report.added else REFUSED
    return OK


def cmd_entities(args: argparse.Namespace, project: Project) -> int:
    entities = project.entities.list(args.query)
    if args.json:
        print_json({"entities": entities})
        return OK
    if not entities:
        print("no entities" + (" match" if args.query else " yet"))
        return OK
    rows = [[short(e.id), one_line(e.name, 40), e.type,
             dict(e.external_ids).get("wikidata", ""), one_line(", ".join(e.aliases), 50)]
            for e in entities]
    print(table(rows, ["id", "name", "type", "wikidata", "aliases"]))
    return OK


def cmd_link(args: argparse.Namespace, project: Project) -> int:
    changes = project.entities.link(args.claim, args.entity)
    entity = project.entities.get(args.entity)
    print(f"linked claim {short(project.claims.get(args.claim).id)} to {entity.name}"
          + ("" if not changes.empty else " (it already was)"))
    return OK


def cmd_unlink(args: argparse.Namespace, project: Project) -> int:
    changes = project.entities.unlink(args.claim, args.entity)
    print("unlinked" if not changes.empty else "that claim was not linked to that entity")
    return OK


def add_parsers(sub: argparse._SubParsersAction, parser_class: type,
                json_flag) -> argparse._SubParsersAction:
    """Register the entity subcommands on the main parser."""
    entity = sub.add_parser("entity", help="add, edit, merge or delete an entity")
    esub = entity.add_subparsers(dest="entity_command", metavar="ACTION", required=True,
                                 parser_class=parser_class)
    p = esub.add_parser("add", help="register an entity")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--type", required=True, metavar="TYPE",
                   help=f"one of: {', '.join(vocab.ENTITY_TYPES)}")
    p.add_argument("--alias", action="append", metavar="A")
    p.add_argument("--wikidata", metavar="QID")
    p.add_argument("--description", metavar="TEXT")
    json_flag(p)
    p.set_defaults(run=cmd_entity_add)
    p = esub.add_parser("edit", help="change an entity")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--name", metavar="NAME")
    p.add_argument("--type", metavar="TYPE")
    p.add_argument("--alias", action="append", metavar="A", help="add an alias")
    p.add_argument("--unalias", action="append", metavar="A", help="remove an alias")
    p.add_argument("--wikidata", metavar="QID", help="set (or with '' clear) the Wikidata id")
    p.add_argument("--description", metavar="TEXT")
    json_flag(p)
    p.set_defaults(run=cmd_entity_edit)
    p = esub.add_parser("delete", help="remove an entity")
    p.add_argument("entity", metavar="ENTITY")
    p.add_argument("--unlink", action="store_true", help="unlink its claims first")
    p.set_defaults(run=cmd_entity_delete)
    p = esub.add_parser("merge", help="merge one entity into another")
    p.add_argument("source", metavar="FROM")
    p.add_argument("into", metavar="INTO")
    p.set_defaults(run=cmd_entity_merge)
    p = esub.add_parser("unmerge", help="undo the merge of a merged entity (by its id)")
    p.add_argument("entity", metavar="ENTITY_ID")
    p.set_defaults(run=cmd_entity_unmerge)
    p = esub.add_parser("show", help="an entity and every claim about it, by date")
    p.add_argument("entity", metavar="ENTITY")
    json_flag(p)
    p.set_defaults(run=cmd_entity_show)
    p = esub.add_parser("import", help="register entities from a .csv or Wikidata-style .json")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_entity_import)

    p = sub.add_parser("entities", help="list entities")
    p.add_argument("query", nargs="?", metavar="QUERY", help="only names or aliases with this")
    json_flag(p)
    p.set_defaults(run=cmd_entities)
    suggest = sub.add_parser("suggest", help="suggestions for an article")
    ssub = suggest.add_subparsers(dest="suggest_command", metavar="WHAT", required=True,
                                  parser_class=parser_class)
    p = ssub.add_parser("entities", help="mentions of known entities and new candidates")
    p.add_argument("article", metavar="ARTICLE")
    json_flag(p)
    p.set_defaults(run=cmd_suggest_entities)
    p = sub.add_parser("link", help="link a claim to an entity")
    p.add_argument("claim", metavar="CLAIM")
    p.add_argument("entity", metavar="ENTITY")
    p.set_defaults(run=cmd_link)
    p = sub.add_parser("unlink", help="remove a claim's link to an entity")
    p.add_argument("claim", metavar="CLAIM")
    p.add_argument("entity", metavar="ENTITY")
    p.set_defaults(run=cmd_unlink)
    return ssub


def cmd_suggest_entities(args: argparse.Namespace, project: Project) -> int:
    found = project.entities.suggest(args.article)
    if args.json:
        print_json(found)
        return OK
    by_entity: dict[str, list] = {}
    for mention in found.mentions:
        by_entity.setdefault(mention.entity_name, []).append(mention)
    print(f"{len(found.mentions)} mentions of {len(by_entity)} known entities:")
    for name, mentions in by_entity.items():
        surfaces = sorted({m.surface for m in mentions})
        print(f"  {name}: {len(mentions)}× ({', '.join(surfaces)})")
    print(f"{len(found.candidates)} candidates for new entities:")
    for c in found.candidates:
        aka = f" ({', '.join(c.aliases)})" if c.aliases else ""
        print(f"  {c.name}{aka}  [{c.type_guess}]  {c.count}× in {c.article_count} article"
              f"{'s' if c.article_count != 1 else ''}")
    return OK
