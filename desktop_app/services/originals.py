"""The imported files as received, kept unchanged and addressed by their SHA-256."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from desktop_app.core.text import bytes_hash


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
        self.folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".incoming-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return digest, target, True
