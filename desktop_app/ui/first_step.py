"""The guided first step: once the sample articles are loaded, a strip across the top of the
window points at Check, and once the check has run, at the flags it raised. Non-modal, closed
with one click, and never shown again once closed or finished (kept in the user's window
settings)."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QWidget,
)

from desktop_app.ui.strip import add_top_strip

DONE_KEY = "first_step/done"


class Step(StrEnum):
    """Where the guided first step stands."""

    CHECK = "check"
    """The samples are in: press Check."""
    FLAGS = "flags"
    """The check ran: look at the flags."""


class FirstStepBanner(QFrame):
    """One line of guidance and the button that does what it says, plus Close."""

    sig_check_requested = Signal()
    """The person pressed the banner's "Find disagreements"."""
    sig_flags_requested = Signal()
    """The person pressed the banner's "Show the flags"."""
    sig_close_requested = Signal()
    """The person closed the banner (it is not shown again)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_step_banner")
        # Colours named from the palette, so the strip reads in light and dark themes.
        self.setStyleSheet("QFrame#first_step_banner { background: palette(alternate-base); "
                           "border: 1px solid palette(highlight); border-radius: 4px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.step: Step | None = None
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.action = QPushButton()
        self.action.clicked.connect(self._act)
        self.close_button = QPushButton("Close &guide")
        self.close_button.setToolTip("Close this guide; it is not shown again")
        self.close_button.clicked.connect(self.sig_close_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action)
        layout.addWidget(self.close_button)

    def show_step(self, step: Step, flags: int = 0) -> None:
        """Say what to do next: press Check, or look at the ``flags`` it raised."""
        self.step = step
        if step is Step.CHECK:
            self.label.setText(
                "The sample articles are loaded: five outlets telling one story. Step 1: "
                "press Check > Find disagreements (Ctrl+K) to see where they disagree.")
            self.action.setText("Find dis&agreements")
        else:
            found = f"{flags} disagreement{'s' if flags != 1 else ''}"
            self.label.setText(
                f"Step 2: the check found {found}. They are listed in the Flags panel at the "
                "bottom: click one to read both passages side by side, then confirm or "
                "dismiss it.")
            self.action.setText("Show the f&lags")

    def _act(self) -> None:
        if self.step is Step.CHECK:
            self.sig_check_requested.emit()
        elif self.step is Step.FLAGS:
            self.sig_flags_requested.emit()


class FirstStep:
    """Puts the banner in a window once the samples are loaded and moves it along.

    ``settings`` remembers that the guide was closed or finished, so it is shown once per
    user. The window is a MainWindow (its ``start_check``, ``show_flags``, ``flag_panel``
    and ``check_action`` are used).
    """

    def __init__(self, window: QMainWindow, settings: QSettings) -> None:
        self.window = window
        self.settings = settings
        self.banner: FirstStepBanner | None = None
        self.bar: QToolBar | None = None

    def done(self) -> bool:
        """Whether the guide was already closed or finished."""
        return str(self.settings.value(DONE_KEY, "false")).lower() == "true"

    def start(self) -> FirstStepBanner | None:
        """Show step 1 (press Check), unless the guide was done before."""
        if self.done() or self.banner is not None:
            return self.banner
        window = self.window
        banner = FirstStepBanner()
        banner.sig_check_requested.connect(window.start_check)  # type: ignore[attr-defined]
        banner.sig_flags_requested.connect(self._show_flags)
        banner.sig_close_requested.connect(self.finish)
        bar = add_top_strip(window, "Guide", "first_step", banner)
        self.banner, self.bar = banner, bar
        banner.show_step(Step.CHECK)
        # The check ends by refilling the flags panel, whether started here or from the menu.
        window.flag_panel.flags.modelReset.connect(self._checked)  # type: ignore[attr-defined]
        return banner

    def _checked(self) -> None:
        if self.banner is None or self.banner.step is not Step.CHECK:
            return
        if not self.window.check_action.isEnabled():  # type: ignore[attr-defined]
            return  # a refresh while the check still runs
        flags = self.window.flag_panel.flags.rowCount()  # type: ignore[attr-defined]
        if flags:
            self.banner.show_step(Step.FLAGS, flags)

    def _show_flags(self) -> None:
        self.window.show_flags()  # type: ignore[attr-defined]
        self.finish()

    def finish(self) -> None:
        """Close the banner for good."""
        self.settings.setValue(DONE_KEY, True)
        self.settings.sync()
        if self.bar is not None:
            self.window.removeToolBar(self.bar)
            self.bar.deleteLater()
        self.banner, self.bar = None, None
