"""Which files an import takes, and reading them with the checks every format shares."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.errors import ImportRefusedError

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Files that describe a folder rather than being an article in it; skipped when a folder is
#: walked (named one by one, they still import).
FOLDER_NOTES = ("readme", "license", "licence", "changelog", "contributing", "sources", "index")


def shown(path: Path) -> str:
    """``path`` as text that can always be printed and stored: bytes of a name that are not
    valid UTF-8 appear as ``\\xNN``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def not_a_regular_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (a FIFO, a device, a socket, a link to one of
    them, a link loop, a missing file), or None for a regular file. Nothing is opened: a FIFO
    would block the reader for good."""
    name = shown(Path(path.name or str(path)))
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{name}: a symbolic link loop: skipped"
        if path.is_symlink():
            return f"{name}: a symbolic link to nothing: skipped"
        return f"{name}: does not exist" if exc.errno == errno.ENOENT else (
            f"{name}: cannot be read ({exc.strerror})")
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    via = " (through a symbolic link)" if path.is_symlink() else ""
    return f"{name}: is {kind}{via}, not a file: skipped"


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, str | None]]:
    """Files as given, folders walked recursively (sorted; hidden entries and folder notes
    such as README.md skipped) for the supported kinds. A path that does not exist or is
    not a regular file (a FIFO, a device, a socket, a link loop) comes back with the
    reason; folder links are not followed (no loops)."""
    found: list[tuple[Path, str | None]] = []
    for path in paths:
        problem = not_a_regular_file(path)
        if problem:
            found.append((path, problem))
        elif path.is_dir():
            for child in _walk(path):
                relative = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if child.stem.lower() in FOLDER_NOTES:
                    continue
                if child.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue
                problem = not_a_regular_file(child)
                if problem is None and child.is_dir():
                    continue
                found.append((child, problem))
        else:
            found.append((path, None))
    return found


def _walk(folder: Path) -> list[Path]:
    """Every entry under ``folder``, sorted; linked folders are not entered."""
    entries: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        entries.extend(base / name for name in files)
        entries.extend(base / name for name in dirs if (base / name).is_symlink())
    return sorted(entries)


def read_checked(path: Path) -> bytes:
    """The bytes of ``path``, refused when missing, a folder, of a kind we do not import,
    too large, or empty."""
    name = shown(Path(path.name or str(path)))
    problem = not_a_regular_file(path)
    if problem:
        raise ImportRefusedError(problem)
    if path.is_dir():
        raise ImportRefusedError(f"{name}: is a folder, not a file")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ImportRefusedError(
            f"{name}: Factdesk imports {', '.join(SUPPORTED_SUFFIXES)} files, not "
            f"{path.suffix or 'files without an extension'}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportRefusedError(
            f"{name}: the file is {size / 1_048_576:.1f} MB; Factdesk imports files up to "
            f"{MAX_FILE_BYTES // 1_048_576} MB")
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ImportRefusedError(
                f"{name}: the file is larger than {MAX_FILE_BYTES // 1_048_576} MB; Factdesk "
                f"imports files up to {MAX_FILE_BYTES // 1_048_576} MB")
    except OSError as exc:
        raise ImportRefusedError(f"{name}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise ImportRefusedError(f"{name}: the file is empty")
    return data
