"""W3C Web Annotation (JSON-LD): claims out as annotations, annotations in as claims.

Export: an AnnotationCollection whose pages hold one Annotation per claim, targeting the
article with a TextQuoteSelector and a TextPositionSelector (code points, as the model
requires); the note is a TextualBody, tags are bodies with purpose "tagging", entity links
bodies with purpose "identifying" (Wikidata IRIs where known), the verdict a body with purpose
"assessing" and the annotation's motivation "assessing".

Import: :func:`read_annotations` accepts an Annotation, a list of them, an AnnotationPage or
an AnnotationCollection with embedded pages, checks each against the model's MUSTs and
refuses the file with every problem named. No network is used: the context is known by name.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop_app.core.errors import RefusedFileError
from desktop_app.core.models import Article, Claim, Entity
from desktop_app.exchange.jsontext import load_json

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PAGE_SIZE = 1000
WIKIDATA = "http://www.wikidata.org/entity/"
NAMESPACE = uuid.UUID("5b0c1d5e-8f0e-4d36-9e53-6e1d3c0a7f10")

_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")
_MEDIA_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+(\s*;.*)?$")
SETS = ("Choice", "Composite", "List", "Independents")


def urn(kind: str, record_id: str) -> str:
    """A stable IRI for a record that has no web address."""
    try:
        return f"urn:uuid:{uuid.UUID(record_id)}"
    except ValueError:
        return f"urn:uuid:{uuid.uuid5(NAMESPACE, kind + ':' + record_id)}"


def article_iri(article: Article) -> str:
    url = (article.url or "").strip()
    return url if url.startswith(("http://", "https://")) and _IRI.match(url) else urn(
        "article", article.id)


def _stamp(value: datetime) -> str:
    return value.isoformat(timespec="seconds").replace("+00:00", "Z")


def annotation(claim: Claim, article: Article, entities: dict[str, Entity]) -> dict[str, Any]:
    """One claim as a Web Annotation."""
    bodies: list[dict[str, Any]] = []
    if claim.note:
        bodies.append({"type": "TextualBody", "value": claim.note, "format": "text/plain",
                       "purpose": "commenting"})
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"}
               for tag in claim.tags]
    for entity_id in claim.entity_ids:
        entity = entities.get(entity_id)
        qid = dict(entity.external_ids).get("wikidata") if entity else None
        bodies.append({"type": "SpecificResource", "purpose": "identifying",
                       "source": WIKIDATA + qid if qid else urn("entity", entity_id)})
    bodies.append({"type": "TextualBody", "value": claim.verdict, "purpose": "assessing"})
    return {
        "@context": CONTEXT,
        "id": urn("claim", claim.id),
        "type": "Annotation",
        "motivation": "assessing",
        "created": _stamp(claim.created),
        "modified": _stamp(claim.modified),
        "creator": {"type": "Person", "name": claim.author},
        "body": bodies,
        "target": {
            "source": article_iri(article),
            "selector": [
                {"type": "TextQuoteSelector", "exact": claim.exact, "prefix": claim.prefix,
                 "suffix": claim.suffix},
                {"type": "TextPositionSelector", "start": claim.start, "end": claim.end},
            ],
        },
    }


def collection(
    claims: Sequence[Claim], articles: dict[str, Article], entities: dict[str, Entity],
    *, label: str, key: str, page_size: int = PAGE_SIZE,
) -> list[dict[str, Any]]:
    """The AnnotationCollection (with its first page embedded) followed by the other pages."""
    collection_id = urn("collection", key)
    pages = [claims[i : i + page_size] for i in range(0, len(claims), page_size)] or [[]]
    page_ids = [urn("page", f"{key}:{n}") for n in range(len(pages))]
    documents: list[dict[str, Any]] = []
    for number, chunk in enumerate(pages):
        page: dict[str, Any] = {
            "id": page_ids[number], "type": "AnnotationPage",
            "partOf": {"id": collection_id, "type": "AnnotationCollection", "label": label,
                       "total": len(claims)},
            "startIndex": number * page_size,
            "items": [_without_context(annotation(c, articles[c.article_id], entities))
                      for c in chunk],
        }
        if number + 1 < len(pages):
            page["next"] = page_ids[number + 1]
        if number:
            page["prev"] = page_ids[number - 1]
            documents.append({"@context": CONTEXT, **page})
        else:
            documents.append(page)
    head = {"@context": CONTEXT, "id": collection_id, "type": "AnnotationCollection",
            "label": label, "total": len(claims)}
    if claims:
        head["first"] = documents[0]
        head["last"] = page_ids[-1]
    return [head, *documents[1:]]


def _without_context(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "@context"}


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncomingAnnotation:
    """What an annotation says that a claim can hold."""

    id: str | None
    sources: tuple[str, ...]
    exact: str | None
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    note: str
    tags: tuple[str, ...]
    verdict: str | None
    identifying: tuple[str, ...]
    creator: str | None


def _single(value: Any) -> bool:
    return not isinstance(value, list)


def _iri(value: Any) -> bool:
    return isinstance(value, str) and bool(_IRI.match(value))


def _types(node: dict[str, Any]) -> list[str]:
    kind = node.get("type", node.get("@type", []))
    return kind if isinstance(kind, list) else [kind]


def _check_resource(node: Any, where: str, problems: list[str], *, body: bool) -> None:
    if isinstance(node, str):
        if not _iri(node):
            problems.append(f"{where} must be an IRI, not {node!r}")
        return
    if not isinstance(node, dict):
        problems.append(f"{where} must be an IRI or an object, not {json.dumps(node)}")
        return
    kinds = _types(node)
    if "id" in node and not _iri(node["id"]):
        problems.append(f"{where} id must be one IRI")
    sets = [k for k in kinds if k in SETS]
    if len(sets) > 1:
        problems.append(f"{where} has too many set types ({', '.join(sets)})")
    if sets or "items" in node:
        if not sets:
            problems.append(f"{where} has items but no Choice, Composite, List or "
                            "Independents type: it cannot be interpreted")
        items = node.get("items")
        if not isinstance(items, list) or not items:
            problems.append(f"{where} set has no items")
        else:
            for n, item in enumerate(items):
                _check_resource(item, f"{where} item {n + 1}", problems, body=body)
        return
    if "TextualBody" in kinds or (body and "value" in node):
        if not isinstance(node.get("value"), str):
            problems.append(f"{where} is a TextualBody that needs one string value")
    if "format" in node and not (isinstance(node["format"], str)
                                 and _MEDIA_TYPE.match(node["format"])):
        problems.append(f"{where} format must be a media type such as text/plain")
    for key in ("language", "processingLanguage"):
        if key in node:
            value = node[key]
            values = value if isinstance(value, list) and key == "language" else [value]
            if not all(isinstance(v, str) and _LANGUAGE.match(v) for v in values):
                problems.append(f"{where} {key} must be a language tag (one for "
                                "processingLanguage)")
    if "textDirection" in node and node["textDirection"] not in ("ltr", "rtl", "auto"):
        problems.append(f"{where} textDirection must be ltr, rtl or auto")
    if "SpecificResource" in kinds or "selector" in node or "state" in node:
        if "source" not in node:
            problems.append(f"{where} is a SpecificResource without a source")
        elif not (_iri(node["source"]) or isinstance(node["source"], dict)):
            problems.append(f"{where} source must be an IRI")
    selectors = node.get("selector", [])
    for selector in selectors if isinstance(selectors, list) else [selectors]:
        _check_selector(selector, where, problems)
    for key in ("created", "modified"):
        if key in node and not (isinstance(node[key], str) and _DATETIME.match(node[key])):
            problems.append(f"{where} {key} must be one xsd:dateTime")
    for key in ("rights", "canonical", "via"):
        if key in node and not _iris(node[key], key != "canonical"):
            problems.append(f"{where} {key} must be an IRI")


def _check_selector(selector: Any, where: str, problems: list[str]) -> None:
    if isinstance(selector, str):
        if not _iri(selector):
            problems.append(f"{where} selector must be an IRI or an object")
        return
    if not isinstance(selector, dict):
        problems.append(f"{where} selector must be an object")
        return
    kinds = _types(selector)
    if "FragmentSelector" in kinds and not isinstance(selector.get("value"), str):
        problems.append(f"{where} FragmentSelector needs exactly one string value")
    if "FragmentSelector" in kinds and not _single(selector.get("conformsTo")):
        problems.append(f"{where} FragmentSelector has more than one conformsTo")
    if "TextQuoteSelector" in kinds and not isinstance(selector.get("exact"), str):
        problems.append(f"{where} TextQuoteSelector needs one exact string")
    if "TextPositionSelector" in kinds and not all(
            isinstance(selector.get(k), int) and not isinstance(selector.get(k), bool)
            and selector[k] >= 0 for k in ("start", "end")):
        problems.append(f"{where} TextPositionSelector needs start and end as whole numbers")
    if "refinedBy" in selector:
        _check_selector(selector["refinedBy"], where, problems)


def _iris(value: Any, many: bool) -> bool:
    values = value if isinstance(value, list) and many else [value]
    return all(_iri(v) for v in values)


def _agent_ok(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return all(_iri(v) or isinstance(v, dict) for v in values)


def annotation_problems(document: Any) -> list[str]:
    """Every MUST of the Web Annotation model this document breaks (empty when none)."""
    if not isinstance(document, dict):
        return ["an annotation must be a JSON object"]
    problems: list[str] = []
    context = document.get("@context")
    if context is None:
        problems.append("no @context")
    elif not (context == CONTEXT or (isinstance(context, list) and CONTEXT in context)):
        problems.append(f"bad @context: it must be or include {CONTEXT}")
    if "id" in document and not _iri(document["id"]):
        problems.append("bad id: it must be one IRI" if _single(document["id"])
                        else "multiple identifiers: id must be one IRI")
    if "type" not in document:
        problems.append("no type: it must be Annotation")
    elif "Annotation" not in _types(document):
        problems.append("bad type: it must be Annotation")
    if "target" not in document:
        problems.append("no target")
    else:
        targets = document["target"]
        for n, target in enumerate(targets if isinstance(targets, list) else [targets]):
            _check_resource(target, f"bad target {n + 1}", problems, body=False)
    if "body" in document and "bodyValue" in document:
        problems.append("body and bodyValue: only one of them may be given")
    if "bodyValue" in document and not isinstance(document["bodyValue"], str):
        problems.append("bad bodyValue: it must be one string")
    if "body" in document:
        bodies = document["body"]
        for n, body in enumerate(bodies if isinstance(bodies, list) else [bodies]):
            _check_resource(body, f"bad body {n + 1}", problems, body=True)
    for key in ("created", "modified", "generated"):
        if key in document and not (isinstance(document[key], str)
                                    and _DATETIME.match(document[key])):
            problems.append(f"bad {key}: it must be one xsd:dateTime")
    for key in ("creator", "generator"):
        if key in document and not _agent_ok(document[key]):
            problems.append(f"bad {key}: it must be an IRI or an agent object")
    for key in ("rights", "canonical", "via"):
        if key in document and not _iris(document[key], key != "canonical"):
            problems.append(f"bad {key}: it must be an IRI")
    return problems


def _items(page: dict[str, Any], name: str) -> list[Any]:
    items = page.get("items", [])
    if not isinstance(items, list):
        raise RefusedFileError("an AnnotationPage's items must be a list", name)
    return items


def _annotations_in(document: Any, name: str) -> list[Any]:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        kinds = _types(document)
        if "AnnotationCollection" in kinds:
            found: list[Any] = []
            page = document.get("first")
            seen = 0
            while isinstance(page, dict) and seen < 100_000:
                found += _items(page, name)
                page = page.get("next")
                seen += 1
            return found
        if "AnnotationPage" in kinds:
            return _items(document, name)
    return [document]


def read_annotations(data: bytes, name: str) -> list[IncomingAnnotation]:
    """The annotations in a JSON-LD file, or in Hypothesis's own JSON (its client's "Export
    annotations" file, or rows of its API), which reads the same way; a Web Annotation file
    that breaks the model is refused whole, and a file in no format we know is refused
    (:class:`RefusedFileError`) with what it looks like."""
    kind = _not_json(data)
    if kind is not None:
        raise RefusedFileError(f"bad JSON: this is no JSON at all, it looks like {kind}", name)
    document = load_json(data, name)
    rows = hypothesis_rows(document)
    if rows is not None:
        return [from_hypothesis(row) for row in rows if isinstance(row, dict)]
    if not _attempts_web_annotation(document):
        raise RefusedFileError(
            f"not a Web Annotation file: it looks like {_looks_like(document)}", name)
    found: list[IncomingAnnotation] = []
    for number, item in enumerate(_annotations_in(document, name), start=1):
        if isinstance(item, dict) and "@context" not in item and isinstance(document, dict):
            item = {"@context": document.get("@context"), **item}
        try:
            problems = annotation_problems(item)
        except RecursionError:
            problems = ["it is nested too deeply to read"]
        if problems:
            raise RefusedFileError(
                f"annotation {number} breaks the Web Annotation model: " + "; ".join(problems),
                name)
        found.append(_incoming(item))
    return found


_W3C_KEYS = ("target", "body", "bodyValue", "motivation", "items", "first")


def _attempts_web_annotation(document: Any) -> bool:
    """Whether the document (or an item of a list) carries any term of the model: its
    context, an Annotation type, a target or body (an empty object counts: it is refused for
    what it lacks)."""
    items = document if isinstance(document, list) else [document]

    def attempt(item: Any) -> bool:
        if not isinstance(item, dict):
            return False
        kinds = " ".join(map(str, _types(item))) if isinstance(_types(item), list) else ""
        return (not item or "Annotation" in kinds or "anno.jsonld" in json.dumps(
            item.get("@context", "")) or any(key in item for key in _W3C_KEYS))

    return not items or any(attempt(item) for item in items)


def _not_json(data: bytes) -> str | None:
    """What a file that is plainly not JSON looks like, or None when it may be JSON."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head or head[:1] in (b"{", b"["):
        return None
    if head.startswith(b"PK\x03\x04"):
        return "a zip archive (a Factdesk bundle is imported with import-bundle)"
    if head.startswith(b"%PDF"):
        return "a PDF document (articles are imported with import)"
    if head[:1] == b"<":
        return "HTML or XML" + (" (articles are imported with import)"
                                if b"<html" in head.lower() else "")
    first = head.split(b"\n", 1)[0]
    if first.count(b",") >= 2 or first.count(b"\t") >= 2:
        return "a table (CSV or TSV)"
    return "plain text"


def _looks_like(document: Any) -> str:
    """A short description of a JSON document that is not Web Annotations."""
    text = json.dumps(document)[:100_000].lower()
    if '"claimreview"' in text:
        return "schema.org ClaimReview: import it with import-claimreview"
    if isinstance(document, dict):
        keys = ", ".join(list(document)[:6])
        return f"a JSON object with the keys {keys}" if keys else "an empty JSON object"
    if isinstance(document, list):
        return f"a list of {len(document)} JSON values without any Web Annotation term"
    return f"a single JSON {type(document).__name__}"


def hypothesis_rows(document: Any) -> list[Any] | None:
    """The annotations of a Hypothesis file, or None when it is not one: the client's export
    (``{export_date, export_userid, client_version, annotations: [...]}``), an API search
    answer (``{total, rows: [...]}``), or API annotations (``uri``, ``target``, no
    ``@context``)."""
    if isinstance(document, dict):
        if isinstance(document.get("annotations"), list) and any(
                key in document for key in ("export_date", "export_userid", "client_version")):
            return list(document["annotations"])
        if isinstance(document.get("rows"), list) and "@context" not in document:
            return list(document["rows"])
        document = [document]
    if isinstance(document, list) and document and all(
            isinstance(item, dict) and "uri" in item and "@context" not in item
            and "type" not in item for item in document):
        return list(document)
    return None


def from_hypothesis(row: dict[str, Any]) -> IncomingAnnotation:
    """One Hypothesis annotation (API form: ``uri``, ``text``, ``tags``, ``user``,
    ``target[].selector``) read like a Web Annotation: its selectors are the model's own."""
    targets = row["target"] if isinstance(row.get("target"), list) else []
    sources = [row["uri"]] if isinstance(row.get("uri"), str) else []
    exact = start = end = None
    prefix = suffix = ""
    for target in targets:
        if not isinstance(target, dict):
            continue
        if isinstance(target.get("source"), str) and target["source"] not in sources:
            sources.append(target["source"])
        selectors = target["selector"] if isinstance(target.get("selector"), list) else []
        for selector in selectors:
            if not isinstance(selector, dict):
                continue
            kind = selector.get("type")
            if kind == "TextQuoteSelector" and isinstance(selector.get("exact"), str) \
                    and exact is None:
                exact = selector["exact"]
                prefix = selector["prefix"] if isinstance(selector.get("prefix"), str) \
                    else ""
                suffix = selector["suffix"] if isinstance(selector.get("suffix"), str) \
                    else ""
            elif kind == "TextPositionSelector" and start is None and all(
                    isinstance(selector.get(k), int) and not isinstance(selector.get(k), bool)
                    and selector[k] >= 0 for k in ("start", "end")):
                start, end = selector["start"], selector["end"]
    links = row["links"] if isinstance(row.get("links"), dict) else {}
    ident = links.get("html") if isinstance(links.get("html"), str) else None
    if ident is None and isinstance(row.get("id"), str) and row["id"]:
        ident = "https://hypothes.is/a/" + row["id"]
    info = row["user_info"] if isinstance(row.get("user_info"), dict) else {}
    creator = info.get("display_name") if isinstance(info.get("display_name"), str) else None
    if not creator and isinstance(row.get("user"), str):
        creator = row["user"].removeprefix("acct:").split("@")[0] or None
    tags = tuple(t for t in row.get("tags", []) if isinstance(t, str)) \
        if isinstance(row.get("tags"), list) else ()
    return IncomingAnnotation(
        id=ident, sources=tuple(sources), exact=exact, prefix=prefix, suffix=suffix,
        start=start, end=end, note=row["text"] if isinstance(row.get("text"), str) else "",
        tags=tags, verdict=None, identifying=(), creator=creator)


def _incoming(document: dict[str, Any]) -> IncomingAnnotation:
    targets = document["target"] if isinstance(document["target"], list) else [
        document["target"]]
    sources: list[str] = []
    exact = start = end = None
    prefix = suffix = ""
    for target in targets:
        if isinstance(target, str):
            sources.append(target)
            continue
        source = target.get("source", target.get("id"))
        if isinstance(source, str):
            sources.append(source)
        selectors = target.get("selector", [])
        for selector in selectors if isinstance(selectors, list) else [selectors]:
            if not isinstance(selector, dict):
                continue
            kinds = _types(selector)
            if "TextQuoteSelector" in kinds and exact is None:
                exact = selector["exact"]
                prefix = selector.get("prefix", "") or ""
                suffix = selector.get("suffix", "") or ""
            if "TextPositionSelector" in kinds and start is None:
                start, end = selector["start"], selector["end"]
    notes: list[str] = []
    tags: list[str] = []
    identifying: list[str] = []
    verdict = None
    if isinstance(document.get("bodyValue"), str):
        notes.append(document["bodyValue"])
    bodies = document.get("body", [])
    for body in _flatten(bodies if isinstance(bodies, list) else [bodies]):
        if not isinstance(body, dict):
            continue
        purpose = body.get("purpose")
        value = body.get("value")
        if purpose == "tagging" and isinstance(value, str):
            tags.append(value)
        elif purpose == "identifying":
            source = body.get("source", body.get("id"))
            if isinstance(source, str):
                identifying.append(source)
        elif purpose == "assessing" and isinstance(value, str):
            verdict = value
        elif isinstance(value, str):
            notes.append(value)
    creator = document.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    if isinstance(creator, dict):
        creator = creator.get("name") or creator.get("nickname") or creator.get("id")
    return IncomingAnnotation(
        id=document.get("id"), sources=tuple(sources), exact=exact, prefix=prefix,
        suffix=suffix, start=start, end=end, note="\n\n".join(notes), tags=tuple(tags),
        verdict=verdict, identifying=tuple(identifying),
        creator=creator if isinstance(creator, str) else None,
    )


def _flatten(bodies: Iterable[Any]) -> Iterable[Any]:
    for body in bodies:
        if isinstance(body, dict) and isinstance(body.get("items"), list):
            yield from _flatten(body["items"])
        else:
            yield body
