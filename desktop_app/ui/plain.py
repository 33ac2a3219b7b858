"""Untrusted text in the window is plain text: the one rule every widget follows.

Qt reads any string that "might be rich text" (``Qt.mightBeRichText``: it starts with
something like a tag) as HTML, in tooltips, labels and message boxes; a claim's note
``<img src="file:///...">`` would then be fetched and drawn. Text from articles, claims,
bundles and other people's files therefore goes through these helpers:

* :func:`tooltip` for every ``ToolTipRole`` value and ``setToolTip`` call;
* :func:`plain_label` (or ``setTextFormat(Qt.TextFormat.PlainText)``) for every ``QLabel``
  that shows such text, and :func:`message_box` for dialogs;
* :func:`shown` for display text, so control characters appear as visible marks.

Item views paint ``DisplayRole`` text as plain text already.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_app.core.text import inert


def shown(text: str | None) -> str:
    """``text`` for display: control characters (ESC, CR, ...) as visible marks."""
    return inert(text or "")


def tooltip(text: str | None) -> str | None:
    """A tooltip that Qt shows exactly as ``text`` reads, whatever it holds: text Qt would
    take for rich text is escaped and marked as rich text (``<qt>``), so no markup in it is
    ever interpreted; other text is returned as it is. None for no tooltip."""
    if not text:
        return None
    marked = shown(text)
    if not QtGuiQt.mightBeRichText(marked) and "&" not in marked:
        return marked  # Qt shows it as plain text already
    escaped = html.escape(marked, quote=False).replace("\n", "<br>")
    return f"<qt>{escaped}</qt>"


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show its text as plain text (never as HTML); returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, text: str) -> QMessageBox:
    """A message box that shows ``text`` (which may quote a file or a bundle) as plain
    text."""
    box = QMessageBox(icon, "Factdesk", shown(text), QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box
