"""The recent projects list and the project the app opens at start."""

from __future__ import annotations

import pytest

from desktop_app.core.errors import ProjectError
from desktop_app.services import open_project
from desktop_app.services.recent import (
    MAX_RECENT,
    RecentProjects,
    check_new_project_folder,
    project_at_start,
)
from desktop_app.services.settings import PROJECT_ENV


def test_the_folder_opened_last_comes_first_once_and_the_list_is_kept(tmp_path):
    recent = RecentProjects.load(tmp_path / "recent.json")
    folders = [tmp_path / f"p{i}" for i in range(MAX_RECENT + 2)]
    for folder in folders:
        recent.remember(folder)
    recent.remember(folders[3])
    again = RecentProjects.load(tmp_path / "recent.json")
    assert again.folders[0] == folders[3]
    assert len(again.folders) == MAX_RECENT
    assert len(set(again.folders)) == MAX_RECENT
    assert folders[0] not in again.folders  # the oldest fell off


def test_a_damaged_list_is_an_empty_one_and_is_written_anew(tmp_path):
    path = tmp_path / "recent.json"
    path.write_text("{not json", encoding="utf-8")
    recent = RecentProjects.load(path)
    assert recent.folders == []
    recent.remember(tmp_path / "a")
    assert RecentProjects.load(path).folders == [tmp_path / "a"]


def test_forgetting_a_folder_takes_it_off_the_list(tmp_path):
    recent = RecentProjects.load(tmp_path / "recent.json")
    recent.remember(tmp_path / "a")
    recent.remember(tmp_path / "b")
    recent.forget(tmp_path / "b")
    assert RecentProjects.load(tmp_path / "recent.json").folders == [tmp_path / "a"]


def test_the_start_project_is_the_named_one_else_the_env_else_the_last_existing(
        tmp_path, monkeypatch):
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    recent = RecentProjects.load(tmp_path / "recent.json")
    (tmp_path / "kept").mkdir()
    recent.remember(tmp_path / "kept")
    recent.remember(tmp_path / "gone")  # last opened, since removed
    assert project_at_start(None, recent) == tmp_path / "kept"
    assert project_at_start(tmp_path / "named", recent) == tmp_path / "named"
    monkeypatch.setenv(PROJECT_ENV, str(tmp_path / "from-env"))
    assert project_at_start(None, recent) == tmp_path / "from-env"


def test_with_no_recent_project_the_default_project_opens(tmp_path, monkeypatch):
    monkeypatch.delenv(PROJECT_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    recent = RecentProjects.load(tmp_path / "recent.json")
    assert project_at_start(None, recent).name == "default-project"


def test_a_new_project_needs_a_new_or_empty_folder(tmp_path):
    assert check_new_project_folder(tmp_path / "new") == tmp_path / "new"
    (tmp_path / "empty").mkdir()
    assert check_new_project_folder(tmp_path / "empty") == tmp_path / "empty"
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ProjectError, match="not empty"):
        check_new_project_folder(tmp_path / "busy")
    with open_project(tmp_path / "existing", author="t"):
        pass
    with pytest.raises(ProjectError, match="already holds a Factdesk project"):
        check_new_project_folder(tmp_path / "existing")
