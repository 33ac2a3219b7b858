"""The library table: filtered by the search query language, sorted by any column, with
counts that follow marks and flags."""

from PySide6.QtCore import Qt

from desktop_app.ui.library import ArticleTableModel
from desktop_app.ui.main_window import MainWindow


def test_the_library_filters_by_query_sorts_and_counts(qtbot, qtmodeltester, project,
                                                       corpus_dir):
    project.articles.import_paths([corpus_dir])
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    library = window.library
    assert library.proxy.rowCount() == 5
    texts = {a.id: project.articles.get(a.id).text for a in project.articles.list()}

    library.filter.setText('"López Aliaga"')
    library.apply_filter()
    shown = {library.article_id_at(library.proxy.index(r, 0))
             for r in range(library.proxy.rowCount())}
    assert shown == {i for i, t in texts.items() if "López Aliaga" in t}
    assert library.count.text() == f"{len(shown)} of 5 articles shown"
    library.filter.clear()
    assert library.proxy.rowCount() == 5

    library.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [library.proxy.index(r, 0).data() for r in range(5)]
    assert titles == sorted(titles, key=str.casefold)
    library.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)

    article = next(i for i, t in texts.items() if "López Aliaga" in t)
    window.open_article(article)
    window.reader.text.selectAll()
    cursor = window.text_view.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(10, cursor.MoveMode.KeepAnchor)
    window.text_view.setTextCursor(cursor)
    window.mark_selection()
    top = library.proxy.index(0, 0)
    assert library.article_id_at(top) == article  # most claims first
    assert library.proxy.index(0, 4).data() == 1
    assert library.count.text() == "5 articles, 1 claim"
    library.group.setChecked(True)
    qtmodeltester.check(library.proxy)
    qtmodeltester.check(ArticleTableModel())


def test_grouped_by_outlet_each_outlet_heads_its_rows(qtbot, qtmodeltester, project):
    """Grouping sorts by outlet first and names each outlet once, on its group's first row."""
    from tests.conftest import SAMPLES

    project.articles.import_paths([SAMPLES])
    window = MainWindow(project)
    qtbot.addWidget(window)
    library = window.library
    library.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    library.group.setChecked(True)
    rows = range(library.proxy.rowCount())
    outlets = [library.articles.article_at(library.proxy.mapToSource(
        library.proxy.index(r, 0)).row()).publisher or "" for r in rows]
    assert outlets == sorted(outlets, key=str.casefold)
    shown = [library.proxy.index(r, 1).data() for r in rows]
    assert [o for o in shown if o] == list(dict.fromkeys(o for o in outlets if o))
    qtmodeltester.check(library.proxy)
