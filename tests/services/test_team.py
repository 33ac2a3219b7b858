"""A desk's shared project on PostgreSQL: several members, one database, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import ProgrammingError

from desktop_app.core.errors import ProjectError
from desktop_app.services import Project, open_project
from tests.conftest import snapshot

SAMPLE = ("The city council said on Monday that the new bridge will cost 40 million euros. "
          "The mayor said the bridge opens in 2027.\n")
OTHER = "A council spokesman put the cost of the bridge at 55 million euros.\n"


@pytest.fixture
def desk(postgres, tmp_path: Path):
    """A shared project owned by ``owner`` holding one article, and a way to open it as any
    member (each with a folder of their own for their index)."""
    url = postgres.new_database("owner")
    opened: list[Project] = []

    def member(name: str, role: str | None = None, **options: object) -> Project:
        if role is not None:
            owner_project.team.grant(name, role)
        project = open_project(tmp_path / f"local-{name}", database=url.replace(
            "owner@", f"{name}@", 1), create=False, **options)
        opened.append(project)
        return project

    owner_project = open_project(tmp_path / "local-owner", database=url)
    opened.append(owner_project)
    article, other = tmp_path / "bridge.txt", tmp_path / "spokesman.txt"
    article.write_text(SAMPLE, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    owner_project.articles.import_paths([article, other])
    member.owner = owner_project  # type: ignore[attr-defined]
    member.url = url  # type: ignore[attr-defined]
    yield member
    for project in opened:
        project.close()
    postgres.drop(url)


def _article(project: Project, name: str = "bridge.txt") -> str:
    return next(a.id for a in project.articles.list() if a.original_name == name)


def test_two_members_editing_one_claim_make_a_conflict_not_an_overwrite(desk) -> None:
    alice, bob = desk("alice", "checker"), desk("bob", "checker")
    claim = alice.claims.add(_article(alice), quote="40 million euros").claim
    seen_by_bob = bob.claims.get(claim.id)
    assert seen_by_bob.version == claim.version == 1

    alice.claims.edit(claim.id, note="the budget says 42 million", version=1)
    result = bob.claims.edit(claim.id, verdict="false", note="it is 38 million",
                             version=seen_by_bob.version)

    assert result.conflict is not None and result.changes.claims == {claim.id}
    assert {row.table for row in result.changes.rows} == {"claim_conflicts"}
    stored = alice.claims.get(claim.id)
    assert (stored.note, stored.verdict, stored.version) == (
        "the budget says 42 million", "unverified", 2)
    [(in_conflict, kept)] = alice.bundles.conflicts()
    assert in_conflict.id == claim.id and kept.from_author == "bob"
    assert (kept.incoming["note"], kept.incoming["verdict"]) == ("it is 38 million", "false")

    alice.bundles.settle(claim.id, keep="theirs")
    settled = bob.claims.get(claim.id)
    assert (settled.note, settled.verdict) == ("it is 38 million", "false")
    assert settled.version == 3 and bob.bundles.conflicts() == []


def test_an_edit_on_the_current_version_is_applied(desk) -> None:
    alice = desk("alice", "checker")
    claim = alice.claims.add(_article(alice), quote="40 million euros").claim
    result = alice.claims.edit(claim.id, note="checked", version=claim.version)
    assert result.conflict is None and result.claim.note == "checked"
    assert result.claim.version == claim.version + 1


def test_a_readers_edit_is_refused_by_the_server_and_nothing_changes(desk) -> None:
    owner = desk.owner
    claim = owner.claims.add(_article(owner), quote="40 million euros").claim
    rita = desk("rita", "reader")
    before = snapshot(owner.folder)
    with pytest.raises(ProjectError, match="permission denied for table claims"):
        rita.claims.edit(claim.id, note="mine now")
    with pytest.raises(ProjectError, match="permission denied"):
        rita.claims.add(_article(rita), quote="in 2027")
    assert snapshot(owner.folder)[0] == before[0]
    assert rita.claims.get(claim.id).note == ""


def test_only_editors_set_reviewed_or_resolve_flags(desk) -> None:
    carl, eddie = desk("carl", "checker"), desk("eddie", "editor")
    first = carl.claims.add(_article(carl), quote="40 million euros").claim
    second = carl.claims.add(_article(carl, "spokesman.txt"), quote="55 million euros").claim
    with pytest.raises(ProjectError, match="only editors may set a claim's review status"):
        carl.claims.edit(first.id, status="reviewed")
    flag = carl.flags.add(first.id, second.id, kind="amount", note="which cost?").flag
    with pytest.raises(ProjectError, match="only editors may"):
        carl.flags.resolve(flag.id, status="confirmed")
    assert eddie.claims.edit(first.id, status="reviewed").claim.status == "reviewed"
    assert eddie.flags.resolve(flag.id, status="confirmed").flag.status == "confirmed"


def test_the_audit_author_is_the_database_user_and_cannot_be_forged(desk) -> None:
    mallory = desk("mallory", "checker", author="the editor in chief")
    claim = mallory.claims.add(_article(mallory), quote="40 million euros").claim
    engine = create_engine(desk.url.replace("postgresql://", "postgresql+psycopg://", 1)
                           .replace("owner@", "mallory@", 1))
    try:
        with engine.begin() as conn:
            actors = set(conn.execute(text(
                "SELECT actor FROM audit_events WHERE target_id = :c"), {"c": claim.id}).scalars())
            forged = conn.execute(text(
                "INSERT INTO audit_events (at, actor, action, target_kind, target_id, detail) "
                "VALUES (now(), 'owner', 'claim.edit', 'claim', :c, '{}') RETURNING actor"),
                {"c": claim.id}).scalar()
        assert actors == {"mallory"} and forged == "mallory"
        for statement in ("UPDATE audit_events SET actor = 'owner'", "DELETE FROM audit_events"):
            with pytest.raises(ProgrammingError, match="permission denied"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_a_members_index_catches_up_with_another_members_new_claim_without_a_rebuild(
        desk) -> None:
    alice, bob = desk("alice", "checker"), desk("bob", "checker")
    assert bob.search.find("bridge").total  # bob's index is current
    rebuilds: list[int] = []
    index = bob.search._index
    original = index.rebuild
    index.rebuild = lambda *a, **k: (rebuilds.append(1), original(*a, **k))[1]

    claim = alice.claims.add(_article(alice), quote="opens in 2027",
                             note="zeppelin timetable checked").claim
    assert not bob.search.is_current()
    assert bob.search.catch_up() == 1
    hits = bob.search.find("zeppelin").hits
    assert [hit.id for hit in hits] == [claim.id]
    assert rebuilds == []


def test_every_member_can_open_an_original_imported_by_another(desk) -> None:
    bob = desk("bob", "reader")
    article = bob.articles.get(_article(bob))
    path = bob.articles.original_path(article)
    assert path is not None and path.read_text(encoding="utf-8") == SAMPLE
    assert bob.folder in path.parents


def test_a_database_from_a_newer_factdesk_is_refused(desk, tmp_path: Path) -> None:
    engine = create_engine(desk.url.replace("postgresql://", "postgresql+psycopg://", 1))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(ProjectError, match="made by a newer Factdesk"):
        open_project(tmp_path / "late", database=desk.url)


@pytest.mark.parametrize("url, words", [
    ("postgresql://nobody@127.0.0.1:1/none", "cannot open the shared project"),
    ("mysql://someone@host/db", "not a PostgreSQL database URL"),
    ("postgresql://", "not a PostgreSQL database URL"),
])
def test_a_bad_url_or_a_server_that_is_down_is_one_clear_message(tmp_path, url, words) -> None:
    with pytest.raises(ProjectError, match=words) as caught:
        open_project(tmp_path / "x", database=url)
    assert "\n" not in str(caught.value) and "***" not in url


def test_an_empty_database_is_only_set_up_when_asked(postgres, tmp_path) -> None:
    url = postgres.empty_database("owner")
    try:
        with pytest.raises(ProjectError, match="empty database"):
            open_project(tmp_path / "x", database=url, create=False)
        with open_project(tmp_path / "x", database=url, create=True) as project:
            assert project.shared and project.articles.list() == []
    finally:
        postgres.drop(url)
