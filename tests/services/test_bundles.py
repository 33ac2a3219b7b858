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
def alice(tmp_path, corpus_dir):
    project = person_project(tmp_path, "alice")
    project.import_paths([corpus_dir])
    yield project
    project.close()


@pytest.fixture
def bob(tmp_path):
    project = person_project(tmp_path, "bob")
    yield project
    project.close()


def _article(project, words: str):
    return next(a for a in project.articles() if words in project.article(a.id).text)


def test_corpus_bundle_round_trips_into_an_empty_project(alice, bob, tmp_path):
    """Everything of a project arrives, and exporting it again gives the same records."""
    article = _article(alice, "Las Bambas")
    peru = alice.add_entity("Peru", "place", aliases=["Perú"], wikidata="Q419").entity
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1, verdict="false",
                            tags=["mining", "china"], note="Owned by MMG.",
                            entities=[peru.id]).claim
    alice.check()
    first = tmp_path / "alice.factdesk"
    exported = alice.export_bundle(first)
    assert exported.counts["articles"] == 5 and exported.counts["claims"] >= 3
    assert exported.counts["flags"] == 2 and exported.counts["entities"] == 1

    report = bob.import_bundle(first)
    assert report.added == exported.counts
    assert not report.conflicts and report.signature.startswith("signed by alice (")
    mine = bob.claim(claim.id)
    assert (mine.verdict, mine.tags, mine.entity_ids, mine.note) == (
        "false", ("china", "mining"), (peru.id,), "Owned by MMG.")
    assert {f.id for f in bob.flags()} == {f.id for f in alice.flags()}
    assert bob.search("Bambas").total >= 1

    second = tmp_path / "bob.factdesk"
    bob.export_bundle(second)
    assert records(first) == records(second)


def test_same_project_exported_twice_differs_only_in_creation_time(alice, tmp_path):
    one, two = tmp_path / "one.factdesk", tmp_path / "two.factdesk"
    alice.export_bundle(one)
    alice.export_bundle(two)
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
    alice.export_bundle(bundle)
    bob.import_bundle(bundle)
    before = snapshot(bob.folder)
    again = bob.import_bundle(bundle)
    assert again.nothing_to_do
    assert again.unchanged["articles"] == 5
    rows, files = snapshot(bob.folder)
    # only the generation counter may differ; here not even that, as nothing was written
    assert (rows, files) == before


