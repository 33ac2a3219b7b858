"""Projects in the app: which one opens at start, File > New / Open / Recent projects,
switching the window to another project, and what happens when one cannot be opened.

The folders are the services' business (:mod:`desktop_app.services.recent` keeps the recent
list and says where a project starts); this module only asks and shows. The window's layout
is saved when it closes or is replaced, and given to the next window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, QObject, QRect, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QSplitter, QWidget

from desktop_app.core.errors import FactdeskError
from desktop_app.services import Project, open_project
from desktop_app.services.recent import (
    RecentProjects,
    check_new_project_folder,
    project_at_start,
)
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.places import start_in
from desktop_app.ui.project_dialog import ProjectChoice, ProjectDialog
from desktop_app.ui.window_layout import WindowLayout
from desktop_app.ui.workers import wait_for_workers

FolderPicker = Callable[[QWidget | None, str], Path | None]
#: Opens a project: the folder, and whether a missing or empty folder may become one.
Opener = Callable[[Path, bool], Project]


def pick_folder(parent: QWidget | None, caption: str) -> Path | None:
    """Ask for a folder with the desktop's folder dialog; None when cancelled."""
    name = QFileDialog.getExistingDirectory(parent, caption, start_in())
    return Path(name) if name else None


def new_folder_dialog(parent: QWidget | None, caption: str) -> QFileDialog:
    """A dialog in which a person types the name of a folder to be made (a folder dialog
    only takes one that exists): in save mode, showing folders only, its button "Create"."""
    dialog = QFileDialog(parent, caption, str(start_in()))
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
    dialog.setFilter(QDir.Filter.AllDirs | QDir.Filter.NoDotAndDotDot | QDir.Filter.Drives)
    dialog.setNameFilter("Folders (*)")
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "&Create")
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, "&Project folder:")
    return dialog


def pick_new_folder(parent: QWidget | None, caption: str) -> Path | None:
    """Ask for the name of a new project folder (made when the project is); None when
    cancelled."""
    dialog = new_folder_dialog(parent, caption)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return Path(dialog.selectedFiles()[0])


def window_splitters(window: QMainWindow) -> dict[str, QSplitter]:
    """The window's splitters by name: the central one, and every other that has an
    object name (an unnamed one cannot be told apart from the next window's)."""
    found: dict[str, QSplitter] = {}
    central = window.centralWidget()
    if isinstance(central, QSplitter):
        found["central"] = central
    for splitter in window.findChildren(QSplitter):
        if splitter is not central and splitter.objectName():
            found[splitter.objectName()] = splitter
    return found


def _new_folder_problem(folder: Path) -> str:
    try:
        check_new_project_folder(folder)
    except FactdeskError as exc:
        return str(exc)
    return ""


