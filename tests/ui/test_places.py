"""File dialogs open in the person's own folders, not where the app was started from."""

from __future__ import annotations

from pathlib import Path

from desktop_app.ui.places import start_in


def test_dialogs_start_in_the_home_folder_not_the_working_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(elsewhere)
    suggested = Path(start_in("report.pdf"))
    assert suggested.name == "report.pdf"
    assert home in suggested.parents and elsewhere not in suggested.parents
    assert Path(start_in()) in (home, *home.iterdir())
