"""Search in the app: the index is rebuilt in the background with progress, and a hit opens
its article with the matched words highlighted."""

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.services import open_project
from desktop_app.ui.highlight import hit_colour
from desktop_app.ui.main_window import MainWindow


@pytest.fixture
def stale_window(qtbot, project_dir, corpus_dir):
    """A window on a project of the corpus whose index/ folder was deleted."""
    with open_project(project_dir) as project:
        project.articles.import_paths([corpus_dir])
        project.search.find("Peru")
    shutil.rmtree(project_dir / "index")
    project = open_project(project_dir)
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    yield window
    project.close()


def test_a_missing_index_is_rebuilt_in_the_background_with_progress(qtbot, stale_window):
    assert not stale_window.project.search.is_current()
    worker = stale_window.ensure_index()
    assert worker is not None
    assert not stale_window.search_panel.query.isEnabled()
    with qtbot.waitSignal(worker.sig_work_finished, timeout=60_000) as finished:
        pass
    count, error = finished.args[0].result, finished.args[0].error
    assert error == "" and count == len(stale_window.project.articles.list())
    assert stale_window.project.search.is_current()
    assert stale_window.search_panel.query.isEnabled()
    assert stale_window.ensure_index() is None


def test_activating_a_hit_highlights_the_words_in_the_article(qtbot, stale_window):
    worker = stale_window.ensure_index()
    qtbot.waitSignal(worker.sig_work_finished, timeout=60_000).wait()
    panel = stale_window.search_panel
    panel.query.setText('"Las Bambas"')
    panel.run_search()
    assert panel.hits.rowCount() >= 2
    assert "match" in panel.summary.text()
    row = next(r for r in range(panel.hits.rowCount()) if panel.hits.hit_at(r).kind == "article")
    panel._hit_activated(panel.hits.index(row))
    text = stale_window._text
    painted = [s for s in stale_window.text_view.extraSelections()
               if s.format.background().color()
               == hit_colour(stale_window.text_view.palette())]
    assert painted
    for selection in painted:
        assert selection.cursor.selectedText().lower() == "las bambas"
    assert "Las Bambas" in text


def test_a_hit_shows_its_matched_words_in_bold_and_the_snippet_as_written(
        qtbot, stale_window, tmp_path):
    """The list draws each hit from HTML: the words the query matched in bold, the
    source's own « » left as they are (no marks added to a quotation), and the row tall
    enough for its lines."""
    from desktop_app.ui.rich_delegate import HTML_ROLE

    french = tmp_path / "afp.txt"
    french.write_text("Accord minier\n\nLe ministre a salué un « accord historique » avec "
                      "Lima sur le cuivre, selon l'AFP.\n", encoding="utf-8")
    stale_window.project.articles.import_paths([french])
    stale_window.project.search.reindex()
    panel = stale_window.search_panel
    panel.query.setText("historique")
    panel.run_search()
    row = next(r for r in range(panel.hits.rowCount())
               if panel.hits.hit_at(r).title == "Accord minier")
    index = panel.hits.index(row)
    page = index.data(HTML_ROLE)
    assert "« accord <b>historique</b> »" in page
    assert "« accord historique »" in index.data(Qt.ItemDataRole.DisplayRole)
    delegate = panel.hit_view.itemDelegate()
    assert panel.hit_view.sizeHintForRow(row) > panel.fontMetrics().height() * 2
    assert delegate is not None
    panel.hit_view.viewport().grab()  # drawn without error


def test_a_query_the_parser_cannot_read_is_explained_not_raised(stale_window):
    panel = stale_window.search_panel
    stale_window.project.search.reindex()
    panel.query.setText('"unbalanced')
    panel.run_search()
    assert panel.hits.rowCount() == 0
    assert panel.summary.text()
    panel.query.setText("Bambsa")
    panel.run_search()
    assert "Did you mean" in panel.summary.text()


def test_hit_model_follows_the_qt_contract(qtmodeltester, stale_window):
    stale_window.project.search.reindex()
    stale_window.search_panel.query.setText("Peru")
    stale_window.search_panel.run_search()
    qtmodeltester.check(stale_window.search_panel.hits)


def test_a_search_on_a_stale_index_rebuilds_it_in_the_background(
        qtbot, stale_window, monkeypatch):
    """Searching never rebuilds the index on the GUI thread: the rebuild runs in the
    background and the search runs when it is ready."""
    window = stale_window
    assert not window.project.search.is_current()
    on_gui_thread = []
    monkeypatch.setattr(window.project.search, "reindex",
                        _record_thread(window.project.search.reindex, on_gui_thread))
    window.search_panel.query.setText("Peru")
    window.search_panel.run_search()
    qtbot.waitUntil(lambda: window.search_panel.hits.rowCount() > 0, timeout=60_000)
    assert on_gui_thread == [False]
    assert window.project.search.is_current()


def _record_thread(function, seen):
    import threading

    def wrapper(*args, **kwargs):
        seen.append(threading.current_thread() is threading.main_thread())
        return function(*args, **kwargs)

    return wrapper


def test_find_in_project_brings_the_search_tab_forward_over_the_review_queue(
        qtbot, project_dir) -> None:
    """Ctrl+Shift+F with the review queue's tab in front: the search tab comes forward, so
    the words typed next are seen in its query field (not typed into a field out of sight)."""
    with open_project(project_dir) as project:
        window = MainWindow(project)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        window.review.open_queue()
        # a tab behind another is moved off the window, not hidden: nothing of it is seen
        qtbot.waitUntil(lambda: window.search_dock.visibleRegion().isEmpty())
        qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: not window.search_panel.query.visibleRegion().isEmpty())
        assert QApplication.focusWidget() is window.search_panel.query
        window.close()
