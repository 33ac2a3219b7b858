"""The window's size, place, docks and splitters: saved per user, restored on the screen the
window opens on, and never larger than that screen.

Kept in Qt's per-user settings (``QSettings``, INI format: ``~/.config/Factdesk/window.ini`` on
Linux). Only layout is kept there; which project is open is the services' business
(:mod:`desktop_app.services.recent`). Sizes are in device-independent pixels.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QSplitter

#: The size the window asks for the first time, when the screen has room for it.
PREFERRED_SIZE = QSize(1500, 900)
#: The share of the screen's free area a first window takes at most on each side.
FIRST_SHARE = 0.9
#: Bumped when the saved dock layout can no longer be read by the window.
LAYOUT_VERSION = 1


def user_settings() -> QSettings:
    """The user's window settings (INI file in the user config folder)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                     "Factdesk", "window")


def first_size(available: QRect) -> QSize:
    """The window's size at its very first start: the preferred 1500x900, shrunk to at most
    90% of the screen's free area (``available``: the screen less task bars and docks)."""
    width = min(PREFERRED_SIZE.width(), int(available.width() * FIRST_SHARE))
    height = min(PREFERRED_SIZE.height(), int(available.height() * FIRST_SHARE))
    return QSize(max(width, 1), max(height, 1))


def centred(size: QSize, available: QRect) -> QRect:
    """A rectangle of ``size`` in the middle of ``available``."""
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(available.center())
    return clamp_to_screen(rect, available)


def clamp_to_screen(rect: QRect, available: QRect,
                    frame: tuple[int, int, int, int] = (0, 0, 0, 0)) -> QRect:
    """``rect`` (the window's inside, without its frame) moved and, when it must be,
    shrunk so that the whole window, frame included, lies inside ``available``.

    ``frame`` is the frame's thickness (left, top, right, bottom) as the window system
    draws it; (0, 0, 0, 0) before the window was first shown. A saved layout from a larger
    screen therefore comes back whole on a smaller one: nothing (the status bar, the title
    bar) ends up off screen.
    """
    left, top, right, bottom = frame
    room = available.adjusted(left, top, -right, -bottom)
    width = max(1, min(rect.width(), room.width()))
    height = max(1, min(rect.height(), room.height()))
    x = min(max(rect.x(), room.left()), room.left() + room.width() - width)
    y = min(max(rect.y(), room.top()), room.top() + room.height() - height)
    return QRect(x, y, width, height)


def screen_for(rect: QRect | None) -> QScreen:
    """The screen a window at ``rect`` would open on: the one under its centre, else the
    primary screen."""
    screen = QGuiApplication.screenAt(rect.center()) if rect is not None else None
    return screen or QGuiApplication.primaryScreen()


def _frame(window: QMainWindow) -> tuple[int, int, int, int]:
    outer, inner = window.frameGeometry(), window.geometry()
    if not window.isVisible() or outer == inner:
        return (0, 0, 0, 0)
    return (inner.left() - outer.left(), inner.top() - outer.top(),
            outer.right() - inner.right(), outer.bottom() - inner.bottom())


class WindowLayout:
    """Saves and restores one window's geometry, docks and splitters in ``settings``.

    Tests hand in a ``QSettings`` on a file of their own; the app uses
    :func:`user_settings`.
    """

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else user_settings()

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        """Keep the window's normal (not maximised) rectangle, whether it was maximised,
        its docks and toolbars, and each named splitter's sizes."""
        normal = window.normalGeometry() if window.isMaximized() else window.geometry()
        settings = self.settings
        settings.setValue("window/rect", [normal.x(), normal.y(), normal.width(),
                                          normal.height()])
        settings.setValue("window/maximized", window.isMaximized())
        settings.setValue("window/layout_version", LAYOUT_VERSION)
        settings.setValue("window/state", window.saveState(LAYOUT_VERSION))
        for name, splitter in splitters.items():
            settings.setValue(f"splitters/{name}", splitter.saveState())
        settings.sync()

    def saved_rect(self) -> QRect | None:
        """The window rectangle saved last time, if a readable one was."""
        value = self.settings.value("window/rect")
        try:
            x, y, width, height = (int(v) for v in value)
        except (TypeError, ValueError):
            return None
        return QRect(x, y, width, height) if width > 0 and height > 0 else None

    def place(self, window: QMainWindow, available: QRect | None = None) -> QRect:
        """Give the window its saved rectangle clamped to the screen it opens on (or the
        first size, centred); ``available`` stands for that screen's free area (tests pass
        a small one). Returns the rectangle given."""
        saved = self.saved_rect()
        if available is None:
            available = screen_for(saved).availableGeometry()
        rect = (clamp_to_screen(saved, available, _frame(window)) if saved is not None
                else centred(first_size(available), available))
        window.setGeometry(rect)
        return rect

    def keep_on_screen(self, window: QMainWindow, available: QRect | None = None) -> QRect:
        """Once the window is shown and its frame is known, move or shrink it so that the
        frame too is on the screen (``available``: that screen's free area)."""
        if available is None:
            available = screen_for(window.geometry()).availableGeometry()
        rect = clamp_to_screen(window.geometry(), available, _frame(window))
        if rect != window.geometry():
            window.setGeometry(rect)
        return rect

    def restore(self, window: QMainWindow, splitters: dict[str, QSplitter],
                available: QRect | None = None) -> QRect:
        """Place the window (see :meth:`place`) and bring back its docks and splitters."""
        rect = self.place(window, available)
        if self.settings.value("window/layout_version") == LAYOUT_VERSION or \
                str(self.settings.value("window/layout_version")) == str(LAYOUT_VERSION):
            state = self.settings.value("window/state")
            if isinstance(state, QByteArray):
                window.restoreState(state, LAYOUT_VERSION)
        for name, splitter in splitters.items():
            state = self.settings.value(f"splitters/{name}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        return rect

    def maximized(self) -> bool:
        """Whether the window was maximised when it was saved."""
        return str(self.settings.value("window/maximized", "false")).lower() == "true"
