"""Hostile and broken bundles are refused whole, naming the member and line, and the
project is left exactly as it was."""

from __future__ import annotations

import hashlib
import json
import stat
import struct
import zipfile
from pathlib import Path

import pytest

from desktop_app.core.errors import BundleRefusedError
from desktop_app.exchange.limits import Limits
from tests.conftest import snapshot
from tests.services.bundle_helpers import person_project

LIMITS = Limits(max_members=32, max_total_bytes=40 * 1024 * 1024)


@pytest.fixture(scope="module")
def good_bundle(tmp_path_factory, corpus_dir) -> Path:
    root = tmp_path_factory.mktemp("alice")
    with person_project(root, "alice") as alice:
        alice.articles.import_paths([corpus_dir])
        article = next(a for a in alice.articles.list()
                       if "Las Bambas" in alice.articles.get(a.id).text)
        peru = alice.entities.add("Peru", "place").entity
        alice.claims.add(article.id, quote="Las Bambas", occurrence=1, entities=[peru.id])
        alice.checking.check()
        alice.bundles.export(root / "good.factdesk")
    return root / "good.factdesk"


def _members(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _write(path: Path, members: list[tuple[str, bytes]] | dict[str, bytes],
           symlink: str | None = None) -> Path:
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in items:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name == symlink:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, data)
    return path


def _with(good: Path, member: str, change, *, sign: bool = False) -> dict[str, bytes]:
    """The good bundle with one member's lines changed and the manifest's checksum made to
    agree, unsigned (so the check under test is the one that fires)."""
    members = _members(good)
    lines = members[member].decode("utf-8").splitlines()
    members[member] = ("\n".join(change(lines)) + "\n").encode("utf-8")
    manifest = json.loads(members["manifest.json"])
    manifest["members"][member]["sha256"] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    if not sign:
        members.pop("signature.json")
    return members


def _edit_record(index: int, **fields):
    def change(lines: list[str]) -> list[str]:
        record = json.loads(lines[index])
        record.update(fields)
        lines[index] = json.dumps(record)
        return lines
    return change


