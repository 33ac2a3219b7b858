"""The entities dock: register from the open article's candidates, link from its mentions,
delete a linked entity after the unlink question, and undo each step; names and quotes are
never read as markup."""

from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.reader import plain_tooltip


def test_entities_are_added_linked_deleted_and_restored_from_the_dock(qtbot, qtmodeltester,
                                                                      monkeypatch, project,
                                                                      corpus_dir):
    project.articles.import_paths([corpus_dir / "000_0fe75ea3bb2a433a.txt"])
    article = project.articles.list()[0].id
    window = MainWindow(project)
    qtbot.addWidget(window)
    questions: list[tuple[str, int]] = []
    monkeypatch.setattr(window, "confirm_unlink",
                        lambda name, claims: questions.append((name, claims)) or True)
    monkeypatch.setattr(window, "show_error", lambda message: questions.append((message, -1)))
    window.show()
    panel = window.entities_panel
    panel.show_suggestions(article)
    items = [panel.suggestions.item(r) for r in range(panel.suggestions.count())]
    candidate = next(i for i in items if "López Aliaga" in i.text() and
                     i.text().startswith("Add:"))
    panel._suggestion(candidate)  # what a double-click does
    [entity] = project.entities.list()
    assert "López Aliaga" in entity.name
    assert panel.entities.rowCount() == 1
    assert window.reader._mentions  # the new entity's mentions are underlined at once

    text = window._text
    start = text.index("Lima’s mayor")
    cursor = window.text_view.textCursor()
    cursor.setPosition(window.reader.offsets.to_utf16(start))
    cursor.setPosition(window.reader.offsets.to_utf16(text.index("\n", start)),
                       cursor.MoveMode.KeepAnchor)
    window.text_view.setTextCursor(cursor)
    window.mark_selection()
    [claim] = project.claims.list()
    assert window.current_claim().id == claim.id
    panel.show_suggestions(article)
    mention = next(panel.suggestions.item(r) for r in range(panel.suggestions.count())
                   if panel.suggestions.item(r).text().startswith("Link:"))
    panel._suggestion(mention)
    assert project.claims.get(claim.id).entity_ids == (entity.id,)
    assert panel.entities.index(0, 4).data() == 1

    panel.select([entity.id])
    panel._delete()
    assert questions == [(entity.name, 1)]
    assert project.entities.list() == [] and project.claims.get(claim.id).entity_ids == ()
    window.undo_stack.undo()
    assert project.claims.get(claim.id).entity_ids == (entity.id,)
    assert panel.entities.rowCount() == 1
    qtmodeltester.check(panel.entities)
    qtmodeltester.check(panel.proxy)


def test_tooltips_show_markup_as_text():
    shown = plain_tooltip("<b>Minera</b> & <img src=x>")
    assert "<b>" not in shown and "&lt;b&gt;Minera&lt;/b&gt; &amp; &lt;img src=x&gt;" in shown


def test_merging_from_the_dock_keeps_the_current_row_and_undoes(qtbot, project):
    """Two rows selected, Merge keeps the current one; undo brings the other back."""
    keep = project.entities.add("Minera Las Bambas", "organization").entity
    other = project.entities.add("Las Bambas", "organization").entity
    window = MainWindow(project)
    qtbot.addWidget(window)
    panel = window.entities_panel
    panel.select([other.id, keep.id])
    current = panel.proxy.mapToSource(panel.view.currentIndex()).row()
    kept = panel.entities.entity_at(current).id
    panel._merge()
    assert [e.id for e in project.entities.list()] == [kept]
    assert panel.entities.rowCount() == 1
    window.undo_stack.undo()
    assert {e.id for e in project.entities.list()} == {keep.id, other.id}
    assert panel.entities.rowCount() == 2
