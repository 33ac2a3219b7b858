"""The review queue panel: open flags and claims that need review, together, filtered by
kind, severity, tag, entity, article and author; the current item shown side by side (a
flag's two sources, its explanation and the values they disagree on; a claim's passage and
the flags resting on it) with a note for the decision.

It reads through ``project.review`` and asks for nothing itself: the window's review actions
(:mod:`desktop_app.ui.review_actions`) make every decision an undoable command. It follows
every committed change to the project (``ReviewService.follow``), whoever made it.
"""

from __future__ import annotations

import html
import itertools
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.errors import FactdeskError
from desktop_app.core.models import Changes, Claim
from desktop_app.core.review import ReviewFilter, ReviewItem, ReviewQueue, quoted_values
from desktop_app.core.vocab import ReviewItemKind, ReviewState
from desktop_app.services import Project
from desktop_app.ui.panels import lay_out_side_by_side
from desktop_app.ui.plain import shown
from desktop_app.ui.review_model import ReviewFilterProxy, ReviewModel
from desktop_app.ui.workers import Outcome, WorkEnd, Worker, plain

CONTEXT = 240  # characters of the article shown around each passage
#: Up to this many items the queue is read again in the window's thread (a few ms); a bigger
#: one is read in the background.
READ_IN_PLACE_AT_MOST = 500
#: How many of the flags resting on a claim its heading lists; the rest are counted.
FLAGS_LISTED = 3
#: How long background commits must pause before the queue is read again, in ms.
BACKGROUND_PAUSE_MS = 400


class _Relay(QObject):
    """Carries word of a commit from whatever thread made it to the GUI thread. One for the
    whole process, made in the GUI thread, so the thread that commits never holds the last
    reference to a panel's object (see ui/workers.py on lifetimes)."""

    sig_project_changed = Signal(int, object, bool)
    """A panel's token and the changes committed."""


_RELAY: list[_Relay] = []
_TOKENS = itertools.count(1)


def _relay() -> _Relay:
    if not _RELAY:
        _RELAY.append(_Relay())
    return _RELAY[0]


