"""Trust before change: a bundle that is unsigned, signed by a key the team does not trust,
or signed under a trusted name with another key adds new work, but its changes to claims
this project has become conflicts for a person (unless the user trusts this bundle), and
timestamps from the future are dated now."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from desktop_app.exchange.signing import Keyring
from desktop_app.services import open_project
from tests.services.bundle_helpers import person_project


def _article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text("The council spent 12 million on roads in 2031, the officer said.\n",
                    encoding="utf-8")
    return path


def _rewrite(bundle: Path, out: Path, member: str, **fields: object) -> Path:
    """``bundle`` with every record of ``member`` changed, checksum agreed, unsigned."""
    with zipfile.ZipFile(bundle) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    lines = [json.loads(line) for line in members[member].decode("utf-8").splitlines()]
    members[member] = "".join(json.dumps({**r, **fields}) + "\n" for r in lines).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["members"][member]["sha256"] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode("utf-8")
    members.pop("signature.json")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def test_an_untrusted_bundle_adds_work_but_its_edits_wait_for_a_person(tmp_path):
    alice = person_project(tmp_path, "alice")
    bob = person_project(tmp_path, "bob")
    try:
        article = alice.articles.import_paths([_article(tmp_path)]).outcomes[0].article_id
        claim = alice.claims.add(article, quote="12 million", verdict="true",
                                 note="checked").claim
        alice.bundles.export(tmp_path / "first.factdesk")
        first = bob.bundles.import_file(tmp_path / "first.factdesk")
        assert not first.trusted and first.added["claims"] == 1
        alice.claims.edit(claim.id, verdict="false", note="rewritten", add_tags=["x"])
        alice.bundles.export(tmp_path / "second.factdesk")
        second = bob.bundles.import_file(tmp_path / "second.factdesk")
        mine = bob.claims.get(claim.id)
        assert (mine.verdict, mine.note, mine.tags) == ("true", "checked", ())
        assert second.conflicts == (claim.id,)
        assert any("not trusted" in line for line in second.summary_lines())
        trusted = bob.bundles.import_file(tmp_path / "second.factdesk", trust=True)
        assert trusted.trusted
        assert bob.claims.get(claim.id).verdict in ("true", "false")
    finally:
        alice.close()
        bob.close()


def test_a_bundle_signed_under_a_trusted_name_with_another_key_changes_nothing(tmp_path):
    alice = person_project(tmp_path, "alice")
    mallory = open_project(tmp_path / "project-mallory", author="alice",
                           keyring=Keyring(tmp_path / "keys-mallory"))
    bob = person_project(tmp_path, "bob")
    try:
        bob.bundles.trust_key(alice.bundles.key_fingerprint(), "alice")
        article = alice.articles.import_paths([_article(tmp_path)]).outcomes[0].article_id
        claim = alice.claims.add(article, quote="12 million", verdict="true").claim
        alice.bundles.export(tmp_path / "a.factdesk")
        assert bob.bundles.import_file(tmp_path / "a.factdesk").trusted
        mallory.bundles.import_file(tmp_path / "a.factdesk")
        mallory.claims.edit(claim.id, verdict="false")
        mallory.bundles.export(tmp_path / "m.factdesk")
        report = bob.bundles.import_file(tmp_path / "m.factdesk")
        assert report.suspicious and not report.trusted
        assert bob.claims.get(claim.id).verdict == "true"
        assert report.conflicts == (claim.id,)
    finally:
        for project in (alice, mallory, bob):
            project.close()


def test_timestamps_from_the_future_are_dated_now_and_said(tmp_path):
    """A flag or claim dated 9999-12-31 would win every later review for good."""
    alice = person_project(tmp_path, "alice")
    bob = person_project(tmp_path, "bob")
    try:
        article = alice.articles.import_paths([_article(tmp_path)]).outcomes[0].article_id
        alice.claims.add(article, quote="12 million", verdict="true")
        alice.bundles.export(tmp_path / "a.factdesk")
        future = _rewrite(tmp_path / "a.factdesk", tmp_path / "future.factdesk", "claims.jsonl",
                          modified="9999-12-31T00:00:00Z")
        report = bob.bundles.import_file(future)
        assert report.clamped == 1
        assert any("dated now" in line for line in report.summary_lines())
        assert all(c.modified.year < 9999 for c in bob.claims.list())
    finally:
        alice.close()
        bob.close()
