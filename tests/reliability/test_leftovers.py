"""What a killed import or rebuild leaves behind is removed when the project next opens, and
paths from outside (a bundle's original_hash) never reach past the project's folders."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError

from desktop_app.exchange.records import ArticleRecord
from desktop_app.services import open_project
from desktop_app.services.originals import Originals


def test_opening_removes_unreferenced_originals_and_stale_index_builds(tmp_path):
    """Files an import wrote before it was killed (no article names them), half-written
    files, a build folder and Whoosh's temporary table of contents all go; the original an
    article refers to and the index stay."""
    source = tmp_path / "a.txt"
    source.write_text("The council spent 4 million on roads in 2031, the mayor said.\n",
                      encoding="utf-8")
    folder = tmp_path / "p"
    with open_project(folder, author="t") as project:
        article_id = project.articles.import_paths([source]).outcomes[0].article_id
        project.search.reindex()
    kept = sorted((folder / "originals").iterdir())
    orphan = folder / "originals" / ("ab" * 32 + ".txt")
    orphan.write_text("from a killed import", encoding="utf-8")
    half = folder / "originals" / ".incoming-x1y2"
    half.write_bytes(b"half")
    for build in ("index.new", "index.new-k1ll3d", "index.old-k1ll3d"):
        (folder / build).mkdir()
        (folder / build / "MAIN_1.toc").write_bytes(b"partial")
    (folder / "index" / "MAIN.tmp").write_bytes(b"partial")
    with open_project(folder, author="t") as project:
        assert sorted((folder / "originals").iterdir()) == kept
        assert not any(p.name.startswith(("index.new", "index.old")) for p in folder.iterdir())
        assert not (folder / "index" / "MAIN.tmp").exists()
        assert project.search.find("council").total == 1
        assert project.articles.original_path(project.articles.get(article_id)) == kept[0]


def test_a_rebuild_builds_in_a_folder_of_its_own_and_leaves_none(tmp_path):
    """Two rebuilds in a row leave only the index and its lock beside the database."""
    folder = tmp_path / "p"
    with open_project(folder, author="t") as project:
        project.search.reindex()
        project.search.reindex()
    names = {p.name for p in folder.iterdir()}
    assert not any(n.startswith(("index.new", "index.old")) for n in names)
    assert "index" in names


def test_an_original_hash_that_is_not_a_sha256_never_names_a_file(tmp_path):
    """``../../../somewhere/secret`` is refused where bundle records are read, and a stored
    one resolves to nothing instead of a file outside the project."""
    with pytest.raises(ValidationError):
        ArticleRecord(id="a1", title="t", text="x", content_hash="0" * 64,
                      original_hash="../../../somewhere/secret", original_name="a.txt",
                      format="text")
    originals = Originals(tmp_path / "originals")
    assert originals.path_for("../../../somewhere/secret", ".txt") is None
    assert originals.path_for("ab" * 32, "/../../x") is None
    assert originals.path_for("ab" * 32, ".txt") == tmp_path / "originals" / ("ab" * 32 + ".txt")
    source = tmp_path / "a.txt"
    source.write_text("The council spent 4 million on roads in 2031, the mayor said.\n",
                      encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("not yours", encoding="utf-8")
    folder = tmp_path / "p"
    with open_project(folder, author="t") as project:
        article_id = project.articles.import_paths([source]).outcomes[0].article_id
    connection = sqlite3.connect(folder / "project.sqlite3")
    connection.execute("UPDATE articles SET original_hash = ?",
                       (str(Path("..") / ".." / "secret"),))
    connection.commit()
    connection.close()
    with open_project(folder, author="t") as project:
        assert project.articles.original_path(project.articles.get(article_id)) is None