def _combo(first: str, choices: Sequence[tuple[str, Any]]) -> QComboBox:
    """A filter choice: ``first`` (no filter, data None) then ``(label, value)`` pairs."""
    combo = QComboBox()
    combo.addItem(first, None)
    for label, value in choices:
        combo.addItem(label, value)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def _refill(combo: QComboBox, first: str, choices: Sequence[tuple[str, Any]]) -> None:
    """Replace a combo's choices, keeping the one chosen when it is still offered."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(first, None)
    for label, value in choices:
        combo.addItem(label, value)
    at = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(at, 0))
    combo.blockSignals(False)
    if at < 0:  # what was chosen is gone: the filter changed
        combo.currentIndexChanged.emit(0)


class ReviewPanel(QWidget):
    """The queue (filters above, items below) on the left, the current item on the right."""

    sig_item_changed = Signal(object)
    """The current item changed: the :class:`ReviewItem`, or None."""

    sig_passage_requested = Signal(str)
    """A person moved to an item in the queue: show this claim in its article."""

    sig_title_changed = Signal(str)
    """The counts changed: the dock's new title."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("review_panel")
        self.project = project
        self.queue = ReviewQueue(())
        self.items = ReviewModel(self)
        self.proxy = ReviewFilterProxy(self.items, self)
        self.view = QTableView()
        self.view.setObjectName("review_view")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in enumerate((120, 70, 90, 360, 220, 150)):
            self.view.setColumnWidth(column, width)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)

        self.state = _combo("Open", [("Decided", str(ReviewState.DECIDED)),
                                     ("Open and decided", str(ReviewState.ALL))])
        self.kind = _combo("Flags and claims", [
            ("Flags", str(ReviewItemKind.FLAG)), ("Claims", str(ReviewItemKind.CLAIM)),
            *((f"Kind: {k}", str(k)) for k in vocab.FLAG_KINDS)])
        self.severity = _combo("Any severity", [(s, s) for s in reversed(vocab.FLAG_SEVERITIES)])
        self.tag = _combo("Any tag", [])
        self.entity = _combo("Any entity", [])
        self.article = _combo("Any article", [])
        self.author = _combo("Anyone", [])
        self.filters = QWidget()
        grid = QGridLayout(self.filters)
        grid.setContentsMargins(0, 0, 0, 0)
        for at, combo in enumerate((self.state, self.kind, self.severity, self.tag,
                                    self.entity, self.article, self.author)):
            combo.setObjectName(f"review_filter_{at}")
            combo.currentIndexChanged.connect(lambda _i: self._apply_filter())
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            grid.addWidget(combo, at // 4, at % 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)
        self.heading = QLabel()
        self.heading.setObjectName("review_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.sides = (QTextBrowser(), QTextBrowser())
        for side in self.sides:
            side.setOpenLinks(False)
            side.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            side.anchorClicked.connect(lambda url: self.sig_passage_requested.emit(url.path()))
        self.note = QLineEdit()
        self.note.setObjectName("review_note")
        self.note.setPlaceholderText("Note for the decision (N to write, Enter when done)")
        self.note.setMinimumWidth(320)
        self.note.setClearButtonEnabled(True)
        self.note.returnPressed.connect(lambda: self.view.setFocus())
        self._buttons: list[QWidget] = []
        self._layout_done = False
        self._token = next(_TOKENS)
        _relay().sig_project_changed.connect(self._project_changed)
        token = self._token

        def tell(changes: Changes) -> None:  # in the thread that committed
            mine = threading.current_thread() is threading.main_thread()
            _relay().sig_project_changed.emit(token, changes, mine)

        # Commits of background work (a check writes its flags in many short transactions)
        # are read once they pause, not once each: reading the queue is the window's work.
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(BACKGROUND_PAUSE_MS)
        self._later.timeout.connect(lambda: self.refresh())

        stop = project.review.follow(tell)
        self.destroyed.connect(lambda _obj=None: stop())
        self._shown: ReviewItem | None = None
        self._reading: Worker | None = None
        self._read_again = False
        self._waiting = Changes()

    def set_buttons(self, buttons: Sequence[QWidget]) -> None:
        """Lay the panel out with the window's decision buttons under the two sides."""
        if self._layout_done:
            return
        self._buttons = list(buttons)
        lay_out_side_by_side(self, [self.filters, self.view], self.heading, self.sides,
                             [self.note, *self._buttons])
        outer = self.findChild(QSplitter, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if outer is not None:  # the queue's columns want more room than a plain list
            outer.setSizes([640, 800])
        self._layout_done = True
        self.refresh()

    # -- reading ------------------------------------------------------------------------------

    def refresh(self, changes: Changes | None = None) -> None:
        """Read the queue again and merge it into the list, keeping the current item; when it
        left the filter (decided), the item that took its row becomes current. When a change
        brings back exactly one item (an undo), that item becomes current. A big queue (more
        than :data:`READ_IN_PLACE_AT_MOST` items) is read in the background and merged when
        read, so the window never waits for it."""
        if len(self.queue.items) <= READ_IN_PLACE_AT_MOST:
            try:
                queue = self.project.review.queue()
            except FactdeskError as exc:
                self.heading.setText(f"The review queue could not be read: {exc}")
                return
            self._merge(queue, changes)
            return
        self._waiting = self._waiting | changes if changes is not None else self._waiting
        if self._reading is not None:
            self._read_again = True  # read once more when this reading is in
            return
        self._reading = Worker(plain(self.project.review.queue))
        self._reading.sig_work_finished.connect(self._read_in)
        self._reading.start()

    def _read_in(self, end: WorkEnd[ReviewQueue]) -> None:
        self._reading = None
        if self._read_again:
            self._read_again = False
            self.refresh()
            return
        changes, self._waiting = self._waiting, Changes()
        if end.outcome is Outcome.DONE and end.result is not None:
            self._merge(end.result, changes)
        elif end.outcome is Outcome.FAILED:
            self.heading.setText(f"The review queue could not be read: {end.error}")

    def _merge(self, queue: ReviewQueue, changes: Changes | None) -> None:
        current = self.current_item()
        row = self.view.currentIndex().row()
        before = set(self._shown_ids())
        self.queue = queue
        self.items.set_queue(self.queue)
        self._refill_choices()
        shown_now = self._shown_ids()
        back = [i for i in shown_now if i not in before]
        touched = set(changes.flags | changes.claims) if changes is not None else set()
        if changes is not None and len(back) == 1 and back[0] in touched:
            self.select(back[0])
        elif current is not None and current.id in set(shown_now):
            now = self.current_item()
            if now is None or now.id != current.id:  # the rows were replaced
                self.select(current.id)
            else:
                self._show(now)
        elif shown_now:
            self._set_row(min(max(row, 0), len(shown_now) - 1))
        else:
            self._show(None)
        self.sig_title_changed.emit(self.title())

    def _shown_ids(self) -> list[str]:
        """The ids of the items the filters let through, in the list's order (read from the
        queue, not row by row through the filter model)."""
        wanted = self.proxy.filter
        return [item.id for item in self.items.items() if wanted.matches(item)]

    def _project_changed(self, token: int, changes: Changes, mine: bool) -> None:
        if token != self._token or not self._layout_done:
            return
        if mine:  # the person's own edit (or undo): shown at once
            self._later.stop()
            self.refresh(changes)
        else:
            self._later.start()  # (re)started: one read once the background commits pause

    def title(self) -> str:
        """The dock's title: what is open in the whole project, and how many items the
        filters show when they hide some, e.g. "Review — 2 flags, 4 claims open"."""
        flags, claims = self.queue.open_counts()
        title = (f"Review — {flags} flag{'s' if flags != 1 else ''}, "
                 f"{claims} claim{'s' if claims != 1 else ''} open")
        narrowed = any(c.currentIndex() > 0 for c in (self.kind, self.severity, self.tag,
                                                       self.entity, self.article, self.author))
        if narrowed:
            title += f" ({self.proxy.rowCount()} shown)"
        return title

    def _refill_choices(self) -> None:
        queue = self.queue
        _refill(self.tag, "Any tag", [(t, t) for t in queue.tags()])
        entities = sorted({e for i in queue.items for e in i.entity_ids},
                          key=lambda e: queue.entity_names.get(e, e).lower())
        _refill(self.entity, "Any entity",
                [(shown(queue.entity_names.get(e, e)), e) for e in entities])
        articles = sorted({a for i in queue.items for a in i.article_ids},
                          key=lambda a: queue.article_titles.get(a, a).lower())
        _refill(self.article, "Any article",
                [(shown(queue.article_titles.get(a, a)), a) for a in articles])
        _refill(self.author, "Anyone", [(shown(a), a) for a in queue.authors()])

    def current_filter(self) -> ReviewFilter:
        """The filter the choices above the list make."""
        kind = self.kind.currentData()
        item_kind = ReviewItemKind(kind) if kind in tuple(ReviewItemKind) else None
        flag_kind = kind if kind is not None and item_kind is None else None
        return ReviewFilter(state=ReviewState(self.state.currentData() or ReviewState.OPEN),
                            item_kind=item_kind, flag_kind=flag_kind,
                            severity=self.severity.currentData(), tag=self.tag.currentData(),
                            entity_id=self.entity.currentData(),
                            article_id=self.article.currentData(),
                            author=self.author.currentData())

    def _apply_filter(self) -> None:
        current = self.current_item()
        self.proxy.set_filter(self.current_filter())
        if current is not None and self.proxy.row_of(current.id) >= 0:
            self.select(current.id)
        elif self.proxy.rowCount():
            self._set_row(0)
        else:
            self._show(None)
        self.sig_title_changed.emit(self.title())

    # -- the current item ---------------------------------------------------------------------

    def shown_items(self) -> list[ReviewItem]:
        """The items the filters let through, in the list's order."""
        return [self.proxy.item_at(r) for r in range(self.proxy.rowCount())]

    def current_item(self) -> ReviewItem | None:
        index = self.view.currentIndex()
        return self.proxy.item_at(index.row()) if index.isValid() else None

    def select(self, item_id: str) -> bool:
        """Make an item current (False when the filters hide it)."""
        row = self.proxy.row_of(item_id)
        if row < 0:
            return False
        self._set_row(row)
        return True

    def step(self, by: int) -> None:
        """Move to the next (``by`` = 1) or previous (-1) item; stays put at either end.
        Moving shows the item's passage in the reader."""
        count = self.proxy.rowCount()
        if not count:
            return
        row = self.view.currentIndex().row()
        target = 0 if row < 0 else min(max(row + by, 0), count - 1)
        self.view.setFocus()
        self._set_row(target)

    def _set_row(self, row: int) -> None:
        index = self.proxy.index(row, 0)
        if index.row() == self.view.currentIndex().row():
            self._show(self.current_item())  # the same row: its item may have changed
            return
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.proxy.item_at(current.row()) if current.isValid() else None
        self._show(item)
        if item is not None and self.view.hasFocus():  # the person moved in the list
            self.sig_passage_requested.emit(item.claims[0].id)

    def _show(self, item: ReviewItem | None) -> None:
        if item is None:
            self.heading.setText("Nothing to review here. Run Check > Find disagreements, or "
                                 "change the filters above.")
            for side in self.sides:
                side.clear()
            self.note.clear()
        elif item.flag is not None:
            flag = item.flag
            self.heading.setText(
                f"{flag.kind.capitalize()} flag ({flag.severity}), {flag.status}, raised by "
                f"{flag.raised_by}.\n{flag.explanation}")
            for side, claim in zip(self.sides, item.claims, strict=True):
                side.setHtml(self._passage(claim, quoted_values_for(flag.explanation)))
        else:
            claim = item.claims[0]
            flags = [f for f in self.queue.items
                     if f.flag is not None and claim.id in (f.flag.claim_a, f.flag.claim_b)]
            listed = [f for f in flags if f.flag is not None]
            more = len(listed) - FLAGS_LISTED
            self.heading.setText(
                f"Claim ({claim.status}), verdict {claim.verdict}, marked by {claim.author}."
                + "".join(f"\n{f.flag.kind.capitalize()} flag ({f.status}): {f.summary}"
                          for f in listed[:FLAGS_LISTED] if f.flag is not None)
                # a claim many flags rest on must not make the dock taller than the screen
                + (f"\n…and {more} more flag{'s' if more != 1 else ''} on this claim (each "
                   "is an item of the queue)" if more > 0 else ""))
            self.sides[0].setHtml(self._passage(claim, lambda _text: []))
            others = [c for f in flags for c in f.claims if c.id != claim.id]
            self.sides[1].setHtml(self._passage(others[0], lambda _text: []) if others else "")
        same = item is not None and self._shown is not None and item.id == self._shown.id
        if not (same and self.note.isModified()):  # keep a note being written
            self.note.setText(item.note if item is not None else "")
        self._shown = item
        self.sig_item_changed.emit(item)

    def _passage(self, claim: Claim, values: Callable[[str], list[str]]) -> str:
        """A claim in its article: the title and source, the words around it, the claim
        marked in the palette's highlight and the values the flag names in bold."""
        article = self.project.articles.get(claim.article_id)
        text = article.text
        low, high = max(0, claim.start - CONTEXT), min(len(text), claim.end + CONTEXT)
        shown_text = text[low:high]
        marks = sorted((at, at + len(v)) for v in values(shown_text)
                       if (at := shown_text.find(v)) >= 0)
        palette = self.palette()
        back = palette.color(QPalette.ColorRole.Highlight).name()
        fore = palette.color(QPalette.ColorRole.HighlightedText).name()
        edges = sorted({0, len(shown_text), claim.start - low, claim.end - low,
                        *(e for m in marks for e in m)})
        body = []
        for start, end in zip(edges, edges[1:], strict=False):
            piece = html.escape(shown(shown_text[start:end]))
            if any(a <= start and end <= b for a, b in marks):
                piece = f"<b><u>{piece}</u></b>"
            if claim.start - low <= start and end <= claim.end - low:
                piece = f"<span style='background:{back}; color:{fore}'>{piece}</span>"
            body.append(piece)
        where = " · ".join(p for p in (article.publisher, article.author,
                                      article.published and article.published.isoformat())
                           if p)
        found = values(shown_text)
        value_line = (f"<p>Values: {html.escape(' · '.join(found))}</p>" if found else "")
        return (f"<p><b>{html.escape(shown(article.title))}</b><br>"
                f"<i>{html.escape(shown(where))}</i></p>"
                f"<p>{'…' if low else ''}{''.join(body)}{'…' if high < len(text) else ''}</p>"
                f"{value_line}"
                f"<p><a href='claim:{html.escape(claim.id)}'>Open in the article</a> · verdict "
                f"{html.escape(claim.verdict)} · {html.escape(claim.status)}</p>")


def quoted_values_for(explanation: str) -> Callable[[str], list[str]]:
    """The values of a flag's explanation found in a passage (see ``quoted_values``)."""
    return lambda passage: quoted_values(explanation, passage)
