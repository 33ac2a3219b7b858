"""Claim versions: which side moved on, and field-by-field merging against a common base."""

from __future__ import annotations

from desktop_app.core.versions import (
    MAX_HISTORY,
    Relation,
    Versions,
    claim_stamp,
    extended,
    merged_history,
    relation,
    three_way,
)


def _stamp(verdict: str, tags=("a",)) -> str:
    return claim_stamp(0, 5, "words", verdict, "draft", "", tags, ["e1"])


def test_stamp_ignores_tag_case_and_order_but_not_content():
    assert _stamp("false", ("A", "b")) == _stamp("false", ("B", "a"))
    assert _stamp("false") != _stamp("true")


def test_relations():
    base, mine, theirs = _stamp("unverified"), _stamp("false"), _stamp("true")
    assert relation(Versions(mine, (base, mine)), Versions(mine, (base, mine))) is Relation.SAME
    assert relation(Versions(base, (base,)), Versions(mine, (base, mine))) is (
        Relation.THEIRS_NEWER)
    assert relation(Versions(mine, (base, mine)), Versions(base, (base,))) is (
        Relation.OURS_NEWER)
    assert relation(Versions(mine, (base, mine)), Versions(theirs, (base, theirs))) is (
        Relation.CONFLICT)


def test_history_grows_once_per_version_and_is_bounded():
    history = extended((), "a")
    assert extended(history, "a") == ("a",)
    assert extended(history, "b") == ("a", "b")
    long = tuple(str(n) for n in range(MAX_HISTORY))
    assert len(extended(long, "new")) == MAX_HISTORY
    assert merged_history(("a", "b"), ("a", "c")) == ("a", "b", "c")


def _content(**changes) -> dict:
    data = {"span": [0, 5, "words", "", ""], "verdict": "unverified", "status": "draft",
            "note": "", "tags": ["a"], "entity_ids": ["e1"]}
    data.update(changes)
    return data


def test_three_way_takes_each_side_s_own_changes():
    merged, clashes = three_way(_content(), _content(verdict="false"), _content(note="why"))
    assert clashes == ()
    assert merged["verdict"] == "false" and merged["note"] == "why"


def test_three_way_reports_a_field_changed_differently_on_both_sides():
    _merged, clashes = three_way(_content(), _content(verdict="false"),
                                 _content(verdict="true"))
    assert clashes == ("verdict",)


def test_three_way_treats_tag_case_as_the_same_tag():
    _merged, clashes = three_way(_content(), _content(tags=["A"]), _content(tags=["a", "b"]))
    assert clashes == ()


def test_a_revert_to_an_older_version_is_still_the_newer_side():
    a, b = _stamp("unverified"), _stamp("false")
    bob = Versions(b, (a, b))
    alice = Versions(a, (a, b, a))  # took bob's edit, then went back
    assert relation(bob, alice) is Relation.THEIRS_NEWER
    assert relation(alice, bob) is Relation.OURS_NEWER
    assert merged_history(bob.history, alice.history) == (a, b, a)
