"""Long use cases report how far they got and stop cleanly when asked: plain callables in,
no Qt. A cancel leaves the project as it was, or with whole items only."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.core.errors import WorkCancelled
from desktop_app.services import checking
from tests.conftest import snapshot, table_rows
from tests.services.bundle_helpers import person_project


class Stopper:
    """A progress callback that records every report and asks to stop after ``after``
    reports of the stage ``label`` (any stage when empty)."""

    def __init__(self, after: int | None = None, label: str = "") -> None:
        self.after, self.label = after, label
        self.seen: list[tuple[int, int | None, str]] = []
        self.stop = False

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None:
        self.seen.append((done, total, label))
        if self.after is not None and (not self.label or label == self.label):
            self.stop = self.stop or sum(
                1 for _d, _t, seen in self.seen if not self.label or seen == self.label
            ) > self.after

    def cancelled(self) -> bool:
        return self.stop


def _notes(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        (folder / f"note-{n:02d}.txt").write_text(
            f"Harbour note {n}\n\nThe board approved {n + 2} cranes on day {n}.\n",
            encoding="utf-8")


def test_a_cancelled_import_writes_the_files_read_whole_and_lists_the_rest(project, tmp_path):
    _notes(tmp_path / "in", 6)
    stopper = Stopper(after=2)
    report = project.articles.import_paths([tmp_path / "in"], progress=stopper,
                                           cancelled=stopper.cancelled)
    assert len(report.added) == 2 and len(report.cancelled) == 4
    assert len(project.articles.list()) == 2
    assert [d for d, _t, _l in stopper.seen] == [0, 1, 2, 6]  # stopped, then said done
    assert all(t == 6 for _d, t, _l in stopper.seen)


def test_a_check_cancelled_while_comparing_writes_nothing(project, corpus_dir, project_dir):
    project.articles.import_paths([corpus_dir])
    before = table_rows(project_dir)
    stopper = Stopper(after=0, label=checking.COMPARING)
    with pytest.raises(WorkCancelled, match="no flag was added"):
        project.checking.check(progress=stopper, cancelled=stopper.cancelled)
    assert table_rows(project_dir) == before
    assert {label for _d, _t, label in stopper.seen} == {checking.READING, checking.COMPARING}


def test_the_check_written_in_several_transactions_is_undone_in_one_step(
        project, corpus_dir, project_dir, monkeypatch):
    """More disagreements than one write takes: every flag is stored, and the report's
    changes take all of them back at once."""
    project.articles.import_paths([corpus_dir])
    before = table_rows(project_dir)
    monkeypatch.setattr(checking, "WRITE_CHUNK", 1)
    stopper = Stopper()
    report = project.checking.check(progress=stopper)
    assert len(report.flags) >= 2 and len(project.flags.list()) == len(report.flags)
    written = [(d, t) for d, t, label in stopper.seen if label == checking.WRITING]
    assert written[-1][0] == written[-1][1] and len(written) > 2
    project.history.undo(report.changes)
    assert table_rows(project_dir) == before


def test_a_bundle_import_cancelled_at_any_stage_writes_nothing(tmp_path, corpus_dir):
    alice = person_project(tmp_path, "alice")
    alice.articles.import_paths([corpus_dir])
    alice.checking.check()
    bundle = tmp_path / "alice.factdesk"
    alice.bundles.export(bundle)
    bob = person_project(tmp_path, "bob")
    try:
        before = snapshot(bob.folder)
        for stage in range(5):
            stopper = Stopper(after=stage)
            with pytest.raises(WorkCancelled, match="nothing was written"):
                bob.bundles.import_file(bundle, trust=True, progress=stopper,
                                        cancelled=stopper.cancelled)
            assert snapshot(bob.folder) == before
        report = bob.bundles.import_file(bundle, trust=True)  # not cancelled: it merges
        assert report.added["articles"] == len(alice.articles.list())
    finally:
        alice.close()
        bob.close()


def test_a_cancelled_rebuild_keeps_the_old_index(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    assert project.search.find("Peru").total
    stopper = Stopper(after=0)
    with pytest.raises(WorkCancelled):
        project.search.reindex(progress=stopper, cancelled=stopper.cancelled)
    assert project.search.is_current()
    assert project.search.find("Peru").total


def test_open_flags_per_article_are_counted_as_the_flags_say(project, corpus_dir):
    """The library's "open flags" column, counted in one query: a flag between two
    articles counts for both, a dismissed one for neither."""
    project.articles.import_paths([corpus_dir])
    flags = project.checking.check().flags
    assert len(flags) >= 2
    project.flags.resolve(flags[0].id, status="dismissed", note="")
    expected: dict[str, int] = {}
    for flag in project.flags.list(status="open"):
        sides = {project.claims.get(c).article_id for c in (flag.claim_a, flag.claim_b)}
        for article_id in sides:
            expected[article_id] = expected.get(article_id, 0) + 1
    assert expected and project.flags.open_by_article() == expected
