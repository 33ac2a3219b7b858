"""The flags panel: where two sources disagree, the two passages side by side, and the
buttons a person uses to confirm or dismiss."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.models import Flag
from desktop_app.services import Project
from desktop_app.ui.panels import lay_out_side_by_side
from desktop_app.ui.plain import tooltip
from desktop_app.ui.workers import Outcome, WorkEnd, Worker, plain

Index = QModelIndex | QPersistentModelIndex
CONTEXT = 240  # characters of the article shown around each passage
#: Up to this many flags the list is read on the window's thread (a few milliseconds);
#: past it, in the background.
READ_IN_PLACE_AT_MOST = 500


class FlagListModel(QAbstractListModel):
    """Flags, one row each: kind, severity, status and the explanation."""

    FlagRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._flags: list[Flag] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._flags)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._flags):
            return None
        flag = self._flags[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"[{flag.status}] {flag.kind}, {flag.severity}: {flag.explanation or flag.note}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(f"raised by {flag.raised_by}")
        if role == self.FlagRole:
            return flag
        return None

    def set_flags(self, flags: Sequence[Flag]) -> None:
        self.beginResetModel()
        self._flags = list(flags)
        self.endResetModel()

    def flag_at(self, row: int) -> Flag:
        return self._flags[row]

    def upsert(self, flag: Flag) -> None:
        """Replace one flag's row (or add it), refreshing only that row."""
        for row, existing in enumerate(self._flags):
            if existing.id == flag.id:
                self._flags[row] = flag
                self.dataChanged.emit(self.index(row), self.index(row))
                return
        self.beginInsertRows(QModelIndex(), len(self._flags), len(self._flags))
        self._flags.append(flag)
        self.endInsertRows()


class FlagPanel(QWidget):
    """Every flag of the project; the selected one shown as two passages side by side."""

    sig_resolve_requested = Signal(object, str)
    """A person asked to confirm, dismiss or reopen the flag: the flag and the new status."""

    sig_claim_requested = Signal(str)
    """A person asked to open a claim of the flag in its article: the claim's id."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._reading: Worker | None = None  # a long list being read in the background
        self._read_again = False
        self.status_filter = QComboBox()
        self.status_filter.addItems(["all", *vocab.FLAG_STATUSES])
        self.status_filter.setCurrentText("open")
        self.status_filter.currentTextChanged.connect(lambda _text: self.refresh())
        self.flags = FlagListModel(self)
        self.flag_view = QListView()
        self.flag_view.setModel(self.flags)
        self.flag_view.setWordWrap(True)
        # Laid out a hundred rows at a time between events: a check that raised thousands
        # of flags does not stop the window while every wrapped row is measured.
        self.flag_view.setLayoutMode(QListView.LayoutMode.Batched)
        self.flag_view.setBatchSize(100)
        self.flag_view.selectionModel().selectionChanged.connect(self._selected)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.sides = (QTextBrowser(), QTextBrowser())
        for side in self.sides:
            side.setOpenLinks(False)
            side.anchorClicked.connect(lambda url: self.sig_claim_requested.emit(url.path()))
        self.buttons = {status: QPushButton(label) for status, label in
                        (("confirmed", "Confir&m"), ("dismissed", "&Dismiss"),
                         ("open", "&Reopen"))}
        for status, button in self.buttons.items():
            button.clicked.connect(lambda _=False, s=status: self._resolve(s))

        lay_out_side_by_side(self, [self.status_filter, self.flag_view], self.explanation,
                             self.sides, list(self.buttons.values()))
        self.refresh()

    def refresh(self, *, more: int = 0) -> None:
        """List the flags of the chosen status again, the first one current. A long list
        (more than :data:`READ_IN_PLACE_AT_MOST` flags shown, or expected with ``more``
        new ones, as after a check) is read in the background and shown when read, so the
        window never waits for thousands of flags; readings asked for meanwhile make one
        more reading once it is in."""
        status = self.status_filter.currentText()
        wanted = None if status == "all" else status
        if self.flags.rowCount() + more <= READ_IN_PLACE_AT_MOST and self._reading is None:
            self._show_list(self.project.flags.list(status=wanted))
            return
        if self._reading is not None:
            self._read_again = True
            return
        self._reading = Worker(plain(self.project.flags.list, status=wanted))
        self._reading.sig_work_finished.connect(self._read_in)
        self._reading.start()

    def _read_in(self, end: WorkEnd[list[Flag]]) -> None:
        self._reading = None
        if self._read_again:
            self._read_again = False
            self.refresh()
        elif end.outcome is Outcome.DONE and end.result is not None:
            self._show_list(end.result)
        elif end.outcome is Outcome.FAILED:
            self.explanation.setText(f"The flags could not be read: {end.error}")

    def _show_list(self, flags: Sequence[Flag]) -> None:
        self.flags.set_flags(flags)
        if self.flags.rowCount():
            self.flag_view.setCurrentIndex(self.flags.index(0))
        else:
            self.show_flag(None)

    def current_flag(self) -> Flag | None:
        index = self.flag_view.currentIndex()
        return self.flags.flag_at(index.row()) if index.isValid() else None

    def update_flag(self, flag: Flag) -> None:
        """Show a flag changed by a command, keeping the list where it is."""
        self.flags.upsert(flag)
        if (current := self.current_flag()) is not None and current.id == flag.id:
            self.show_flag(flag)

    def _selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.show_flag(self.current_flag())

    def show_flag(self, flag: Flag | None) -> None:
        for button in self.buttons.values():  # a read-only project takes no decision
            button.setEnabled(flag is not None and not self.project.read_only)
        if flag is None:
            self.explanation.setText("No flags. Run Check > Find disagreements.")
            for side in self.sides:
                side.clear()
            return
        note = f"\nNote: {flag.note}" if flag.note and flag.note != flag.explanation else ""
        self.explanation.setText(f"{flag.kind.capitalize()} ({flag.severity}), {flag.status}, "
                                 f"raised by {flag.raised_by}.\n{flag.explanation}{note}")
        for side, claim_id in zip(self.sides, (flag.claim_a, flag.claim_b), strict=True):
            side.setHtml(self._passage(claim_id))
        self.buttons[flag.status].setEnabled(False)

    def _passage(self, claim_id: str) -> str:
        claim = self.project.claims.get(claim_id)
        article = self.project.articles.get(claim.article_id)
        text = article.text
        before = text[max(0, claim.start - CONTEXT): claim.start]
        after = text[claim.end: claim.end + CONTEXT]
        where = " · ".join(p for p in (article.publisher, article.author,
                                      article.published and article.published.isoformat())
                           if p)
        palette = self.palette()  # the passage marked as a selection is: readable in any theme
        mark = (f"background:{palette.color(QPalette.ColorRole.Highlight).name()};"
                f"color:{palette.color(QPalette.ColorRole.HighlightedText).name()}")
        return (f"<p><b>{html.escape(article.title)}</b><br><i>{html.escape(where)}</i></p>"
                f"<p>…{html.escape(before)}<span style='{mark}'>"
                f"{html.escape(claim.exact)}</span>{html.escape(after)}…</p>"
                f"<p><a href='claim:{claim.id}'>Open in the article</a> · verdict "
                f"{html.escape(claim.verdict)} · {html.escape(claim.status)}</p>")

    def _resolve(self, status: str) -> None:
        flag = self.current_flag()
        if flag is not None:
            self.sig_resolve_requested.emit(flag, status)