def _cases(good: Path, folder: Path) -> list[tuple[Path, str]]:
    members = _members(good)
    claims = [json.loads(line) for line in members["claims.jsonl"].splitlines()]
    linked = next(i for i, c in enumerate(claims) if c["entity_ids"])
    cases: list[tuple[str, object, str]] = [
        ("dotdot", [*members.items(), ("../evil.txt", b"x")],
         r"\.\./evil\.txt: a path that climbs out of the bundle"),
        ("absolute", [*members.items(), ("/etc/cron.d/evil", b"x")],
         r"/etc/cron\.d/evil: an absolute path is not allowed"),
        ("symlink", [*members.items(), ("link", b"/etc/passwd")],
         r"link: symbolic links are not allowed"),
        ("duplicate", [*members.items(), ("claims.jsonl", members["claims.jsonl"])],
         r"claims\.jsonl: the name occurs twice"),
        ("too-many", [*members.items(), *((f"x{n}", b"") for n in range(40))],
         r"it has \d+ members, more than the 32 allowed"),
        ("too-big", {**members, "claims.jsonl": b" " * (45 * 1024 * 1024)},
         r"the members add up to more than 41,943,040 bytes unpacked"),
        ("bomb", {**members, "claims.jsonl": b"\0" * (30 * 1024 * 1024)},
         r"claims\.jsonl: it unpacks [\d,]+ times larger than it is packed, the mark of a "
         r"zip bomb"),
        ("checksum", {**members, "claims.jsonl": members["claims.jsonl"].replace(
            b"Las Bambas", b"Las Vegas", 1)},
         r"claims\.jsonl: checksum mismatch"),
        ("unknown-member", [*members.items(), ("run.sh", b"rm -rf ~")],
         r"run\.sh: not a member of a Factdesk bundle"),
        ("no-manifest", {k: v for k, v in members.items() if k != "manifest.json"},
         r"it has no manifest\.json"),
        ("bad-json", _with(good, "claims.jsonl", lambda ls: [ls[0], "{not json", *ls[1:]]),
         r"claims\.jsonl line 2: bad JSON"),
        ("deep-json", _with(good, "claims.jsonl", lambda ls: [*ls[:2], "[" * 100_000, *ls[2:]]),
         r"claims\.jsonl line 3: bad JSON"),
        ("empty-tag", _with(good, "claims.jsonl", _edit_record(0, tags=[" "])),
         r"claims\.jsonl line 1: invalid record: tags\.0: String should match pattern"),
        ("lone-surrogate", _with(good, "claims.jsonl", lambda ls: [
            ls[0].replace('"note":"', '"note":"\\ud800', 1), *ls[1:]]),
         r"claims\.jsonl line 1: bad JSON \(it escapes half of a surrogate pair"),
        ("naive-time", _with(good, "flags.jsonl", _edit_record(0, modified="2099-01-01T00:00:00")),
         r"flags\.jsonl line 1: invalid record: modified: Input should have timezone info"),
        ("invalid-record", _with(good, "claims.jsonl", _edit_record(0, verdict="fantastic")),
         r"claims\.jsonl line 1: invalid record: verdict: .*unknown verdict 'fantastic'"),
        ("unknown-field", _with(good, "entities.jsonl", _edit_record(0, shell="x")),
         r"entities\.jsonl line 1: invalid record: shell: Extra inputs are not permitted"),
        ("dangling-article", _with(good, "claims.jsonl", _edit_record(
            0, article_id="0b1e1b1e-0000-4000-8000-000000000000")),
         r"claims\.jsonl line 1: claim \S+ belongs to article 0b1e1b1e-\S+, which is "
         r"neither in the bundle nor in the project"),
        ("dangling-entity", _with(good, "claims.jsonl", _edit_record(
            linked, entity_ids=["e-not-here"])),
         rf"claims\.jsonl line {linked + 1}: claim \S+ links entity e-not-here, which is "
         r"neither in the bundle nor in the project"),
        ("dangling-flag", _with(good, "flags.jsonl", _edit_record(0, claim_b="c-not-here")),
         r"flags\.jsonl line 1: flag \S+ points at claim c-not-here"),
        ("offsets", _with(good, "claims.jsonl", _edit_record(0, end=10_000_000)),
         r"claims\.jsonl line 1: claim \S+ spans \d+-10000000, outside its article's text"),
        ("quote", _with(good, "claims.jsonl", _edit_record(0, exact="Something else said")),
         r"claims\.jsonl line 1: claim \S+: its quote does not match the article's text"),
        ("article-hash", _with(good, "articles.jsonl", _edit_record(0, content_hash="0" * 64)),
         r"articles\.jsonl line 1: article \S+: content_hash does not match its text"),
        ("newer-format", _with(good, "claims.jsonl", lambda ls: ls) | {
            "manifest.json": json.dumps(dict(json.loads(members["manifest.json"]),
                                             format_version=99)).encode()},
         r"manifest\.json: made by a newer Factdesk \(bundle format 99"),
        ("newer-record", _with(good, "flags.jsonl", _edit_record(0, version=7)),
         r"flags\.jsonl line 1: made by a newer Factdesk \(flag record version 7\)"),
        ("bad-signature", _with(good, "claims.jsonl", _edit_record(0, note="planted"),
                                sign=True),
         r"signature\.json: the signature does not match: the bundle was changed after it "
         r"was signed"),
    ]
    built = []
    for name, members_of_case, expected in cases:
        path = folder / f"{name}.factdesk"
        _write(path, members_of_case, symlink="link" if name == "symlink" else None)
        built.append((path, expected))
    raw = bytearray(good.read_bytes())
    encrypted = bytearray(raw)  # the "encrypted" bit on every entry
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = encrypted.find(signature)
        while at != -1:
            flags = struct.unpack_from("<H", encrypted, at + offset)[0]
            struct.pack_into("<H", encrypted, at + offset, flags | 1)
            at = encrypted.find(signature, at + 4)
    (folder / "encrypted.factdesk").write_bytes(encrypted)
    built.append((folder / "encrypted.factdesk",
                  r"manifest\.json: it cannot be unpacked \(RuntimeError: .*encrypted"))
    with zipfile.ZipFile(good) as archive:
        header = archive.getinfo("manifest.json").header_offset
    name_length, extra_length = struct.unpack_from("<HH", raw, header + 26)
    corrupt = bytearray(raw)
    corrupt[header + 30 + name_length + extra_length] = 0xFF  # an invalid deflate block
    (folder / "corrupt.factdesk").write_bytes(corrupt)
    built.append((folder / "corrupt.factdesk",
                  r"manifest\.json: it cannot be unpacked \(error: .*invalid block type"))
    not_zip = folder / "not-a-zip.factdesk"
    not_zip.write_text("PK? no, just text")
    built.append((not_zip, r"not-a-zip\.factdesk is not a Factdesk bundle \(not a zip file\)"))
    return built


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_every_hostile_bundle_is_refused_and_the_project_is_untouched(good_bundle, tmp_path,
                                                                     corpus_dir):
    folder = tmp_path / "hostile"
    folder.mkdir()
    cases = _cases(good_bundle, folder)
    assert len(cases) >= 28
    with person_project(tmp_path, "bob", limits=LIMITS) as bob:
        bob.articles.import_paths([corpus_dir])
        bob.entities.add("Someone", "person")
        before = snapshot(bob.folder)
        for path, expected in cases:
            with pytest.raises(BundleRefusedError, match=r"^bundle refused: " + expected):
                bob.bundles.import_file(path)
            assert snapshot(bob.folder) == before, path.name
        # and the good bundle still imports into the same project
        assert bob.bundles.import_file(good_bundle).added["claims"] >= 1


def test_an_article_id_known_here_with_another_text_is_refused(good_bundle, tmp_path):
    """A bundle may not slip claims onto one of our articles by reusing its id with planted
    text (and a hash that matches the planted text)."""
    with person_project(tmp_path, "bob") as bob:
        bob.bundles.import_file(good_bundle)
        before = snapshot(bob.folder)
        planted = "Planted text that is not the article. " * 3

        def plant(lines: list[str]) -> list[str]:
            record = json.loads(lines[0])
            record.update(text=planted,
                          content_hash=hashlib.sha256(planted.encode()).hexdigest())
            lines[0] = json.dumps(record)
            return lines

        members = _with(good_bundle, "articles.jsonl", plant)
        members.pop("claims.jsonl")
        members.pop("flags.jsonl")
        manifest = json.loads(members["manifest.json"])
        for name in ("claims.jsonl", "flags.jsonl"):
            manifest["members"].pop(name)
        members["manifest.json"] = json.dumps(manifest).encode()
        path = _write(tmp_path / "planted.factdesk", members)
        with pytest.raises(BundleRefusedError,
                           match=r"articles\.jsonl line 1: article \S+ is in this project "
                                 r"with a different text"):
            bob.bundles.import_file(path)
        assert snapshot(bob.folder) == before
