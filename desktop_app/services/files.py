"""Files written whole or not at all: a failed write never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.errors import WriteError
from desktop_app.exchange.filemode import shared_file_mode


def write_atomically(path: Path, data: bytes, *, prefix: str = ".incoming-") -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.
    The file gets the permissions the user's umask gives new files (a team's shared folder
    stays shared), not the owner-only ones of the temporary file."""
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
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


def cannot_write(path: Path, exc: OSError) -> WriteError:
    """The error a person sees when ``path`` cannot be written."""
    return WriteError(f"cannot write {path}: {exc.strerror or exc}")
