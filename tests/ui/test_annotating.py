"""The whole annotating job in the real window, as a person does it: drop the corpus folder,
open an article, mark a sentence from the context menu, fill in the inspector, link an
entity made on the spot, click the highlight, undo and redo every step, merge two entities,
read an entity's timeline, and find everything again after reopening the project."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow

PERSON = "Rafael López Aliaga"


def _window(qtbot, project, monkeypatch, asked: list[str]) -> MainWindow:
    window = MainWindow(project)
    qtbot.addWidget(window)
    # questions and errors never open a blocking dialog here: they are recorded
    monkeypatch.setattr(window, "show_error", asked.append)
    monkeypatch.setattr(window, "ask_entity_type", lambda name: "person")
    monkeypatch.setattr(window, "confirm_unlink", lambda name, claims: True)
    window.resize(1400, 900)
    window.show()
    return window


def _drop(window: MainWindow, folder: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    event = QDropEvent(window.rect().center().toPointF(), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def _article(window: MainWindow, name: str) -> str:
    return next(window.articles.article_at(r).id for r in range(window.articles.rowCount())
                if window.articles.article_at(r).original_name == name)


def _select_words(window: MainWindow, start: int, end: int) -> None:
    cursor = window.text_view.textCursor()
    cursor.setPosition(window.reader.offsets.to_utf16(start))
    cursor.setPosition(window.reader.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
    window.text_view.setTextCursor(cursor)


def _menu_action(window: MainWindow, label: str):  # type: ignore[no-untyped-def]
    menu = window.reader.context_menu()
    return next(a for a in menu.actions() if a.text().startswith(label))


def _click_text(qtbot, window: MainWindow, offset: int) -> None:
    view = window.text_view
    cursor = QTextCursor(view.document())
    cursor.setPosition(window.reader.offsets.to_utf16(offset))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    QApplication.processEvents()
    point = view.cursorRect(cursor).center() + QPoint(3, 0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_the_annotating_job_in_the_window(qtbot, qtmodeltester, monkeypatch, corpus_dir,
                                          tmp_path):
    folder = tmp_path / "project"
    asked: list[str] = []
    with open_project(folder, author="ana") as project:
        window = _window(qtbot, project, monkeypatch, asked)
        _drop(window, corpus_dir)
        qtbot.waitUntil(lambda: window.articles.rowCount() == 5, timeout=60_000)
        qtbot.waitUntil(lambda: not window.progress.isVisible(), timeout=10_000)
        lima = _article(window, "000_0fe75ea3bb2a433a.txt")
        summit = _article(window, "003_740938afe9e32624.txt")
        # a tag already in use elsewhere, for the completion to offer
        project.claims.add(summit, quote="November 15-16", tags=["economy"])

        window.open_article(lima)
        assert window._article_id == lima
        assert window.reader.title.text() == project.articles.get(lima).title
        text = window._text
        start = text.index("Lima’s mayor")
        end = text.index("\n", start)
        _select_words(window, start, end)
        _menu_action(window, "Mark as claim").trigger()
        [claim] = project.claims.list(article=lima)
        assert (claim.start, claim.end) == (start, end)
        assert window.inspector.claim is not None and window.inspector.claim.id == claim.id
        steps = window.undo_stack.count()

        inspector = window.inspector
        inspector.verdict.setCurrentText("mostly true")
        inspector.verdict.activated.emit(inspector.verdict.currentIndex())
        inspector.status.setCurrentText("needs review")
        inspector.status.activated.emit(inspector.status.currentIndex())
        inspector.tag_input.setFocus()
        inspector.refresh_completions()
        inspector.tag_completer.setCompletionPrefix("eco")
        assert inspector.tag_completer.currentCompletion() == "economy"
        inspector.tag_input.setText(inspector.tag_completer.currentCompletion())
        qtbot.keyClick(inspector.tag_input, Qt.Key.Key_Return)
        inspector.note.setFocus()
        qtbot.keyClicks(inspector.note, "Ties per the mayor's own filings.")
        assert window.undo_stack.count() == steps + 3  # the note is not an edit per keystroke
        inspector.note.commit()
        inspector.entity_input.setText(PERSON)
        qtbot.keyClick(inspector.entity_input, Qt.Key.Key_Return)
        assert window.undo_stack.count() == steps + 5
        assert not asked, asked

        person = project.entities.get(PERSON)
        marked = project.claims.get(claim.id)
        assert (marked.verdict, marked.status, marked.tags, marked.note, marked.entity_ids) == (
            "mostly true", "needs review", ("economy",), "Ties per the mayor's own filings.",
            (person.id,))
        assert [chip for chip in inspector.tags.chips] == ["economy"]
        assert list(inspector.entities.chips) == [person.id]
        assert inspector.history.count() >= 6  # added, four edits, a link

        # a click on the highlight selects its claim
        window.claim_view.clearSelection()
        window.inspector.show_claim(None)
        _click_text(qtbot, window, start + 5)
        assert window.current_claim() is not None and window.current_claim().id == claim.id
        assert window.inspector.claim.id == claim.id

        # every step undoes and redoes
        expected = [
            lambda c: c.entity_ids == () and not project.entities.list(),
            lambda c: c.note == "",
            lambda c: c.tags == (),
            lambda c: c.status == "draft",
            lambda c: c.verdict == "unverified",
        ]
        for check in expected:
            window.undo_stack.undo()
            assert check(project.claims.get(claim.id))
        window.undo_stack.undo()
        assert project.claims.list(article=lima) == []
        for _ in range(6):
            window.undo_stack.redo()
        assert project.claims.get(claim.id) == marked
        assert window.inspector.claim is None or window.inspector.claim.id == claim.id

        # merge a second entry for the same person into the first, and undo it
        other = project.claims.list(article=summit)[0]
        window.show_claim(other.id)
        inspector.entity_input.setText("R. López Aliaga")
        qtbot.keyClick(inspector.entity_input, Qt.Key.Key_Return)
        duplicate = project.entities.get("R. López Aliaga")
        panel = window.entities_panel
        assert panel.entities.rowCount() == 2
        window.merge_entities(duplicate.id, person.id)
        assert project.entities.claim_counts() == {person.id: 2}
        assert panel.entities.rowCount() == 1
        window.undo_stack.undo()
        assert project.entities.claim_counts() == {person.id: 1, duplicate.id: 1}
        assert panel.entities.rowCount() == 2
        window.undo_stack.redo()
        assert project.entities.get("R. López Aliaga").id == person.id

        # the timeline: both sources, the dated one first though its claim came later
        window.show_entity_page(person.id)
        timeline = window.entity_page.timeline
        assert timeline.rowCount() == 2
        assert [timeline.row_at(r).claim.article_id for r in range(2)] == [summit, lima]
        assert timeline.index(0, 0).data() == "2024-11-14"

        for model in (window.articles, window.library.proxy, window.claims,
                      panel.entities, panel.proxy, timeline):
            qtmodeltester.check(model)
        window.close()

    with open_project(folder, author="ana") as reopened:
        window = _window(qtbot, reopened, monkeypatch, asked)
        window.open_article(lima)
        window.show_claim(claim.id)
        assert window.inspector.claim == marked
        assert reopened.entities.get("R. López Aliaga").id == person.id
        assert reopened.entities.claim_counts() == {person.id: 2}
        assert window.reader.claims() == [marked]
        window.close()
    assert not asked, asked


def test_find_in_the_article_moves_to_each_hit_and_wraps(qtbot, project, corpus_dir):
    """Ctrl+F finds inside the article (the find bar), apart from the project search."""
    project.articles.import_paths([corpus_dir / "000_0fe75ea3bb2a433a.txt"])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    text = window._text
    window.reader.open_find()
    assert window.reader.find_bar.isVisible()
    window.reader.find_bar.query.setText("López Aliaga")
    starts = []
    for _ in range(text.count("López Aliaga") + 1):
        starts.append(window.reader.offsets.from_utf16(
            window.reader.text.textCursor().selectionStart()))
        window.reader.find_bar.find_next()
    assert sorted(set(starts)) == [i for i in range(len(text))
                                   if text.startswith("López Aliaga", i)]
    assert starts[-1] == starts[0]  # past the last hit it wraps to the first
    assert not window.reader.find_words("no such words here")


def test_a_note_typed_before_choosing_another_claim_stays_with_its_own_claim(
        qtbot, project, corpus_dir):
    """Switching claims commits the note being typed to the claim it was typed for."""
    project.articles.import_paths([corpus_dir / "003_740938afe9e32624.txt"])
    article = project.articles.list()[0].id
    first = project.claims.add(article, start=0, end=10).claim
    second = project.claims.add(article, start=20, end=30).claim
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.show_claim(first.id)
    window.inspector.note.setPlainText("About the first one.")
    window.show_claim(second.id)
    assert project.claims.get(first.id).note == "About the first one."
    assert project.claims.get(second.id).note == ""
    assert window.inspector.note.toPlainText() == ""
    window.undo_stack.undo()
    assert project.claims.get(first.id).note == ""


def test_mark_and_link_from_the_context_menu_marks_then_links_what_is_typed(
        qtbot, monkeypatch, project, corpus_dir):
    """"Mark and link to an entity…" marks the selection, puts the cursor in the entity
    picker (bringing the claim tab forward when the Entities tab was in front, so the picker
    is seen), and what the person types there (Enter) is linked to the new claim; one undo
    takes the link away and the next the claim."""
    asked: list[str] = []
    project.articles.import_paths([corpus_dir / "000_0fe75ea3bb2a433a.txt"])
    window = _window(qtbot, project, monkeypatch, asked)
    article = project.articles.list()[0].id
    window.open_article(article)
    text = window._text
    start = text.index("Lima’s mayor")
    end = text.index("\n", start)
    _select_words(window, start, end)
    window.entities_dock.raise_()  # the claim tab behind the Entities tab
    _menu_action(window, "Mark and link to an entity").trigger()
    [claim] = project.claims.list(article=article)
    assert (claim.start, claim.end) == (start, end)
    picker = window.inspector.entity_input
    qtbot.waitUntil(picker.hasFocus, timeout=5_000)
    qtbot.waitUntil(lambda: not picker.visibleRegion().isEmpty(), timeout=5_000)
    qtbot.keyClicks(picker, "Lopez Aliaga")  # QTest types ASCII only
    qtbot.keyClick(picker, Qt.Key.Key_Return)
    person = project.entities.get("Lopez Aliaga")
    assert project.claims.get(claim.id).entity_ids == (person.id,)
    assert person.type == "person"
    window.undo_stack.undo()
    assert project.claims.get(claim.id).entity_ids == ()
    window.undo_stack.undo()
    assert project.claims.list(article=article) == []
    assert not asked, asked
    window.close()
