"""Which files an import takes, and reading them with the checks every format shares."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desktop_app.core.errors import ImportRefusedError

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
MAX_FILE_BYTES = 32 * 1024 * 1024
#: Files that describe a folder rather than being an article in it; skipped when a folder is
#: walked (named one by one, they still import).
FOLDER_NOTES = ("readme", "license", "licence", "changelog", "contributing", "sources", "index")


def expand_paths(paths: Iterable[Path]) -> list[tuple[Path, str | None]]:
    """Files as given, folders walked recursively (sorted; hidden entries and folder notes
    such as README.md skipped) for the supported kinds. A path that does not exist comes
    back with the reason."""
    found: list[tuple[Path, str | None]] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if child.stem.lower() in FOLDER_NOTES:
                    continue
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append((child, None))
        elif path.exists():
            found.append((path, None))
        else:
            found.append((path, f"{path.name or path}: does not exist"))
    return found


def read_checked(path: Path) -> bytes:
    """The bytes of ``path``, refused when missing, a folder, of a kind we do not import,
    too large, or empty."""
    name = path.name or str(path)
    if not path.exists():
        raise ImportRefusedError(f"{name}: does not exist")
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
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefusedError(f"{name}: cannot be read ({exc.strerror})") from None
    if not data.strip():
        raise ImportRefusedError(f"{name}: the file is empty")
    return data
