"""Marking claims by quote on the real corpus: offsets, tags, verdicts, notes and the log."""

import pytest

from desktop_app.core.errors import (
    AmbiguousQuoteError,
    InvalidValueError,
    NotFoundError,
    QuoteNotFoundError,
)
from tests.conftest import snapshot

# (file, quote) pairs: each quote occurs in that corpus article (checked by the test itself).
QUOTES = [
    ("000_0fe75ea3bb2a433a.txt", "Beijing is quietly building influence"),
    ("001_a261658dfeeb6727.txt", "Rafael Bernardo López Aliaga Cazorla"),
    ("002_5f4c24aa3a0ad424.txt", "This agreement was announced on Nov. 17"),
    ("003_740938afe9e32624.txt", "November 15-16"),
    ("004_57f18eb6d435c642.txt", "less than 5% of global totals"),
]


@pytest.fixture
def loaded(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    return {a.original_name: a.id for a in project.articles.list()}


def test_claims_by_quote_come_back_with_the_right_offsets_tags_verdict_and_note(
        project, loaded, corpus_dir):
    for number, (name, quote) in enumerate(QUOTES):
        result = project.claims.add(loaded[name][:8], quote=quote, tags=["minerals", f"t{number}"],
                                   verdict="mostly true", note=f"check {number}")
        article = project.articles.get(loaded[name])
        claim = project.claims.get(result.claim.id[:10])
        assert article.text[claim.start : claim.end] == quote
        assert claim.exact == quote
        assert claim.tags == tuple(sorted(["minerals", f"t{number}"]))
        assert (claim.verdict, claim.status, claim.note) == ("mostly true", "draft",
                                                            f"check {number}")
        assert claim.author == "tester"
    assert len(project.claims.list(tag="minerals")) == 5
    assert len(project.claims.list(tag="t2")) == 1
    assert len(project.claims.list(article=loaded[QUOTES[0][0]])) == 1


def test_every_claim_change_has_an_audit_event_with_before_and_after(project, loaded):
    claim = project.claims.add(loaded[QUOTES[3][0]], quote=QUOTES[3][1]).claim
    project.claims.edit(claim.id, verdict="false", note="Summit was on 15-16 Nov",
                       add_tags=["dates"])
    project.claims.edit(claim.id, status="needs review", remove_tags=["dates"])
    events = project.history.audit(target=claim.id)
    assert [e.action for e in events] == ["claim.add", "claim.edit", "claim.edit"]
    assert events[1].detail["before"]["verdict"] == "unverified"
    assert events[1].detail["after"] == {"verdict": "false", "note": "Summit was on 15-16 Nov",
                                         "tags": ["dates"]}
    assert events[2].detail["after"] == {"status": "needs review", "tags": []}
    assert all(e.actor == "tester" for e in events)


def test_editing_to_the_same_values_changes_nothing(project, loaded):
    claim = project.claims.add(loaded[QUOTES[0][0]], quote=QUOTES[0][1], verdict="true").claim
    result = project.claims.edit(claim.id, verdict="True")
    assert result.changes.empty
    assert [e.action for e in project.history.audit(target=claim.id)] == ["claim.add"]


def test_an_ambiguous_quote_needs_an_occurrence_and_says_how_many(project, loaded):
    before = snapshot(project.folder)
    with pytest.raises(AmbiguousQuoteError) as caught:
        project.claims.add(loaded["002_5f4c24aa3a0ad424.txt"], quote="Peru")
    assert f"{caught.value.count} times" in str(caught.value)
    assert snapshot(project.folder) == before
    second = project.claims.add(loaded["002_5f4c24aa3a0ad424.txt"], quote="Peru", occurrence=2)
    text = project.articles.get(loaded["002_5f4c24aa3a0ad424.txt"]).text
    assert second.claim.start == text.index("Peru", text.index("Peru") + 1)


@pytest.mark.parametrize("kwargs,error,words", [
    ({"quote": "a sentence nobody wrote"}, QuoteNotFoundError, "not in the article"),
    ({"quote": "Chancay", "verdict": "pants on fire"}, InvalidValueError, "unknown verdict"),
    ({"quote": "Chancay", "status": "published"}, InvalidValueError, "unknown review status"),
])
def test_bad_claim_input_is_refused_and_nothing_changes(project, loaded, kwargs, error, words):
    before = snapshot(project.folder)
    with pytest.raises(error, match=words):
        project.claims.add(loaded["002_5f4c24aa3a0ad424.txt"], occurrence=1, **kwargs)
    assert snapshot(project.folder) == before


def test_unknown_article_or_claim_is_a_clear_not_found(project, loaded):
    with pytest.raises(NotFoundError, match="no article"):
        project.claims.add("ffffffff", quote="x")
    with pytest.raises(NotFoundError, match="no claim"):
        project.claims.edit("ffffffff", verdict="true")


def test_claims_by_offsets_and_across_curly_quotes(project, loaded):
    article = project.articles.get(loaded["000_0fe75ea3bb2a433a.txt"])
    start = article.text.index("China’s approach")
    by_offsets = project.claims.add(article.id, start=start, end=start + 16).claim
    assert by_offsets.exact == "China’s approach"
    typed = project.claims.add(article.id, quote="China's approach to securing").claim
    assert article.text[typed.start : typed.end] == "China’s approach to securing"


def test_tags_rename_and_merge_move_every_claim(project, loaded):
    a = project.claims.add(loaded[QUOTES[0][0]], quote=QUOTES[0][1], tags=["China"]).claim
    b = project.claims.add(loaded[QUOTES[1][0]], quote=QUOTES[1][1], tags=["PRC", "people"]).claim
    project.claims.rename_tag("China", "china-influence")
    changes = project.claims.merge_tags(["PRC"], "china-influence")
    assert b.id in changes.claims
    assert {(t.name, t.claims) for t in project.claims.tags()} == {
        ("china-influence", 2), ("people", 1)}
    assert project.claims.get(a.id).tags == ("china-influence",)
    assert [e.action for e in project.history.audit(kind="tag")
            if e.detail["change"] != "added"] == ["tag.rename", "tag.merge"]
    merged = [e for e in project.history.audit(target=b.id) if e.action == "tag.merge"]
    assert merged and merged[0].detail["after"]["tags"] == ["china-influence", "people"]


def test_deleting_a_claim_keeps_it_in_the_audit_log(project, loaded):
    claim = project.claims.add(loaded[QUOTES[4][0]], quote=QUOTES[4][1], note="n").claim
    project.claims.delete(claim.id)
    assert project.claims.list() == []
    last = project.history.audit(target=claim.id)[-1]
    assert last.action == "claim.delete" and last.detail["before"]["quote"] == QUOTES[4][1]
    assert last.detail["change"] == "removed" and last.detail["before"]["note"] == "n"
