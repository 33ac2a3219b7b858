"""schema.org ClaimReview: rated claims out as JSON-LD, and other fact-checkers' reviews in.

Reading tolerates what publishers really write (``@type`` in lower case or as an array,
``type`` without the ``@``, numbers as strings, a -1 sentinel for "no place on the scale",
dates with a space instead of ``T`` or placeholder years) and says what it had to forgive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.core.errors import RefusedFileError
from desktop_app.core.models import Article, Claim
from desktop_app.exchange.jsontext import load_json

CONTEXT = "https://schema.org"

#: Our verdicts on a five-point scale; verdicts off the scale carry no number.
SCALE = {"false": 1, "mostly false": 2, "mixed": 3, "mostly true": 4, "true": 5}
BEST, WORST = 5, 1
RATED = ("true", "mostly true", "mixed", "mostly false", "false", "unproven", "not checkable")

#: What publishers call their ratings, folded, onto our verdicts.
NAMES = {
    "true": "true", "correct": "true", "accurate": "true",
    "mostly true": "mostly true", "mostly correct": "mostly true",
    "half true": "mixed", "mixture": "mixed", "mixed": "mixed", "partly false": "mixed",
    "partly true": "mixed", "misleading": "mixed", "half truth": "mixed",
    "mostly false": "mostly false", "mostly incorrect": "mostly false",
    "false": "false", "incorrect": "false", "fake": "false", "pants on fire": "false",
    "pants on fire!": "false", "fabricated": "false", "wrong": "false",
    "unproven": "unproven", "unverified": "unproven", "unsupported": "unproven",
    "no evidence": "unproven", "not checkable": "not checkable", "unverifiable": "unproven",
}


def _organisation(name: str | None) -> dict[str, str] | None:
    return {"@type": "Organization", "name": name} if name else None


def review(claim: Claim, article: Article, *, reviewer: str, url: str) -> dict[str, Any]:
    """One rated claim as a ClaimReview."""
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": claim.verdict.capitalize()}
    if claim.verdict in SCALE:
        rating.update(ratingValue=SCALE[claim.verdict], bestRating=BEST, worstRating=WORST)
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        appearance["url"] = article.url
    if article.published:
        appearance["datePublished"] = article.published.isoformat()
    if article.publisher:
        appearance["publisher"] = _organisation(article.publisher)
    item: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if article.author:
        item["author"] = {"@type": "Person", "name": article.author}
    elif article.publisher:
        item["author"] = _organisation(article.publisher)
    if article.published:
        item["datePublished"] = article.published.isoformat()
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim.exact,
        "author": _organisation(reviewer),
        "datePublished": claim.modified.date().isoformat(),
        "reviewRating": rating,
        "itemReviewed": item,
    }
    if claim.note:
        document["reviewBody"] = claim.note
    return document


# -- reading ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncomingReview:
    """A ClaimReview as read, with the verdict on our scale and what had to be forgiven."""

    claim_reviewed: str
    verdict: str
    rating_name: str | None
    rating_value: float | None
    url: str | None
    reviewer: str | None
    published: date | None
    claim_author: str | None
    appearance_url: str | None
    warnings: tuple[str, ...]


def _kind(node: Any) -> list[str]:
    if not isinstance(node, dict):
        return []
    value = node.get("@type", node.get("type", []))
    values = value if isinstance(value, list) else [value]
    return [str(v).lower() for v in values]


def _number(value: Any, what: str, warnings: list[str]) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            warnings.append(f"{what} {value!r} is not a number: ignored")
            return None
        warnings.append(f"{what} given as text ({value!r})")
        return number
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    warnings.append(f"{what} {value!r} is not a number: ignored")
    return None


def _date(value: Any, what: str, warnings: list[str]) -> date | None:
    if not isinstance(value, str):
        return None
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not match:
        warnings.append(f"{what} {value!r} is not a date: ignored")
        return None
    if not re.match(r"^\d{4}-\d{2}-\d{2}(T|$)", value.strip()):
        warnings.append(f"{what} {value!r} is not ISO 8601: read as {match.group(0)}")
    try:
        found = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        warnings.append(f"{what} {value!r} is not a real date: ignored")
        return None
    if found.year < 1900:
        warnings.append(f"{what} {value!r} is a placeholder: ignored")
        return None
    return found


def _name(node: Any) -> str | None:
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, str):
        return node.strip() or None
    if isinstance(node, dict):
        for key in ("name", "alternateName", "url"):
            if isinstance(node.get(key), str) and node[key].strip():
                return node[key].strip()
    return None


def verdict_for(name: str | None, value: float | None, best: float | None,
                worst: float | None) -> str:
    """Our verdict for a publisher's rating: by its name, else by its place on its scale."""
    if name:
        folded = " ".join(re.sub(r"[^\w\s!]", " ", name.lower()).split())
        if folded in NAMES:
            return NAMES[folded]
    best = 5.0 if best is None else best
    worst = 1.0 if worst is None else worst
    if value is None or best <= worst or not worst <= value <= best:
        return "unproven"
    share = (value - worst) / (best - worst)
    for floor, verdict in ((0.9, "true"), (0.65, "mostly true"), (0.4, "mixed"),
                           (0.15, "mostly false")):
        if share >= floor:
            return verdict
    return "false"


