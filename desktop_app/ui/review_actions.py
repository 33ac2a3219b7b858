"""The review queue in the window: its dock, the Review menu and the keys an editor works the
queue with, without the mouse:

====================  ====================================================================
Ctrl+Shift+R          open the review queue (the list takes the keyboard)
J / K                 next / previous item (its passage shows in the reader)
C / D / R             confirm / dismiss / reopen (a flag; R sends a claim back to review)
1 … 7                 set a claim's verdict (true … not checkable) and mark it reviewed
N                     write the note that goes with the decision (Enter returns to the list)
O                     show the other side of a flag in the reader
F                     put the keyboard in the filters (Tab moves on, Ctrl+Shift+R back)
Ctrl+Z                undo a decision (Edit > Undo)
====================  ====================================================================

The single keys work while the review queue has the keyboard focus, so they never take a
letter typed elsewhere; Help > Keyboard shortcuts lists them (they are menu commands). Every
decision goes through the services (``flags.resolve``, ``claims.edit``) as one undoable
command on the window's stack (``_push``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QMenuBar, QToolButton

from desktop_app.core import vocab
from desktop_app.core.models import Changes
from desktop_app.core.review import ReviewItem
from desktop_app.core.vocab import FlagStatus, ReviewItemKind, ReviewStatus
from desktop_app.ui.claim_actions import ClaimActions
from desktop_app.ui.review_panel import ReviewPanel

#: The verdicts a decision can give, each with its key (1 … 7): every verdict but
#: "unverified", which is no decision.
VERDICT_KEYS: tuple[tuple[str, str], ...] = tuple(
    (verdict, str(number)) for number, verdict in
    enumerate((v for v in vocab.VERDICTS if v != vocab.Verdict.UNVERIFIED), start=1))

FLAG_DECISIONS = {FlagStatus.CONFIRMED: "Confirm flag", FlagStatus.DISMISSED: "Dismiss flag",
                  FlagStatus.OPEN: "Reopen flag"}


class ReviewActions(QObject):
    """The review dock and its commands, composed into the main window."""

    def __init__(self, window: ClaimActions, beside: QDockWidget | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.panel = ReviewPanel(self.project)
        self.dock = QDockWidget("Review", window)
        self.dock.setObjectName("review")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        if beside is not None:
            window.tabifyDockWidget(beside, self.dock)
        self.open_action = self._action("Open review &queue", self.open_queue, "Ctrl+Shift+R",
                                        local=False)
        self.next_action = self._action("&Next item", lambda: self.panel.step(1), "J",
                                        button="Next")
        self.previous_action = self._action("&Previous item", lambda: self.panel.step(-1), "K",
                                            button="Previous")
        self.confirm_action = self._action(
            "&Confirm flag", lambda: self.decide_flag(FlagStatus.CONFIRMED), "C", button="Confirm")
        self.dismiss_action = self._action(
            "&Dismiss flag", lambda: self.decide_flag(FlagStatus.DISMISSED), "D", button="Dismiss")
        self.reopen_action = self._action("&Reopen", self.reopen, "R", button="Reopen")
        self.note_action = self._action("&Write a note", self.write_note, "N")
        self.other_action = self._action("Show the &other side", self.show_other_side, "O")
        self.filter_action = self._action("&Filters", self.panel.state.setFocus, "F")
        self.verdict_actions = {
            verdict: self._action(verdict, partial(self.set_verdict, verdict), key)
            for verdict, key in VERDICT_KEYS}
        self.buttons = [self._button(a) for a in
                        (self.previous_action, self.next_action, self.confirm_action,
                         self.dismiss_action, self.reopen_action)]
        self._other_side = False
        self.panel.sig_item_changed.connect(self._item_changed)
        self.panel.sig_passage_requested.connect(self._show_passage)
        self.panel.sig_title_changed.connect(self.dock.setWindowTitle)
        self.panel.set_buttons(self.buttons)

    def _action(self, text: str, slot: Callable[[], object], key: str, *, local: bool = True,
                button: str | None = None) -> QAction:
        """A command with its key. ``local`` keys answer only while the queue has the focus
        (a letter typed elsewhere stays a letter)."""
        action = QAction(text, self.panel if local else self.window)
        action.setShortcut(QKeySequence(key))
        if local:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.panel.addAction(action)
        if button is not None:
            action.setIconText(f"{button} ({key})")
        action.triggered.connect(lambda _checked=False: slot())
        return action

    @staticmethod
    def _button(action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the list keeps the keyboard
        return button

    def add_menu(self, menu_bar: QMenuBar) -> QMenu:
        """The Review menu: every command of the queue with its key."""
        menu = menu_bar.addMenu("Revie&w")
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addActions([self.next_action, self.previous_action, self.other_action,
                         self.filter_action])
        menu.addSeparator()
        menu.addActions([self.confirm_action, self.dismiss_action, self.reopen_action])
        verdicts = menu.addMenu("Set &verdict and mark reviewed")
        verdicts.addActions(list(self.verdict_actions.values()))
        menu.addAction(self.note_action)
        return menu

    # -- moving -------------------------------------------------------------------------------

    def open_queue(self) -> None:
        """Show the queue and give it the keyboard, on its current item (or the first)."""
        self.dock.show()
        self.dock.raise_()
        self.panel.view.setFocus()
        item = self.panel.current_item()
        if item is None:
            self.panel.step(1)
        else:
            self.window.show_claim(item.claims[0].id)

    def _item_changed(self, item: ReviewItem | None) -> None:
        self._other_side = False
        writable = not self.window.project.read_only  # a read-only project takes no decision
        is_flag = writable and item is not None and item.kind is ReviewItemKind.FLAG
        is_claim = writable and item is not None and item.kind is ReviewItemKind.CLAIM
        self.confirm_action.setEnabled(is_flag and item is not None
                                       and item.status != FlagStatus.CONFIRMED)
        self.dismiss_action.setEnabled(is_flag and item is not None
                                       and item.status != FlagStatus.DISMISSED)
        self.reopen_action.setEnabled(writable and item is not None and not item.open)
        self.other_action.setEnabled(item is not None and item.kind is ReviewItemKind.FLAG)
        self.note_action.setEnabled(writable and item is not None)
        for action in self.verdict_actions.values():
            action.setEnabled(is_claim)

    def _show_passage(self, claim_id: str) -> None:
        self.window.show_claim(claim_id)

    def show_other_side(self) -> None:
        """Show in the reader the flag's other claim (again: back to the first)."""
        item = self.panel.current_item()
        if item is None or len(item.claims) < 2:
            return
        self._other_side = not self._other_side
        self.window.show_claim(item.claims[1 if self._other_side else 0].id)

    def write_note(self) -> None:
        """Put the keyboard in the note; Enter brings it back to the list."""
        self.panel.note.setFocus()
        self.panel.note.selectAll()

    # -- deciding -----------------------------------------------------------------------------

    def _decide(self, text: str, apply: Callable[[str, str], Changes]) -> None:
        item = self.panel.current_item()
        if item is None:
            return
        note, item_id = self.panel.note.text(), item.id
        self.window._push(text, lambda: apply(item_id, note))
        self.panel.view.setFocus()

    def decide_flag(self, status: FlagStatus) -> None:
        """Confirm, dismiss or reopen the current flag, with the note written."""
        item = self.panel.current_item()
        if item is None or item.kind is not ReviewItemKind.FLAG:
            return
        self._decide(FLAG_DECISIONS[status], lambda flag_id, note: self.project.flags.resolve(
            flag_id, status=status, note=note).changes)

    def set_verdict(self, verdict: str) -> None:
        """Give the current claim a verdict and mark it reviewed, with the note written."""
        item = self.panel.current_item()
        if item is None or item.kind is not ReviewItemKind.CLAIM:
            return
        self._decide(f"Verdict: {verdict}", lambda claim_id, note: self.project.claims.edit(
            claim_id, verdict=verdict, status=ReviewStatus.REVIEWED, note=note).changes)

    def reopen(self) -> None:
        """Put a decided item back in the queue: a flag opened again, a claim back to
        "needs review"."""
        item = self.panel.current_item()
        if item is None:
            return
        if item.kind is ReviewItemKind.FLAG:
            self.decide_flag(FlagStatus.OPEN)
            return
        self._decide("Back to review", lambda claim_id, note: self.project.claims.edit(
            claim_id, status=ReviewStatus.NEEDS_REVIEW, note=note).changes)
