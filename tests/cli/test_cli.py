"""The command line as a person uses it: real processes, a real project folder."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, snapshot


def factdesk(project: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, FACTDESK_AUTHOR="cli tester")
    env.pop("FACTDESK_PROJECT", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", "--project", str(project), *args],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=120,
    )


def refused(result: subprocess.CompletedProcess, *words: str) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word.lower() in lines[0].lower(), lines[0]


@pytest.fixture(scope="module")
def corpus_project(tmp_path_factory, corpus_dir):
    folder = tmp_path_factory.mktemp("cli") / "project"
    result = factdesk(folder, "import", str(corpus_dir))
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout
    return folder


def test_articles_json_lists_titles_bylines_and_dates(corpus_project):
    result = factdesk(corpus_project, "articles", "--json")
    assert result.returncode == 0
    articles = {a["original_name"]: a for a in json.loads(result.stdout)["articles"]}
    assert len(articles) == 5
    assert all(a["title"] not in ("21.9 C", "Los Angeles") for a in articles.values())
    stokes = articles["003_740938afe9e32624.txt"]
    assert (stokes["author"], stokes["published"]) == ("Francis Stokes", "2024-11-14")


def test_show_json_carries_text_metadata_and_original_file(corpus_project, corpus_dir):
    listing = json.loads(factdesk(corpus_project, "articles", "--json").stdout)["articles"]
    target = next(a for a in listing if a["original_name"] == "002_5f4c24aa3a0ad424.txt")
    shown = json.loads(factdesk(corpus_project, "show", target["id"][:6], "--json").stdout)
    assert "Shigeru Ishiba" in shown["text"]
    assert shown["original_file"] == "002_5f4c24aa3a0ad424.txt"
    assert Path(shown["original_path"]).read_bytes() == (
        corpus_dir / "002_5f4c24aa3a0ad424.txt").read_bytes()
    assert shown["author"] == "Olivia Li" and shown["claims"] == []


def test_claim_add_edit_and_list_round_trip(corpus_project):
    listing = json.loads(factdesk(corpus_project, "articles", "--json").stdout)["articles"]
    article = next(a for a in listing if a["original_name"] == "004_57f18eb6d435c642.txt")
    added = factdesk(corpus_project, "claim", "add", article["id"][:8], "--quote",
                     "less than 5% of global totals", "--tag", "reserves", "--verdict",
                     "mostly true", "--note", "check the survey", "--json")
    assert added.returncode == 0, added.stderr
    claim = json.loads(added.stdout)
    text = json.loads(factdesk(corpus_project, "show", article["id"], "--json").stdout)["text"]
    assert text[claim["start"] : claim["end"]] == "less than 5% of global totals"
    edited = factdesk(corpus_project, "claim", "edit", claim["id"][:8], "--status",
                      "needs review", "--untag", "reserves", "--tag", "china")
    assert edited.returncode == 0, edited.stderr
    listed = json.loads(factdesk(corpus_project, "claims", "--tag", "china", "--json").stdout)
    assert [(c["id"], c["status"], c["tags"]) for c in listed["claims"]] == [
        (claim["id"], "needs review", ["china"])]
    audit = json.loads(factdesk(corpus_project, "audit", "--claim", claim["id"], "--json").stdout)
    assert [e["action"] for e in audit["events"]] == ["claim.add", "claim.edit"]
    assert {e["actor"] for e in audit["events"]} == {"cli tester"}


def test_ambiguous_quote_is_refused_with_the_count(corpus_project):
    listing = json.loads(factdesk(corpus_project, "articles", "--json").stdout)["articles"]
    article = next(a for a in listing if a["original_name"] == "002_5f4c24aa3a0ad424.txt")
    before = snapshot(corpus_project)
    refused(factdesk(corpus_project, "claim", "add", article["id"], "--quote", "Peru"),
            "times", "--occurrence")
    refused(factdesk(corpus_project, "claim", "add", article["id"], "--quote", "Chancay",
                     "--occurrence", "1", "--verdict", "pants on fire"), "unknown verdict")
    refused(factdesk(corpus_project, "claim", "add", article["id"], "--quote", "not there"),
            "not in the article")
    assert snapshot(corpus_project) == before


def test_missing_file_is_refused_on_one_line(tmp_path):
    refused(factdesk(tmp_path / "p", "import", str(tmp_path / "nowhere.txt")), "does not exist")


def test_partly_done_batch_exits_1_and_lists_each_failure(tmp_path, corpus_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_bytes((corpus_dir / "003_740938afe9e32624.txt").read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(b"\x00\xff" * 500)
    result = factdesk(tmp_path / "p", "import", str(folder))
    assert result.returncode == 1
    assert "empty.txt" in result.stdout and "junk.txt" in result.stdout
    assert "1 added, 0 duplicate, 2 failed" in result.stdout


def test_a_folder_that_is_not_a_project_is_refused(tmp_path):
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"\xff\xd8")
    refused(factdesk(tmp_path / "photos", "articles"), "not a Factdesk project")


def test_usage_mistakes_are_one_line_and_exit_2(tmp_path):
    refused(factdesk(tmp_path / "p", "claim", "add"), "required")
    refused(factdesk(tmp_path / "p", "frobnicate"), "invalid choice")


def test_every_listing_prints_only_json_with_json(corpus_project):
    for args in (["articles"], ["claims"], ["tags"], ["audit"]):
        result = factdesk(corpus_project, *args, "--json")
        assert result.returncode == 0
        json.loads(result.stdout)


def test_project_comes_from_the_environment_when_not_named(tmp_path, corpus_dir):
    env = dict(os.environ, FACTDESK_PROJECT=str(tmp_path / "env-project"))
    result = subprocess.run([sys.executable, "-m", "desktop_app", "import",
                             str(corpus_dir / "004_57f18eb6d435c642.txt")],
                            cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env-project" / "project.sqlite3").exists()


def test_entity_commands_add_list_merge_link_and_suggest(corpus_project):
    added = factdesk(corpus_project, "entity", "add", "López Aliaga", "--type", "person",
                     "--alias", "Lima's mayor", "--wikidata", "Q5738520", "--json")
    assert added.returncode == 0, added.stderr
    short = json.loads(added.stdout)
    full = json.loads(factdesk(corpus_project, "entity", "add",
                               "Rafael Bernardo López Aliaga Cazorla", "--type", "person",
                               "--json").stdout)
    refused(factdesk(corpus_project, "entity", "add", "X", "--type", "person", "--wikidata",
                     "42"), "not a Wikidata id")
    merged = factdesk(corpus_project, "entity", "merge", short["id"][:8], full["id"][:8])
    assert merged.returncode == 0, merged.stderr
    listing = json.loads(factdesk(corpus_project, "entities", "--json").stdout)["entities"]
    survivor = next(e for e in listing if e["id"] == full["id"])
    assert "López Aliaga" in survivor["aliases"]
    assert short["id"] not in {e["id"] for e in listing}
    articles = json.loads(factdesk(corpus_project, "articles", "--json").stdout)["articles"]
    first = next(a for a in articles if a["original_name"].startswith("001"))
    suggestions = json.loads(factdesk(corpus_project, "suggest", "entities", first["id"],
                                      "--json").stdout)
    assert {m["entity_id"] for m in suggestions["mentions"]} == {full["id"]}
    assert any(c["name"] == "Chinese Communist Party" for c in suggestions["candidates"])
    claim = json.loads(factdesk(corpus_project, "claim", "add", first["id"], "--quote",
                                "Rafael Bernardo López Aliaga Cazorla", "--json").stdout)
    assert factdesk(corpus_project, "link", claim["id"], short["id"]).returncode == 0
    about = json.loads(factdesk(corpus_project, "claims", "--entity", "Q5738520",
                                "--json").stdout)["claims"]
    assert [c["id"] for c in about] == [claim["id"]]


def test_version_is_printed_from_the_package_metadata(tmp_path):
    from importlib.metadata import version

    result = factdesk(tmp_path / "project", "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"factdesk {version('factdesk')}"


def test_help_loads_no_database_library():
    """`factdesk --help` answers without loading SQLAlchemy or the project's services."""
    probe = (
        "import sys\n"
        "from desktop_app.cli.main import run\n"
        "try:\n"
        "    run(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = [m for m in ('sqlalchemy', 'desktop_app.services') if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert "usage" in result.stdout.lower()
    assert "LOADED []" in result.stderr, result.stderr


def test_listing_commands_do_not_load_the_engine_the_check_or_the_migration_tool(
        corpus_project):
    """`factdesk articles`, `claims` and `flags` answer at once: the search engine, the
    importers' extraction library, the check and Alembic load only when a command needs them
    (see bench/cli_bench.py for the times)."""
    heavy = ("whoosh", "tantivy", "alembic", "trafilatura", "pypdf",
             "desktop_app.core.disagreements", "desktop_app.exchange.bundle")
    probe = (
        "import sys\n"
        "from desktop_app.cli.main import run\n"
        f"status = run(['--project', {str(corpus_project)!r}, sys.argv[1]])\n"
        f"loaded = [m for m in {heavy!r} if m in sys.modules]\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    for command in ("articles", "claims", "flags"):
        result = subprocess.run([sys.executable, "-c", probe, command], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert "LOADED []" in result.stderr, (command, result.stderr)


@pytest.mark.parametrize("command", [("articles",), ("claims",), ("flags",), ("search", "port"),
                                     ("report", "r.html"), ("check",), ("export", "csv", "c"),
                                     ("entity", "add", "Xi", "--type", "person"),
                                     ("keys", "show")])
def test_a_command_on_a_mistyped_project_path_says_so_and_makes_nothing(tmp_path, command):
    """A path that holds no project is a mistake to point out, not a new empty project to
    answer from ("no articles" would read as if the work were gone)."""
    missing = tmp_path / "typo" / "project"
    result = factdesk(missing, *command)
    refused(result, "no project at", str(missing))
    assert not (tmp_path / "typo").exists()


def test_import_still_starts_a_project_in_a_new_folder(tmp_path, corpus_dir):
    folder = tmp_path / "new" / "project"
    assert factdesk(folder, "import", str(corpus_dir)).returncode == 0
    listed = json.loads(factdesk(folder, "articles", "--json").stdout)
    assert len(listed["articles"]) == 5


@pytest.mark.parametrize("command", [("report", "{out}.html"), ("report", "{out}.pdf"),
                                     ("export", "csv", "{out}.csv"),
                                     ("export", "bundle", "{out}.factdesk"),
                                     ("export", "w3c", "{out}.jsonld"),
                                     ("export", "claimreview", "{out}.json")])
def test_an_output_in_a_folder_that_does_not_exist_is_refused(corpus_project, tmp_path,
                                                              command):
    """A mistyped output folder is said (one line, exit 2), not quietly made."""
    out = tmp_path / "no such folder" / "out"
    result = factdesk(corpus_project, *(part.format(out=out) for part in command))
    refused(result, "does not exist", "nothing was written")
    assert not out.parent.exists()


def test_the_claims_listing_starts_with_the_claim_id_under_a_header(tmp_path, corpus_dir):
    """What a person copies from the first column of `claims` is the claim's id, which
    `claim edit` takes (it used to be the article's)."""
    folder = tmp_path / "p"
    factdesk(folder, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    article = json.loads(factdesk(folder, "articles", "--json").stdout)["articles"][0]["id"]
    shown = json.loads(factdesk(folder, "show", article, "--json").stdout)
    quote = shown["text"][:30].split("\n")[0]
    assert factdesk(folder, "claim", "add", article, "--quote", quote).returncode == 0
    lines = factdesk(folder, "claims").stdout.splitlines()
    assert lines[0].split()[:2] == ["claim", "article"]
    first_column = lines[1].split()[0]
    assert factdesk(folder, "claim", "edit", first_column, "--verdict", "true").returncode == 0


@pytest.mark.parametrize("command", [("import", "missing.txt"),
                                     ("import-bundle", "missing.factdesk"),
                                     ("import-w3c", "missing.jsonld")])
def test_an_import_that_brings_nothing_leaves_no_empty_project_behind(tmp_path, command):
    """A new project is made for an import, but one refused whole (its file is missing)
    takes the folders it made away again: the mistyped path does not look like a project."""
    missing = tmp_path / "typo" / "project"
    result = factdesk(missing, command[0], str(tmp_path / command[1]))
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "typo").exists()


def test_a_report_named_as_a_folder_is_asked_for_a_file_name(corpus_project, tmp_path):
    refused(factdesk(corpus_project, "report", str(tmp_path)), "is a folder",
            "report.html")
