"""Opening, creating, upgrading and refusing project databases."""

import sqlite3
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from desktop_app.core.errors import ProjectError
from desktop_app.core.vocab import Operation
from desktop_app.store import Store
from desktop_app.store.database import head_revision, make_engine, upgrade
from desktop_app.store.schema import Base


def test_new_database_is_at_the_newest_schema_and_matches_the_tables(tmp_path):
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    engine = store._engine
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert context.get_current_revision() == head_revision()
        assert compare_metadata(context, Base.metadata) == []
    store.close()


def test_database_runs_in_wal_mode_with_foreign_keys(tmp_path):
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(IntegrityError):
            conn.exec_driver_sql(
                "INSERT INTO claim_tags (claim_id, tag_id) VALUES ('missing', 42)"
            )
    store.close()


def test_older_project_is_upgraded_after_a_backup_and_keeps_its_data(tmp_path):
    path = tmp_path / "p.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO articles (id, title, text, content_hash, format, retrieved) "
            "VALUES ('a1', 'Old', 'old text', 'h1', 'txt', ?)",
            (datetime(2024, 1, 2, tzinfo=UTC),),
        )
    engine.dispose()

    store = Store.open(path, create=False)
    assert store.backup is not None and store.backup.exists()
    assert "0001" in store.backup.name
    with store.transaction() as uow:
        assert uow.articles.get("a1").title == "Old"
    store.close()
    backup = sqlite3.connect(store.backup)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert backup.execute("SELECT title FROM articles").fetchall() == [("Old",)]
    backup.close()


def test_project_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "p.sqlite3"
    Store.open(path, create=True).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer Factdesk"):
        Store.open(path, create=False)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "p.sqlite3"
    path.write_bytes(b"this is a text file pretending")
    with pytest.raises(ProjectError, match="not a Factdesk project") as refused:
        Store.open(path, create=False)
    assert "restore the folder from a backup" in str(refused.value)  # what to do about it
    assert path.read_bytes() == b"this is a text file pretending"


def test_an_unrelated_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "p.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError, match="not a Factdesk project"):
        Store.open(path, create=False)


def test_every_write_bumps_the_generation_and_reads_do_not(tmp_path):
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    assert store.generation() == 0
    with store.write("tester", Operation.TAG_RENAME) as uow:
        uow.tags.ensure("economy")
    with store.write("tester", Operation.TAG_RENAME) as uow:
        uow.tags.counts()
    with store.transaction() as uow:
        uow.tags.counts()
    assert store.generation() == 1
    store.close()


def test_a_failing_unit_of_work_leaves_nothing_behind(tmp_path):
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    with pytest.raises(RuntimeError):
        with store.write("tester", Operation.TAG_RENAME) as uow:
            uow.tags.ensure("economy")
            raise RuntimeError("boom")
    with store.transaction() as uow:
        assert uow.tags.counts() == []
    assert store.generation() == 0
    store.close()


def test_a_second_writer_of_the_process_queues_for_the_first_and_goes_in_at_its_commit(
        tmp_path):
    """Two threads of one process writing (a check in the background, an edit in the
    window): the second waits in the process, not in SQLite's busy handler, which only
    polls the lock (up to every 100 ms) and could lose it to the first's next transaction;
    it begins once the first has committed, and a failed write lets the next one in too."""
    import threading

    from sqlalchemy import event

    store = Store.open(tmp_path / "p.sqlite3", create=True)
    begun: list[str] = []

    def beginning(_conn, _cursor, statement, *_args) -> None:  # before SQLite may block
        if statement.startswith("BEGIN"):
            begun.append(threading.current_thread().name)

    event.listen(store._engine, "before_cursor_execute", beginning)
    inside, release = threading.Event(), threading.Event()

    def first() -> None:
        with store.write("tester", Operation.TAG_RENAME) as uow:
            uow.tags.ensure("economy")
            inside.set()
            release.wait(10)

    def second() -> None:
        with store.write("tester", Operation.TAG_RENAME) as uow:
            uow.tags.ensure("energy")

    one = threading.Thread(target=first, name="first")
    two = threading.Thread(target=second, name="second")
    one.start()
    assert inside.wait(10)
    two.start()
    pause = threading.Event()
    while store._waiting_writers == 0 and not pause.wait(0.005):
        pass
    pause.wait(0.2)  # time enough to reach SQLite, were it not held back
    assert "second" not in begun  # queued in the process, no transaction begun
    release.set()
    one.join(10)
    two.join(10)
    assert [name for name in begun if name in ("first", "second")] == ["first", "second"]
    with pytest.raises(RuntimeError):
        with store.write("tester", Operation.TAG_RENAME):
            raise RuntimeError("boom")
    third = threading.Thread(target=second, name="third")  # not kept out by the failure
    third.start()
    third.join(10)
    assert not third.is_alive() and "third" in begun
    assert store.generation() == 2
    store.close()


