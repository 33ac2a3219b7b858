"""Files written whole or not at all: a failed write never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.errors import WriteError
from desktop_app.exchange.filemode import shared_file_mode


def write_atomically(path: Path, data: bytes, *, prefix: str = ".incoming-",
                     make_folder: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.
    The file gets the permissions the user's umask gives new files (a team's shared folder
    stays shared), not the owner-only ones of the temporary file. The folder must exist
    (a mistyped output path is said, not made), unless ``make_folder`` (the project's own
    files).

    Raises:
        WriteError: the folder does not exist, or the file cannot be written; nothing is
            left behind.
    """
    path = path.expanduser()
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        else:
            existing_folder(path)
        descriptor, temporary = tempfile.mkstemp(prefix=prefix, dir=path.parent)
    except OSError as exc:
        raise cannot_write(path, exc) from None
    try:
        os.fchmod(descriptor, shared_file_mode())
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise cannot_write(path, exc) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def existing_folder(path: Path) -> None:
    """Refuse to write ``path`` (a file a person named) into a folder that does not exist.

    Raises:
        WriteError: its folder does not exist or is not a folder.
    """
    if not path.parent.is_dir():
        raise WriteError(f"cannot write {path}: the folder {path.parent} does not exist "
                         "(nothing was written)")


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """The error a person sees when ``path`` cannot be written."""
    return WriteError(f"cannot write {path}: {exc.strerror or exc}")
