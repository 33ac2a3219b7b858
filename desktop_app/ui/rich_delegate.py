"""Rows drawn from a little HTML (bold words, a smaller second line) instead of plain text:
how a search hit shows the words it matched in bold, without adding marks to a quotation.

The model gives the HTML under :data:`HTML_ROLE`; rows without it are drawn as usual. The
text takes the palette's colours, selected or not, so it reads in light and dark themes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

#: The model role that holds a row's HTML.
HTML_ROLE = Qt.ItemDataRole.UserRole + 40
_MARGIN = 4  # pixels around the text, as the style's own item text gets


class RichTextDelegate(QStyledItemDelegate):
    """Paints the row's :data:`HTML_ROLE` HTML wrapped to the row's width."""

    def _document(self, option: QStyleOptionViewItem,
                  index: QModelIndex | QPersistentModelIndex, width: int) -> QTextDocument | None:
        page = index.data(HTML_ROLE)
        if not page:
            return None
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(_MARGIN)
        document.setHtml(str(page))
        document.setTextWidth(max(width, 40))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect
        document = self._document(option, index, rect.width())
        if document is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        option.text = ""  # the frame and selection only
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(role))
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt's name)
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        widget = option.widget
        width = (widget.viewport().width() if isinstance(widget, QAbstractItemView)
                 else option.rect.width())
        document = self._document(option, index, width)
        if document is None:
            return super().sizeHint(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 1)
