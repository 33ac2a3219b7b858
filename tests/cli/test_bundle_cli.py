"""`export`, `import-bundle`, `conflicts`, `settle` and `keys` as a person runs them."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.cli.test_cli import ROOT, factdesk, refused


def test_bundle_export_dry_run_import_and_second_import(tmp_path, corpus_dir):
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    assert factdesk(alice, "import", str(corpus_dir)).returncode == 0
    assert factdesk(alice, "check").returncode == 0
    bundle = tmp_path / "alice.factdesk"
    exported = factdesk(alice, "export", "bundle", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert "5 articles" in exported.stdout and "signed by cli tester (" in exported.stdout

    dry = factdesk(bob, "import-bundle", str(bundle), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would add     5 articles" in dry.stdout and "dry run: nothing was written" in dry.stdout
    assert json.loads(factdesk(bob, "articles", "--json").stdout)["articles"] == []

    done = json.loads(factdesk(bob, "import-bundle", str(bundle), "--json").stdout)
    assert done["added"]["articles"] == 5 and done["added"]["flags"] == 2
    assert done["signature"].startswith("signed by cli tester (")
    again = factdesk(bob, "import-bundle", str(bundle))
    assert "nothing to do" in again.stdout


def test_a_tampered_bundle_is_refused_on_one_line(tmp_path, corpus_dir):
    alice = tmp_path / "alice"
    factdesk(alice, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    bundle = tmp_path / "a.factdesk"
    factdesk(alice, "export", "bundle", str(bundle))
    tampered = tmp_path / "tampered.factdesk"
    with zipfile.ZipFile(bundle) as source, zipfile.ZipFile(tampered, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "articles.jsonl":
                data = data.replace(b"Peru", b"Chile", 1)
            target.writestr(name, data)
    refused(factdesk(tmp_path / "bob", "import-bundle", str(tampered)),
            "bundle refused", "articles.jsonl", "checksum mismatch")


def test_conflicts_are_listed_and_settled(tmp_path, corpus_dir):
    alice, bob = tmp_path / "alice", tmp_path / "bob"
    factdesk(alice, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    article = json.loads(factdesk(alice, "articles", "--json").stdout)["articles"][0]["id"]
    added = json.loads(factdesk(alice, "claim", "add", article[:8], "--quote", "Peru",
                                "--occurrence", "1", "--json").stdout)
    claim = added["claim"]["id"] if "claim" in added else added["id"]
    factdesk(alice, "export", "bundle", str(tmp_path / "base.factdesk"))
    factdesk(bob, "import-bundle", str(tmp_path / "base.factdesk"))
    factdesk(alice, "claim", "edit", claim[:8], "--verdict", "false")
    factdesk(bob, "claim", "edit", claim[:8], "--verdict", "true")
    factdesk(bob, "export", "bundle", str(tmp_path / "bob.factdesk"))
    merged = factdesk(alice, "import-bundle", str(tmp_path / "bob.factdesk"))
    assert "in conflict   1 claims" in merged.stdout
    assert "[in conflict" in factdesk(alice, "claims").stdout
    assert json.loads(factdesk(alice, "claims", "--json").stdout)["in_conflict"] == [claim]
    listed = factdesk(alice, "conflicts")
    assert "ours:   false" in listed.stdout and "theirs: true" in listed.stdout
    assert factdesk(alice, "settle", claim[:8], "--theirs").returncode == 0
    assert "no claims in conflict" in factdesk(alice, "conflicts").stdout
    refused(factdesk(alice, "settle", claim[:8], "--ours"), "not in conflict")


def test_standard_exports_write_files(tmp_path, corpus_dir):
    project = tmp_path / "p"
    factdesk(project, "import", str(corpus_dir))
    factdesk(project, "check")
    for kind, name in (("w3c", "a.jsonld"), ("claimreview", "r.json"), ("csv", "c.csv")):
        result = factdesk(project, "export", kind, str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name).stat().st_size > 0
    assert json.loads((tmp_path / "a.jsonld").read_text())["type"] == "AnnotationCollection"


def test_keys_show_and_trust(tmp_path, corpus_dir):
    project = tmp_path / "p"
    factdesk(project, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    shown = json.loads(factdesk(project, "keys", "show", "--json").stdout)
    assert len(shown["fingerprint"].replace(" ", "")) == 20
    assert factdesk(project, "keys", "trust", shown["fingerprint"], "Me").returncode == 0
    assert json.loads(factdesk(project, "keys", "show", "--json").stdout)["trusted"] == {
        shown["fingerprint"]: "Me"}
    refused(factdesk(project, "keys", "trust", "xyz", "Someone"), "not a key fingerprint")


def test_an_export_that_cannot_be_written_is_refused_on_one_line(tmp_path, corpus_dir):
    project = tmp_path / "p"
    factdesk(project, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    for kind in ("bundle", "w3c", "claimreview", "csv"):
        refused(factdesk(project, "export", kind, str(blocker / "out")), "cannot write")
    assert blocker.read_text() == "a file, not a folder"


def _annotation(exact: str, source: str = "https://elsewhere.example/x",
                position: tuple[int, int] | None = None) -> dict:
    selectors: list[dict] = [{"type": "TextQuoteSelector", "exact": exact}] if exact else []
    if position:
        selectors.append({"type": "TextPositionSelector", "start": position[0],
                          "end": position[1]})
    return {"type": "Annotation", "target": {"source": source, "selector": selectors}}


def _collection(*annotations: dict) -> str:
    return json.dumps({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage",
                       "items": list(annotations)})


def test_imports_of_other_tools_files_exit_by_what_they_added(tmp_path, corpus_dir):
    """All added (or there already): 0; some left out: 1; nothing matched: 2 with the
    reason."""
    desk = tmp_path / "desk"
    factdesk(desk, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    good, bad = _annotation("Resource-constrained Japan"), _annotation("words in no article at all")
    cases = [((good,), 0), ((good,), 0), ((good, bad), 1), ((bad,), 2)]
    for number, (annotations, status) in enumerate(cases):
        path = tmp_path / f"a{number}.jsonld"
        path.write_text(_collection(*annotations), encoding="utf-8")
        result = factdesk(desk, "import-w3c", str(path))
        assert result.returncode == status, (number, result.stdout, result.stderr)
    assert "no article here holds its target or its quote" in result.stdout
    assert "none of the annotations could be added" in result.stderr

    reviews = tmp_path / "reviews.jsonld"
    reviews.write_text(json.dumps([
        {"@type": "ClaimReview", "claimReviewed": "The road cost twice as much.",
         "reviewRating": {"@type": "Rating", "alternateName": "Falso"}},
        {"@type": "ClaimReview", "claimReviewed": {"@type": "Claim"},
         "reviewRating": {"@type": "Rating", "alternateName": "Faux"}}]), encoding="utf-8")
    result = factdesk(desk, "import-claimreview", str(reviews))
    assert result.returncode == 1, result.stderr
    assert "left out ClaimReview 2: it has no claimReviewed text" in result.stdout


def test_a_position_only_annotation_is_checked_against_its_article(tmp_path):
    desk = tmp_path / "desk"
    page = tmp_path / "emoji.txt"
    page.write_text("Reactions to the toll\n\nThe toll rose 🚀 and drivers were upset by "
                    "the price of the crossing.\n", encoding="utf-8")
    factdesk(desk, "import", str(page))
    article = json.loads(factdesk(desk, "articles", "--json").stdout)["articles"][0]
    source = f"urn:uuid:{article['id']}"
    text = json.loads(factdesk(desk, "show", article["id"], "--json").stdout)["text"]
    before = text.index("The toll")
    after = text.index("drivers")
    rocket = text.index("🚀")
    cases = [
        (_annotation("", source, (before, before + 8)), 0, None),
        (_annotation("", source, (len(text) - 3, len(text) + 5)), 2, "past the end"),
        (_annotation("", source, (rocket + 1, rocket + 5)), 2, "surrogate pair"),
        (_annotation("", source, (after, after + 7)), 2, "outside the Basic Multilingual"),
    ]
    for number, (annotation, status, words) in enumerate(cases):
        path = tmp_path / f"p{number}.jsonld"
        path.write_text(_collection(annotation), encoding="utf-8")
        result = factdesk(desk, "import-w3c", str(path))
        assert result.returncode == status, (number, result.stdout)
        if words:
            assert words in result.stdout, result.stdout
    claims = json.loads(factdesk(desk, "claims", "--json").stdout)["claims"]
    assert [c["exact"] for c in claims] == ["The toll"]


def test_exports_follow_the_umask_and_the_signing_key_stays_owner_only(tmp_path, corpus_dir):
    import os
    import stat

    desk = tmp_path / "desk"
    factdesk(desk, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    saved = os.umask(0o002)
    try:
        outs = [tmp_path / "c.csv", tmp_path / "w.jsonld", tmp_path / "b.factdesk"]
        factdesk(desk, "export", "csv", str(outs[0]))
        factdesk(desk, "export", "w3c", str(outs[1]))
        factdesk(desk, "export", "bundle", str(outs[2]))
    finally:
        os.umask(saved)
    for out in outs:
        assert stat.S_IMODE(out.stat().st_mode) == 0o664, out
    keys = list(Path(os.environ["XDG_CONFIG_HOME"]).rglob("*.pem"))
    assert keys and all(stat.S_IMODE(k.stat().st_mode) == 0o600 for k in keys)


def _shared(url: str, *args: str) -> subprocess.CompletedProcess:
    """``factdesk --database URL ARGS`` as a person runs it."""
    env = dict(os.environ, FACTDESK_AUTHOR="cli tester")
    env.pop("FACTDESK_PROJECT", None)
    return subprocess.run([sys.executable, "-m", "desktop_app", "--database", url, *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)


def test_bundles_travel_between_a_laptop_project_and_a_shared_one_both_ways(
        tmp_path, corpus_dir, postgres):
    """A laptop's bundle imports into a desk's shared project; the desk's edit travels back."""
    url = postgres.empty_database("desk")
    try:
        created = _shared(url, "init")
        assert created.returncode == 0 and "the project is ready" in created.stdout
        laptop = tmp_path / "laptop"
        assert factdesk(laptop, "import", str(corpus_dir)).returncode == 0
        article = json.loads(factdesk(laptop, "articles", "--json").stdout)["articles"][0]["id"]
        claim = json.loads(factdesk(laptop, "claim", "add", article[:8], "--quote", "China",
                                    "--occurrence", "1", "--json").stdout)
        claim_id = claim["claim"]["id"] if "claim" in claim else claim["id"]
        factdesk(laptop, "export", "bundle", str(tmp_path / "laptop.factdesk"))

        imported = _shared(url, "import-bundle", str(tmp_path / "laptop.factdesk"), "--json")
        assert imported.returncode == 0, imported.stderr
        assert json.loads(imported.stdout)["added"]["articles"] == 5
        edited = _shared(url, "claim", "edit", claim_id[:8], "--verdict", "false",
                         "--version", "1")
        assert edited.returncode == 0 and "edited claim" in edited.stdout, edited.stderr
        stale = _shared(url, "claim", "edit", claim_id[:8], "--verdict", "true",
                        "--version", "1")
        assert "kept beside it as a conflict" in stale.stdout
        assert "theirs: true" in _shared(url, "conflicts").stdout
        assert _shared(url, "settle", claim_id[:8], "--ours").returncode == 0

        exported = _shared(url, "export", "bundle", str(tmp_path / "desk.factdesk"))
        assert exported.returncode == 0, exported.stderr
        back = factdesk(laptop, "import-bundle", str(tmp_path / "desk.factdesk"))
        assert back.returncode == 0, back.stderr
        shown = json.loads(factdesk(laptop, "claims", "--json").stdout)["claims"]
        assert [c["verdict"] for c in shown if c["id"] == claim_id] == ["false"]
    finally:
        postgres.drop(url)


def test_a_shared_project_that_cannot_be_reached_is_refused_on_one_line(tmp_path):
    refused(_shared("postgresql://nobody@127.0.0.1:1/desk", "articles"),
            "cannot open the shared project", "127.0.0.1")
    refused(_shared("postgresql://nobody:secret@127.0.0.1:1/desk", "articles"), "***")
    assert "secret" not in _shared("postgresql://nobody:secret@127.0.0.1:1/desk",
                                   "articles").stderr
