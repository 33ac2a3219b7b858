"""The reader: an article's header, its text with claims coloured by verdict, entity
mentions and search hits marked, a legend, a context menu on a selection and a find bar.

Offsets between the text (code points) and Qt's document (UTF-16) are converted through one
:class:`~desktop_app.core.text.OffsetMap` per article, built when the article is shown.
Claim colours are written into the document once per open, in a single pass; the selected
claim and the hits are extra selections, so selecting repaints only what changed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QHelpEvent,
    QKeySequence,
    QMouseEvent,
    QPalette,
    QPen,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.models import Article, Claim
from desktop_app.core.text import OffsetMap
from desktop_app.ui.flow_layout import FlowLayout
from desktop_app.ui.highlight import (
    covering,
    hit_colour,
    segments,
    selected_colour,
    verdict_colour,
)

Span = tuple[int, int]
Mention = tuple[int, int, str]  # start, end (code points), the entity's canonical name


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip Qt shows verbatim: escaped inside a paragraph that keeps its
    spaces, so markup in a quote or a name is never interpreted."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


class ReaderText(QPlainTextEdit):
    """The article's text: read-only, told where the mouse clicks and what it hovers."""

    sig_clicked = Signal(int)
    """A click without a drag at this UTF-16 position."""
    sig_menu_requested = Signal(QPoint)
    sig_tooltip_requested = Signal(QPoint, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)
        self.document().setUndoRedoEnabled(False)
        self._press: QPoint | None = None
        self.viewport().installEventFilter(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if (event.button() == Qt.MouseButton.LeftButton and self._press is not None
                and (point - self._press).manhattanLength() < 4
                and not self.textCursor().hasSelection()):
            self.sig_clicked.emit(self.cursorForPosition(point).position())
        self._press = None

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.sig_menu_requested.emit(event.globalPos())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            position = self.cursorForPosition(event.pos()).position()
            self.sig_tooltip_requested.emit(event.globalPos(), position)
            return True
        return super().eventFilter(watched, event)


class FindBar(QWidget):
    """Find inside the open article: type, Enter for the next hit, Shift+Enter the previous."""

    sig_find_requested = Signal(str, bool)
    """The words to find, and True to search backwards."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Find in this article")
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        previous, following, close = (QPushButton("Previous"), QPushButton("Next"),
                                      QPushButton("Close"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.query, previous, following, self.status, close):
            layout.addWidget(widget)
        self.query.returnPressed.connect(self.find_next)
        self.query.textChanged.connect(lambda _text: self.find_next())
        following.clicked.connect(self.find_next)
        previous.clicked.connect(self.find_previous)
        close.clicked.connect(self.hide)
        escape = QAction(self)
        escape.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        escape.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.triggered.connect(self.hide)
        self.addAction(escape)

    def find_next(self) -> None:
        self.sig_find_requested.emit(self.query.text(), False)

    def find_previous(self) -> None:
        self.sig_find_requested.emit(self.query.text(), True)


class Legend(QWidget):
    """One swatch per verdict, in the colours the text uses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = FlowLayout(self)  # wraps on a narrow window rather than widen it
        layout.setContentsMargins(4, 0, 4, 0)
        self.swatches: dict[str, QLabel] = {}
        for verdict in vocab.VERDICTS:
            swatch = QLabel(verdict)
            swatch.setTextFormat(Qt.TextFormat.PlainText)
            swatch.setAutoFillBackground(True)
            swatch.setContentsMargins(4, 1, 4, 1)
            layout.addWidget(swatch)
            self.swatches[verdict] = swatch
        self.repaint_swatches()

    def repaint_swatches(self) -> None:
        for verdict, swatch in self.swatches.items():
            palette = swatch.palette()
            palette.setColor(QPalette.ColorRole.Window, verdict_colour(self.palette(), verdict))
            swatch.setPalette(palette)


class Reader(QWidget):
    """The middle of the window: header, legend, text and find bar of one article."""

    sig_claim_clicked = Signal(str)
    sig_mark_requested = Signal()
    sig_mark_and_link_requested = Signal()
    sig_search_requested = Signal(str)
    sig_open_original_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)  # a long outlet and author must not widen the window
        self.open_original = QPushButton("Open the original file")
        self.open_original.setFlat(True)
        self.open_original.clicked.connect(self.sig_open_original_requested)
        meta_row = QHBoxLayout()
        meta_row.addWidget(self.meta, 1)
        meta_row.addWidget(self.open_original)
        self.legend = Legend()
        self.text = ReaderText()
        self.find_bar = FindBar()
        self.find_bar.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(meta_row)
        layout.addWidget(self.legend)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.find_bar)
        self.text.sig_clicked.connect(self._clicked)
        self.text.sig_menu_requested.connect(self._show_menu)
        self.text.sig_tooltip_requested.connect(self._show_tooltip)
        self.find_bar.sig_find_requested.connect(self.find_words)
        self.offsets = OffsetMap("")
        self.article_text = ""
        self._claims: dict[str, Claim] = {}
        self._mentions: list[Mention] = []
        self._current: str | None = None
        self._hits: tuple[Span, ...] = ()
        self._found: Span | None = None
        self.last_menu: QMenu | None = None

    # -- showing ------------------------------------------------------------------------------

    def show_article(self, article: Article, claims: Sequence[Claim],
                     mentions: Sequence[Mention] = ()) -> None:
        """Show ``article`` with its claims coloured and ``mentions`` underlined, in one pass."""
        self.title.setText(article.title)
        parts = [article.publisher, article.author,
                 article.published.isoformat() if article.published else None]
        self.meta.setText(" · ".join(p for p in parts if p) or "No outlet, author or date")
        self.open_original.setEnabled(bool(article.original_hash))
        self.article_text = article.text
        self.offsets = OffsetMap(article.text)
        self._claims = {c.id: c for c in claims}
        self._mentions = list(mentions)
        self._current, self._hits, self._found = None, (), None
        self.text.setPlainText(article.text)
        self._paint(0, len(article.text))
        self._paint_selections()

    def set_mentions(self, mentions: Sequence[Mention]) -> None:
        """Underline a new set of entity mentions (after the registry changed)."""
        old = self._mentions
        self._mentions = list(mentions)
        spans = [(m[0], m[1]) for m in (*old, *self._mentions)]
        if spans:
            self._paint(min(s for s, _ in spans), max(e for _, e in spans))

    def clear(self) -> None:
        """Show no article."""
        self.title.clear()
        self.meta.clear()
        self.article_text, self.offsets = "", OffsetMap("")
        self._claims, self._mentions, self._current = {}, [], None
        self.text.clear()

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(self.offsets.to_utf16(start))
        cursor.setPosition(self.offsets.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _paint(self, low: int, high: int) -> None:
        """Write the claim colours and mention marks of the stretch ``low..high`` (code
        points) into the document, replacing what was there: one cursor, one edit block."""
        if low >= high:
            return
        palette = self.text.palette()
        claims = [c for c in self._claims.values() if c.start < high and c.end > low]
        spans = [(max(c.start, low), min(c.end, high)) for c in claims]
        cursor = self._cursor(low, high)
        cursor.beginEditBlock()
        cursor.setCharFormat(QTextCharFormat())
        colours: dict[tuple[str, bool], QTextCharFormat] = {}
        for segment in segments(spans):
            verdict = claims[segment.top].verdict
            key = (verdict, segment.depth > 1)
            fmt = colours.get(key)
            if fmt is None:
                fmt = QTextCharFormat()
                fmt.setBackground(verdict_colour(
                    palette, verdict, strength=0.55 if segment.depth > 1 else 0.35))
                colours[key] = fmt
            cursor.setPosition(self.offsets.to_utf16(segment.start))
            cursor.setPosition(self.offsets.to_utf16(segment.end),
                               QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)
        mention = QTextCharFormat()
        mention.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        mention.setUnderlineColor(palette.color(QPalette.ColorRole.Link))
        for start, end, _name in self._mentions:
            if start < high and end > low:
                cursor.setPosition(self.offsets.to_utf16(max(start, low)))
                cursor.setPosition(self.offsets.to_utf16(min(end, high)),
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(mention)
        cursor.endEditBlock()

    def _selection(self, span: Span, colour: QColor) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        selection.cursor, selection.format = self._cursor(*span), fmt
        return selection

    def _paint_selections(self) -> None:
        palette = self.text.palette()
        chosen: list[QTextEdit.ExtraSelection] = []
        hit = hit_colour(palette)
        length = len(self.article_text)
        for start, end in (*self._hits, *((self._found,) if self._found else ())):
            if 0 <= start < end <= length:
                chosen.append(self._selection((start, end), hit))
        claim = self._claims.get(self._current or "")
        if claim is not None:
            selected = self._selection((claim.start, claim.end), selected_colour(palette))
            # framed too, so the selected claim stands out from any verdict's colour
            selected.format.setProperty(QTextFormat.Property.OutlinePen, QPen(
                palette.color(QPalette.ColorRole.Highlight), 1.5))
            chosen.append(selected)
        self.text.setExtraSelections(chosen)

    # -- claims -------------------------------------------------------------------------------

    def claims(self) -> list[Claim]:
        """The claims shown, in text order."""
        return sorted(self._claims.values(), key=lambda c: (c.start, c.end))

    def put_claim(self, claim: Claim) -> None:
        """Show a new or changed claim, repainting only the text it covers (and covered)."""
        before = self._claims.get(claim.id)
        self._claims[claim.id] = claim
        low = min(claim.start, before.start) if before else claim.start
        high = max(claim.end, before.end) if before else claim.end
        self._paint(low, high)
        self._paint_selections()

    def drop_claim(self, claim_id: str) -> None:
        """Stop showing a claim (deleted or undone)."""
        claim = self._claims.pop(claim_id, None)
        if claim is not None:
            if self._current == claim_id:
                self._current = None
            self._paint(claim.start, claim.end)
            self._paint_selections()

    def select(self, claim_id: str | None, *, scroll: bool = True) -> None:
        """Mark ``claim_id`` as the selected claim and bring it into view."""
        self._current = claim_id if claim_id in self._claims else None
        self._paint_selections()
        claim = self._claims.get(self._current or "")
        if claim is not None and scroll:
            cursor = self.text.textCursor()
            cursor.setPosition(self.offsets.to_utf16(claim.start))
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()

    def set_hits(self, hits: Sequence[Span]) -> None:
        """Mark search hits (code-point spans) and show the first."""
        self._hits = tuple(hits)
        self._paint_selections()
        valid = [h for h in self._hits if 0 <= h[0] < h[1] <= len(self.article_text)]
        if valid:
            cursor = self.text.textCursor()
            cursor.setPosition(self.offsets.to_utf16(valid[0][0]))
            self.text.setTextCursor(cursor)
            self.text.centerCursor()

    def selection(self) -> Span | None:
        """The selected words as code-point offsets, or None when nothing is selected."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        return (self.offsets.from_utf16(cursor.selectionStart()),
                self.offsets.from_utf16(cursor.selectionEnd()))

    def claim_at(self, offset: int) -> str | None:
        """The claim a click at code point ``offset`` means: the shortest one holding it."""
        return covering(((c.start, c.end, c.id) for c in self._claims.values()), offset)

    def _clicked(self, position16: int) -> None:
        claim_id = self.claim_at(self.offsets.from_utf16(position16))
        if claim_id is not None:
            self.sig_claim_clicked.emit(claim_id)

    def _show_tooltip(self, where: QPoint, position16: int) -> None:
        offset = self.offsets.from_utf16(position16)
        lines = [name for start, end, name in self._mentions if start <= offset < end]
        claim = self._claims.get(self.claim_at(offset) or "")
        if claim is not None:
            lines.append(f"Claim: {claim.verdict} · {claim.status}")
        if lines:
            QToolTip.showText(where, plain_tooltip("\n".join(lines)), self.text)
        else:
            QToolTip.hideText()

    # -- context menu and find ----------------------------------------------------------------

    def context_menu(self) -> QMenu:
        """The menu for the current selection: mark, mark and link, search the project."""
        menu = QMenu(self)
        words = self.text.textCursor().selectedText().replace("\u2029", " ").strip()
        for label, signal in (("Mark as claim", self.sig_mark_requested),
                              ("Mark and link to an entity…", self.sig_mark_and_link_requested)):
            action = menu.addAction(label)
            action.setEnabled(bool(words))
            action.triggered.connect(signal)
        shown = words if len(words) <= 40 else words[:39] + "…"
        search = menu.addAction(f"Search the project for “{shown}”" if words
                                else "Search the project")
        search.setEnabled(bool(words))
        search.triggered.connect(lambda: self.sig_search_requested.emit(words))
        menu.addSeparator()
        copy = menu.addAction("Copy")
        copy.setEnabled(bool(words))
        copy.triggered.connect(self.text.copy)
        return menu

    def _show_menu(self, where: QPoint) -> None:
        self.last_menu = self.context_menu()
        self.last_menu.popup(where)

    def open_find(self) -> None:
        """Show the find bar with the selected words, ready to type."""
        words = self.text.textCursor().selectedText()
        if words and "\u2029" not in words:
            self.find_bar.query.setText(words)
        self.find_bar.show()
        self.find_bar.query.setFocus()
        self.find_bar.query.selectAll()

    def find_words(self, words: str, backwards: bool = False) -> bool:
        """Move to the next (or previous) occurrence of ``words``, case-insensitively,
        wrapping around; True when found."""
        document = self.text.document()
        if not words:
            self._found = None
            self.find_bar.status.clear()
            self._paint_selections()
            return False
        flags = QTextDocument.FindFlag.FindBackward if backwards else QTextDocument.FindFlag(0)
        start = self.text.textCursor()
        found = document.find(words, start, flags)
        if found.isNull():
            wrap = QTextCursor(document)
            if backwards:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(words, wrap, flags)
        if found.isNull():
            self._found = None
            self.find_bar.status.setText("Not found")
            self._paint_selections()
            return False
        self._found = (self.offsets.from_utf16(found.selectionStart()),
                       self.offsets.from_utf16(found.selectionEnd()))
        self.find_bar.status.clear()
        self.text.setTextCursor(found)
        self._paint_selections()
        return True
