"""The imported files as received, kept unchanged and addressed by their SHA-256."""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from pathlib import Path

from desktop_app.core.text import bytes_hash
from desktop_app.services.files import write_atomically

_DIGEST = re.compile(r"[0-9a-f]{64}")
_SUFFIX = re.compile(r"(\.[a-z0-9]{1,10})?")


class Originals:
    """A folder of original files named ``<sha256><suffix>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, digest: str, suffix: str) -> Path | None:
        """Where the original with SHA-256 ``digest`` (64 hex characters) and ``suffix`` is
        kept; None for a digest or suffix of another form (a bundle's ``../../secret``
        never names a file outside the folder)."""
        if not _DIGEST.fullmatch(digest) or not _SUFFIX.fullmatch(suffix.lower()):
            return None
        return self.folder / f"{digest}{suffix.lower()}"

    def unreferenced(self, referenced: Collection[str], *, older_than: float = 0.0
                     ) -> list[Path]:
        """Files in the folder that no article refers to (``referenced`` holds the digests
        articles name), and half-written files, older than ``older_than`` seconds: what an
        import killed before its commit leaves behind."""
        if not self.folder.is_dir():
            return []
        cutoff = time.time() - older_than
        found = []
        for path in self.folder.iterdir():
            digest = path.name.split(".", 1)[0]
            leftover = path.name.startswith(".incoming-") or digest not in referenced
            try:
                if leftover and path.is_file() and path.stat().st_mtime <= cutoff:
                    found.append(path)
            except OSError:
                continue
        return found

    def keep(self, data: bytes, suffix: str) -> tuple[str, Path, bool]:
        """Store ``data`` once; returns (digest, path, whether this call created the file)."""
        digest = bytes_hash(data)
        target = self.path_for(digest, suffix)
        if target is None:
            target = self.folder / digest
        if target.exists():
            return digest, target, False
        write_atomically(target, data, make_folder=True)
        return digest, target, True
