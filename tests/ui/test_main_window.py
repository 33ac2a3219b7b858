"""The main window as a person uses it: pick an article, select words, mark, edit, undo."""

from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from desktop_app.core.text import to_utf16
from desktop_app.ui.highlight import verdict_colour
from desktop_app.ui.library import ArticleTableModel
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models import ClaimTableModel
from desktop_app.ui.workers import Worker

EMOJI_ARTICLE = (
    "Harbour Council Votes\n\n"
    "A post read “Great day for the port 🚢🎉” before the vote. "
    "The council approved 4.2 million euros for the new quay on Tuesday."
)


@pytest.fixture
def window(qtbot, project, corpus_dir, tmp_path):
    article = tmp_path / "harbour.txt"
    article.write_text(EMOJI_ARTICLE, encoding="utf-8")
    project.articles.import_paths([article, corpus_dir / "003_740938afe9e32624.txt"])
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def _select(window: MainWindow, words: str) -> None:
    text = window._text
    start = text.index(words)
    cursor = window.text_view.textCursor()
    cursor.setPosition(to_utf16(text, start))
    cursor.setPosition(to_utf16(text, start + len(words)), QTextCursor.MoveMode.KeepAnchor)
    window.text_view.setTextCursor(cursor)


def _mark_first(window: MainWindow, words: str) -> None:
    """Mark ``words`` of the harbour article as a claim and select it."""
    _open(window, "Harbour Council")
    _select(window, words)
    window.mark_selection()
    window.claim_view.selectRow(0)


def _open(window: MainWindow, title_start: str) -> None:
    for row in range(window.articles.rowCount()):
        if window.articles.article_at(row).title.startswith(title_start):
            window.open_article(window.articles.article_at(row).id)
            return
    raise AssertionError(f"no article titled {title_start!r}")


def test_marking_a_selection_after_emoji_stores_code_point_offsets(window, project):
    _open(window, "Harbour Council")
    _select(window, "4.2 million euros")
    window.mark_selection()
    claims = project.claims.list()
    assert [c.exact for c in claims] == ["4.2 million euros"]
    article = project.articles.get(claims[0].article_id)
    assert article.text[claims[0].start : claims[0].end] == "4.2 million euros"
    assert window.claims.rowCount() == 1


def test_undo_and_redo_go_through_the_services(window, project):
    _open(window, "Harbour Council")
    _select(window, "Great day for the port")
    window.mark_selection()
    window.claim_view.selectRow(0)
    window.set_verdict("mostly false")
    assert project.claims.list()[0].verdict == "mostly false"
    window.undo_stack.undo()
    assert project.claims.list()[0].verdict == "unverified"
    window.undo_stack.undo()
    assert project.claims.list() == [] and window.claims.rowCount() == 0
    window.undo_stack.redo()
    window.undo_stack.redo()
    assert [(c.exact, c.verdict) for c in project.claims.list()] == [
        ("Great day for the port", "mostly false")]


def test_deleting_a_claim_can_be_undone_with_the_same_id(window, project):
    _mark_first(window, "on Tuesday")
    claim = window.current_claim()
    window.delete_claim()  # no flag rests on it: nothing to ask
    assert project.claims.list() == []
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert [c.id for c in project.claims.list()] == [claim.id]


def test_the_window_renders_with_highlights(window, tmp_path):
    _open(window, "Harbour Council")
    _select(window, "4.2 million euros")
    window.mark_selection()
    path = Path(tmp_path) / "main-window.png"
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000
    # the claim's words carry its verdict's colour in the document, the rest none
    cursor = QTextCursor(window.text_view.document())
    cursor.setPosition(to_utf16(window._text, window._text.index("4.2 million")) + 1)
    expected = verdict_colour(window.text_view.palette(), "unverified")
    assert cursor.charFormat().background().color() == expected
    cursor.setPosition(to_utf16(window._text, window._text.index("approved")) + 1)
    assert cursor.charFormat().background().color() != expected


def test_item_models_follow_the_qt_contract(qtmodeltester, window, project):
    _open(window, "Harbour Council")
    _select(window, "4.2 million euros")
    window.mark_selection()
    qtmodeltester.check(window.articles)
    qtmodeltester.check(window.claims)
    fresh = ClaimTableModel()
    fresh.set_claims(project.claims.list())
    qtmodeltester.check(fresh)
    qtmodeltester.check(ArticleTableModel())
    qtmodeltester.check(window.library.proxy)


def test_background_work_started_and_forgotten_still_reports(qtbot, window, corpus_dir):
    """A menu action starts a worker and keeps no reference to it: the window must hold it
    until its end is delivered (a collected worker would crash the process)."""
    import gc

    window.start_import([corpus_dir / "001_a261658dfeeb6727.txt"])
    window.start_check()
    gc.collect()
    qtbot.waitUntil(lambda: window.articles.rowCount() == 3, timeout=60_000)
    qtbot.waitUntil(lambda: Worker.running() == 0, timeout=60_000)


