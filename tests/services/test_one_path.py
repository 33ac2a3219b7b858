"""One path for every change: each use case that writes leaves the search index current and
the audit log holding the change; undo puts back exactly what a change took."""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from desktop_app.core.errors import ConflictError
from desktop_app.services import Project, open_project
from tests.conftest import table_rows


@pytest.fixture
def corpus(project: Project, corpus_dir: Path) -> Project:
    project.articles.import_paths([corpus_dir])
    project.search.reindex()
    return project


def _article(project: Project, word: str) -> str:
    return next(a.id for a in project.articles.list()
                if word in project.articles.get(a.id).text)


# -- the two faults this path fixes ---------------------------------------------------------


def test_adding_and_resolving_flags_keeps_the_index_current(corpus: Project) -> None:
    """A flag bumps the data generation; the index follows it, so the next edit is an
    incremental update and the next search needs no rebuild."""
    a = corpus.claims.add(_article(corpus, "Las Bambas"), quote="Las Bambas",
                          occurrence=1).claim
    b = corpus.claims.add(_article(corpus, "Japan"), quote="Japan", occurrence=1).claim
    flag = corpus.flags.add(a.id, b.id, kind="amount").flag
    assert corpus.search.is_current()
    corpus.flags.resolve(flag.id, status="dismissed", note="same figure")
    assert corpus.search.is_current()
    corpus.claims.edit(a.id, add_tags=["mining"])
    assert corpus.search.is_current()
    assert corpus.search.find("tag:mining").total == 1


def test_undoing_a_deletion_brings_back_the_same_claim(corpus: Project) -> None:
    """Same id, timestamps, version history, tags, links and the flags that rested on it;
    the audit log reads add, delete, undo — never a second add."""
    peru = corpus.entities.add("Peru", "place").entity
    claim = corpus.claims.add(_article(corpus, "Las Bambas"), quote="Las Bambas",
                              occurrence=1, tags=["mining"], verdict="false", note="n",
                              entities=[peru.id]).claim
    other = corpus.claims.add(_article(corpus, "Japan"), quote="Japan", occurrence=1).claim
    flag = corpus.flags.add(claim.id, other.id, kind="amount").flag
    before = table_rows(corpus.folder)

    deleted = corpus.claims.delete(claim.id)
    assert flag.id in deleted.changes.flags
    assert corpus.flags.list() == []
    corpus.history.undo(deleted.changes)

    assert table_rows(corpus.folder) == before
    assert corpus.claims.get(claim.id) == claim
    assert corpus.flags.get(flag.id) == flag
    actions = [e.action for e in corpus.history.audit(kind="claim", target=claim.id)]
    assert actions == ["claim.add", "claim.delete", "undo"]
    assert corpus.search.find('"Las Bambas" tag:mining').total == 1


def test_undo_refuses_to_overwrite_a_later_change(corpus: Project) -> None:
    """Undoing an edit after someone changed the same claim again would lose their work:
    refused, and nothing is written."""
    claim = corpus.claims.add(_article(corpus, "Las Bambas"), quote="Las Bambas",
                              occurrence=1).claim
    first = corpus.claims.edit(claim.id, verdict="false")
    corpus.claims.edit(claim.id, verdict="true")
    before = table_rows(corpus.folder)
    with pytest.raises(ConflictError):
        corpus.history.undo(first.changes)
    assert table_rows(corpus.folder) == before


def test_undoing_an_edit_restores_only_the_fields_it_touched(corpus: Project) -> None:
    claim = corpus.claims.add(_article(corpus, "Las Bambas"), quote="Las Bambas",
                              occurrence=1).claim
    verdict = corpus.claims.edit(claim.id, verdict="false")
    corpus.claims.edit(claim.id, note="kept")
    corpus.history.undo(corpus.claims.edit(claim.id, add_tags=["x"]).changes)
    now = corpus.claims.get(claim.id)
    assert (now.verdict, now.note, now.tags) == ("false", "kept", ())
    assert verdict.changes.rows and all(r.table in ("claims",) for r in verdict.changes.rows)


# -- every use case that writes, found by introspection -------------------------------------

#: The public methods of each collaborator that only read (checked: they change nothing).
READS = {
    "articles": {"list", "get", "original_path", "sweep_originals"},
    "claims": {"get", "list", "tags"},
    "entities": {"list", "get", "claims_about", "suggest", "suggest_links", "mentions",
                 "claim_counts"},
    "flags": {"list", "get", "of_claim", "open_by_article"},
    "checking": {"suggest_claims"},
    "search": {"find", "is_current", "searchable", "reindex", "catch_up", "close", "sweep",
               "defer_updates_in"},
    "bundles": {"conflicts", "key_fingerprint", "trusted_keys", "trust_key"},
    "exchange": {"export_w3c", "export_claimreview", "export_csv"},
    "history": {"audit"},
    "review": {"queue", "follow"},
}

