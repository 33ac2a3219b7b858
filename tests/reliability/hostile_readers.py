"""Readers that misbehave on purpose, run in the reading child by the budget tests (they
live in a module so the child process can import them)."""

from __future__ import annotations

import time
from pathlib import Path

from desktop_app.core.models import ImportedArticle


def sleeps_forever(path: Path) -> ImportedArticle:
    """A reader that never ends (a parser crawling through a hostile page)."""
    while True:
        time.sleep(1)


def eats_memory(path: Path) -> ImportedArticle:
    """A reader that grows without end (a decompression bomb)."""
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))
