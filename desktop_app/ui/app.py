"""Starting the desktop app: one QApplication, one project, one main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.core.errors import FactdeskError
from desktop_app.services import open_project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.workers import wait_for_workers

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "sample_articles"


def sample_folder() -> Path | None:
    """The sample articles shipped with Factdesk (beside the package, or in a frozen app)."""
    frozen = Path(getattr(sys, "_MEIPASS", "")) / "resources" / "sample_articles"
    for candidate in (frozen, SAMPLES):
        if candidate.is_dir():
            return candidate
    return None


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
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Factdesk")
    try:
        project = open_project(folder)
    except FactdeskError as exc:
        QMessageBox.critical(None, "Factdesk", str(exc))
        return 2
    window = MainWindow(project)
    window.show()
    window.ensure_index()
    offer_samples(window)
    try:
        return app.exec()
    finally:
        # Background work finishes, and its end is delivered, before the project it writes
        # to is closed.
        wait_for_workers()
        project.close()
