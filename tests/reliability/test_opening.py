"""Opening is read-first: a file that is not ours is refused before anything is written to
it, an empty database beside kept originals is not taken for a new project, and a read-only
project sees every committed change (or says it cannot) and leaves nothing behind."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest

from desktop_app.core.errors import ProjectError
from desktop_app.services import open_project


def _article(folder: Path, i: int) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"a{i}.txt"
    path.write_text(f"Article {i}: the council spent {i + 2} million on roads in 2031.\n",
                    encoding="utf-8")
    return path


def test_a_foreign_sqlite_file_is_refused_before_it_is_switched_to_wal(tmp_path):
    """Another program's database keeps its journal mode: refusing writes nothing."""
    folder = tmp_path / "p"
    folder.mkdir()
    database = folder / "project.sqlite3"
    connection = sqlite3.connect(database)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError, match="not a Factdesk project"):
        open_project(folder, author="t")
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        connection.close()


def test_an_empty_database_beside_kept_originals_is_refused_not_made_new(tmp_path):
    """A 0-byte project.sqlite3 next to originals/ means the data is lost: say so."""
    folder = tmp_path / "p"
    with open_project(folder, author="t") as project:
        project.articles.import_paths([_article(tmp_path / "in", 1)])
    (folder / "project.sqlite3").write_bytes(b"")
    for leftover in ("project.sqlite3-wal", "project.sqlite3-shm"):
        (folder / leftover).unlink(missing_ok=True)
    with pytest.raises(ProjectError, match="empty but .* holds imported files"):
        open_project(folder, author="t")
    assert (folder / "project.sqlite3").stat().st_size == 0


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("with_shm", [True, False])
def test_a_read_only_project_sees_changes_still_in_the_wal_or_refuses(tmp_path, private_tmp,
                                                                      with_shm):
    """Five articles checkpointed and a sixth only in the -wal file: a read-only opening
    lists six, or refuses with a reason; never five without a word. Nothing is left in the
    temporary folder."""
    source = tmp_path / "p"
    with open_project(source, author="t") as project:
        project.articles.import_paths([_article(tmp_path / "in", i) for i in range(5)])
    holder = sqlite3.connect(source / "project.sqlite3")  # keeps the -wal from being merged
    holder.execute("PRAGMA wal_autocheckpoint=0")
    holder.execute("SELECT count(*) FROM articles").fetchone()
    try:
        with open_project(source, author="t") as project:
            project.articles.import_paths([_article(tmp_path / "in", 5)])
        copy = tmp_path / "copy"
        copy.mkdir()
        names = ["project.sqlite3", "project.sqlite3-wal"]
        names += ["project.sqlite3-shm"] if with_shm else []
        for name in names:
            shutil.copy2(source / name, copy / name)
    finally:
        holder.close()
    assert (copy / "project.sqlite3-wal").stat().st_size > 0
    for path in copy.iterdir():
        path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    copy.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        try:
            with open_project(copy, author="t", create=False) as project:
                assert project.read_only
                assert len(project.articles.list()) == 6
                assert project.search.find("council").total >= 6
        except ProjectError as exc:
            assert "-wal" in str(exc)
        assert list(private_tmp.iterdir()) == []
    finally:
        copy.chmod(stat.S_IRWXU)
