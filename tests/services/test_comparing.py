"""The check's comparison in a child process: the same flags as in place, progress heard,
and a cancel that ends the child and writes nothing."""

from __future__ import annotations

import multiprocessing

import pytest

from desktop_app.core.errors import WorkCancelled
from desktop_app.services import comparing, open_project
from tests.conftest import SAMPLES, table_rows


def _flags(project) -> list[tuple[str, tuple[str, ...]]]:
    """Each flag as its kind and its two passages (in either order: which side comes first
    follows the articles' ids, new in each project)."""
    quotes = {c.id: c.exact for c in project.claims.list()}
    return sorted((f.kind, tuple(sorted((quotes[f.claim_a], quotes[f.claim_b]))))
                  for f in project.flags.list())


def test_a_comparison_in_a_child_process_raises_the_same_flags_as_in_place(
        tmp_path, monkeypatch):
    with open_project(tmp_path / "here", author="tester") as here:
        here.articles.import_paths([SAMPLES])
        in_place = here.checking.check()
        expected = _flags(here)
    monkeypatch.setattr(comparing, "IN_PLACE_BELOW", 0)
    heard: list[tuple[int, int | None, str]] = []
    with open_project(tmp_path / "away", author="tester") as away:
        away.articles.import_paths([SAMPLES])
        apart = away.checking.check(progress=lambda d, t=None, label="": heard.append(
            (d, t, label)))
        assert _flags(away) == expected
        assert apart.pairs == in_place.pairs and len(apart.flags) == len(in_place.flags) == 7
    compared = [h for h in heard if h[2] == "Comparing passages"]
    assert compared and compared[-1][0] == compared[-1][1] == apart.pairs


def test_a_cancel_ends_the_child_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(comparing, "IN_PLACE_BELOW", 0)
    with open_project(tmp_path / "p", author="tester") as project:
        project.articles.import_paths([SAMPLES])
        before = table_rows(tmp_path / "p")
        children: list[int] = []

        def cancelled() -> bool:  # asked for once the comparison's child runs
            running = multiprocessing.active_children()
            children.extend(c.pid for c in running if c.pid is not None)
            return bool(running)

        with pytest.raises(WorkCancelled):
            project.checking.check(cancelled=cancelled)
        assert children, "the comparison never ran in a child"
        assert table_rows(tmp_path / "p") == before
    assert not multiprocessing.active_children()
