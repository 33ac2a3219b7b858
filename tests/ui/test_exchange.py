"""File > Export and Import in the app: a bundle is previewed as a dry run, nothing is written
until the person says Import, and a refused bundle is explained in a dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from desktop_app.ui.main_window import MainWindow
from tests.conftest import snapshot
from tests.services.bundle_helpers import person_project


@pytest.fixture
def desks(qtbot, tmp_path, corpus_dir):
    alice = person_project(tmp_path, "alice")
    alice.articles.import_paths([corpus_dir])
    article = next(a for a in alice.articles.list()
                   if "Las Bambas" in alice.articles.get(a.id).text)
    alice.claims.add(article.id, quote="Las Bambas", occurrence=1, verdict="false")
    bob = person_project(tmp_path, "bob")
    windows = []
    for project in (alice, bob):
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
    yield windows
    QThreadPool.globalInstance().waitForDone(60_000)  # a background reindex may still run
    alice.close()
    bob.close()


def _finish(qtbot, actions, start, *args):
    """Start an export or import and wait until the window has handled its end."""
    with qtbot.waitSignal(actions.sig_exchange_finished, timeout=60_000):
        start(*args)


def test_a_bundle_is_previewed_then_imported_on_request(qtbot, desks, tmp_path):
    alice_window, bob_window = desks
    bundle = tmp_path / "alice.factdesk"
    _finish(qtbot, alice_window.exchange, alice_window.exchange.export, "bundle", bundle)
    assert bundle.exists()

    before = snapshot(bob_window.project.folder)
    _finish(qtbot, bob_window.exchange, bob_window.exchange.preview_bundle, bundle)
    dialog = bob_window.exchange.preview
    assert dialog is not None and dialog.isVisible()
    summary = dialog.summary.toPlainText()
    assert "would add     5 articles" in summary and "signed by alice (" in summary
    assert "not in your trusted keys" in dialog.trust.text()
    # An untrusted bundle offers the choice to trust it, unticked: its edits wait as conflicts.
    assert dialog.trust_choice.isVisibleTo(dialog) and not dialog.trust_choice.isChecked()
    dialog.grab().save(str(tmp_path.parent / "bundle-preview.png"))
    assert snapshot(bob_window.project.folder) == before  # the preview wrote nothing

    messages: list[str] = []
    bob_window.exchange.sig_message_requested.connect(messages.append)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bob_window.articles.rowCount() == 5, timeout=60_000)
    assert len(bob_window.project.claims.list(verdict="false")) == 1
    assert messages[-1] == "alice.factdesk: 6 added, 0 updated, 0 in conflict"


def test_a_refused_bundle_is_explained_in_a_dialog(qtbot, desks, tmp_path, monkeypatch):
    _alice_window, bob_window = desks
    shown: list[str] = []

    def record(box) -> int:  # type: ignore[no-untyped-def]
        assert box.textFormat() == Qt.TextFormat.PlainText  # never rendered as HTML
        shown.append(box.text())
        return 0

    monkeypatch.setattr("desktop_app.ui.main_window.QMessageBox.exec", record)
    broken = tmp_path / "broken.factdesk"
    broken.write_bytes(b"not a zip")
    _finish(qtbot, bob_window.exchange, bob_window.exchange.preview_bundle, broken)
    assert shown == ["bundle refused: broken.factdesk is not a Factdesk bundle (not a zip file)"]
    assert bob_window.exchange.preview is None


def test_standard_exports_run_from_the_menu_actions(qtbot, desks, tmp_path):
    alice_window, _bob_window = desks
    for kind, name in (("w3c", "a.jsonld"), ("claimreview", "r.json"), ("csv", "c.csv")):
        _finish(qtbot, alice_window.exchange, alice_window.exchange.export, kind, tmp_path / name)
        assert (tmp_path / name).stat().st_size > 0
    assert alice_window.statusBar().currentMessage() == "Exported c.csv"
    article = alice_window.project.claims.list(verdict="false")[0].article_id
    alice_window.show_article(article)
    _finish(qtbot, alice_window.exchange, alice_window.exchange.export, "bundle",
            tmp_path / "one.factdesk", [article])
    from tests.services.bundle_helpers import records
    one = records(tmp_path / "one.factdesk")
    assert [a.id for a in one["articles"]] == [article] and len(one["claims"]) == 1
    labels = [a.text() for a in alice_window.menuBar().actions()[0].menu().actions()]
    assert "Import &bundle…" in labels and "&Export" in labels


def test_a_conflict_shows_both_versions_and_settling_it_is_undoable(qtbot, desks, tmp_path,
                                                                     qtmodeltester):
    alice_window, bob_window = desks
    alice, bob = alice_window.project, bob_window.project
    claim = alice.claims.list(verdict="false")[0]
    alice.bundles.export(tmp_path / "base.factdesk")
    bob.bundles.import_file(tmp_path / "base.factdesk")
    alice.claims.edit(claim.id, verdict="mostly false", note="Ours.")
    bob.claims.edit(claim.id, verdict="true", note="Theirs.")
    bob.bundles.export(tmp_path / "bob.factdesk")

    _finish(qtbot, alice_window.exchange, alice_window.exchange.preview_bundle,
            tmp_path / "bob.factdesk")
    assert "in conflict   1 claims" in alice_window.exchange.preview.summary.toPlainText()
    alice_window.exchange.preview.import_button.click()
    panel = alice_window.conflict_panel
    qtbot.waitUntil(lambda: panel.conflicts.rowCount() == 1, timeout=60_000)
    qtmodeltester.check(panel.conflicts)
    assert panel.heading.textFormat() == Qt.TextFormat.PlainText  # names from other people
    ours, theirs = (side.toPlainText() for side in panel.sides)
    assert "mostly false" in ours and "Ours." in ours
    assert "true" in theirs and "Theirs." in theirs and "bob" in theirs
    panel.grab().save(str(tmp_path.parent / "conflict-panel.png"))

    alice_window.show_claim(claim.id)
    row = next(r for r in range(alice_window.claims.rowCount())
               if alice_window.claims.claim_at(r).id == claim.id)
    status = alice_window.claims.index(row, 2).data()
    assert status.endswith("· in conflict")
    panel.take_theirs.click()
    assert "in conflict" not in alice_window.claims.index(row, 2).data()
    assert alice.claims.get(claim.id).verdict == "true" and panel.conflicts.rowCount() == 0
    alice_window.undo_stack.undo()
    assert alice.claims.get(claim.id).verdict == "mostly false" and panel.conflicts.rowCount() == 1
    alice_window.undo_stack.redo()
    assert alice.claims.get(claim.id).verdict == "true" and alice.bundles.conflicts() == []
