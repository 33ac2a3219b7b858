"""Bundles between colleagues: export, merge by id, conflicts kept visible, signatures."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from desktop_app.core.errors import WriteError
from tests.conftest import snapshot
from tests.services.bundle_helpers import person_project, records


@pytest.fixture
def alice(tmp_path, corpus_dir, open_test_project):
    project = person_project(tmp_path, "alice", opener=open_test_project)
    project.articles.import_paths([corpus_dir])
    yield project
    project.close()


@pytest.fixture
def bob(tmp_path, open_test_project):
    project = person_project(tmp_path, "bob", opener=open_test_project)
    yield project
    project.close()


def _article(project, words: str):
    return next(a for a in project.articles.list() if words in project.articles.get(a.id).text)


def test_corpus_bundle_round_trips_into_an_empty_project(alice, bob, tmp_path):
    """Everything of a project arrives, and exporting it again gives the same records."""
    article = _article(alice, "Las Bambas")
    peru = alice.entities.add("Peru", "place", aliases=["Perú"], wikidata="Q419").entity
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1, verdict="false",
                            tags=["mining", "china"], note="Owned by MMG.",
                            entities=[peru.id]).claim
    alice.checking.check()
    first = tmp_path / "alice.factdesk"
    exported = alice.bundles.export(first)
    assert exported.counts["articles"] == 5 and exported.counts["claims"] >= 3
    assert exported.counts["flags"] == 2 and exported.counts["entities"] == 1

    report = bob.bundles.import_file(first)
    assert report.added == exported.counts
    assert not report.conflicts and report.signature.startswith("signed by alice (")
    mine = bob.claims.get(claim.id)
    assert (mine.verdict, mine.tags, mine.entity_ids, mine.note) == (
        "false", ("china", "mining"), (peru.id,), "Owned by MMG.")
    assert {f.id for f in bob.flags.list()} == {f.id for f in alice.flags.list()}
    assert bob.search.find("Bambas").total >= 1

    second = tmp_path / "bob.factdesk"
    bob.bundles.export(second)
    assert records(first) == records(second)


def test_same_project_exported_twice_differs_only_in_creation_time(alice, tmp_path):
    one, two = tmp_path / "one.factdesk", tmp_path / "two.factdesk"
    alice.bundles.export(one)
    alice.bundles.export(two)
    with zipfile.ZipFile(one) as a, zipfile.ZipFile(two) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name in ("manifest.json", "signature.json"):
                continue
            assert a.read(name) == b.read(name), name
        left, right = json.loads(a.read("manifest.json")), json.loads(b.read("manifest.json"))
    left.pop("created_at")
    right.pop("created_at")
    assert left == right


def test_importing_the_same_bundle_twice_changes_nothing(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.bundles.export(bundle)
    bob.bundles.import_file(bundle)
    before = snapshot(bob.folder)
    again = bob.bundles.import_file(bundle)
    assert again.nothing_to_do
    assert again.unchanged["articles"] == 5
    rows, files = snapshot(bob.folder)
    # only the generation counter may differ; here not even that, as nothing was written
    assert (rows, files) == before


def test_dry_run_reports_without_writing(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.bundles.export(bundle)
    before = snapshot(bob.folder)
    plan = bob.bundles.import_file(bundle, dry_run=True)
    assert plan.dry_run and plan.added["articles"] == 5
    assert snapshot(bob.folder) == before


def test_edits_on_one_side_fast_forward_on_the_other(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1).claim
    alice.bundles.export(tmp_path / "1.factdesk")
    bob.bundles.import_file(tmp_path / "1.factdesk", trust=True)
    bob.claims.edit(claim.id, verdict="mostly true", add_tags=["mining"])
    bob.bundles.export(tmp_path / "2.factdesk")
    report = alice.bundles.import_file(tmp_path / "2.factdesk", trust=True)
    assert report.updated["claims"] == 1 and not report.conflicts
    assert alice.claims.get(claim.id).verdict == "mostly true"
    assert alice.claims.get(claim.id).tags == ("mining",)
    # and the older bundle coming back does not undo the newer edit
    again = alice.bundles.import_file(tmp_path / "1.factdesk", trust=True)
    assert again.nothing_to_do
    assert alice.claims.get(claim.id).verdict == "mostly true"


def test_a_claim_edited_on_both_sides_keeps_both_versions(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1).claim
    alice.bundles.export(tmp_path / "base.factdesk")
    bob.bundles.import_file(tmp_path / "base.factdesk")

    alice.claims.edit(claim.id, verdict="false", note="MMG is Chinese-owned.")
    bob.claims.edit(claim.id, verdict="true", note="Checked with the registry.")
    bob.bundles.export(tmp_path / "bob.factdesk")

    report = alice.bundles.import_file(tmp_path / "bob.factdesk")
    assert report.conflicts == (claim.id,)
    ours = alice.claims.get(claim.id)
    assert ours.verdict == "false"  # nothing of ours was overwritten
    [(local, conflict)] = alice.bundles.conflicts()
    assert local.id == claim.id
    assert conflict.incoming["verdict"] == "true"
    assert conflict.incoming["note"] == "Checked with the registry."
    assert conflict.from_author == "bob" and conflict.bundle == "bob.factdesk"

    # importing the same bundle again adds no second conflict
    assert alice.bundles.import_file(tmp_path / "bob.factdesk").nothing_to_do
    assert len(alice.bundles.conflicts()) == 1

    events = [e for e in alice.history.audit(kind="claim", target=claim.id)
              if e.action == "bundle.import" and "conflicts" in e.detail["after"]]
    assert events and events[0].detail["from"] == "bob"
    assert events[0].detail["bundle"] == "bob.factdesk"

    alice.bundles.settle(claim.id[:8], keep="theirs")
    assert alice.claims.get(claim.id).verdict == "true"
    assert alice.bundles.conflicts() == []
    # once settled, neither version comes back as a conflict
    assert alice.bundles.import_file(tmp_path / "bob.factdesk").nothing_to_do
    alice.bundles.export(tmp_path / "settled.factdesk")
    assert not bob.bundles.import_file(tmp_path / "settled.factdesk").conflicts
    assert bob.claims.get(claim.id).verdict == "true"


def test_a_bundle_from_before_an_entity_merge_lands_on_the_merged_entity(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    mmg = alice.entities.add("MMG", "organization").entity
    alice.entities.add("Minerals and Metals Group", "organization")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1,
                            entities=[mmg.id]).claim
    alice.bundles.export(tmp_path / "before.factdesk")
    bob.bundles.import_file(tmp_path / "before.factdesk", trust=True)
    survivor = bob.entities.list("Minerals and Metals Group")[0]
    bob.entities.merge(mmg.id, survivor.id)
    # alice goes on working with the old entity id
    alice.claims.edit(claim.id, verdict="false")
    alice.bundles.export(tmp_path / "after.factdesk")
    report = bob.bundles.import_file(tmp_path / "after.factdesk", trust=True)
    assert not report.conflicts
    assert bob.claims.get(claim.id).entity_ids == (survivor.id,)
    assert bob.claims.get(claim.id).verdict == "false"
    assert [e.name for e in bob.entities.list()] == ["Minerals and Metals Group"]


def test_entities_match_by_wikidata_id_then_by_name_and_type(alice, bob, tmp_path, corpus_dir):
    bob.articles.import_paths([corpus_dir])
    alice.entities.add("Peru", "place", wikidata="Q419", aliases=["Perú"])
    alice.entities.add("Las Bambas", "place")
    bob.entities.add("Republic of Peru", "place", wikidata="Q419")
    bob.entities.add("las bambas", "place")
    alice.bundles.export(tmp_path / "a.factdesk")
    report = bob.bundles.import_file(tmp_path / "a.factdesk")
    assert report.added["entities"] == 0 and report.added["articles"] == 0
    assert report.unchanged["articles"] == 5
    names = sorted((e.name for e in bob.entities.list()), key=str.lower)
    assert names == ["las bambas", "Republic of Peru"]
    peru = bob.entities.get("Republic of Peru")
    # the incoming name becomes an alias; "Perú" folds to the same name, so it is not repeated
    assert peru.aliases == ("Peru",)


def test_bundle_of_chosen_articles_carries_only_their_claims_and_entities(alice, tmp_path):
    bambas = _article(alice, "Las Bambas")
    other = next(a for a in alice.articles.list() if a.id != bambas.id)
    entity = alice.entities.add("MMG", "organization").entity
    alice.entities.add("Unused", "organization")
    alice.claims.add(bambas.id, quote="Las Bambas", occurrence=1, entities=[entity.id])
    text = alice.articles.get(other.id).text
    alice.claims.add(other.id, start=0, end=len(text.split()[0]))
    out = tmp_path / "one.factdesk"
    result = alice.bundles.export(out, [bambas.id[:8]])
    assert result.counts == {"articles": 1, "entities": 1, "claims": 1, "flags": 0}


def test_signatures_name_the_signer_and_trust_is_shown(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.bundles.export(bundle)
    plan = bob.bundles.import_file(bundle, dry_run=True)
    fingerprint = alice.bundles.key_fingerprint()
    assert plan.signature == f"signed by alice ({fingerprint}), not in your trusted keys"
    assert not plan.trusted
    bob.bundles.trust_key(fingerprint, "Alice (desk)")
    trusted = bob.bundles.import_file(bundle, dry_run=True)
    assert trusted.trusted
    assert trusted.signature == f"signed by Alice (desk) ({fingerprint}), trusted"


def test_a_bundle_signed_with_another_key_under_a_trusted_name_is_called_out(
        alice, bob, tmp_path):
    from tests.services.bundle_helpers import person_project

    bob.bundles.trust_key(alice.bundles.key_fingerprint(), "alice")
    with person_project(tmp_path / "elsewhere", "alice") as impostor:  # a different key
        impostor.bundles.export(tmp_path / "fake.factdesk")
    plan = bob.bundles.import_file(tmp_path / "fake.factdesk", dry_run=True)
    assert not plan.trusted and plan.suspicious
    assert "but the key you trust for alice is a different one" in plan.signature


def test_an_unsigned_bundle_says_so(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.bundles.export(bundle)
    unsigned = tmp_path / "unsigned.factdesk"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(unsigned, "w") as target:
        for info in source.infolist():
            if info.filename != "signature.json":
                target.writestr(info, source.read(info))
    assert bob.bundles.import_file(unsigned, dry_run=True).signature == "unsigned"


def test_a_key_pair_is_made_once_and_kept_private(alice, tmp_path):
    fingerprint = alice.bundles.key_fingerprint()
    key = tmp_path / "keys-alice" / "signing-key.pem"
    assert key.exists() and (key.stat().st_mode & 0o077) == 0
    assert alice.bundles.key_fingerprint() == fingerprint


def test_a_failed_write_leaves_no_partial_bundle(alice, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.rmtree(folder)
    (tmp_path / "out").write_text("a file where a folder should be")
    with pytest.raises(WriteError, match="cannot write .*a.factdesk"):
        alice.bundles.export(tmp_path / "out" / "a.factdesk")
    assert not list(tmp_path.glob("**/.bundle-*"))


def test_different_fields_edited_on_each_side_merge_without_conflict(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1).claim
    alice.bundles.export(tmp_path / "base.factdesk")
    bob.bundles.import_file(tmp_path / "base.factdesk", trust=True)
    alice.claims.edit(claim.id, verdict="false")
    bob.claims.edit(claim.id, note="Registry checked.", add_tags=["mining"])
    bob.bundles.export(tmp_path / "bob.factdesk")
    report = alice.bundles.import_file(tmp_path / "bob.factdesk", trust=True)
    assert not report.conflicts and report.updated["claims"] == 1
    merged = alice.claims.get(claim.id)
    assert (merged.verdict, merged.note, merged.tags) == ("false", "Registry checked.",
                                                          ("mining",))
    # and the merge travels back to bob as a plain update
    alice.bundles.export(tmp_path / "alice.factdesk")
    back = bob.bundles.import_file(tmp_path / "alice.factdesk", trust=True)
    assert not back.conflicts
    assert bob.claims.get(claim.id).verdict == "false"


def test_a_large_merge_leaves_the_index_to_be_rebuilt_and_search_still_finds_it(
        alice, bob, tmp_path, monkeypatch):
    alice.bundles.export(tmp_path / "a.factdesk")
    bob.search.reindex()
    assert bob.search.is_current()
    monkeypatch.setattr("desktop_app.services.searching.BULK", 3)
    bob.bundles.import_file(tmp_path / "a.factdesk")
    assert not bob.search.is_current()
    assert bob.search.find("Las Bambas").total >= 2
    assert bob.search.is_current()


def test_settling_a_conflict_can_be_undone(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1).claim
    alice.bundles.export(tmp_path / "base.factdesk")
    bob.bundles.import_file(tmp_path / "base.factdesk")
    alice.claims.edit(claim.id, verdict="false", add_tags=["ours"])
    bob.claims.edit(claim.id, verdict="true", add_tags=["theirs"])
    bob.bundles.export(tmp_path / "bob.factdesk")
    alice.bundles.import_file(tmp_path / "bob.factdesk")
    settled = alice.bundles.settle(claim.id, keep="theirs")
    assert settled.after.verdict == "true" and settled.after.tags == ("theirs",)
    alice.history.undo(settled.changes)
    undone = alice.claims.get(claim.id)
    assert (undone.verdict, undone.tags) == ("false", ("ours",))
    assert [c.id for c, _conflict in alice.bundles.conflicts()] == [claim.id]
    assert alice.bundles.import_file(tmp_path / "bob.factdesk").nothing_to_do


def test_both_sides_running_the_check_do_not_double_its_claims_and_flags(
        alice, bob, tmp_path, corpus_dir):
    """Colleagues who imported the same articles and ran the check each have claims and flags
    for the same passages under different ids: merging keeps one of each."""
    bob.articles.import_paths([corpus_dir])
    alice.checking.check()
    bob.checking.check()
    assert len(bob.flags.list()) == 2
    alice.bundles.export(tmp_path / "alice.factdesk")
    report = bob.bundles.import_file(tmp_path / "alice.factdesk", trust=True)
    assert report.added == {"articles": 0, "entities": 0, "claims": 0, "flags": 0}
    assert report.unchanged["flags"] == 2
    assert len(bob.flags.list()) == 2 and len(bob.claims.list()) == len(alice.claims.list())

    # a review made on one side reaches the twin claim and flag on the other
    flag = bob.flags.list()[0]
    bob.flags.resolve(flag.id, status="dismissed", note="Different events.")
    bob.claims.edit(flag.claim_a, status="reviewed")
    bob.bundles.export(tmp_path / "bob.factdesk")
    back = alice.bundles.import_file(tmp_path / "bob.factdesk", trust=True)
    assert back.added["claims"] == 0 and back.added["flags"] == 0
    assert back.updated["flags"] == 1 and back.updated["claims"] == 1
    assert sorted(f.status for f in alice.flags.list()) == ["dismissed", "open"]
    assert len([c for c in alice.claims.list() if c.status == "reviewed"]) == 1


def test_a_claim_is_born_with_its_first_version_recorded(alice):
    """The first version counts tags and links, so a colleague's edit of it is recognised."""
    from desktop_app.core.versions import content, stamp_of

    article = _article(alice, "Las Bambas")
    added = alice.claims.add(article.id, quote="Las Bambas", occurrence=1,
                             tags=["mining", "China"], verdict="false")
    [row] = [r for r in added.changes.rows if r.table == "claims"]
    assert row.after is not None
    assert json.loads(str(row.after["history"])) == [stamp_of(added.claim)]
    assert json.loads(str(row.after["base"])) == content(added.claim)
    assert stamp_of(added.claim) != stamp_of(
        alice.claims.edit(added.claim.id, remove_tags=["China"]).claim)


