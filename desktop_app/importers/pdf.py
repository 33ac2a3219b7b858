"""PDF documents: the text of every page in reading order, and the document's metadata."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop_app.core.errors import ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.core.text import normalise_text

_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_SOFT_BREAK = re.compile(r"(?<![.!?:;\n])\n(?=[a-z(])")


def _join_lines(page_text: str) -> str:
    """Undo the line breaks of the page layout where a sentence clearly goes on."""
    text = _HYPHEN_BREAK.sub(r"\1\2", page_text)
    return _SOFT_BREAK.sub(" ", text)


def read_pdf(data: bytes, name: str) -> ImportedArticle:
    """The text of a PDF; refused when it is corrupt, locked or only scanned images."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, LimitReachedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportRefusedError(f"{name}: the PDF is encrypted with a password")
        pages = [_join_lines(page.extract_text() or "") for page in reader.pages]
        info: Mapping[str, Any] = reader.metadata or {}
    except ImportRefusedError:
        raise
    except LimitReachedError as exc:
        raise ImportRefusedError(
            f"{name}: the PDF expands past what Factdesk reads ({exc}): refused") from None
    except MemoryError:
        raise ImportRefusedError(f"{name}: the PDF needs too much memory to read: refused"
                                 ) from None
    except (FileNotDecryptedError, NotImplementedError):
        raise ImportRefusedError(f"{name}: the PDF is encrypted with a password") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError,
            RecursionError, IndexError):
        raise ImportRefusedError(
            f"{name}: not a readable PDF: the file is damaged or is not a PDF") from None
    text = normalise_text("\n\n".join(p for p in pages if p.strip()))
    if not text:
        raise ImportRefusedError(f"{name}: the PDF has no text to extract (a scan?)")
    created = getattr(info, "creation_date", None) if info else None
    return ImportedArticle(
        text=text, title=str(info.get("/Title") or "").strip() if info else "",
        source_name=name, original=data, format="pdf",
        author=str(info.get("/Author") or "").strip() or None if info else None,
        published=date(created.year, created.month, created.day) if created else None,
    )
