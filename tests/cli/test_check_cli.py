"""`factdesk check`, `flags` and `suggest claims` as a person runs them."""

import json

from tests.cli.test_cli import factdesk, refused


def test_check_flags_the_corpus_once_and_lists_the_flags(tmp_path, corpus_dir):
    project = tmp_path / "project"
    assert factdesk(project, "import", str(corpus_dir)).returncode == 0
    first = factdesk(project, "check")
    assert first.returncode == 0, first.stderr
    assert "2 new flags" in first.stdout and "November 15-16" in first.stdout
    again = factdesk(project, "check", "--json")
    document = json.loads(again.stdout)
    assert document["flags"] == [] and document["already_flagged"] == 2
    listed = json.loads(factdesk(project, "flags", "--status", "open", "--json").stdout)
    assert sorted(f["kind"] for f in listed["flags"]) == ["date", "period"]
    for flag in listed["flags"]:
        assert flag["claim_a_article"]["id"] != flag["claim_b_article"]["id"]


def test_suggest_claims_ranks_sentences_and_refuses_an_unknown_article(tmp_path, corpus_dir):
    project = tmp_path / "project"
    factdesk(project, "import", str(corpus_dir / "003_740938afe9e32624.txt"))
    article = json.loads(factdesk(project, "articles", "--json").stdout)["articles"][0]["id"]
    shown = factdesk(project, "suggest", "claims", article[:6], "--json")
    assert shown.returncode == 0, shown.stderr
    suggestions = json.loads(shown.stdout)["suggestions"]
    assert suggestions and all(s["reasons"] for s in suggestions)
    refused(factdesk(project, "suggest", "claims", "nope"), "nope")
