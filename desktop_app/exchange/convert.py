"""Between the domain's dataclasses and the bundle's records, in both directions."""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.core.models import Article, Claim, Entity, Flag
from desktop_app.exchange.records import ArticleRecord, ClaimRecord, EntityRecord, FlagRecord


def article_record(article: Article) -> ArticleRecord:
    return ArticleRecord(
        id=article.id, title=article.title, text=article.text,
        content_hash=article.content_hash, original_hash=article.original_hash,
        original_name=article.original_name, format=article.format,
        publisher=article.publisher, author=article.author, url=article.url,
        published=article.published, retrieved=article.retrieved, language=article.language,
    )


def article_from(record: ArticleRecord) -> Article:
    return Article(
        id=record.id, title=record.title, text=record.text, content_hash=record.content_hash,
        original_hash=record.original_hash, original_name=record.original_name,
        format=record.format, publisher=record.publisher, author=record.author, url=record.url,
        published=record.published, retrieved=record.retrieved, language=record.language,
    )


def claim_record(claim: Claim, history: Sequence[str]) -> ClaimRecord:
    return ClaimRecord(
        id=claim.id, article_id=claim.article_id, start=claim.start, end=claim.end,
        exact=claim.exact, prefix=claim.prefix, suffix=claim.suffix, verdict=claim.verdict,
        status=claim.status, note=claim.note, author=claim.author, created=claim.created,
        modified=claim.modified, tags=tuple(sorted(claim.tags, key=str.lower)),
        entity_ids=tuple(sorted(claim.entity_ids)), history=tuple(history),
    )


def claim_from(record: ClaimRecord, article_id: str, entity_ids: Sequence[str]) -> Claim:
    return Claim(
        id=record.id, article_id=article_id, start=record.start, end=record.end,
        exact=record.exact, prefix=record.prefix, suffix=record.suffix, verdict=record.verdict,
        status=record.status, note=record.note, author=record.author, created=record.created,
        modified=record.modified, tags=record.tags, entity_ids=tuple(dict.fromkeys(entity_ids)),
    )


def entity_record(entity: Entity) -> EntityRecord:
    return EntityRecord(
        id=entity.id, name=entity.name, type=entity.type,  # type: ignore[arg-type]  # pydantic checks the Literal
        aliases=entity.aliases, description=entity.description,
        external_ids=dict(entity.external_ids), merged_into=entity.merged_into,
    )


def entity_from(record: EntityRecord, merged_into: str | None = None) -> Entity:
    return Entity(
        id=record.id, name=record.name, type=record.type, aliases=record.aliases,
        description=record.description, external_ids=tuple(sorted(record.external_ids.items())),
        merged_into=merged_into,
    )


def flag_record(flag: Flag) -> FlagRecord:
    return FlagRecord(
        id=flag.id, claim_a=flag.claim_a, claim_b=flag.claim_b,
        kind=flag.kind, severity=flag.severity, status=flag.status,  # type: ignore[arg-type]  # pydantic checks the Literals
        raised_by=flag.raised_by, explanation=flag.explanation, note=flag.note,
        created=flag.created, modified=flag.modified,
    )


def flag_from(record: FlagRecord) -> Flag:
    return Flag(
        id=record.id, claim_a=record.claim_a, claim_b=record.claim_b, kind=record.kind,
        severity=record.severity, status=record.status, raised_by=record.raised_by,
        explanation=record.explanation, note=record.note, created=record.created,
        modified=record.modified,
    )
