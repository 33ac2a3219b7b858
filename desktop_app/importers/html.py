"""HTML pages: the main text and the page's metadata, through trafilatura (offline)."""

from __future__ import annotations

import json
import re
from datetime import date

from desktop_app.core.errors import ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.core.text import normalise_text
from desktop_app.importers.decoding import decode_text

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_JSON_LD = re.compile(
    r"""<script[^>]*type\s*=\s*["']application/ld\+json["'][^>]*>(.*?)</script>""", re.I | re.S)


def _decode_html(data: bytes, name: str) -> str:
    """The page as text: its declared charset when it has one, else detection."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data, name)


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_html(data: bytes, name: str) -> ImportedArticle:
    """The article in an HTML page; refused when the page has no article text."""
    import trafilatura  # imported here: it is slow to load and only HTML needs it

    page = _decode_html(data, name)
    if "<" not in page:
        raise ImportRefusedError(f"{name}: is not an HTML page")
    try:
        extracted = trafilatura.extract(
            page, output_format="json", with_metadata=True, include_comments=False,
            include_tables=True, include_images=False, include_links=False, deduplicate=False,
            favor_precision=False, favor_recall=False,
        )
    except Exception as exc:  # the library raises many kinds on broken markup
        raise ImportRefusedError(f"{name}: the page could not be read ({exc})") from None
    document = json.loads(extracted) if extracted else {}
    text = normalise_text(document.get("text") or document.get("raw_text") or "")
    if len(text.split()) < 5:
        raise ImportRefusedError(f"{name}: no article text found in the page")
    return ImportedArticle(
        text=text, title=(document.get("title") or "").strip(), source_name=name, original=data,
        format="html", author=document.get("author") or None,
        publisher=document.get("sitename") or document.get("hostname") or None,
        url=document.get("source") or document.get("url") or None,
        published=_date(document.get("date")), language=document.get("language") or None,
        reviews=tuple(block.strip() for block in _JSON_LD.findall(page)
                      if "claimreview" in block.lower())[:20],
    )