def test_dry_run_reports_without_writing(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.export_bundle(bundle)
    before = snapshot(bob.folder)
    plan = bob.import_bundle(bundle, dry_run=True)
    assert plan.dry_run and plan.added["articles"] == 5
    assert snapshot(bob.folder) == before


def test_edits_on_one_side_fast_forward_on_the_other(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1).claim
    alice.export_bundle(tmp_path / "1.factdesk")
    bob.import_bundle(tmp_path / "1.factdesk")
    bob.edit_claim(claim.id, verdict="mostly true", add_tags=["mining"])
    bob.export_bundle(tmp_path / "2.factdesk")
    report = alice.import_bundle(tmp_path / "2.factdesk")
    assert report.updated["claims"] == 1 and not report.conflicts
    assert alice.claim(claim.id).verdict == "mostly true"
    assert alice.claim(claim.id).tags == ("mining",)
    # and the older bundle coming back does not undo the newer edit
    again = alice.import_bundle(tmp_path / "1.factdesk")
    assert again.nothing_to_do
    assert alice.claim(claim.id).verdict == "mostly true"


def test_a_claim_edited_on_both_sides_keeps_both_versions(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1).claim
    alice.export_bundle(tmp_path / "base.factdesk")
    bob.import_bundle(tmp_path / "base.factdesk")

    alice.edit_claim(claim.id, verdict="false", note="MMG is Chinese-owned.")
    bob.edit_claim(claim.id, verdict="true", note="Checked with the registry.")
    bob.export_bundle(tmp_path / "bob.factdesk")

    report = alice.import_bundle(tmp_path / "bob.factdesk")
    assert report.conflicts == (claim.id,)
    ours = alice.claim(claim.id)
    assert ours.verdict == "false"  # nothing of ours was overwritten
    [(local, conflict)] = alice.conflicts()
    assert local.id == claim.id
    assert conflict.incoming["verdict"] == "true"
    assert conflict.incoming["note"] == "Checked with the registry."
    assert conflict.from_author == "bob" and conflict.bundle == "bob.factdesk"

    # importing the same bundle again adds no second conflict
    assert alice.import_bundle(tmp_path / "bob.factdesk").nothing_to_do
    assert len(alice.conflicts()) == 1

    events = [e for e in alice.audit(kind="claim", target=claim.id)
              if e.action == "bundle.conflict"]
    assert events and events[0].detail["from"] == "bob"
    assert events[0].detail["bundle"] == "bob.factdesk"

    alice.settle_conflict(claim.id[:8], keep="theirs")
    assert alice.claim(claim.id).verdict == "true"
    assert alice.conflicts() == []
    # once settled, neither version comes back as a conflict
    assert alice.import_bundle(tmp_path / "bob.factdesk").nothing_to_do
    alice.export_bundle(tmp_path / "settled.factdesk")
    assert not bob.import_bundle(tmp_path / "settled.factdesk").conflicts
    assert bob.claim(claim.id).verdict == "true"


def test_a_bundle_from_before_an_entity_merge_lands_on_the_merged_entity(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    mmg = alice.add_entity("MMG", "organization").entity
    alice.add_entity("Minerals and Metals Group", "organization")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1,
                            entities=[mmg.id]).claim
    alice.export_bundle(tmp_path / "before.factdesk")
    bob.import_bundle(tmp_path / "before.factdesk")
    survivor = bob.entities("Minerals and Metals Group")[0]
    bob.merge_entities(mmg.id, survivor.id)
    # alice goes on working with the old entity id
    alice.edit_claim(claim.id, verdict="false")
    alice.export_bundle(tmp_path / "after.factdesk")
    report = bob.import_bundle(tmp_path / "after.factdesk")
    assert not report.conflicts
    assert bob.claim(claim.id).entity_ids == (survivor.id,)
    assert bob.claim(claim.id).verdict == "false"
    assert [e.name for e in bob.entities()] == ["Minerals and Metals Group"]


def test_entities_match_by_wikidata_id_then_by_name_and_type(alice, bob, tmp_path, corpus_dir):
    bob.import_paths([corpus_dir])
    alice.add_entity("Peru", "place", wikidata="Q419", aliases=["Perú"])
    alice.add_entity("Las Bambas", "place")
    bob.add_entity("Republic of Peru", "place", wikidata="Q419")
    bob.add_entity("las bambas", "place")
    alice.export_bundle(tmp_path / "a.factdesk")
    report = bob.import_bundle(tmp_path / "a.factdesk")
    assert report.added["entities"] == 0 and report.added["articles"] == 0
    assert report.unchanged["articles"] == 5
    names = sorted((e.name for e in bob.entities()), key=str.lower)
    assert names == ["las bambas", "Republic of Peru"]
    peru = bob.entity("Republic of Peru")
    # the incoming name becomes an alias; "Perú" folds to the same name, so it is not repeated
    assert peru.aliases == ("Peru",)


def test_bundle_of_chosen_articles_carries_only_their_claims_and_entities(alice, tmp_path):
    bambas = _article(alice, "Las Bambas")
    other = next(a for a in alice.articles() if a.id != bambas.id)
    entity = alice.add_entity("MMG", "organization").entity
    alice.add_entity("Unused", "organization")
    alice.add_claim(bambas.id, quote="Las Bambas", occurrence=1, entities=[entity.id])
    text = alice.article(other.id).text
    alice.add_claim(other.id, start=0, end=len(text.split()[0]))
    out = tmp_path / "one.factdesk"
    result = alice.export_bundle(out, [bambas.id[:8]])
    assert result.counts == {"articles": 1, "entities": 1, "claims": 1, "flags": 0}


def test_signatures_name_the_signer_and_trust_is_shown(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.export_bundle(bundle)
    plan = bob.import_bundle(bundle, dry_run=True)
    fingerprint = alice.key_fingerprint()
    assert plan.signature == f"signed by alice ({fingerprint}), not in your trusted keys"
    assert not plan.trusted
    bob.trust_key(fingerprint, "Alice (desk)")
    trusted = bob.import_bundle(bundle, dry_run=True)
    assert trusted.trusted
    assert trusted.signature == f"signed by Alice (desk) ({fingerprint}), trusted"


def test_a_bundle_signed_with_another_key_under_a_trusted_name_is_called_out(
        alice, bob, tmp_path):
    from tests.services.bundle_helpers import person_project

    bob.trust_key(alice.key_fingerprint(), "alice")
    with person_project(tmp_path / "elsewhere", "alice") as impostor:  # a different key
        impostor.export_bundle(tmp_path / "fake.factdesk")
    plan = bob.import_bundle(tmp_path / "fake.factdesk", dry_run=True)
    assert not plan.trusted and plan.suspicious
    assert "but the key you trust for alice is a different one" in plan.signature


def test_an_unsigned_bundle_says_so(alice, bob, tmp_path):
    bundle = tmp_path / "a.factdesk"
    alice.export_bundle(bundle)
    unsigned = tmp_path / "unsigned.factdesk"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(unsigned, "w") as target:
        for info in source.infolist():
            if info.filename != "signature.json":
                target.writestr(info, source.read(info))
    assert bob.import_bundle(unsigned, dry_run=True).signature == "unsigned"


def test_a_key_pair_is_made_once_and_kept_private(alice, tmp_path):
    fingerprint = alice.key_fingerprint()
    key = tmp_path / "keys-alice" / "signing-key.pem"
    assert key.exists() and (key.stat().st_mode & 0o077) == 0
    assert alice.key_fingerprint() == fingerprint


def test_a_failed_write_leaves_no_partial_bundle(alice, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    shutil.rmtree(folder)
    (tmp_path / "out").write_text("a file where a folder should be")
    with pytest.raises(WriteError, match="cannot write .*a.factdesk"):
        alice.export_bundle(tmp_path / "out" / "a.factdesk")
    assert not list(tmp_path.glob("**/.bundle-*"))


def test_different_fields_edited_on_each_side_merge_without_conflict(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1).claim
    alice.export_bundle(tmp_path / "base.factdesk")
    bob.import_bundle(tmp_path / "base.factdesk")
    alice.edit_claim(claim.id, verdict="false")
    bob.edit_claim(claim.id, note="Registry checked.", add_tags=["mining"])
    bob.export_bundle(tmp_path / "bob.factdesk")
    report = alice.import_bundle(tmp_path / "bob.factdesk")
    assert not report.conflicts and report.updated["claims"] == 1
    merged = alice.claim(claim.id)
    assert (merged.verdict, merged.note, merged.tags) == ("false", "Registry checked.",
                                                          ("mining",))
    # and the merge travels back to bob as a plain update
    alice.export_bundle(tmp_path / "alice.factdesk")
    back = bob.import_bundle(tmp_path / "alice.factdesk")
    assert not back.conflicts
    assert bob.claim(claim.id).verdict == "false"


def test_a_large_merge_leaves_the_index_to_be_rebuilt_and_search_still_finds_it(
        alice, bob, tmp_path, monkeypatch):
    alice.export_bundle(tmp_path / "a.factdesk")
    bob.reindex()
    assert bob.index_is_current()
    monkeypatch.setattr("desktop_app.services.searching.BULK", 3)
    bob.import_bundle(tmp_path / "a.factdesk")
    assert not bob.index_is_current()
    assert bob.search("Las Bambas").total >= 2
    assert bob.index_is_current()


def test_settling_a_conflict_can_be_undone(alice, bob, tmp_path):
    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1).claim
    alice.export_bundle(tmp_path / "base.factdesk")
    bob.import_bundle(tmp_path / "base.factdesk")
    alice.edit_claim(claim.id, verdict="false", add_tags=["ours"])
    bob.edit_claim(claim.id, verdict="true", add_tags=["theirs"])
    bob.export_bundle(tmp_path / "bob.factdesk")
    alice.import_bundle(tmp_path / "bob.factdesk")
    settled = alice.settle_conflict(claim.id, keep="theirs")
    assert settled.after.verdict == "true" and settled.after.tags == ("theirs",)
    undone = alice.unsettle_conflict(settled)
    assert (undone.after.verdict, undone.after.tags) == ("false", ("ours",))
    assert [c.id for c, _conflict in alice.conflicts()] == [claim.id]
    assert alice.import_bundle(tmp_path / "bob.factdesk").nothing_to_do


def test_both_sides_running_the_check_do_not_double_its_claims_and_flags(
        alice, bob, tmp_path, corpus_dir):
    """Colleagues who imported the same articles and ran the check each have claims and flags
    for the same passages under different ids: merging keeps one of each."""
    bob.import_paths([corpus_dir])
    alice.check()
    bob.check()
    assert len(bob.flags()) == 2
    alice.export_bundle(tmp_path / "alice.factdesk")
    report = bob.import_bundle(tmp_path / "alice.factdesk")
    assert report.added == {"articles": 0, "entities": 0, "claims": 0, "flags": 0}
    assert report.unchanged["flags"] == 2
    assert len(bob.flags()) == 2 and len(bob.claims()) == len(alice.claims())

    # a review made on one side reaches the twin claim and flag on the other
    flag = bob.flags()[0]
    bob.resolve_flag(flag.id, status="dismissed", note="Different events.")
    bob.edit_claim(flag.claim_a, status="reviewed")
    bob.export_bundle(tmp_path / "bob.factdesk")
    back = alice.import_bundle(tmp_path / "bob.factdesk")
    assert back.added["claims"] == 0 and back.added["flags"] == 0
    assert back.updated["flags"] == 1 and back.updated["claims"] == 1
    assert sorted(f.status for f in alice.flags()) == ["dismissed", "open"]
    assert len([c for c in alice.claims() if c.status == "reviewed"]) == 1


def test_a_claim_is_born_with_its_first_version_recorded(alice):
    """The first version counts tags and links, so a colleague's edit of it is recognised."""
    from desktop_app.core.versions import content, stamp_of

    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1,
                            tags=["mining", "China"], verdict="false").claim
    with alice._store.transaction() as uow:
        assert uow.claims.histories([claim.id]) == {claim.id: (stamp_of(claim),)}
        assert uow.claims.bases([claim.id]) == {claim.id: content(claim)}


def _shared_claim(alice, bob, tmp_path, **kwargs):
    """A claim alice made and bob imported; both projects hold the corpus."""
    article = _article(alice, "Las Bambas")
    claim = alice.add_claim(article.id, quote="Las Bambas", occurrence=1, **kwargs).claim
    alice.export_bundle(tmp_path / "shared.factdesk")
    bob.import_bundle(tmp_path / "shared.factdesk")
    return claim


def test_a_revert_travels_like_any_other_edit(alice, bob, tmp_path):
    claim = _shared_claim(alice, bob, tmp_path)
    bob.edit_claim(claim.id, verdict="false")
    bob.export_bundle(tmp_path / "b1.factdesk")
    alice.import_bundle(tmp_path / "b1.factdesk")
    alice.edit_claim(claim.id, verdict="unverified")  # back to where it started
    alice.export_bundle(tmp_path / "a1.factdesk")
    report = bob.import_bundle(tmp_path / "a1.factdesk")
    assert report.updated["claims"] == 1 and not report.conflicts
    assert bob.claim(claim.id).verdict == "unverified"


def test_same_name_but_different_wikidata_ids_stay_two_entities(alice, bob, tmp_path):
    smith = alice.add_entity("John Smith", "person", wikidata="Q1000001").entity
    bob.add_entity("John Smith", "person", wikidata="Q2000002")
    claim = _shared_claim(alice, bob, tmp_path, entities=[smith.id])
    linked = [bob.entity(e) for e in bob.claim(claim.id).entity_ids]
    assert [dict(e.external_ids)["wikidata"] for e in linked] == ["Q1000001"]
    assert sorted(dict(e.external_ids)["wikidata"] for e in bob.entities("John Smith")) == [
        "Q1000001", "Q2000002"]


def test_one_sided_edits_after_matching_an_entity_by_wikidata_id_fast_forward(
        alice, bob, tmp_path):
    peru = alice.add_entity("Peru", "place", wikidata="Q419").entity
    bob.add_entity("Perú", "place", wikidata="Q419")
    claim = _shared_claim(alice, bob, tmp_path, entities=[peru.id])
    alice.edit_claim(claim.id, verdict="false")
    alice.export_bundle(tmp_path / "a1.factdesk")
    report = bob.import_bundle(tmp_path / "a1.factdesk")
    assert not report.conflicts and report.updated["claims"] == 1
    assert bob.claim(claim.id).verdict == "false"
    assert [bob.entity(e).name for e in bob.claim(claim.id).entity_ids] == ["Perú"]


def test_an_entity_renamed_on_their_side_is_still_recognised(alice, bob, tmp_path):
    mmg = alice.add_entity("MMG", "organization").entity
    bob.add_entity("MMG", "organization")
    claim = _shared_claim(alice, bob, tmp_path, entities=[mmg.id])
    alice.edit_entity(mmg.id, name="MMG Limited")
    alice.edit_claim(claim.id, verdict="false")
    alice.export_bundle(tmp_path / "a1.factdesk")
    report = bob.import_bundle(tmp_path / "a1.factdesk")
    assert report.added["entities"] == 0 and not report.conflicts
    assert [e.name for e in bob.entities()] == ["MMG"]
    assert bob.claim(claim.id).verdict == "false"


def test_settling_with_their_version_follows_entity_merges_and_deletions(alice, bob, tmp_path):
    peru = alice.add_entity("Peru", "place").entity
    chile = alice.add_entity("Chile", "place").entity
    claim = _shared_claim(alice, bob, tmp_path, entities=[peru.id, chile.id])
    alice.edit_claim(claim.id, verdict="false")
    bob.edit_claim(claim.id, verdict="true")
    alice.export_bundle(tmp_path / "a1.factdesk")
    assert bob.import_bundle(tmp_path / "a1.factdesk").conflicts == (claim.id,)
    republic = bob.add_entity("Republic of Peru", "place").entity
    bob.merge_entities(peru.id, republic.id)
    bob.delete_entity(chile.id, unlink=True)
    bob.settle_conflict(claim.id, keep="theirs")
    assert bob.claim(claim.id).verdict == "false"
    assert bob.claim(claim.id).entity_ids == (republic.id,)


def test_flags_that_arrive_by_bundle_are_not_raised_again_by_the_check(alice, bob, tmp_path):
    alice.check()
    alice.export_bundle(tmp_path / "a.factdesk")
    bob.import_bundle(tmp_path / "a.factdesk")
    report = bob.check()
    assert report.flags == () and report.known == 2
    assert len(bob.flags()) == 2


def test_a_failed_export_does_not_count_its_versions_as_shared(alice, bob, tmp_path):
    claim = _shared_claim(alice, bob, tmp_path)
    alice.edit_claim(claim.id, verdict="false")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(WriteError):
        alice.export_bundle(blocker / "out.factdesk")
    bob.edit_claim(claim.id, note="Registry checked.")
    bob.export_bundle(tmp_path / "b1.factdesk")
    report = alice.import_bundle(tmp_path / "b1.factdesk")
    assert not report.conflicts  # merged field by field against the version both had
    merged = alice.claim(claim.id)
    assert (merged.verdict, merged.note) == ("false", "Registry checked.")