def _shared_claim(alice, bob, tmp_path, **kwargs):
    """A claim alice made and bob imported; both projects hold the corpus."""
    article = _article(alice, "Las Bambas")
    claim = alice.claims.add(article.id, quote="Las Bambas", occurrence=1, **kwargs).claim
    alice.bundles.export(tmp_path / "shared.factdesk")
    bob.bundles.import_file(tmp_path / "shared.factdesk")
    return claim


def test_a_revert_travels_like_any_other_edit(alice, bob, tmp_path):
    claim = _shared_claim(alice, bob, tmp_path)
    bob.claims.edit(claim.id, verdict="false")
    bob.bundles.export(tmp_path / "b1.factdesk")
    alice.bundles.import_file(tmp_path / "b1.factdesk", trust=True)
    alice.claims.edit(claim.id, verdict="unverified")  # back to where it started
    alice.bundles.export(tmp_path / "a1.factdesk")
    report = bob.bundles.import_file(tmp_path / "a1.factdesk", trust=True)
    assert report.updated["claims"] == 1 and not report.conflicts
    assert bob.claims.get(claim.id).verdict == "unverified"


def test_same_name_but_different_wikidata_ids_stay_two_entities(alice, bob, tmp_path):
    smith = alice.entities.add("John Smith", "person", wikidata="Q1000001").entity
    bob.entities.add("John Smith", "person", wikidata="Q2000002")
    claim = _shared_claim(alice, bob, tmp_path, entities=[smith.id])
    linked = [bob.entities.get(e) for e in bob.claims.get(claim.id).entity_ids]
    assert [dict(e.external_ids)["wikidata"] for e in linked] == ["Q1000001"]
    assert sorted(dict(e.external_ids)["wikidata"] for e in bob.entities.list("John Smith")) == [
        "Q1000001", "Q2000002"]


