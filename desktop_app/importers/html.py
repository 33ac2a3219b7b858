"""HTML pages: the main text and the page's metadata, through trafilatura (offline)."""

from __future__ import annotations

import codecs
import html as html_lib
import json
import re
from datetime import date

from desktop_app.core.errors import ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.core.text import normalise_text
from desktop_app.importers.decoding import Decoded, guess_note, mostly_utf8, read_encoded
from desktop_app.importers.metadata_dates import DateLabel, labelled_dates, publication_date

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.I)
_JSON_LD_OPEN = re.compile(
    r"""<script[^>]{0,400}?type\s*=\s*["']application/ld\+json["'][^>]{0,400}>""", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)


def _json_ld_blocks(page: str) -> list[str]:
    """The bodies of the page's ``<script type="application/ld+json">`` elements, in one
    pass (a page of unclosed script tags cannot make this crawl: once no closing tag is
    left, the search stops)."""
    blocks: list[str] = []
    position = 0
    while (opening := _JSON_LD_OPEN.search(page, position)) is not None:
        closing = _SCRIPT_CLOSE.search(page, opening.end())
        if closing is None:
            break
        blocks.append(page[opening.end():closing.start()])
        position = closing.end()
    return blocks


#: Labels that browsers read as Windows-1252 (WHATWG Encoding Standard, "windows-1252").
_WINDOWS_1252_LABELS = {"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin1", "latin-1",
                        "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "x-cp1252",
                        "iso_8859-1", "iso88591", "cp1252", "windows-1252"}


def _decode_html(data: bytes, name: str) -> Decoded:
    """The page as text. Bytes that decode as UTF-8 and hold multi-byte sequences are UTF-8
    whatever a stale ``<meta charset>`` says (a saved page keeps the meta of the server's
    old setting while the bytes came through an HTTP header saying UTF-8); otherwise the
    declared charset (Latin-1 read as Windows-1252, as browsers do), else detection."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and not text.isascii():
            return Decoded(text, "utf-8")
        if text is None and (mixed := mostly_utf8(data)) is not None:
            return mixed
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            label = declared.group(1).decode("ascii", "replace").strip().lower()
            encoding = "cp1252" if label in _WINDOWS_1252_LABELS else label
            try:
                return Decoded(data.decode(encoding), encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return read_encoded(data, name)


_META_PUBLISHED = re.compile(
    r"""<meta\s[^>]*(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""og:published_time|datePublished|pubdate|publishdate|publish-date|dc\.date\.issued|"""
    r"""dcterms\.issued|dcterms\.created|parsely-pub-date|sailthru\.date)["'][^>]*>""", re.I)
_CONTENT = re.compile(r"""(?:content|datetime)\s*=\s*["']([^"']+)""", re.I)
_TIME_PUBLISHED = re.compile(
    r"""<time\s[^>]*(?:itemprop|class)\s*=\s*["'][^"']*(?:datePublished|published)[^"']*["']"""
    r"""[^>]*>""", re.I)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template)\b", re.I)


def _without_invisible_parts(page: str) -> str:
    """The page without its script, style, noscript and template elements, in one pass:
    an element left unclosed hides the rest of the page, as it does in a browser (so a page
    of unclosed script tags cannot make this crawl)."""
    kept: list[str] = []
    position = 0
    while (opening := _INVISIBLE_OPEN.search(page, position)) is not None:
        kept.append(page[position:opening.start()])
        closing = re.compile(rf"</{opening.group(1)}\s*>", re.I).search(page, opening.end())
        if closing is None:
            return " ".join(kept)
        kept.append(" ")
        position = closing.end()
    kept.append(page[position:])
    return "".join(kept)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|tr|td|th|table|article|section|header|footer|"
    r"aside|main|nav|figure|figcaption|blockquote|dd|dt|dl|hr)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")


