"""How long work reports how far it got and learns that it should stop: two plain callables
a use case takes (the app passes its worker's, the command line none), so that nothing below
the window knows about threads or Qt.

- ``progress(done, total, label)``: ``done`` steps of ``total`` (None when not yet known),
  ``label`` a few words for a person ("Reading articles"); it returns at once.
- ``cancelled()``: True once someone asked the work to stop. Work that can stop looks at it
  between whole items and stops there, never in the middle of one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from desktop_app.core.errors import WorkCancelled


class ReportProgress(Protocol):
    """What long work calls to say how far it got."""

    def __call__(self, done: int, total: int | None = None, label: str = "") -> None: ...


CancelCheck = Callable[[], bool]
"""What long work calls to learn whether it was asked to stop."""


def no_progress(done: int, total: int | None = None, label: str = "") -> None:
    """Progress nobody watches (the default of every use case)."""


def never_cancelled() -> bool:
    """The cancel check of work nobody can stop (the default of every use case)."""
    return False


def stop_if(cancelled: CancelCheck, message: str) -> None:
    """Stop here when a cancel was asked for.

    Raises:
        WorkCancelled: ``cancelled()`` is true; carries ``message`` (what was not written).
    """
    if cancelled():
        raise WorkCancelled(message)