Call = Callable[[Project, dict[str, Any], Path], Any]


def _bundle_from_elsewhere(project: Project, tmp: Path) -> Path:
    with open_project(tmp / "other", author="colleague") as other:
        article = other.articles.import_paths([tmp / "note.txt"]).changes
        other.claims.add(next(iter(article.articles)), quote="bridge")
        other.bundles.export(tmp / "in.factdesk")
    return tmp / "in.factdesk"


#: How to call each use case that writes, given the ids made by the set-up.
WRITES: dict[str, Call] = {
    "articles.import_paths": lambda p, ids, tmp: p.articles.import_paths([tmp / "note.txt"]),
    "claims.add": lambda p, ids, tmp: p.claims.add(ids["article"], quote="Japan",
                                                   occurrence=1),
    "claims.edit": lambda p, ids, tmp: p.claims.edit(ids["claim"], verdict="false",
                                                     add_tags=["t"]),
    "claims.delete": lambda p, ids, tmp: p.claims.delete(ids["claim"]),
    "claims.rename_tag": lambda p, ids, tmp: p.claims.rename_tag("mining", "minerals"),
    "claims.merge_tags": lambda p, ids, tmp: p.claims.merge_tags(["mining"], "china"),
    "entities.add": lambda p, ids, tmp: p.entities.add("Lima", "place"),
    "entities.edit": lambda p, ids, tmp: p.entities.edit(ids["entity"], name="Republic of Peru"),
    "entities.delete": lambda p, ids, tmp: p.entities.delete(ids["entity"], unlink=True),
    "entities.merge": lambda p, ids, tmp: p.entities.merge(ids["entity"], ids["entity2"]),
    "entities.unmerge": lambda p, ids, tmp: (p.entities.merge(ids["entity"], ids["entity2"]),
                                             p.entities.unmerge(ids["entity"]))[1],
    "entities.link": lambda p, ids, tmp: p.entities.link(ids["claim"], ids["entity2"]),
    "entities.unlink": lambda p, ids, tmp: p.entities.unlink(ids["claim"], ids["entity"]),
    "entities.import_file": lambda p, ids, tmp: p.entities.import_file(tmp / "entities.csv"),
    "flags.add": lambda p, ids, tmp: p.flags.add(ids["claim"], ids["claim2"], kind="amount"),
    "flags.resolve": lambda p, ids, tmp: p.flags.resolve(ids["flag"], status="confirmed"),
    "checking.check": lambda p, ids, tmp: p.checking.check(),
    # An export records the claims' versions it shares (here: the edit made just before).
    "bundles.export": lambda p, ids, tmp: (p.claims.edit(ids["claim"], verdict="true"),
                                           p.bundles.export(tmp / "out.factdesk"))[1],
    "bundles.import_file": lambda p, ids, tmp: p.bundles.import_file(
        _bundle_from_elsewhere(p, tmp)),
    "bundles.settle": None,  # type: ignore[dict-item]  # set below: needs a conflict first
    "exchange.import_w3c": lambda p, ids, tmp: p.exchange.import_w3c(tmp / "w3c.jsonld"),
    "exchange.import_claimreview": lambda p, ids, tmp: p.exchange.import_claimreview(
        tmp / "review.json"),
    "history.undo": lambda p, ids, tmp: p.history.undo(
        p.claims.edit(ids["claim"], note="to undo").changes),
}


def _settle(p: Project, ids: dict[str, Any], tmp: Path) -> Any:
    p.bundles.export(tmp / "base.factdesk")
    with open_project(tmp / "other", author="colleague") as other:
        other.bundles.import_file(tmp / "base.factdesk")
        other.claims.edit(ids["claim"], verdict="true")
        other.bundles.export(tmp / "theirs.factdesk")
    p.claims.edit(ids["claim"], verdict="false")
    p.bundles.import_file(tmp / "theirs.factdesk")
    return p.bundles.settle(ids["claim"], keep="theirs")


WRITES["bundles.settle"] = _settle