class Desk(QObject):
    """The app's open project and its window.

    :meth:`open_at_start` opens the project named on the command line, else the last one
    opened, else the default; :meth:`open` opens another in its place. A project that
    cannot be opened (made by a newer Factdesk, damaged, read-only where it must be
    written) brings up a :class:`ProjectDialog` that says why and offers another; the
    window and project already open stay as they were until another one did open.
    """

    sig_window_changed = Signal(object)
    """A new window shows a project: carries the MainWindow."""

    def __init__(self, *, recent: RecentProjects | None = None,
                 layout: WindowLayout | None = None,
                 picker: FolderPicker | None = None,
                 new_picker: FolderPicker | None = None,
                 opener: Opener | None = None,
                 available: QRect | None = None, fill_later: bool = False) -> None:
        """``fill_later``: each window reads its library in the background (the app)."""
        super().__init__()
        self.fill_later = fill_later
        self.recent = recent if recent is not None else RecentProjects.load()
        self.layout = layout if layout is not None else WindowLayout()
        self.picker = picker or pick_folder
        # a new project's folder is named, not picked (tests answer both with one picker)
        self.new_picker = new_picker or picker or pick_new_folder
        self._opener: Opener = opener or (lambda folder, create: open_project(
            folder, create=create))
        self._available = available
        self.window: MainWindow | None = None
        self.project: Project | None = None
        self.dialog: ProjectDialog | None = None
        self.dialog_hook: Callable[[ProjectDialog], None] | None = None
        """Called with each ProjectDialog before it runs (tests answer it there)."""

    # -- opening ------------------------------------------------------------------------------

    def open_at_start(self, named: Path | None = None) -> bool:
        """Open the start project (see :func:`project_at_start`); a missing one is made.
        False when none could be opened and the person chose to quit."""
        return self.open(project_at_start(named, self.recent), create=True)

    def open(self, folder: Path, *, create: bool = False) -> bool:
        """Open the project in ``folder`` in the window (replacing the one shown). When it
        cannot be opened, the dialog says why and offers another until one opens or the
        person gives up (False; the project shown, if any, stays)."""
        choice: ProjectChoice | None = ProjectChoice(folder, create)
        while choice is not None:
            try:
                project = self._opener(choice.folder, choice.create)
            except FactdeskError as exc:
                choice = self.offer_another(choice.folder, str(exc))
                continue
            try:
                self._show(project)
            except FactdeskError as exc:  # opened, but its records cannot be read
                project.close()
                choice = self.offer_another(choice.folder, str(exc))
                continue
            return True
        return False

    def offer_another(self, folder: Path, reason: str) -> ProjectChoice | None:
        """The dialog for a project that cannot be opened; the choice made, or None."""
        absolute = folder.expanduser().absolute()
        others = [f for f in self.recent.folders if f != absolute and f.is_dir()]
        self.dialog = ProjectDialog(
            folder, reason, others, parent=self.window,
            pick_folder=lambda caption: self.picker(self.dialog, caption),
            check_new=_new_folder_problem,
            quit_text="&Cancel" if self.window is not None else "&Quit")
        if self.dialog_hook is not None:
            self.dialog_hook(self.dialog)  # answered there, as a person would
        else:
            self.dialog.exec()
        return self.dialog.choice

    def _show(self, project: Project) -> None:
        old_window, old_project = self.window, self.project
        if old_window is not None:
            self.save_layout()
        # Reading the library at once, a damaged page fails here; in the background, the
        # window offers another project when it does.
        window = MainWindow(project, fill_later=self.fill_later)
        window.library.sig_fill_failed.connect(
            lambda message: self._unreadable(project, message))
        if project.read_only:
            window.setWindowTitle(f"{window.windowTitle()} (read-only)")
        self.layout.restore(window, window_splitters(window), self._available)
        self.add_menu(window)
        window.installEventFilter(self)
        self.window, self.project = window, project
        self.recent.remember(project.folder)
        if self.layout.maximized():
            window.showMaximized()
        else:
            window.show()
            self.layout.keep_on_screen(window, self._available)
        self.sig_window_changed.emit(window)
        if old_window is not None:
            old_window.removeEventFilter(self)
            old_window.close()
            old_window.deleteLater()
        if old_project is not None:
            wait_for_workers()  # work on the old project ends before it is closed
            old_project.close()

    def _unreadable(self, project: Project, message: str) -> None:
        """The project opened but its articles cannot be read: say so, offer another."""
        if project is not self.project:
            return
        choice = self.offer_another(project.folder, message)
        if choice is not None:
            self.open(choice.folder, create=choice.create)

    def close(self) -> None:
        """Close the project (the window is closed by then, or is being)."""
        if self.project is not None:
            wait_for_workers()
            self.project.close()
            self.project = None

    # -- the layout ---------------------------------------------------------------------------

    def save_layout(self) -> None:
        """Keep the window's size, place, docks and splitters for next time."""
        if self.window is not None:
            self.layout.save(self.window, window_splitters(self.window))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save_layout()
        return False

    # -- the File menu ------------------------------------------------------------------------

    def add_menu(self, window: MainWindow) -> None:
        """New project, Open project and Recent projects, at the top of the File menu."""
        file_menu = next(a.menu() for a in window.menuBar().actions()
                         if isinstance(a.menu(), QMenu))
        assert isinstance(file_menu, QMenu)
        first = file_menu.actions()[0]  # the window's File menu always has commands
        new = QAction("&New project…", window)
        new.triggered.connect(self.new_project)
        opening = QAction("&Open project…", window)
        opening.triggered.connect(self.open_project)
        recent = QMenu("Recen&t projects", window)
        recent.aboutToShow.connect(lambda: self._fill_recent(recent))
        self._fill_recent(recent)
        file_menu.insertActions(first, [new, opening])
        file_menu.insertMenu(first, recent)
        file_menu.insertSeparator(first)
        window.recent_menu = recent  # type: ignore[attr-defined]  # found by tests

    def _fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        current = self.project.folder.absolute() if self.project is not None else None
        for number, folder in enumerate(self.recent.folders, start=1):
            name = str(folder).replace("&", "&&")  # an & in a path is not a mnemonic
            action = menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setEnabled(folder != current)
            action.triggered.connect(lambda _=False, f=folder: self.open(f))
        if not self.recent.folders:
            menu.addAction("(none yet)").setEnabled(False)

    def new_project(self) -> bool:
        """Ask for a new or empty folder and open a new project there."""
        folder = self.new_picker(self.window, "Name a new folder for the project")
        if folder is None:
            return False
        problem = _new_folder_problem(folder)
        if problem:
            choice = self.offer_another(folder, problem)
            return choice is not None and self.open(choice.folder, create=choice.create)
        return self.open(folder, create=True)

    def open_project(self) -> bool:
        """Ask for a project folder and open it."""
        folder = self.picker(self.window, "Open a Factdesk project folder")
        return folder is not None and self.open(folder)
