"""Files to articles: .txt, .md, .html/.htm and .pdf, each into an ImportedArticle."""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.errors import ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.importers.files import (
    MAX_FILE_BYTES,
    SUPPORTED_SUFFIXES,
    expand_paths,
    read_checked,
    shown,
)
from desktop_app.importers.html import read_html
from desktop_app.importers.pdf import read_pdf
from desktop_app.importers.plaintext import read_markdown, read_text
from desktop_app.importers.sandbox import BoundedReader, Budget

__all__ = ["MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "BoundedReader", "Budget", "expand_paths",
           "read_article", "shown"]

_READERS = {".txt": read_text, ".md": read_markdown, ".html": read_html, ".htm": read_html,
            ".pdf": read_pdf}


def read_article(path: Path) -> ImportedArticle:
    """The article in ``path``; refuses, with a one-line reason naming the file, anything
    that cannot be one."""
    data = read_checked(path)
    name = shown(Path(path.name))
    try:
        return _READERS[path.suffix.lower()](data, name)
    except ImportRefusedError:
        raise
    except (UnicodeError, ValueError, RecursionError, MemoryError):
        raise ImportRefusedError(_damaged(name, path)) from None


def _damaged(name: str, path: Path) -> str:
    """Why a file its reader failed on was refused, in a reader's words (not the parsing
    library's error name)."""
    kind = {".pdf": "a PDF", ".html": "an HTML page", ".htm": "an HTML page"}.get(
        path.suffix.lower(), "text")
    return f"{name}: cannot be read as {kind}: the file is damaged or is not {kind}"
