"""A window on a desk's shared project follows the other members' changes, and an edit made
on a claim someone else changed meanwhile lands in Conflicts instead of overwriting it."""

from __future__ import annotations

import pytest

from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow

SAMPLE = "The port handled 2 million containers in 2024, the minister said.\n"


@pytest.fixture
def desk(postgres, tmp_path):
    url = postgres.new_database("owner")
    alice = open_project(tmp_path / "alice", database=url)
    alice.team.grant("bob", "checker")
    bob = open_project(tmp_path / "bob", database=url.replace("owner@", "bob@", 1))
    yield alice, bob
    bob.close()
    alice.close()
    postgres.drop(url)


def _window(qtbot, project, monkeypatch, errors: list[str]) -> MainWindow:
    window = MainWindow(project)
    qtbot.addWidget(window)
    monkeypatch.setattr(window, "show_error", errors.append)
    window.show()
    return window


def test_the_window_shows_an_article_another_member_imported(desk, qtbot, monkeypatch,
                                                            tmp_path) -> None:
    alice, bob = desk
    window = _window(qtbot, bob, monkeypatch, [])
    assert window.follower.timer.isActive() and window.library.proxy.rowCount() == 0
    source = tmp_path / "port.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    alice.articles.import_paths([source])

    worker = window.follower.look()
    assert worker is not None
    qtbot.waitSignal(worker.sig_work_finished, timeout=60_000).wait()
    qtbot.waitUntil(lambda: window.library.proxy.rowCount() == 1, timeout=10_000)


def test_an_edit_on_a_claim_changed_meanwhile_lands_in_conflicts(desk, qtbot, monkeypatch,
                                                                  tmp_path) -> None:
    alice, bob = desk
    source = tmp_path / "port.txt"
    source.write_text(SAMPLE, encoding="utf-8")
    article = alice.articles.import_paths([source]).outcomes[0].article_id
    claim = alice.claims.add(article, quote="2 million containers").claim
    errors: list[str] = []
    window = _window(qtbot, bob, monkeypatch, errors)
    window.show_claim(claim.id)
    assert window.current_claim() is not None and window.current_claim().version == 1

    alice.claims.edit(claim.id, verdict="true")
    window.set_verdict("false")

    assert errors == []
    assert bob.claims.get(claim.id).verdict == "true"
    [(in_conflict, kept)] = bob.bundles.conflicts()
    assert in_conflict.id == claim.id and kept.incoming["verdict"] == "false"
    assert set(window.conflict_panel.claim_ids()) == {claim.id}
    assert window.undo_stack.count() == 1  # keeping it as a conflict can be taken back
