"""The imported files as received, kept unchanged and addressed by their SHA-256."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.text import bytes_hash
from desktop_app.services.files import write_atomically


class Originals:
    """A folder of original files named ``<sha256><suffix>``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, digest: str, suffix: str) -> Path:
        return self.folder / f"{digest}{suffix.lower()}"

    def keep(self, data: bytes, suffix: str) -> tuple[str, Path, bool]:
        """Store ``data`` once; returns (digest, path, whether this call created the file)."""
        digest = bytes_hash(data)
        target = self.path_for(digest, suffix)
        if target.exists():
            return digest, target, False
        write_atomically(target, data)
        return digest, target, True