#: Printable stand-ins for the zero-width non-joiner and joiner while trafilatura reads the
#: page: it drops every character that is not printable, and these two are part of Persian,
#: Kurdish and Indic spelling and of emoji. The first pair absent from the page is used.
_STAND_INS = (("\u2bd2", "\u2bd3"), ("\u2e50", "\u2e51"), ("\u2e4e", "\u2e4f"))
_JOINER_ENTITIES = re.compile(r"&(?:zwnj|#8204|#x200c);|&(?:zwj|#8205|#x200d);", re.I)


def _protect_joiners(page: str) -> tuple[str, dict[int, str]]:
    """The page with U+200C and U+200D (as characters or entities) replaced by printable
    stand-ins, and the table that puts them back."""
    if "\u200c" not in page and "\u200d" not in page and not _JOINER_ENTITIES.search(page):
        return page, {}
    pair = next((p for p in _STAND_INS if p[0] not in page and p[1] not in page), None)
    if pair is None:
        return page, {}
    page = _JOINER_ENTITIES.sub(
        lambda m: pair[1] if m.group().lower() in ("&zwj;", "&#8205;", "&#x200d;") else pair[0],
        page)
    page = page.replace("\u200c", pair[0]).replace("\u200d", pair[1])
    return page, {ord(pair[0]): "\u200c", ord(pair[1]): "\u200d"}


def _published(page: str, extracted: str | None) -> date | None:
    """The page's first publication date: its metadata's published time (meta tags,
    JSON-LD ``datePublished``) when it has one; else a date the page shows labelled
    published or first published (never one labelled updated, modified or last reviewed
    when a published one is shown); else what trafilatura found."""
    for meta in (*_META_PUBLISHED.finditer(page), *_TIME_PUBLISHED.finditer(page)):
        content = _CONTENT.search(meta.group())
        if content and (found := _date(content.group(1))):
            return found
    for block in _json_ld_blocks(page):
        for value in _JSON_LD_PUBLISHED.findall(block):
            if found := _date(value):
                return found
    visible = _without_invisible_parts(page)
    visible = _TAG.sub(" ", _BLOCK_TAG.sub("\n", visible))
    shown = labelled_dates(html_lib.unescape(visible))
    if any(label is DateLabel.PUBLISHED for label, _d in shown):
        return publication_date(shown)
    found = _date(extracted)
    if found is not None and any(label is DateLabel.UPDATED and d == found
                                 for label, d in shown):
        return None  # the date the extractor took is the page's update, not its publication
    return found


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

    decoded = _decode_html(data, name)
    page = decoded.text
    if "<" not in page:
        raise ImportRefusedError(f"{name}: is not an HTML page")
    protected, restore = _protect_joiners(page)
    try:
        # fast=True skips trafilatura's slow fallback extractors (readability, jusText): on
        # the 181 real pages of bench/import_bench.py it keeps the shingle F1 above 0.95
        # at about bare trafilatura's speed (the fallbacks cost ~40% of an import).
        extracted = trafilatura.extract(
            protected, output_format="json", with_metadata=True, include_comments=False, fast=True,
            include_tables=True, include_images=False, include_links=False, deduplicate=False,
            favor_precision=False, favor_recall=False,
        )
    except Exception as exc:  # the library raises many kinds on broken markup
        raise ImportRefusedError(f"{name}: the page could not be read ({exc})") from None
    document = json.loads(extracted) if extracted else {}
    document = {key: value.translate(restore) if isinstance(value, str) else value
                for key, value in document.items()}
    text = normalise_text(document.get("text") or document.get("raw_text") or "")
    if len(text.split()) < 5:
        raise ImportRefusedError(f"{name}: no article text found in the page")
    return ImportedArticle(
        text=text, title=(document.get("title") or "").strip(), source_name=name, original=data,
        format="html", author=document.get("author") or None,
        publisher=document.get("sitename") or document.get("hostname") or None,
        url=document.get("source") or document.get("url") or None,
        published=_published(page, document.get("date")), language=document.get("language") or None,
        reviews=tuple(block.strip() for block in _json_ld_blocks(page)
                      if "claimreview" in block.lower())[:20],
        notes=guess_note(decoded),
    )