def test_upgrading_to_claim_history_keeps_claims_and_their_tags(tmp_path):
    """Adding the history column must not rebuild the claims table (that would cascade away
    tag links): claims and their tags survive the upgrade from 0002."""
    path = tmp_path / "p.sqlite3"
    engine = make_engine(path)
    upgrade(engine, "0002")
    when = datetime(2024, 1, 2, tzinfo=UTC)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO articles (id, title, text, content_hash, format, retrieved) "
            "VALUES ('a1', 'Old', 'old text', 'h1', 'txt', ?)", (when,))
        conn.exec_driver_sql(
            "INSERT INTO claims (id, article_id, start_offset, end_offset, exact, prefix, suffix,"
            " verdict, status, note, author, anchor_state, created, modified) VALUES ('c1', 'a1',"
            " 0, 3, 'old', '', ' text', 'false', 'draft', '', 'me', 'anchored', ?, ?)",
            (when, when))
        conn.exec_driver_sql("INSERT INTO tags (id, name) VALUES (1, 'economy')")
        conn.exec_driver_sql("INSERT INTO claim_tags (claim_id, tag_id) VALUES ('c1', 1)")
    engine.dispose()

    store = Store.open(path, create=False)
    with store.transaction() as uow:
        claim = uow.claims.get("c1")
        assert claim.tags == ("economy",)
        assert uow.claims.histories(["c1"]) == {"c1": ()}
    store.close()


def test_writing_in_a_unit_of_work_for_reading_is_refused(tmp_path):
    """Every change is audited: one made without saying who and what is a programming error,
    and nothing of it is kept."""
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    with pytest.raises(RuntimeError, match="outside a write transaction"):
        with store.transaction() as uow:
            uow.tags.ensure("economy")
    with store.transaction() as uow:
        assert uow.tags.counts() == []
    store.close()


def test_revisions_read_from_the_scripts_agree_with_alembic():
    """Opening a project reads the migration graph without loading Alembic; it must name the
    same head and the same revisions as Alembic's own reading of the scripts."""
    from alembic.script import ScriptDirectory

    from desktop_app.store.database import _alembic_config, known_revisions

    script = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}


def test_current_revision_is_read_without_alembic_and_matches_it(tmp_path):
    """The stamped revision read by plain SQL is what Alembic reads; an empty file has none."""
    from desktop_app.store.database import current_revision

    empty = make_engine(tmp_path / "empty.sqlite3")
    assert current_revision(empty) is None
    store = Store.open(tmp_path / "p.sqlite3", create=True)
    with store._engine.connect() as conn:
        expected = MigrationContext.configure(conn).get_current_revision()
    assert current_revision(store._engine) == expected == head_revision()
    store.close()
    empty.dispose()


def test_a_shared_project_on_postgresql_is_at_the_newest_schema_and_matches_the_tables(
        postgres):
    """The same migrations make the same tables on PostgreSQL, and the server, not the
    client, writes the audit log's author."""
    url = postgres.empty_database("schema_owner")
    try:
        store = Store.open_shared(url, create=True)
        with store._engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert context.get_current_revision() == head_revision()
            assert compare_metadata(context, Base.metadata) == []
        with store.write("somebody else", Operation.CLAIM_ADD) as uow:
            uow.articles.add(_article_for_schema_test())
        with store.transaction() as uow:
            assert {e.actor for e in uow.audit.list()} == {"schema_owner"}
        store.close()
    finally:
        postgres.drop(url)


def _article_for_schema_test():
    from desktop_app.core.models import Article

    return Article(id="a1", title="T", text="text", content_hash="h1", original_hash=None,
                   original_name=None, format="txt", publisher=None, author=None, url=None,
                   published=None, retrieved=datetime(2025, 1, 1, tzinfo=UTC), language=None)
