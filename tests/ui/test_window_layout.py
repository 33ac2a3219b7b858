"""The window's layout: saved per user and restored whole on a smaller screen; the first
size fits the screen. Settings go to a file of the test, never the user's own."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, QSize
from PySide6.QtWidgets import QWidget

from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.projects import window_splitters
from desktop_app.ui.window_layout import WindowLayout, clamp_to_screen, first_size

LAPTOP = QRect(0, 0, 1366, 740)  # a 1366x768 screen less a 28-pixel panel
BIG = QRect(0, 0, 2560, 1400)


def _inside(rect: QRect, screen: QRect) -> bool:
    return screen.contains(rect.topLeft()) and screen.contains(rect.bottomRight())


def test_a_rectangle_from_a_larger_screen_is_moved_and_shrunk_onto_a_smaller_one() -> None:
    saved = QRect(900, 500, 1500, 900)
    clamped = clamp_to_screen(saved, LAPTOP)
    assert _inside(clamped, LAPTOP)
    assert clamped.size() == QSize(1366, 740)
    small = clamp_to_screen(QRect(1200, 700, 800, 600), LAPTOP)
    assert small.size() == QSize(800, 600) and _inside(small, LAPTOP)


def test_the_frame_is_counted_so_the_title_bar_stays_on_screen() -> None:
    frame = (4, 30, 4, 4)
    clamped = clamp_to_screen(QRect(-200, -100, 1500, 900), LAPTOP, frame)
    outer = clamped.adjusted(-4, -30, 4, 4)
    assert _inside(outer, LAPTOP)
    assert clamped.top() == 30


def test_a_window_on_a_screen_to_the_left_keeps_to_that_screen() -> None:
    left_screen = QRect(-1920, 0, 1920, 1080)
    clamped = clamp_to_screen(QRect(-1800, 100, 1500, 900), left_screen)
    assert clamped == QRect(-1800, 100, 1500, 900)


def test_the_first_size_fits_a_laptop_and_stays_1500_by_900_on_a_big_screen() -> None:
    assert first_size(BIG) == QSize(1500, 900)
    laptop = first_size(LAPTOP)
    assert laptop.width() <= 1366 and laptop.height() <= 740
    assert laptop.height() < 900


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def project(tmp_path):
    with open_project(tmp_path / "p", author="tester") as opened:
        yield opened


def test_the_first_window_is_centred_inside_a_small_screen(qtbot, project, settings) -> None:
    window = MainWindow(project)
    qtbot.addWidget(window)
    rect = WindowLayout(settings).restore(window, window_splitters(window), LAPTOP)
    assert _inside(rect, LAPTOP) and window.geometry() == rect


def test_a_layout_saved_on_a_big_screen_comes_back_whole_on_a_laptop(qtbot, project,
                                                                      settings) -> None:
    """Geometry, a hidden dock and the splitter's panes are restored; the window is moved
    and shrunk so all of it, status bar included, is on the smaller screen."""
    first = MainWindow(project)
    qtbot.addWidget(first)
    first.setGeometry(QRect(600, 300, 1700, 1000))
    first.show()
    first.flag_dock.hide()
    central = window_splitters(first)["central"]
    central.setSizes([500, 900, 0])  # the claims table folded away
    WindowLayout(settings).save(first, window_splitters(first))
    first.close()

    second = MainWindow(project)
    qtbot.addWidget(second)
    layout = WindowLayout(settings)
    rect = layout.restore(second, window_splitters(second), LAPTOP)
    second.show()
    layout.keep_on_screen(second, LAPTOP)  # the frame is known once shown
    assert _inside(second.frameGeometry(), LAPTOP)
    assert _inside(rect, LAPTOP)
    assert rect.width() <= LAPTOP.width() and rect.height() <= LAPTOP.height()
    assert second.flag_dock.isHidden()
    assert not second.search_dock.isHidden()
    sizes = window_splitters(second)["central"].sizes()
    assert sizes[2] == 0 and sizes[0] > 0 and sizes[1] > 0
    status = second.statusBar().geometry().translated(second.geometry().topLeft())
    assert status.height() > 0
    assert _inside(status, LAPTOP)


def test_a_saved_layout_on_the_same_screen_comes_back_where_it_was(qtbot, project,
                                                                   settings) -> None:
    first = MainWindow(project)
    qtbot.addWidget(first)
    first.setGeometry(QRect(100, 80, 1200, 700))
    WindowLayout(settings).save(first, window_splitters(first))
    second = MainWindow(project)
    qtbot.addWidget(second)
    assert WindowLayout(settings).restore(second, {}, BIG) == QRect(100, 80, 1200, 700)


NARROW = QRect(0, 0, 1024, 740)  # a 1024-pixel-wide screen less a panel


def test_the_window_fits_a_narrow_screen_and_the_review_buttons_wrap_into_view(
        qtbot, project) -> None:
    """With every dock open, the window can be as narrow as a 1024-pixel screen (the
    decision buttons of the review, flag and conflict docks wrap instead of widening the
    window past the screen), and at that width the review's buttons are all inside its
    dock, none cut off (a wrapped row gets the height it needs)."""
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.review.open_queue()
    assert window.minimumSizeHint().width() <= NARROW.width()
    panel = window.review.panel
    panel.heading.setText("Amount flag (high), open, raised by Factdesk. " * 8)  # a long one
    short = window.minimumSizeHint().height()  # as short as the window can be
    window.setGeometry(QRect(0, 0, NARROW.width(), short))
    qtbot.waitUntil(lambda: window.width() == NARROW.width())
    widgets = (panel.note, *panel._buttons)

    def whole(widget: QWidget) -> bool:  # shown and not cut off by the dock's edge
        return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect()

    # the wrapped row asks for its height through posted layout requests: wait for them to
    # be handled, however busy the machine, then say which widget is cut off if any is
    try:
        qtbot.waitUntil(lambda: all(whole(widget) for widget in widgets), timeout=5_000)
    except qtbot.TimeoutError:
        pass
    for widget in widgets:
        assert widget.isVisible(), widget
        assert widget.visibleRegion().boundingRect() == widget.rect(), widget  # not cut off


def test_a_long_outlet_and_author_line_wraps_instead_of_widening_the_window(
        qtbot, project, tmp_path) -> None:
    """The line under the title (outlet, author, date) wraps: an article by many authors
    does not make the reader, and so the window, wider than a laptop's screen."""
    authors = ", ".join(("Anna Maria Kowalska-Fernandez", "Jean-Baptiste Okonkwo-Lindqvist",
                         "Maximiliano Esteban Carvajal", "Wilhelmina Oyelaran-Castellanos",
                         "Bartholomew Reinholt-Pasquali", "Esmeralda Ferran-Weisberg"))
    page = tmp_path / "many.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Port deal</title>'
        f'<meta name="author" content="{authors}"></head><body><article><h1>Port deal</h1>'
        "<p>The port deal was signed on Monday in Velmora, officials said.</p>"
        "</article></body></html>", encoding="utf-8")
    article_id = project.articles.import_paths([page]).added[0].article_id
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.show_article(article_id)
    assert "Esmeralda Ferran-Weisberg" in window.reader.meta.text()
    qtbot.wait(50)  # the layouts take in the new text
    assert window.reader.minimumSizeHint().width() < NARROW.width() // 2
    assert window.minimumSizeHint().width() <= LAPTOP.width()


def test_with_an_article_open_the_window_fits_a_1024_pixel_screen(qtbot, project,
                                                                   corpus_dir) -> None:
    """The claims table's filters wrap (and a long tag or entity name does not widen
    them), so an article with its claims fits a 1024-pixel-wide screen."""
    project.articles.import_paths([corpus_dir])
    claim_article = project.articles.list()[0]
    text = project.articles.get(claim_article.id).text
    claim = project.claims.add(claim_article.id, start=0, end=text.index(" ", 20),
                               tags=("a tag whose name is much longer than any filter",)).claim
    entity = project.entities.add("The Extraordinarily Long-Named Harbour Authority "
                                  "of Velmora", "organization").entity
    project.entities.link(claim.id, entity.id)
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.show_article(claim_article.id)
    window.claims_panel.refresh_choices()
    assert window.minimumSizeHint().width() <= NARROW.width()
