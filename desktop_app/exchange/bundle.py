"""Writing and reading ``.factdesk`` bundles: a zip of a manifest and JSON Lines members.

Writing is deterministic (members and records in a fixed order, fixed zip timestamps), so the
same project exported twice gives the same bytes apart from the manifest's creation time and
the signature over it. Reading trusts nothing: every check that can refuse a bundle runs
before the caller writes anything, and a refusal names the member and line at fault.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TypeVar

from pydantic import ValidationError

from desktop_app.core.errors import BundleRefusedError
from desktop_app.exchange.filemode import shared_file_mode
from desktop_app.exchange.jsontext import load_json
from desktop_app.exchange.limits import Limits
from desktop_app.exchange.records import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MEMBERS,
    ArticleRecord,
    ClaimRecord,
    EntityRecord,
    FlagRecord,
    Manifest,
    MemberInfo,
    MemberRecord,
)
from desktop_app.exchange.signing import SIGNATURE_MEMBER

MANIFEST = "manifest.json"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
KNOWN_MEMBERS = frozenset({MANIFEST, SIGNATURE_MEMBER, *MEMBERS})


@dataclass(frozen=True, slots=True)
class BundleContents:
    """A bundle read and checked: its manifest, records and signature (not yet verified)."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes | None
    articles: tuple[ArticleRecord, ...] = ()
    entities: tuple[EntityRecord, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()
    flags: tuple[FlagRecord, ...] = ()
    sizes: dict[str, int] = field(default_factory=dict)


def _lines(records: Iterable[MemberRecord]) -> bytes:
    ordered = sorted(records, key=lambda r: r.id)
    return b"".join(r.model_dump_json().encode("utf-8") + b"\n" for r in ordered)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.create_system = 3
    return info


def write_bundle(
    path: Path,
    *,
    articles: Sequence[ArticleRecord],
    entities: Sequence[EntityRecord],
    claims: Sequence[ClaimRecord],
    flags: Sequence[FlagRecord],
    app_version: str,
    created_by: str,
    created_at: datetime,
    sign: Callable[[bytes], bytes] | None = None,
) -> Manifest:
    """Write a bundle to ``path`` (whole or not at all) and return its manifest."""
    members = {
        "articles.jsonl": _lines(articles),
        "entities.jsonl": _lines(entities),
        "claims.jsonl": _lines(claims),
        "flags.jsonl": _lines(flags),
    }
    counts = {"articles": len(articles), "entities": len(entities), "claims": len(claims),
              "flags": len(flags)}
    manifest = Manifest(
        format=FORMAT_NAME, format_version=FORMAT_VERSION, app_version=app_version,
        created_at=created_at, created_by=created_by, counts=counts,
        members={name: MemberInfo(sha256=hashlib.sha256(data).hexdigest(), bytes=len(data),
                                  records=data.count(b"\n"))
                 for name, data in members.items()},
    )
    manifest_bytes = json.dumps(manifest.model_dump(mode="json"), indent=1,
                                sort_keys=True).encode("utf-8")
    path = path.expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".bundle-", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(descriptor, shared_file_mode())
        with os.fdopen(descriptor, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            archive.writestr(_zip_info(MANIFEST), manifest_bytes)
            if sign is not None:
                archive.writestr(_zip_info(SIGNATURE_MEMBER), sign(manifest_bytes))
            for name in sorted(members):
                archive.writestr(_zip_info(name), members[name])
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return manifest


# -- reading ----------------------------------------------------------------------------------


def _unsafe_name(name: str) -> str | None:
    """Why a member name is not acceptable, or None."""
    if not name or "\x00" in name:
        return "an empty or NUL-bearing member name"
    if name.startswith(("/", "\\")) or PureWindowsPath(name).drive or PurePosixPath(
            name).is_absolute():
        return "an absolute path"
    if ".." in PurePosixPath(name.replace("\\", "/")).parts:
        return "a path that climbs out of the bundle (..)"
    return None


def _check_entries(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise BundleRefusedError(
            f"it has {len(infos)} members, more than the {limits.max_members} allowed")
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        problem = _unsafe_name(name)
        if problem:
            raise BundleRefusedError(f"{problem} is not allowed", name)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BundleRefusedError("symbolic links are not allowed", name)
        if info.is_dir():
            raise BundleRefusedError("folders are not part of a bundle", name)
        if name in seen:
            raise BundleRefusedError("the name occurs twice in the bundle", name)
        seen.add(name)
        if name not in KNOWN_MEMBERS:
            raise BundleRefusedError("not a member of a Factdesk bundle", name)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise BundleRefusedError(
                f"the members add up to more than {limits.max_total_bytes:,} bytes unpacked")
        if info.file_size > limits.ratio_floor and (
                info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise BundleRefusedError(
                f"it unpacks {info.file_size / max(info.compress_size, 1):,.0f} times larger "
                "than it is packed, the mark of a zip bomb", name)
    if MANIFEST not in seen:
        raise BundleRefusedError("it has no manifest.json: not a Factdesk bundle")
    return infos


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The member's bytes, never more than it declared (a lying header cannot inflate it)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(min(info.file_size, budget) + 1)
    except Exception as exc:  # zipfile and zlib raise many kinds on damaged or odd members
        raise BundleRefusedError(f"it cannot be unpacked ({type(exc).__name__}: {exc})",
                                 info.filename) from None
    if len(data) > info.file_size or len(data) > budget:
        raise BundleRefusedError("it unpacks to more bytes than it declares", info.filename)
    return data


def _manifest(data: bytes) -> Manifest:
    raw = load_json(data, MANIFEST, refuse=BundleRefusedError)
    if not isinstance(raw, dict) or raw.get("format") != FORMAT_NAME:
        raise BundleRefusedError("this is not a Factdesk bundle manifest", MANIFEST)
    version = raw.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise BundleRefusedError(
            f"made by a newer Factdesk (bundle format {version}; this Factdesk reads up to "
            f"{FORMAT_VERSION}): update Factdesk to import it", MANIFEST)
    try:
        return Manifest.model_validate(raw)
    except ValidationError as exc:
        raise BundleRefusedError(f"invalid manifest: {describe(exc)}", MANIFEST) from None


def describe(exc: ValidationError) -> str:
    """The first problem of a validation error, as one readable phrase."""
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error.get("loc", ())) or "record"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where}: {error.get('msg', 'invalid')}{more}"


def _records(name: str, data: bytes) -> list[MemberRecord]:
    model = MEMBERS[name]
    records: list[MemberRecord] = []
    ids: set[str] = set()
    for number, line in enumerate(data.split(b"\n"), start=1):
        if not line.strip():
            continue
        raw = load_json(line, name, number, refuse=BundleRefusedError)
        if isinstance(raw, dict) and isinstance(raw.get("version"), int) and (
                raw["version"] > model.model_fields["version"].default):
            raise BundleRefusedError(
                f"made by a newer Factdesk ({raw.get('record')} record version "
                f"{raw['version']}): update Factdesk to import it", name, number)
        try:
            record = model.model_validate(raw)
        except ValidationError as exc:
            raise BundleRefusedError(f"invalid record: {describe(exc)}", name, number) from None
        record_id = record.id
        if record_id in ids:
            raise BundleRefusedError(f"the id {record_id} occurs twice", name, number)
        ids.add(record_id)
        records.append(record)
    return records


M = TypeVar("M", bound=MemberRecord)


def _member(parsed: Mapping[str, list[MemberRecord]], name: str, model: type[M]
            ) -> tuple[M, ...]:
    """The records of member ``name``, which :func:`_records` read with ``model``."""
    return tuple(r for r in parsed.get(name, ()) if isinstance(r, model))


def read_bundle(path: Path, limits: Limits = Limits()) -> BundleContents:
    """Open, unpack and validate a bundle; anything wrong refuses it whole."""
    try:
        if not path.is_file():
            raise BundleRefusedError(f"{path} is not a file")
        handle = open(path, "rb")
    except OSError as exc:
        raise BundleRefusedError(f"{path} cannot be read ({exc.strerror})") from None
    with handle:
        try:
            archive = zipfile.ZipFile(handle)
        except Exception:  # anything the zip reader cannot make sense of
            raise BundleRefusedError(f"{path.name} is not a Factdesk bundle (not a zip file)"
                                     ) from None
        with archive:
            infos = {i.filename: i for i in _check_entries(archive, limits)}
            budget = limits.max_total_bytes
            data: dict[str, bytes] = {}
            for name, info in infos.items():
                data[name] = _read_member(archive, info, budget)
                budget -= len(data[name])
    manifest = _manifest(data[MANIFEST])
    for name in MEMBERS:
        if name in manifest.members and name not in data:
            raise BundleRefusedError("the manifest lists it but the bundle lacks it", name)
    for name in data:
        if name in MEMBERS and name not in manifest.members:
            raise BundleRefusedError("the manifest does not list it", name)
    for name, member in manifest.members.items():
        if name not in MEMBERS:
            raise BundleRefusedError(f"the manifest lists an unknown member {name!r}", MANIFEST)
        if hashlib.sha256(data[name]).hexdigest() != member.sha256:
            raise BundleRefusedError(
                "checksum mismatch: its SHA-256 differs from the manifest's (damaged or "
                "altered)", name)
    parsed = {name: _records(name, data[name]) for name in MEMBERS if name in data}
    return BundleContents(
        manifest=manifest, manifest_bytes=data[MANIFEST], signature=data.get(SIGNATURE_MEMBER),
        articles=_member(parsed, "articles.jsonl", ArticleRecord),
        entities=_member(parsed, "entities.jsonl", EntityRecord),
        claims=_member(parsed, "claims.jsonl", ClaimRecord),
        flags=_member(parsed, "flags.jsonl", FlagRecord),
        sizes={name: len(value) for name, value in data.items()},
    )


# -- references --------------------------------------------------------------------------------


def check_references(
    contents: BundleContents,
    *,
    project_texts: Callable[[Iterable[str]], dict[str, str]],
    project_entities: Callable[[Iterable[str]], set[str]],
    project_claims: Callable[[Iterable[str]], set[str]],
) -> None:
    """Refuse a bundle whose records point at things neither it nor the project holds, or
    whose claims do not fit their article's text."""
    texts = {a.id: a.text for a in contents.articles}
    outside = {c.article_id for c in contents.claims} - texts.keys()
    texts.update(project_texts(outside))
    entity_ids = {e.id for e in contents.entities}
    wanted_entities = {e for c in contents.claims for e in c.entity_ids}
    wanted_entities |= {e.merged_into for e in contents.entities if e.merged_into}
    entity_ids |= project_entities(wanted_entities - entity_ids)
    claim_ids = {c.id for c in contents.claims}
    wanted_claims = {x for f in contents.flags for x in (f.claim_a, f.claim_b)}
    claim_ids |= project_claims(wanted_claims - claim_ids)

    for number, entity in enumerate(contents.entities, start=1):
        if entity.merged_into and entity.merged_into not in entity_ids:
            raise BundleRefusedError(
                f"entity {entity.id} was merged into {entity.merged_into}, which is neither "
                "in the bundle nor in the project", "entities.jsonl", number)
    for number, claim in enumerate(contents.claims, start=1):
        text = texts.get(claim.article_id)
        if text is None:
            raise BundleRefusedError(
                f"claim {claim.id} belongs to article {claim.article_id}, which is neither in "
                "the bundle nor in the project", "claims.jsonl", number)
        if not 0 <= claim.start <= claim.end <= len(text):
            raise BundleRefusedError(
                f"claim {claim.id} spans {claim.start}-{claim.end}, outside its article's "
                f"text ({len(text)} characters)", "claims.jsonl", number)
        if text[claim.start : claim.end] != claim.exact:
            raise BundleRefusedError(
                f"claim {claim.id}: its quote does not match the article's text at "
                f"{claim.start}-{claim.end}", "claims.jsonl", number)
        for entity_id in claim.entity_ids:
            if entity_id not in entity_ids:
                raise BundleRefusedError(
                    f"claim {claim.id} links entity {entity_id}, which is neither in the "
                    "bundle nor in the project", "claims.jsonl", number)
    for number, flag in enumerate(contents.flags, start=1):
        for claim_id in (flag.claim_a, flag.claim_b):
            if claim_id not in claim_ids:
                raise BundleRefusedError(
                    f"flag {flag.id} points at claim {claim_id}, which is neither in the "
                    "bundle nor in the project", "flags.jsonl", number)
