"""Text normalisation, content hashing and the one conversion between offset systems.

``core`` counts offsets in Python characters (code points). Qt's QTextDocument counts UTF-16
code units; the two differ for characters outside the Basic Multilingual Plane (emoji, some
CJK). :func:`to_utf16` and :func:`from_utf16` are the only place that converts.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# Characters that render as nothing and only get in the way of quoting and search. The
# zero-width non-joiner and joiner (U+200C, U+200D) are not among them: they are part of
# Persian, Kurdish and Indic spelling and of emoji sequences, so the stored text keeps them
# (the matching form of core.matching leaves them out).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"), None)
# Latin typographic ligatures (U+FB00-U+FB06), as PDF text layers give them: written out.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def normalise_text(raw: str) -> str:
    """The canonical form of an article's text: NFC, ``\\n`` line ends, no invisible marks
    (soft hyphen, zero-width space, word joiner, BOM; zero-width (non-)joiners are kept), Latin
    ligatures written out, no trailing blanks, at most one empty line between paragraphs, no
    leading/trailing space."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE).translate(_LIGATURES)
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\t", " ")
    text = _TRAILING_SPACE.sub("\n", text + "\n")
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """SHA-256 of the normalised text, hex: the same text imported twice is one article."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def bytes_hash(data: bytes) -> str:
    """SHA-256 of raw bytes, hex: how originals are addressed on disk."""
    return hashlib.sha256(data).hexdigest()


def to_utf16(text: str, offset: int) -> int:
    """The UTF-16 code-unit offset of code-point ``offset`` in ``text``."""
    if not 0 <= offset <= len(text):
        raise ValueError(f"offset {offset} outside 0..{len(text)}")
    return offset + sum(1 for ch in text[:offset] if ord(ch) > 0xFFFF)


def from_utf16(text: str, offset16: int) -> int:
    """The code-point offset of UTF-16 offset ``offset16`` in ``text`` (inverse of to_utf16).

    An offset that falls between the two halves of a surrogate pair snaps to the character's
    start, so a selection never splits a character.
    """
    if offset16 < 0:
        raise ValueError(f"offset {offset16} is negative")
    units = 0
    for index, ch in enumerate(text):
        width = 2 if ord(ch) > 0xFFFF else 1
        if units + width > offset16:
            return index
        units += width
    if units == offset16:
        return len(text)
    raise ValueError(f"UTF-16 offset {offset16} outside the text ({units} units)")


def fold(text: str) -> str:
    """Accent- and case-folded form ("López" -> "lopez"), kept for the check's stored
    fingerprints and word lists. Quotes, names and search compare in the one matching form
    of :mod:`desktop_app.core.matching` instead."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold()


class OffsetMap:
    """Both conversions of :func:`to_utf16` / :func:`from_utf16` for one text, prepared once.

    The text is walked a single time to note where its characters outside the Basic
    Multilingual Plane stand; each conversion is then a binary search over those positions,
    O(log k) for k such characters instead of O(n) per call. A reader that converts the
    offsets of thousands of claims of one article builds one map and asks it every time.
    """

    __slots__ = ("_astral", "_astral16", "_length", "_length16")

    def __init__(self, text: str) -> None:
        self._astral = ([] if text.isascii()
                        else [m.start() for m in _ASTRAL.finditer(text)])
        # UTF-16 position of each such character: its code-point position plus the number of
        # surrogate pairs before it.
        self._astral16 = [pos + n for n, pos in enumerate(self._astral)]
        self._length = len(text)
        self._length16 = len(text) + len(self._astral)

    @property
    def length16(self) -> int:
        """The text's length in UTF-16 code units."""
        return self._length16

    def to_utf16(self, offset: int) -> int:
        """The UTF-16 code-unit offset of code-point ``offset`` (see :func:`to_utf16`).

        Raises:
            ValueError: ``offset`` lies outside the text.
        """
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} outside 0..{self._length}")
        return offset + bisect.bisect_left(self._astral, offset)

    def from_utf16(self, offset16: int) -> int:
        """The code-point offset of UTF-16 ``offset16`` (see :func:`from_utf16`); an offset
        between the halves of a surrogate pair snaps to the character's start.

        Raises:
            ValueError: ``offset16`` is negative or past the text's end.
        """
        if offset16 < 0:
            raise ValueError(f"offset {offset16} is negative")
        if offset16 > self._length16:
            raise ValueError(
                f"UTF-16 offset {offset16} outside the text ({self._length16} units)")
        # Pairs wholly before offset16: those starting at or before offset16 - 2.
        before = bisect.bisect_right(self._astral16, offset16 - 2)
        inside = before < len(self._astral16) and self._astral16[before] == offset16 - 1
        return offset16 - before - (1 if inside else 0)


# Control characters that a terminal obeys (ESC starts colour, cursor and title sequences;
# CR, BS overwrite what was printed; C1 codes such as CSI U+009B act like ESC [), each shown
# as a visible mark instead: the Control Pictures block (U+2400-U+2421) for C0 and DEL, and
# U+FFFD for C1. Tab and line feed are layout and stay. Source: ECMA-48, sections 5 and 8.
_INERT = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_INERT[0x7F] = "\u2421"
_INERT.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def inert(text: str) -> str:
    """``text`` with every control character a terminal would act on replaced by a visible
    mark (ESC becomes ␛, CR ␍, a C1 code U+FFFD), so text from imported files can be printed
    without moving the cursor, changing colours or retitling the window. Tabs and line feeds
    are kept."""
    return text.translate(_INERT)


def json_inert(document: str) -> str:
    """A JSON document with DEL and C1 characters (which JSON allows raw) written as
    ``\\u`` escapes: the same data, nothing a terminal acts on."""
    return document.translate({code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0))})

