"""The review queue as the services read it: open flags and the claims that need review,
with what the filters offer, and word of every committed change for the views that show it."""

from __future__ import annotations

import threading

import pytest

from desktop_app.core.models import Changes
from desktop_app.core.review import ReviewFilter
from desktop_app.core.vocab import ReviewItemKind, ReviewState
from desktop_app.services import Project


@pytest.fixture
def checked(project: Project, corpus_dir) -> Project:
    project.articles.import_paths([corpus_dir])
    project.checking.check()
    return project


def test_the_queue_holds_the_checks_flags_and_the_claims_it_made_for_review(
        checked: Project) -> None:
    queue = checked.review.queue()
    flags = {f.id for f in checked.flags.list()}
    claims = {c.id for c in checked.claims.list(status="needs review")}
    assert queue.open_counts() == (len(flags), len(claims)) == (2, 4)
    assert {i.id for i in queue.items if i.kind is ReviewItemKind.FLAG} == flags
    assert {i.id for i in queue.items if i.kind is ReviewItemKind.CLAIM} == claims
    for item in queue.items:
        assert {c.article_id for c in item.claims} <= queue.article_titles.keys()
        if item.flag is not None:
            assert [c.id for c in item.claims] == [item.flag.claim_a, item.flag.claim_b]
        else:  # a claim takes its kind and severity from the flag resting on it
            resting = checked.flags.of_claim(item.id)
            assert item.flag_kinds == tuple(f.kind for f in resting)
            assert item.severity == resting[0].severity


def test_decisions_move_items_out_of_the_open_filter(checked: Project) -> None:
    flag = checked.flags.list()[0]
    claim = checked.claims.list(status="needs review")[0]
    checked.flags.resolve(flag.id, status="dismissed", note="same fund")
    checked.claims.edit(claim.id, verdict="false", status="reviewed")
    queue = checked.review.queue()
    assert queue.open_counts() == (1, 3)
    open_ids = {i.id for i in queue.items if ReviewFilter().matches(i)}
    decided = {i.id for i in queue.items if ReviewFilter(state=ReviewState.DECIDED).matches(i)}
    assert flag.id not in open_ids and claim.id not in open_ids
    assert decided == {flag.id, claim.id}
    assert next(i for i in queue.items if i.id == flag.id).note == "same fund"


def test_followers_hear_of_every_commit_until_they_stop(checked: Project) -> None:
    heard: list[tuple[Changes, str]] = []
    stop = checked.review.follow(
        lambda changes: heard.append((changes, threading.current_thread().name)))
    flag = checked.flags.list()[0]
    result = checked.flags.resolve(flag.id, status="confirmed")
    checked.history.undo(result.changes)
    assert [c.flags for c, _thread in heard] == [frozenset({flag.id})] * 2
    stop()
    checked.flags.resolve(flag.id, status="confirmed")
    assert len(heard) == 2