def _reviews_in(document: Any) -> list[dict]:
    if isinstance(document, list):
        return [r for d in document for r in _reviews_in(d)]
    if not isinstance(document, dict):
        return []
    if "claimreview" in _kind(document):
        return [document]
    graph = document.get("@graph", [])
    return _reviews_in(graph) if isinstance(graph, (list, dict)) else []


def read_reviews(data: bytes, name: str) -> list[IncomingReview]:
    """Every ClaimReview in a JSON-LD file (an object, a list, or an ``@graph``)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RefusedFileError(f"not UTF-8 text ({exc})", name) from None
    document = load_json(text, name)
    try:
        found = _reviews_in(document)
    except RecursionError:
        raise RefusedFileError("bad JSON (nested too deeply)", name) from None
    if not found:
        raise RefusedFileError("no ClaimReview in it", name)
    return [_review(node, number, name) for number, node in enumerate(found, start=1)]


def _review(node: dict, number: int, name: str) -> IncomingReview:
    warnings: list[str] = []
    if "@type" not in node:
        warnings.append("'type' written without '@'")
    claim_reviewed = node.get("claimReviewed")
    if not isinstance(claim_reviewed, str) or not claim_reviewed.strip():
        raise RefusedFileError(f"ClaimReview {number} has no claimReviewed text", name)
    if claim_reviewed != claim_reviewed.strip():
        warnings.append("claimReviewed has white space around it: trimmed")
    rating = node.get("reviewRating") if isinstance(node.get("reviewRating"), dict) else {}
    if rating and "rating" not in _kind(rating):
        warnings.append("reviewRating is not typed as a Rating")
    elif rating and "Rating" not in str(rating.get("@type", rating.get("type", ""))):
        warnings.append("Rating type written in lower case")
    value = _number(rating.get("ratingValue"), "ratingValue", warnings)
    best = _number(rating.get("bestRating"), "bestRating", warnings)
    worst = _number(rating.get("worstRating"), "worstRating", warnings)
    if value is not None and value < 0:
        warnings.append(f"ratingValue {value:g} is a sentinel: the rating has no place on "
                        "the scale")
        value = None
    rating_name = rating.get("alternateName") if isinstance(rating.get("alternateName"),
                                                            str) else None
    item = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    appearance = item.get("appearance")
    if isinstance(appearance, list):
        appearance = appearance[0] if appearance else None
    appearance_url = appearance.get("url") if isinstance(appearance, dict) else None
    return IncomingReview(
        claim_reviewed=" ".join(claim_reviewed.split()),
        verdict=verdict_for(rating_name, value, best, worst),
        rating_name=rating_name.strip() if rating_name else None,
        rating_value=value,
        url=node.get("url") if isinstance(node.get("url"), str) else None,
        reviewer=_name(node.get("author")),
        published=_date(node.get("datePublished"), "datePublished", warnings),
        claim_author=_name(item.get("author")),
        appearance_url=appearance_url if isinstance(appearance_url, str) else None,
        warnings=tuple(warnings),
    )
