"""Untrusted text is plain text in the window: HTML put in every field a person or a file
controls (note, quote, tags, author, outlet, snippet, bundle and flag authors) is shown as
written in tooltips, never interpreted (an ``<img src="file:///...">`` is not fetched)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtGui import QTextDocument

from desktop_app.search import Hit
from desktop_app.services import open_project
from desktop_app.ui.flag_panel import FlagListModel
from desktop_app.ui.library import ArticleTableModel
from desktop_app.ui.models import ClaimTableModel
from desktop_app.ui.plain import shown, tooltip
from desktop_app.ui.search_panel import HitListModel

HOSTILE = '<img src="file:///etc/passwd"><b>bold</b>'


def _as_shown(value: str) -> str:
    """What Qt displays for a tooltip string (rich text when it looks like it)."""
    document = QTextDocument()
    if QtGuiQt.mightBeRichText(value):
        document.setHtml(value)
    else:
        document.setPlainText(value)
    return document.toPlainText()


def test_the_helper_shows_markup_and_control_characters_as_written(qapp):
    """The hazard is real (Qt takes the note for HTML) and the helper removes it."""
    assert QtGuiQt.mightBeRichText(HOSTILE)
    assert _as_shown(HOSTILE) != HOSTILE
    assert _as_shown(tooltip(HOSTILE) or "") == HOSTILE
    assert _as_shown(tooltip("a & b\nline two") or "") == "a & b\nline two"
    assert shown("x\x1b[2Jy") == "x␛[2Jy"
    assert tooltip("") is None


def test_every_tooltip_shows_html_in_user_fields_as_plain_text(qapp, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(f"Report. The minister said {HOSTILE} on Monday in the town hall.\n",
                      encoding="utf-8")
    with open_project(tmp_path / "p", author=HOSTILE) as project:
        article_id = project.articles.import_paths([source]).outcomes[0].article_id
        claim = project.claims.add(article_id, quote=HOSTILE, note=HOSTILE,
                                   tags=[HOSTILE]).claim
        summary = dataclasses.replace(project.articles.list()[0], author=HOSTILE,
                                      publisher=HOSTILE)
        articles = ArticleTableModel()
        articles.set_articles([summary])
        tip = articles.data(articles.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert HOSTILE in _as_shown(tip)
        claims = ClaimTableModel()
        claims.set_claims([project.claims.get(claim.id)])
        for column in (0, 3, 4):
            tip = claims.data(claims.index(0, column), Qt.ItemDataRole.ToolTipRole)
            assert HOSTILE in _as_shown(tip), column
        hits = HitListModel()
        hits.set_hits([Hit("claim", claim.id, HOSTILE, HOSTILE, article_id, None, 1.0,
                           HOSTILE, ())])
        assert _as_shown(hits.data(hits.index(0), Qt.ItemDataRole.ToolTipRole)) == HOSTILE
        second = tmp_path / "b.txt"
        second.write_text("Another outlet wrote that on Monday the minister was away.\n",
                          encoding="utf-8")
        second_id = project.articles.import_paths([second]).outcomes[0].article_id
        other = project.claims.add(second_id, quote="Monday").claim
        project.flags.add(claim.id, other.id, kind="amount")
        flags = FlagListModel()
        flags.set_flags(project.flags.list())
        assert HOSTILE in _as_shown(flags.data(flags.index(0), Qt.ItemDataRole.ToolTipRole))
