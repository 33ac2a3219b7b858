"""Where the file dialogs open: in the person's documents folder, never in the folder the
app happened to be started from (a frozen app's, or a source checkout)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def start_in(name: str = "") -> str:
    """The path a file dialog starts at: the user's documents folder (Qt's
    ``DocumentsLocation``), else the home folder, joined with ``name`` (a suggested file
    name, or "" for the folder itself)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return str(base / name) if name else str(base)
