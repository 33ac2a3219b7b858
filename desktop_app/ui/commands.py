"""Every user edit is one :class:`ChangeCommand` on the window's QUndoStack. It holds the
change the services made and nothing else: undo asks the services for the change's exact
inverse (``History.undo``), redo for the inverse of that."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from desktop_app.core.errors import FactdeskError
from desktop_app.core.models import Changes
from desktop_app.services.history import History

Refresh = Callable[[Changes], None]


class ChangeCommand(QUndoCommand):
    """A change made through the services. It is applied before it reaches the stack
    (:meth:`first`), so an edit the services refuse never lands there; an undo or redo the
    project no longer allows (a record changed since) is reported and the command leaves the
    stack, rather than leaving the view and the project at odds."""

    def __init__(self, text: str, history: History, apply: Callable[[], Changes],
                 refresh: Refresh, report: Callable[[str], None]) -> None:
        super().__init__(text)
        self._history, self._apply, self._refresh, self._report = history, apply, refresh, report
        self._changes = Changes()
        self._skip_redo = False

    def first(self) -> bool:
        """Apply the edit now; True when it changed something (worth an undo step).

        Raises:
            FactdeskError: the services refused the edit; nothing changed.
        """
        self._changes = self._apply()
        self._refresh(self._changes)
        self._skip_redo = bool(self._changes.rows)
        return self._skip_redo

    def redo(self) -> None:
        if self._skip_redo:  # the stack's first redo: already applied by first()
            self._skip_redo = False
            return
        self._step(redo=True)

    def undo(self) -> None:
        self._step(redo=False)

    def _step(self, *, redo: bool) -> None:
        try:
            self._changes = self._history.undo(self._changes, redo=redo)
        except FactdeskError as exc:
            self.setObsolete(True)
            self._report(f"{self.text()} could not be {'redone' if redo else 'undone'}: {exc}")
            return
        self._refresh(self._changes)
