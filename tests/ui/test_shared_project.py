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


def _start_app(tmp_path, *args: str):
    """A real start of the app that opens its window, names it and closes (no one to answer
    a dialog: a refusal is printed)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTDESK_QUIT_AFTER_START="1",
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("FACTDESK_DATABASE", None)
    return subprocess.run([sys.executable, "-m", "desktop_app", *args], cwd=ROOT,
                          capture_output=True, text=True, env=env, timeout=120)


def test_the_app_started_with_database_opens_the_shared_project(postgres, tmp_path) -> None:
    """``factdesk --database URL`` opens the window on the shared project, titled with its
    server (never a password), as File > Open shared project… would."""
    from desktop_app.services import server_url_shown

    url = postgres.new_database("owner")
    try:
        started = _start_app(tmp_path, "--database", url)
    finally:
        postgres.drop(url)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == (
        f"factdesk: window shown: Factdesk — {server_url_shown(url)}")


def test_a_shared_project_that_cannot_be_opened_at_start_says_why_in_one_line(
        postgres, tmp_path) -> None:
    url = postgres.new_database("owner")
    postgres.drop(url)  # gone: the server says there is no such database
    started = _start_app(tmp_path, f"--database={url}")
    assert started.returncode == 2
    # the offscreen platform of the test says it cannot size windows; a real display does not
    lines = [line for line in started.stderr.strip().splitlines()
             if line != "This plugin does not support propagateSizeHints()"]
    assert len(lines) == 1 and lines[0].startswith("factdesk: "), started.stderr
    assert "window shown" not in started.stdout


def test_the_command_line_asks_for_the_window_with_a_project_or_a_database() -> None:
    from desktop_app.__main__ import _gui_request

    assert _gui_request(["--database", "postgresql://a@h/d"]) == (
        True, None, "postgresql://a@h/d")
    assert _gui_request(["--database=postgresql://a@h/d", "gui"]).database == (
        "postgresql://a@h/d")
    assert _gui_request(["--database", "postgresql://a@h/d", "articles"]).wanted is False
    assert _gui_request(["--project"]).wanted is False  # argparse says what is missing
    assert _gui_request(["--project", "~/desk"]).project is not None
