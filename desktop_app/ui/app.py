"""Starting the desktop app: one QApplication, one project, one main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.errors import FactdeskError
from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.plain import message_box
from desktop_app.ui.workers import wait_for_workers

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SAMPLES = RESOURCES / "sample_articles"

# Set to 1, the app opens its window, prints one line naming it on stdout and closes again at
# once: how the installer's smoke test proves the frozen app can start (no user to answer).
QUIT_AFTER_START_ENV = "FACTDESK_QUIT_AFTER_START"


def resource(relative: str) -> Path | None:
    """A file or folder under ``resources/``, in a frozen app or beside a source checkout.

    A frozen app (PyInstaller) unpacks them under ``sys._MEIPASS``; None when neither has it
    (an installed wheel carries no resources).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    roots = ([Path(frozen) / "resources"] if frozen else []) + [RESOURCES]
    for root in roots:
        candidate = root / relative
        if candidate.exists():
            return candidate
    return None


def sample_folder() -> Path | None:
    """The sample articles shipped with Factdesk (beside the package, or in a frozen app)."""
    samples = resource("sample_articles")
    return samples if samples is not None and samples.is_dir() else None


def offer_samples(window: MainWindow) -> None:
    """On a new, empty project, offer to load the sample articles."""
    samples = sample_folder()
    if samples is None or window.project.articles.list():
        return
    answer = QMessageBox.question(
        window, "Welcome to Factdesk",
        "This project is empty. Load the sample articles (one invented story told by "
        "several outlets that disagree) to try Factdesk?")
    if answer == QMessageBox.StandardButton.Yes:
        window.start_import([samples])


def run_app(folder: Path | None) -> int:
    """Open the project in a window and run until it closes."""
    # Factdesk only ever makes a QApplication; instance() is typed as its base class.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Factdesk")
    # Matches factdesk.desktop, so desktops (Wayland in particular) show the menu entry's icon.
    app.setDesktopFileName("factdesk")
    icon = resource("icons/factdesk.png")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    try:
        project = open_project(folder)
    except FactdeskError as exc:
        message_box(None, QMessageBox.Icon.Critical, str(exc)).exec()
        return 2
    window = MainWindow(project)
    window.show()
    window.ensure_index()
    if os.environ.get(QUIT_AFTER_START_ENV) == "1":
        QTimer.singleShot(0, lambda: _announce_and_close(window))
    else:
        offer_samples(window)
    try:
        return app.exec()
    finally:
        # Background work finishes, and its end is delivered, before the project it writes
        # to is closed.
        wait_for_workers()
        project.close()


def _announce_and_close(window: MainWindow) -> None:
    """Print that the window is up (its title and whether it is visible), then close it."""
    state = "shown" if window.isVisible() else "not shown"
    print(f"factdesk: window {state}: {window.windowTitle()}", flush=True)
    window.close()