def test_one_sided_edits_after_matching_an_entity_by_wikidata_id_fast_forward(
        alice, bob, tmp_path):
    peru = alice.entities.add("Peru", "place", wikidata="Q419").entity
    bob.entities.add("Perú", "place", wikidata="Q419")
    claim = _shared_claim(alice, bob, tmp_path, entities=[peru.id])
    alice.claims.edit(claim.id, verdict="false")
    alice.bundles.export(tmp_path / "a1.factdesk")
    report = bob.bundles.import_file(tmp_path / "a1.factdesk", trust=True)
    assert not report.conflicts and report.updated["claims"] == 1
    assert bob.claims.get(claim.id).verdict == "false"
    assert [bob.entities.get(e).name for e in bob.claims.get(claim.id).entity_ids] == ["Perú"]


def test_an_entity_renamed_on_their_side_is_still_recognised(alice, bob, tmp_path):
    mmg = alice.entities.add("MMG", "organization").entity
    bob.entities.add("MMG", "organization")
    claim = _shared_claim(alice, bob, tmp_path, entities=[mmg.id])
    alice.entities.edit(mmg.id, name="MMG Limited")
    alice.claims.edit(claim.id, verdict="false")
    alice.bundles.export(tmp_path / "a1.factdesk")
    report = bob.bundles.import_file(tmp_path / "a1.factdesk", trust=True)
    assert report.added["entities"] == 0 and not report.conflicts
    assert [e.name for e in bob.entities.list()] == ["MMG"]
    assert bob.claims.get(claim.id).verdict == "false"


