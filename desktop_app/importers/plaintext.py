"""Plain text and Markdown files."""

from __future__ import annotations

import re

from desktop_app.core.errors import ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.core.text import normalise_text
from desktop_app.importers.decoding import guess_note, read_encoded
from desktop_app.importers.pasted import read_pasted

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _clean(value: str | None) -> str:
    """A one-line field: white space of any kind folded to single spaces."""
    return " ".join((value or "").split())


def read_text(data: bytes, name: str) -> ImportedArticle:
    """A .txt file: often a page pasted from a browser, so its furniture is set aside."""
    decoded = read_encoded(data, name)
    text = normalise_text(decoded.text)
    if not text:
        raise ImportRefusedError(f"{name}: the file is empty")
    pasted = read_pasted(text)
    body = normalise_text(pasted.text) or text
    return ImportedArticle(
        text=body, title=_clean(pasted.title), source_name=name, original=data, format="txt",
        author=_clean(pasted.author) or None, published=pasted.published,
        publisher=_clean(pasted.publisher) or None, notes=guess_note(decoded),
    )


def read_markdown(data: bytes, name: str) -> ImportedArticle:
    """A .md file: the first heading is the title; heading marks and bold markers go."""
    decoded = read_encoded(data, name)
    text = normalise_text(decoded.text)
    if not text:
        raise ImportRefusedError(f"{name}: the file is empty")
    title = ""
    lines = []
    for line in text.split("\n"):
        heading = _HEADING.match(line)
        if heading:
            if not title:
                title = heading.group(1)
                continue
            line = heading.group(1)
        lines.append(_EMPHASIS.sub(r"\2", line))
    pasted = read_pasted("\n".join(lines))
    body = normalise_text(pasted.text if not title else "\n".join(lines))
    if not body:
        raise ImportRefusedError(f"{name}: has a heading but no text")
    return ImportedArticle(
        text=body, title=_clean(title or pasted.title), source_name=name, original=data,
        format="md", author=_clean(pasted.author) or None, published=pasted.published,
        publisher=_clean(pasted.publisher) or None, notes=guess_note(decoded),
    )
