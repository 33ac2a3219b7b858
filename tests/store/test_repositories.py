"""Repositories hand back frozen dataclasses and resolve abbreviated ids."""

import dataclasses
from datetime import UTC, datetime

import pytest

from desktop_app.core.errors import AmbiguousIdError, NotFoundError
from desktop_app.core.models import Article
from desktop_app.core.vocab import Operation
from desktop_app.store import Store


def _article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id, title=f"Title {article_id}", text=text, content_hash=f"h-{article_id}",
        original_hash=None, original_name=None, format="txt", publisher=None, author=None,
        url=None, published=None, retrieved=datetime(2025, 1, 1, tzinfo=UTC),
        language=None,
    )


@pytest.fixture
def store(tmp_path, backend, request):
    """A new project database on the test's backend."""
    if backend == "sqlite":
        opened = Store.open(tmp_path / "p.sqlite3", create=True)
    else:
        cluster = request.getfixturevalue("postgres")
        opened = Store.open_shared(cluster.new_database("tester"), create=False)
    yield opened
    opened.close()


@pytest.fixture
def sqlite_store(tmp_path):
    """A new project database in an SQLite file."""
    opened = Store.open(tmp_path / "p.sqlite3", create=True)
    yield opened
    opened.close()


def test_articles_come_back_as_frozen_dataclasses_with_aware_times(store):
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("abc123", "some text"))
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        article = uow.articles.get("abc123")
    assert dataclasses.is_dataclass(article)
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "changed"  # type: ignore[misc]
    assert article.retrieved.tzinfo is not None


def test_ids_resolve_from_a_unique_prefix_and_refuse_an_ambiguous_one(store):
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("abc123", "one"))
        uow.articles.add(_article("abd456", "two"))
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        assert uow.articles.resolve("abc") == "abc123"
        with pytest.raises(AmbiguousIdError, match="ambiguous"):
            uow.articles.resolve("ab")
        with pytest.raises(NotFoundError):
            uow.articles.resolve("zz")
        with pytest.raises(NotFoundError):
            uow.articles.resolve("a%")
        with pytest.raises(NotFoundError):
            uow.articles.resolve("ab_")


def test_a_whole_id_resolves_even_when_it_starts_a_longer_one(store):
    """A whole id is found by its primary key, not taken for an ambiguous prefix."""
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("abc", "one"))
        uow.articles.add(_article("abc9", "two"))
    with store.transaction() as uow:
        assert uow.articles.resolve("ABC") == "abc"
        assert uow.articles.resolve("abc9") == "abc9"


def test_id_prefixes_are_answered_from_the_primary_key_index_not_a_table_scan(sqlite_store):
    """Resolving a prefix must stay fast at 100,000 claims: SQLite's plan for the query the
    repository sends searches the primary key's index instead of scanning the table."""
    store = sqlite_store
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("abc123", "one"))
    plans: list[str] = []

    def explain(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT") and "articles.id" in statement:
            plans.extend(row[-1] for row in cursor.connection.execute(
                "EXPLAIN QUERY PLAN " + statement, parameters))

    from sqlalchemy import event

    event.listen(store._engine, "before_cursor_execute", explain)
    try:
        with store.transaction() as uow:
            assert uow.articles.resolve("abc1") == "abc123"
    finally:
        event.remove(store._engine, "before_cursor_execute", explain)
    assert plans and all(plan.startswith("SEARCH") for plan in plans), plans


def test_tag_merge_keeps_one_tag_per_claim(store):
    from desktop_app.core.models import Claim

    now = datetime.now(UTC)
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("a1", "alpha beta"))
        economy, money = uow.tags.ensure("economy"), uow.tags.ensure("money")
        for claim_id, tags in (("c1", [economy, money]), ("c2", [money])):
            uow.claims.add(
                Claim(id=claim_id, article_id="a1", start=0, end=5, exact="alpha", prefix="",
                      suffix=" beta", verdict="unverified", status="draft", note="",
                      author="t", created=now, modified=now),
                tags,
            )
        uow.tags.merge(money, economy)
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        assert [(t.name, t.claims) for t in uow.tags.counts()] == [("economy", 2)]
        assert uow.claims.get("c1").tags == ("economy",)


def test_claims_by_many_ids_are_read_in_chunks_in_position_order(store):
    """A merge of 100,000 claims asks for them by id: far more ids than one query may bind."""
    from desktop_app.core.models import Claim

    when = datetime(2025, 1, 1, tzinfo=UTC)
    text = "word " * 10_000
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        uow.articles.add(_article("a1", text))
        tag = uow.tags.ensure("bulk")
        uow.claims.add_many([
            (Claim(id=f"c{n:05d}", article_id="a1", start=n * 5, end=n * 5 + 4, exact="word",
                   prefix="", suffix="", verdict="unverified", status="draft", note="",
                   author="t", created=when, modified=when), [tag], ("s",))
            for n in range(40_000)])
    with store.write("tester", Operation.CLAIM_ADD) as uow:
        ids = [f"c{n:05d}" for n in range(39_999, -1, -1)]
        claims = uow.claims.list(ids=ids)
        assert [c.start for c in claims] == sorted(c.start for c in claims)
        assert len(claims) == 40_000 and claims[0].tags == ("bulk",)
        assert len(uow.claims.histories(ids)) == 40_000
