"""Starting the desktop app: one QApplication, a window at once, then the project.

Start-up is in two steps so that a window shows as fast as a bare Qt window does: the first
imports only Qt and shows a light start window where the main window will be; the heavy
modules (the services, SQLAlchemy, the search engine, the window's panels) load once the event
loop runs, the project opens, and the main window takes the start window's place.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from desktop_app.ui.window_layout import WindowLayout

if TYPE_CHECKING:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.projects import Desk

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


def quicken_pyside_imports() -> None:
    """Make PySide6's check of every module imported after it cheaper.

    Once PySide6 is loaded, each later import asks ``shibokensupport.feature
    ._mod_uses_pyside(module)`` whether the module's source names "PySide6" (for its
    ``__feature__`` switches, PYSIDE-2029), through ``inspect.getsource``: tokenising the
    source of every module SQLAlchemy and the services bring in, a fifth of the imports'
    time at start-up (profile in the README). The same question is answered here from the
    file's bytes; anything that is not a plain ``.py`` file goes to PySide's own check. A
    PySide6 without that function is left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "factdesk", False):
        return

    def uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    uses_pyside.factdesk = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


def offer_samples(window: MainWindow) -> None:
    """On a new, empty project, offer to load the sample articles; once they are in, the
    guided first step points at Check and then at the flags (once per user)."""
    samples = sample_folder()
    if samples is None or window.library.articles.rowCount():
        return  # the library was just filled: no second listing of the articles
    answer = QMessageBox.question(
        window, "Welcome to Factdesk",
        "This project is empty. Load the sample articles (one invented story told by "
        "several outlets that disagree) to try Factdesk?")
    if answer == QMessageBox.StandardButton.Yes:
        load_samples(window, samples)


def load_samples(window: MainWindow, samples: Path, settings: QSettings | None = None) -> None:
    """Import ``samples`` in the background; when they are in, start the guided first step
    (``settings``: where it is remembered as done; default the user's window settings)."""
    from desktop_app.ui.first_step import FirstStep
    from desktop_app.ui.window_layout import user_settings
    from desktop_app.ui.workers import Outcome

    guide = FirstStep(window, settings if settings is not None else user_settings())
    window.first_step = guide  # type: ignore[attr-defined]  # kept as long as the window
    worker = window.start_import([samples])
    worker.sig_work_finished.connect(
        lambda end: guide.start() if end.outcome is Outcome.DONE else None)


class StartWindow(QMainWindow):
    """What shows while the project opens: the main window's title, size and place, and a
    line saying which project is being opened. Only Qt is loaded to show it."""

    def __init__(self, layout: WindowLayout, folder: Path | None,
                 database: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle("Factdesk")
        name = "the shared project" if database else folder.name if folder else "the project"
        label = QLabel(f"Opening {name}…")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        layout.place(self)


def run_app(folder: Path | None, database: str | None = None) -> int:
    """Show a window, open the project in it (the shared project at ``database``, a
    ``postgresql://`` URL, else ``folder``, else the last one opened, else the default) and
    run until it closes. Returns the exit status: 2 when no project could be opened."""
    # Factdesk only ever makes a QApplication; instance() is typed as its base class.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Factdesk")
    # Matches factdesk.desktop, so desktops (Wayland in particular) show the menu entry's icon.
    app.setDesktopFileName("factdesk")
    icon = resource("icons/factdesk.png")
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    layout = WindowLayout()
    start = StartWindow(layout, folder, database)
    if layout.maximized():
        start.showMaximized()
    else:
        start.show()
        layout.keep_on_screen(start)
    opened: list[Desk] = []
    if database:
        QTimer.singleShot(0, lambda: _open_shared(app, start, database))
    else:
        QTimer.singleShot(0, lambda: _open(app, start, layout, folder, opened))
    try:
        code = app.exec()
    finally:
        if opened:
            # Background work finishes, and its end is delivered, before the project it
            # writes to is closed.
            opened[0].close()
    return code


def _open(app: QApplication, start: StartWindow, layout: WindowLayout, folder: Path | None,
          opened: list[Desk]) -> None:
    """The second step: load the heavy modules, open the project, swap the windows."""
    quicken_pyside_imports()
    from desktop_app.ui.projects import Desk

    quit_after_start = os.environ.get(QUIT_AFTER_START_ENV) == "1"
    desk = Desk(layout=layout, fill_later=True)
    opened.append(desk)
    desk.sig_window_changed.connect(check_index)
    if quit_after_start:  # nobody to answer a dialog: say why and stop
        desk.dialog_hook = lambda dialog: print(f"factdesk: {dialog.reason.text()}",
                                                file=sys.stderr, flush=True)
    if not desk.open_at_start(folder):
        start.close()
        app.exit(2)
        return
    start.close()
    window = desk.window
    assert window is not None
    if quit_after_start:
        QTimer.singleShot(0, lambda: _announce_and_close(window))
    else:  # an empty project is known once its library was read
        window.library.sig_library_filled.connect(lambda: offer_samples(window))


def _open_shared(app: QApplication, start: StartWindow, database: str) -> None:
    """The second step for a shared project: open it (the password from the URL or the
    keyring, else asked for) in its own window; the app ends when that window closes, or
    with status 2 when the person gives up."""
    quicken_pyside_imports()
    from desktop_app.core.errors import FactdeskError
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.shared_project import open_shared_project

    quit_after_start = os.environ.get(QUIT_AFTER_START_ENV) == "1"
    try:  # nobody to answer a dialog after start-up alone: a refusal is printed instead
        window = open_shared_project(None, MainWindow, database, ask=not quit_after_start)
    except FactdeskError as exc:
        print(f"factdesk: {exc}", file=sys.stderr, flush=True)
        window = None
    start.close()
    if window is None:
        app.exit(2)
        return
    if quit_after_start:
        QTimer.singleShot(0, lambda: _announce_and_close(window))


def check_index(window: MainWindow) -> None:
    """Whether the project's search index is current is asked off the GUI thread (opening
    a large Whoosh index takes a quarter of a second or more); a stale one is rebuilt in the
    background as before."""
    from desktop_app.ui.workers import Outcome, Worker, plain

    worker = Worker(plain(window.project.search.is_current))
    worker.sig_work_finished.connect(
        lambda end: window.start_reindex()
        if end.outcome is Outcome.DONE and not end.result and window.isVisible() else None)
    worker.start()


def _announce_and_close(window: QMainWindow) -> None:
    """Print that the window is up (its title and whether it is visible), then close it."""
    state = "shown" if window.isVisible() else "not shown"
    print(f"factdesk: window {state}: {window.windowTitle()}", flush=True)
    window.close()