def test_every_public_method_is_known_as_a_read_or_a_write(corpus: Project) -> None:
    """A use case added later must be listed here, and so is tested below."""
    found = set()
    for name in READS:
        collaborator = getattr(corpus, name)
        for method, _value in inspect.getmembers(collaborator, inspect.ismethod):
            if not method.startswith("_"):
                found.add(f"{name}.{method}")
    known = set(WRITES) | {f"{c}.{m}" for c, methods in READS.items() for m in methods}
    assert found == known


def _setup(project: Project, tmp: Path) -> dict[str, Any]:
    (tmp / "note.txt").write_text("A new bridge over the river cost $5 million in 2020.\n",
                                  encoding="utf-8")
    (tmp / "entities.csv").write_text("name,type\nCusco,place\n", encoding="utf-8")
    article = _article(project, "Las Bambas")
    japan = _article(project, "Japan")
    peru = project.entities.add("Peru", "place").entity
    lima = project.entities.add("Perú (country)", "place").entity
    claim = project.claims.add(article, quote="Las Bambas", occurrence=1, tags=["mining"],
                               entities=[peru.id]).claim
    other = project.claims.add(japan, quote="Japan", occurrence=2, tags=["china"]).claim
    flag_claim = project.claims.add(japan, quote="Japan", occurrence=3).claim
    flag = project.flags.add(claim.id, flag_claim.id, kind="date").flag
    quote = project.articles.get(japan).text[:40]
    (tmp / "w3c.jsonld").write_text(
        '{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", '
        '"id": "urn:uuid:8a7b7c1e-0d5c-4a3e-9f1b-2c3d4e5f6a7b", '
        '"body": {"type": "TextualBody", "value": "from a colleague"}, '
        '"target": {"source": "https://example.org/elsewhere", '
        '"selector": {"type": "TextQuoteSelector", "exact": '
        + repr(quote).replace("'", '"') + '}}}', encoding="utf-8")
    (tmp / "review.json").write_text(
        '{"@context": "https://schema.org", "@type": "ClaimReview", '
        '"claimReviewed": "The bridge cost five million dollars.", '
        '"reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, '
        '"worstRating": 1, "alternateName": "False"}, "url": "https://example.org/r/1", '
        '"author": {"@type": "Organization", "name": "Example Checks"}}', encoding="utf-8")
    return {"article": japan, "claim": claim.id, "claim2": other.id, "flag": flag.id,
            "entity": peru.id, "entity2": lima.id}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_each_write_keeps_the_index_current_and_is_audited(
        name: str, corpus: Project, tmp_path: Path) -> None:
    ids = _setup(corpus, tmp_path)
    corpus.search.reindex()
    audit_before = len(corpus.history.audit())
    generation = corpus.generation()
    result = WRITES[name](corpus, ids, tmp_path)
    assert corpus.generation() > generation, f"{name} wrote nothing"
    assert corpus.search.is_current(), f"{name} left the index behind"
    events = corpus.history.audit()[audit_before:]
    assert events, f"{name} left no audit event"
    changes = getattr(result, "changes", result)
    changed = {("claim", i) for i in changes.claims} | {("flag", i) for i in changes.flags} | {
        ("entity", i) for i in changes.entities} | {("article", i) for i in changes.articles}
    audited = {(e.target_kind, e.target_id) for e in events}
    assert changed <= audited | {("claim", i) for i in changes.claims if
                                 not any(r.table == "claims" for r in changes.rows)}


@pytest.mark.parametrize("name", sorted(f"{c}.{m}" for c, ms in READS.items() for m in ms
                                        if m not in ("close", "reindex", "trust_key")
                                        and not m.startswith("export")))
def test_each_read_changes_nothing(name: str, corpus: Project, tmp_path: Path) -> None:
    ids = _setup(corpus, tmp_path)
    before, generation = table_rows(corpus.folder), corpus.generation()
    collaborator, method = name.split(".")
    function = getattr(getattr(corpus, collaborator), method)
    arguments = {
        "articles.get": (ids["article"],), "articles.original_path":
            (corpus.articles.get(ids["article"]),),
        "claims.get": (ids["claim"],), "entities.get": (ids["entity"],),
        "entities.claims_about": (ids["entity"],), "entities.suggest": (ids["article"],),
        "entities.mentions": (ids["article"],),
        "entities.suggest_links": (ids["claim"],), "flags.get": (ids["flag"],),
        "flags.of_claim": (ids["claim"],), "checking.suggest_claims": (ids["article"],),
        "search.find": ("Peru",), "review.follow": (lambda _changes: None,),
        "search.defer_updates_in": (threading.current_thread(),),
    }.get(name, ())
    function(*arguments)
    assert corpus.generation() == generation
    assert table_rows(corpus.folder) == before
