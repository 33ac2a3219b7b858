"""The bundle format's records: one Pydantic model per record type, each with its version.

A bundle is a zip of ``manifest.json`` and JSON Lines members, one record a line. The JSON
Schema of every record is generated from these models into ``resources/schemas/``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Final, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from desktop_app.core import sizes, vocab
from desktop_app.core.errors import InvalidValueError

FORMAT_NAME: Final = "factdesk-bundle"
FORMAT_VERSION = 1

Id = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
ShortText = Field(max_length=sizes.SHORT_TEXT)
Stamp = Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")
TagName = Annotated[str, Field(min_length=1, max_length=sizes.TAG, pattern=r"\S")]
IdItem = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")]
StampItem = Annotated[str, Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]
Alias = Annotated[str, Field(min_length=1, max_length=sizes.NAME)]


class Record(BaseModel):
    """Base of every record: unknown fields are refused, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class ArticleRecord(Record):
    """An article with its whole text."""

    record: Literal["article"] = "article"
    version: Literal[1] = 1
    id: str = Id
    title: str = ShortText
    text: str = Field(min_length=1, max_length=sizes.ARTICLE_TEXT)
    content_hash: str = Stamp
    #: A SHA-256 in hex (it names a file in the project's originals/ folder).
    original_hash: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    original_name: str | None = ShortText
    format: str = Field(max_length=16)
    publisher: str | None = ShortText
    author: str | None = ShortText
    url: str | None = ShortText
    published: date | None = None
    retrieved: AwareDatetime
    language: str | None = Field(default=None, max_length=16)


class ClaimRecord(Record):
    """A claim: where it is, what was said of it, and the versions it went through."""

    record: Literal["claim"] = "claim"
    version: Literal[1] = 1
    id: str = Id
    article_id: str = Id
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    exact: str = Field(min_length=1, max_length=sizes.QUOTE)
    prefix: str = Field(max_length=1_000)
    suffix: str = Field(max_length=1_000)
    verdict: str
    status: str
    note: str = Field(max_length=sizes.NOTE)
    author: str = ShortText
    created: AwareDatetime
    modified: AwareDatetime
    tags: tuple[TagName, ...] = Field(default=(), max_length=1_000)
    entity_ids: tuple[IdItem, ...] = Field(default=(), max_length=1_000)
    history: tuple[StampItem, ...] = Field(default=(), max_length=10_000)

    @field_validator("verdict")
    @classmethod
    def _known_verdict(cls, value: str) -> str:
        try:
            return vocab.verdict(value)
        except InvalidValueError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        try:
            return vocab.review_status(value)
        except InvalidValueError as exc:
            raise ValueError(str(exc)) from None


class EntityRecord(Record):
    """A canonical entity; ``merged_into`` keeps merged ids resolvable."""

    record: Literal["entity"] = "entity"
    version: Literal[1] = 1
    id: str = Id
    name: str = Field(min_length=1, max_length=sizes.NAME)
    type: Literal["person", "organization", "place", "event", "other"]
    aliases: tuple[Alias, ...] = Field(default=(), max_length=1_000)
    description: str = Field(default="", max_length=sizes.DESCRIPTION)
    external_ids: dict[str, str] = {}
    merged_into: str | None = None


class FlagRecord(Record):
    """Two claims that disagree."""

    record: Literal["flag"] = "flag"
    version: Literal[1] = 1
    id: str = Id
    claim_a: str = Id
    claim_b: str = Id
    kind: Literal["amount", "date", "period", "attribution", "contradiction"]
    severity: Literal["low", "medium", "high"]
    status: Literal["open", "confirmed", "dismissed"]
    raised_by: str = ShortText
    explanation: str = Field(default="", max_length=10_000)
    note: str = Field(default="", max_length=100_000)
    created: AwareDatetime
    modified: AwareDatetime


class MemberInfo(Record):
    """One member of the zip: its checksum, size and record count."""

    sha256: str = Stamp
    bytes: int = Field(ge=0)
    records: int = Field(ge=0)


class Manifest(Record):
    """What the bundle is, who made it, and the checksum of every member."""

    format: Literal["factdesk-bundle"]
    format_version: int = Field(ge=1)
    app_version: str = Field(max_length=32)
    created_at: AwareDatetime
    created_by: str = ShortText
    counts: dict[str, int]
    members: dict[str, MemberInfo]


class SignatureRecord(BaseModel):
    """What ``signature.json`` holds: who signed the manifest, with which key."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    algorithm: str = Field(pattern="^Ed25519$")
    signer: str = Field(max_length=200)
    public_key: str = Field(max_length=100)
    signature: str = Field(max_length=200)


#: A record of one of the bundle's members (each has an ``id``).
MemberRecord = ArticleRecord | EntityRecord | ClaimRecord | FlagRecord

MEMBERS: dict[str, type[MemberRecord]] = {
    "articles.jsonl": ArticleRecord,
    "entities.jsonl": EntityRecord,
    "claims.jsonl": ClaimRecord,
    "flags.jsonl": FlagRecord,
}
