"""Which project folders the user opened lately, and which one the app opens at start.

The list lives in ``recent.json`` beside ``settings.json`` in the user config folder (the
same folder :class:`~desktop_app.services.settings.Settings` reads): one JSON list of
absolute folder paths, most recent first. It holds paths only, never project data, so a
lost or damaged file costs nothing but the list.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.core.errors import ProjectError
from desktop_app.services.settings import PROJECT_ENV, Settings, default_project_path

#: How many folders File > Recent projects keeps.
MAX_RECENT = 8


@dataclass
class RecentProjects:
    """The recent project folders, most recent first, kept in the file at ``path``."""

    path: Path
    folders: list[Path] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> RecentProjects:
        """Read the list (default: ``recent.json`` beside the user's ``settings.json``).

        A missing or unreadable file is an empty list: it is only a convenience.
        """
        if path is None:
            path = Settings.load().path.with_name("recent.json")
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            values = []
        folders: list[Path] = []
        if isinstance(values, list):
            for value in values:
                if isinstance(value, str) and value and Path(value) not in folders:
                    folders.append(Path(value))
        return cls(path, folders[:MAX_RECENT])

    def remember(self, folder: Path) -> None:
        """Put ``folder`` first (it was just opened) and save the list.

        A list that cannot be saved (read-only config folder) is kept for this run only.
        """
        folder = folder.expanduser().absolute()
        self.folders = [folder] + [f for f in self.folders if f != folder]
        del self.folders[MAX_RECENT:]
        self._save()

    def forget(self, folder: Path) -> None:
        """Take ``folder`` off the list (it could not be opened) and save the list."""
        folder = folder.expanduser().absolute()
        if folder in self.folders:
            self.folders.remove(folder)
            self._save()

    def last(self) -> Path | None:
        """The folder opened most recently that still exists, if any."""
        return next((f for f in self.folders if f.is_dir()), None)

    def _save(self) -> None:
        text = json.dumps([str(f) for f in self.folders], indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, self.path)
        except OSError:
            return


def project_at_start(named: Path | None, recent: RecentProjects) -> Path:
    """The folder the app opens at start: the one named on the command line, else
    ``$FACTDESK_PROJECT``, else the last project opened (if it still exists), else the
    default project in the user data folder."""
    if named is not None:
        return named.expanduser()
    if os.environ.get(PROJECT_ENV):
        return default_project_path()
    return recent.last() or default_project_path()


def check_new_project_folder(folder: Path) -> Path:
    """The folder File > New project may make a project in: a new one, or an empty one.

    Raises:
        ProjectError: the folder already holds a project (open it instead), or holds other
            files, or is a file.
    """
    from desktop_app.services import DATABASE

    folder = folder.expanduser().absolute()
    if (folder / DATABASE).exists():
        raise ProjectError(f"{folder} already holds a Factdesk project: open it with "
                           "File > Open project")
    if folder.exists() and not folder.is_dir():
        raise ProjectError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ProjectError(f"{folder} is not empty: a new project needs a new or empty folder")
    return folder