def test_settling_with_their_version_follows_entity_merges_and_deletions(alice, bob, tmp_path):
    peru = alice.entities.add("Peru", "place").entity
    chile = alice.entities.add("Chile", "place").entity
    claim = _shared_claim(alice, bob, tmp_path, entities=[peru.id, chile.id])
    alice.claims.edit(claim.id, verdict="false")
    bob.claims.edit(claim.id, verdict="true")
    alice.bundles.export(tmp_path / "a1.factdesk")
    assert bob.bundles.import_file(tmp_path / "a1.factdesk").conflicts == (claim.id,)
    republic = bob.entities.add("Republic of Peru", "place").entity
    bob.entities.merge(peru.id, republic.id)
    bob.entities.delete(chile.id, unlink=True)
    bob.bundles.settle(claim.id, keep="theirs")
    assert bob.claims.get(claim.id).verdict == "false"
    assert bob.claims.get(claim.id).entity_ids == (republic.id,)


def test_flags_that_arrive_by_bundle_are_not_raised_again_by_the_check(alice, bob, tmp_path):
    alice.checking.check()
    alice.bundles.export(tmp_path / "a.factdesk")
    bob.bundles.import_file(tmp_path / "a.factdesk")
    report = bob.checking.check()
    assert report.flags == () and report.known == 2
    assert len(bob.flags.list()) == 2


def test_a_failed_export_does_not_count_its_versions_as_shared(alice, bob, tmp_path):
    claim = _shared_claim(alice, bob, tmp_path)
    alice.claims.edit(claim.id, verdict="false")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(WriteError):
        alice.bundles.export(blocker / "out.factdesk")
    bob.claims.edit(claim.id, note="Registry checked.")
    bob.bundles.export(tmp_path / "b1.factdesk")
    report = alice.bundles.import_file(tmp_path / "b1.factdesk", trust=True)
    assert not report.conflicts  # merged field by field against the version both had
    merged = alice.claims.get(claim.id)
    assert (merged.verdict, merged.note) == ("false", "Registry checked.")
