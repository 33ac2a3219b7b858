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
from desktop_app.core.matching import match_key
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
    "unsubstantiated": "unproven", "inaccurate": "false", "hoax": "false", "scam": "false",
    "altered": "false", "manipulated": "false", "doctored": "false", "false context": "mixed",
    "missing context": "mixed", "needs context": "mixed", "lacks context": "mixed",
    "out of context": "mixed", "exaggerated": "mixed", "exaggeration": "mixed",
    "partly accurate": "mixed", "mostly accurate": "mostly true", "satire": "not checkable",
    "four pinocchios": "false", "three pinocchios": "mostly false", "two pinocchios": "mixed",
    "one pinocchio": "mostly true", "geppetto checkmark": "true",
    # Spanish, Portuguese, French, German, Italian, Dutch, Polish, Czech/Slovak, Croatian and
    # Serbian, Turkish, Catalan: the rating names of the IFCN signatories' own scales,
    # written as they publish them (accents and case do not matter).
    "falso": "false", "falsa": "false", "faux": "false", "fausse": "false",
    "falsch": "false", "fake news": "false", "bulo": "false", "onwaar": "false",
    "nepravda": "false", "lazno": "false", "netacno": "false", "fałsz": "false",
    "nieprawda": "false", "yanlis": "false", "fals": "false", "infondato": "false",
    "totalmente falso": "false", "completamente falso": "false", "pinocchio": "false",
    "verdadero": "true", "verdadera": "true", "verdadeiro": "true", "cierto": "true",
    "correcto": "true", "vrai": "true", "wahr": "true", "richtig": "true", "vero": "true",
    "waar": "true", "prawda": "true", "pravda": "true", "tocno": "true", "dogru": "true",
    "cert": "true", "verdade": "true",
    "mayormente cierto": "mostly true", "mayormente verdadero": "mostly true",
    "casi cierto": "mostly true", "plutot vrai": "mostly true",
    "largement vrai": "mostly true", "uberwiegend wahr": "mostly true",
    "grosstenteils wahr": "mostly true", "em grande parte verdadeiro": "mostly true",
    "quasi vero": "mostly true", "grotendeels waar": "mostly true",
    "mayormente falso": "mostly false", "casi falso": "mostly false",
    "plutot faux": "mostly false", "largement faux": "mostly false",
    "uberwiegend falsch": "mostly false", "grosstenteils falsch": "mostly false",
    "em grande parte falso": "mostly false", "quasi falso": "mostly false",
    "grotendeels onwaar": "mostly false",
    "enganoso": "mixed", "enganosa": "mixed", "enganador": "mixed", "trompeur": "mixed",
    "trompeuse": "mixed", "irrefuhrend": "mixed", "fuorviante": "mixed",
    "misleidend": "mixed", "manipulacja": "mixed", "verdad a medias": "mixed",
    "medio verdadero": "mixed", "a medias": "mixed", "impreciso": "mixed",
    "imprecisa": "mixed", "exagerado": "mixed", "exagerada": "mixed", "distorsionado": "mixed",
    "parcialmente falso": "mixed", "en parte falso": "mixed", "parcialmente verdadero": "mixed",
    "partiellement faux": "mixed", "partiellement vrai": "mixed", "a nuancer": "mixed",
    "teilweise falsch": "mixed", "teilweise richtig": "mixed", "halb wahr": "mixed",
    "fehlender kontext": "mixed", "sin contexto": "mixed", "falta contexto": "mixed",
    "contexte manquant": "mixed", "in parte vero": "mixed", "deels waar": "mixed",
    "inverificable": "unproven", "no verificable": "unproven", "sin evidencia": "unproven",
    "sin pruebas": "unproven", "sans preuve": "unproven", "inverifiable": "unproven",
    "unbelegt": "unproven", "nicht belegt": "unproven", "sem provas": "unproven",
    "insustentavel": "unproven", "non dimostrato": "unproven", "onbewezen": "unproven",
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
    # "schema:ClaimReview" and "https://schema.org/ClaimReview" name the same type
    return [re.split(r"[/:#]", str(v))[-1].lower() for v in values]


def _number(value: Any, what: str, warnings: list[str]) -> float | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ".", 1) if value.count(",") == 1
                           and "." not in value else value.strip())
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


def _name_key(name: str) -> str:
    """A rating name in the form the table is looked up by: matching form, words only."""
    return " ".join(re.sub(r"[^\w\s]", " ", match_key(name)).split())


_NAMES = {_name_key(name): verdict for name, verdict in NAMES.items()}


def known_rating(name: str) -> bool:
    """Whether a publisher's rating name is in our table (in any language it holds)."""
    return _name_key(name) in _NAMES


def verdict_for(name: str | None, value: float | None, best: float | None,
                worst: float | None) -> str:
    """Our verdict for a publisher's rating: by its name, else by its place on its scale."""
    if name:
        folded = _name_key(name)
        if folded in _NAMES:
            return _NAMES[folded]
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


