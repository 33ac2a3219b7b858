"""Opening project folders: new, existing, not a project, read-only."""

import os
import stat

import pytest

from desktop_app.core.errors import ProjectError
from desktop_app.services import open_project


def test_a_missing_folder_becomes_a_new_project(tmp_path):
    with open_project(tmp_path / "new", author="t") as project:
        assert (project.folder / "project.sqlite3").exists()
        assert project.articles.list() == []


def test_a_folder_of_other_files_is_not_a_project_and_is_left_alone(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "letter.txt").write_text("dear editor")
    with pytest.raises(ProjectError, match="not a Factdesk project"):
        open_project(folder, author="t")
    assert sorted(p.name for p in folder.iterdir()) == ["letter.txt"]


def test_a_file_is_not_a_project(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("x")
    with pytest.raises(ProjectError, match="is a file"):
        open_project(path, author="t")


@pytest.fixture
def read_only_project(tmp_path, corpus_dir):
    folder = tmp_path / "shared-drive"
    with open_project(folder, author="t") as project:
        project.articles.import_paths([corpus_dir / "003_740938afe9e32624.txt"])
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        os.chmod(path, mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield folder
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, path.stat().st_mode | stat.S_IWUSR)


def test_a_read_only_project_can_be_read_but_refuses_changes(read_only_project, corpus_dir):
    before = sorted((p.name, p.stat().st_size) for p in read_only_project.rglob("*"))
    with open_project(read_only_project, author="t") as project:
        assert len(project.articles.list()) == 1
        with pytest.raises(ProjectError, match="read-only"):
            project.articles.import_paths([corpus_dir / "004_57f18eb6d435c642.txt"])
        with pytest.raises(ProjectError, match="read-only"):
            project.claims.add(project.articles.list()[0].id, quote="Francis")
    assert sorted((p.name, p.stat().st_size) for p in read_only_project.rglob("*")) == before
