"""One limit everywhere: a note, quote or tag longer than a bundle carries is refused where
it enters (with a clear message), so nothing is stored that cannot be exported."""

from __future__ import annotations

import json

import pytest

from desktop_app.core import sizes
from desktop_app.core.errors import InvalidValueError
from tests.reliability.helpers import assert_clean, factdesk


@pytest.fixture
def claim_in(project, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("The council spent 12 million on roads in 2031, the officer said.\n",
                      encoding="utf-8")
    article_id = project.articles.import_paths([source]).outcomes[0].article_id
    return article_id, project.claims.add(article_id, quote="12 million").claim


def test_a_note_longer_than_a_bundle_carries_is_refused_on_add_and_edit(project, claim_in,
                                                                        tmp_path):
    article_id, claim = claim_in
    huge = "n" * (sizes.NOTE + 1)
    with pytest.raises(InvalidValueError, match="note is 100,001 characters"):
        project.claims.add(article_id, quote="roads", note=huge)
    with pytest.raises(InvalidValueError, match="note"):
        project.claims.edit(claim.id, note=huge)
    with pytest.raises(InvalidValueError, match="tag"):
        project.claims.edit(claim.id, add_tags=["t" * (sizes.TAG + 1)])
    assert project.claims.get(claim.id).note == ""
    project.claims.edit(claim.id, note="n" * sizes.NOTE)
    project.bundles.export(tmp_path / "out.factdesk")  # what was stored can be exported


def test_the_command_line_refuses_an_oversized_note_in_one_line(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("The council spent 12 million on roads in 2031, the officer said.\n",
                      encoding="utf-8")
    project = tmp_path / "p"
    assert factdesk(project, "import", str(source)).returncode == 0
    article_id = json.loads(factdesk(project, "articles", "--json").stdout)["articles"][0]["id"]
    result = factdesk(project, "claim", "add", article_id, "--quote", "roads",
                      "--note", "n" * (sizes.NOTE + 1))
    assert_clean(result)
    assert result.returncode == 2
    assert "at most 100,000" in result.stderr


def test_a_note_stored_before_the_limit_refuses_the_export_in_one_clear_error(
        project, claim_in, tmp_path):
    """An older project may hold a note larger than a bundle carries: the export says
    which record, and writes nothing (no ValidationError escapes)."""
    import sqlite3

    _article_id, claim = claim_in
    connection = sqlite3.connect(project.folder / "project.sqlite3")
    connection.execute("UPDATE claims SET note = ? WHERE id = ?",
                       ("n" * (sizes.NOTE + 1), claim.id))
    connection.commit()
    connection.close()
    with pytest.raises(InvalidValueError, match="cannot be exported: note"):
        project.bundles.export(tmp_path / "out.factdesk")
    assert not (tmp_path / "out.factdesk").exists()


def test_entity_names_aliases_descriptions_and_flag_notes_are_held_to_the_same_limits(
        project, claim_in, tmp_path):
    """An entity's name, alias and description and a flag's note longer than a bundle
    carries are refused where they enter, and the project keeps what it had."""
    article_id, claim = claim_in
    with pytest.raises(InvalidValueError, match="name"):
        project.entities.add("N" * (sizes.NAME + 1), "organization")
    with pytest.raises(InvalidValueError, match="alias"):
        project.entities.add("Harbour Council", "organization", aliases=["A" * (sizes.NAME + 1)])
    with pytest.raises(InvalidValueError, match="description"):
        project.entities.add("Harbour Council", "organization",
                             description="d" * (sizes.DESCRIPTION + 1))
    assert project.entities.list() == []
    entity = project.entities.add("Harbour Council", "organization", aliases=["the council"]).entity
    with pytest.raises(InvalidValueError, match="alias"):
        project.entities.edit(entity.id, add_aliases=["A" * (sizes.NAME + 1)])
    assert project.entities.get(entity.id).aliases == ("the council",)
    second = tmp_path / "b.txt"
    second.write_text("The council spent 15 million on roads in 2031.\n", encoding="utf-8")
    other_article = project.articles.import_paths([second]).outcomes[0].article_id
    other = project.claims.add(other_article, quote="15 million").claim
    flag = project.flags.add(claim.id, other.id, kind="amount").flag
    with pytest.raises(InvalidValueError, match="note"):
        project.flags.resolve(flag.id, status="confirmed", note="n" * (sizes.NOTE + 1))
    assert project.flags.get(flag.id).status == "open"
    project.bundles.export(tmp_path / "out.factdesk")