def _reviews_in(document: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every ClaimReview node of a document: at the top, in a list or an ``@graph``, or
    nested in another node (a WebPage's ``mainEntity``, an article's ``review``)."""
    if depth > 64:
        raise RecursionError("nested too deeply")
    if isinstance(document, list):
        return [r for d in document for r in _reviews_in(d, depth + 1)]
    if not isinstance(document, dict):
        return []
    if "claimreview" in _kind(document):
        return [document]
    return [r for value in document.values() if isinstance(value, (list, dict))
            for r in _reviews_in(value, depth + 1)]


class _Unreadable(Exception):
    """One review that cannot be read; the others still can."""


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """The reviews of a file that could be read, and the others with the reason."""

    reviews: tuple[IncomingReview, ...]
    left_out: tuple[tuple[str, str], ...]


def read_reviews(data: bytes, name: str) -> list[IncomingReview]:
    """Every readable ClaimReview in a JSON-LD file (an object, a list, or an ``@graph``);
    refused (:class:`RefusedFileError`) when the file holds none it can read."""
    return list(read_review_file(data, name).reviews)


def read_review_file(data: bytes, name: str) -> ReviewFile:
    """Every ClaimReview of a JSON-LD file: the readable ones, and each one that cannot be
    read with its reason, so one unusual review never stops the others. The file is refused
    (:class:`RefusedFileError`) when it is not JSON, holds no ClaimReview, or none of its
    reviews can be read."""
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
    reviews: list[IncomingReview] = []
    left_out: list[tuple[str, str]] = []
    for number, node in enumerate(found, start=1):
        try:
            reviews.append(_review(node, number, name))
        except _Unreadable as exc:
            label = node.get("url") if isinstance(node.get("url"), str) else None
            left_out.append((label or f"ClaimReview {number}", str(exc)))
    if not reviews:
        raise RefusedFileError("; ".join(f"{label}: {why}" for label, why in left_out), name)
    return ReviewFile(tuple(reviews), tuple(left_out))


def _claim_text(node: dict[str, Any], warnings: list[str]) -> str | None:
    """The statement reviewed: ``claimReviewed`` as text, or a Claim object's ``text`` (or
    ``name``), or the reviewed item's own ``text``."""
    value = node.get("claimReviewed")
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        text = value.get("text") or value.get("name")
        if isinstance(text, str) and text.strip():
            warnings.append("claimReviewed given as a Claim object: its text was used")
            return text
        return None
    if isinstance(value, str) and value.strip():
        return value
    item = node.get("itemReviewed")
    if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
        warnings.append("no claimReviewed: the reviewed Claim's text was used")
        return str(item["text"])
    return None


def _review(node: dict[str, Any], number: int, name: str) -> IncomingReview:
    warnings: list[str] = []
    if "@type" not in node:
        warnings.append("'type' written without '@'")
    claim_reviewed = _claim_text(node, warnings)
    if claim_reviewed is None:
        raise _Unreadable("it has no claimReviewed text (nor a Claim object with text)")
    if claim_reviewed != claim_reviewed.strip():
        warnings.append("claimReviewed has white space around it: trimmed")
    rating = node.get("reviewRating")
    if isinstance(rating, list):
        warnings.append("reviewRating given as a list: the first rating was used")
        rating = next((r for r in rating if isinstance(r, dict)), {})
    rating = rating if isinstance(rating, dict) else {}
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
    rating_name = _name(rating.get("alternateName")) or (
        _name(rating.get("name")) if "alternateName" not in rating else None)
    item = node.get("itemReviewed")
    if isinstance(item, list):
        item = next((i for i in item if isinstance(i, dict)), {})
    item = item if isinstance(item, dict) else {}
    appearance = item.get("appearance")
    if isinstance(appearance, list):
        appearance = appearance[0] if appearance else None
    appearance_url = appearance.get("url") if isinstance(appearance, dict) else None
    verdict = verdict_for(rating_name, value, best, worst)
    if rating_name and rating_name.strip() and not known_rating(rating_name) and not (
            value is not None and (best or 5.0) > (worst or 1.0)):
        warnings.append(f"the rating “{rating_name.strip()}” is not one Factdesk knows: "
                        "left unverified")
        verdict = "unverified"
    return IncomingReview(
        claim_reviewed=" ".join(claim_reviewed.split()),
        verdict=verdict,
        rating_name=rating_name.strip() if rating_name else None,
        rating_value=value,
        url=node.get("url") if isinstance(node.get("url"), str) else None,
        reviewer=_name(node.get("author")),
        published=_date(node.get("datePublished"), "datePublished", warnings),
        claim_author=_name(item.get("author")),
        appearance_url=appearance_url if isinstance(appearance_url, str) else None,
        warnings=tuple(warnings),
    )