def test_a_refused_edit_never_reaches_the_undo_stack(window, project, monkeypatch):
    _mark_first(window, "on Tuesday")
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    monkeypatch.setattr("desktop_app.ui.main_window.QInputDialog.getText",
                        lambda *args, **kwargs: ("x" * 101, True))
    before = window.undo_stack.count()
    window.edit_tags()
    assert shown == ["a tag is limited to 100 characters"]
    assert window.undo_stack.count() == before


def test_undoing_an_edit_puts_back_only_what_it_changed(window, project):
    _mark_first(window, "on Tuesday")
    window.set_verdict("false")
    claim = project.claims.list()[0]
    merged = "A colleague's note, merged from a bundle."
    project.claims.edit(claim.id, note=merged)
    window.undo_stack.undo()
    after = project.claims.get(claim.id)
    assert (after.verdict, after.note) == ("unverified", merged)


def test_the_index_can_be_rebuilt_only_once_at_a_time(qtbot, window):
    worker = window.start_reindex()
    assert window.start_reindex() is worker
    assert not window.rebuild_action.isEnabled()
    qtbot.waitUntil(lambda: window.rebuild_action.isEnabled(), timeout=60_000)


def test_the_article_list_counts_claims_as_they_are_marked_and_deleted(window):
    _mark_first(window, "on Tuesday")
    row = window.articles.row_of(window._article_id)
    assert window.articles.index(row, 4).data() == 1
    window.delete_claim()
    assert window.articles.index(row, 4).data() == 0


def test_opening_another_article_does_not_leave_the_last_ones_claim_in_the_inspector(
        window, project):
    """From a search hit or the library, another article opens: the Claim panel no longer
    shows a claim of the article left behind (its edits would seem to belong here)."""
    _mark_first(window, "on Tuesday")
    assert window.inspector.claim is not None
    other = next(a for a in project.articles.list() if not a.title.startswith("Harbour"))
    window.show_article(other.id, hits=((0, 4),))  # as a search hit opens it
    assert window.inspector.claim is None and window.inspector.empty.isVisibleTo(
        window.inspector)


def test_a_claims_history_names_an_entity_deleted_since_by_its_name(window, project):
    """The History lists a link to an entity that is gone (undone, deleted) by the name the
    audit log kept for it, not by its id."""
    _mark_first(window, "on Tuesday")
    claim = window.current_claim()
    entity = project.entities.add("Harbour Authority of Velmora", "organization").entity
    project.entities.link(claim.id, entity.id)
    project.entities.delete(entity.id, unlink=True)
    window.inspector.show_claim(project.claims.get(claim.id))
    lines = [window.inspector.history.item(r).text()
             for r in range(window.inspector.history.count())]
    shown = "\n".join(lines)
    assert "Harbour Authority of Velmora (deleted)" in shown
    assert entity.id not in shown


def test_a_note_the_project_refuses_stays_in_the_field_and_on_the_clipboard(
        window, project, monkeypatch):
    """The server went away (or the role may not write) as the note was saved: the error
    says where the note is, the field keeps it, the clipboard has it, and the next save
    (once the project takes writes again) stores it."""
    from PySide6.QtWidgets import QApplication

    from desktop_app.core.errors import ProjectError

    _mark_first(window, "on Tuesday")
    claim = window.current_claim()
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    real = project.claims.edit

    def down(*args, **kwargs):
        raise ProjectError("cannot reach the server: the connection was lost")

    monkeypatch.setattr(project.claims, "edit", down)
    note = window.inspector.note
    note.setPlainText("Checked against the council minutes.")
    note.commit()
    assert errors and "still in the Note field" in errors[-1]
    assert note.toPlainText() == "Checked against the council minutes."
    assert QApplication.clipboard().text() == "Checked against the council minutes."
    assert project.claims.get(claim.id).note == ""
    monkeypatch.setattr(project.claims, "edit", real)
    note.commit()  # tried again: the project takes it now
    assert project.claims.get(claim.id).note == "Checked against the council minutes."


def test_undo_says_what_it_took_back_and_a_delete_after_it_says_what_went(window, project):
    """After a delete and its undo, the status bar says the claim is back (not that it was
    deleted); a delete made next says which claim went, though the undo stack did not
    grow (the undone step made room for it)."""
    _mark_first(window, "on Tuesday")
    _select(window, "4.2 million euros")
    window.mark_selection()
    first, second = sorted(project.claims.list(), key=lambda c: c.start)
    window.show_claim(first.id)
    window.delete_claim()
    assert first.exact[:20] in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert window.statusBar().currentMessage().startswith("Undone: Delete claim")
    window.show_claim(second.id)
    window.delete_claim()
    message = window.statusBar().currentMessage()
    assert message.startswith("Deleted the claim") and second.exact[:20] in message
