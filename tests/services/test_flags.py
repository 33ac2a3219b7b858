"""Manual flags between claims of different articles, and resolving them."""

import pytest

from desktop_app.core.errors import InvalidValueError
from tests.conftest import snapshot


@pytest.fixture
def two_claims(project, corpus_dir):
    project.articles.import_paths([corpus_dir / "002_5f4c24aa3a0ad424.txt",
                          corpus_dir / "003_740938afe9e32624.txt"])
    ids = {a.original_name: a.id for a in project.articles.list()}
    announced = project.claims.add(ids["002_5f4c24aa3a0ad424.txt"],
                                  quote="This agreement was announced on Nov. 17").claim
    summit = project.claims.add(ids["003_740938afe9e32624.txt"], quote="November 15-16").claim
    return announced, summit


def test_a_person_flags_two_claims_and_confirms_with_a_note(project, two_claims):
    announced, summit = two_claims
    flag = project.flags.add(announced.id[:8], summit.id[:8], kind="date",
                            note="Summit dates differ").flag
    assert (flag.status, flag.kind, flag.raised_by) == ("open", "date", "tester")
    resolved = project.flags.resolve(flag.id[:6], status="confirmed", note="APEC ran 15-16 Nov")
    assert (resolved.flag.status, resolved.flag.note) == ("confirmed", "APEC ran 15-16 Nov")
    assert [f.id for f in project.flags.list(status="confirmed")] == [flag.id]
    assert project.flags.list(status="open") == []
    events = project.history.audit(target=flag.id)
    assert [e.action for e in events] == ["flag.add", "flag.confirmed"]
    assert events[1].detail["before"]["status"] == "open"


def test_flags_are_refused_within_one_article_twice_or_with_an_unknown_kind(project, two_claims):
    announced, summit = two_claims
    same_article = project.claims.add(announced.article_id, quote="Chancay Port").claim
    project.flags.add(announced.id, summit.id, kind="date")
    before = snapshot(project.folder)
    with pytest.raises(InvalidValueError, match="same article"):
        project.flags.add(announced.id, same_article.id, kind="date")
    with pytest.raises(InvalidValueError, match="already flagged"):
        project.flags.add(summit.id, announced.id, kind="date")
    with pytest.raises(InvalidValueError, match="unknown flag kind"):
        project.flags.add(announced.id, summit.id, kind="vibes")
    assert snapshot(project.folder) == before


def test_dismissing_twice_changes_nothing_the_second_time(project, two_claims):
    flag = project.flags.add(*(c.id for c in two_claims), kind="date").flag
    project.flags.resolve(flag.id, status="dismissed", note="different events")
    again = project.flags.resolve(flag.id, status="dismissed", note="different events")
    assert again.changes.empty
    assert len(project.history.audit(target=flag.id)) == 2


def test_open_flags_are_counted_per_article_until_resolved(project, two_claims):
    """The library's "open flags" column: each open flag counts for both articles it joins,
    and a dismissed one no longer counts."""
    announced, summit = two_claims[0], two_claims[1]
    assert project.flags.open_by_article() == {}
    flag = project.flags.add(announced.id, summit.id, kind="date").flag
    assert project.flags.open_by_article() == {announced.article_id: 1, summit.article_id: 1}
    project.flags.resolve(flag.id, status="dismissed")
    assert project.flags.open_by_article() == {}
