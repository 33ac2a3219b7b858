"""The one matching form of text, and the way back from it to the stored text.

Article text is cleaned one way on import; quotes people type or paste, other tools' quote
selectors, search queries and entity names arrive in other forms. Everything that compares
text compares matching forms made here, so one rewritten character never makes a match fail:

- canonical equivalence: NFC and NFD spell the same text alike (each base character is read
  together with the combining marks that follow it);
- compatibility characters: ligatures from PDFs (ﬁ ﬂ ﬀ), fullwidth forms, superscripts
  (Unicode compatibility decomposition, NFKD);
- characters invisible for matching: soft hyphen, zero-width space, word joiner, byte-order
  mark, direction marks and embeddings, variation selectors, and the zero-width (non-)joiners
  (which the *stored* text keeps: they are part of Persian, Kurdish and Indic spelling and of
  emoji sequences; only the matching form leaves them out);
- punctuation variants: straight and curly quotes and apostrophes (’ ‘ ʼ ′ ` ´), dashes and
  minus signs, every kind of space (no-break, thin, ideographic...) and line breaks, with runs
  of white space read as one space;
- full Unicode case folding (``str.casefold``: German ß -> ss, Turkish İ -> i);
- accents, where folding them is safe: the combining diacritics of the Latin and Greek scripts
  (é -> e, ά -> α) and the optional vowel signs of Arabic and Hebrew (harakat, niqqud), with
  the Arabic letters that keyboards type for Persian ones (ي ك for ی ک) and the kashida.
  Other marks are letters' parts (Cyrillic й, Devanagari vowel signs) and are kept, in
  decomposed order, so NFC and NFD still agree.

:func:`matching_form` computes a text's form once (a small cache keeps the last texts, so a
100,000-character article quoted thousands of times is folded once) and maps every offset of
the form back to the stored text: ``start_of[i]`` and ``end_of[i]`` are the code-point range
of the stored character (with its combining marks) that folded character ``i`` came from.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache

#: Invisible for matching: dropped from the matching form (never from the stored text).
INVISIBLE = frozenset(
    "\u00ad"  # soft hyphen
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark
    "\u180e"  # Mongolian vowel separator
    "\u200b\u200c\u200d"  # zero-width space, non-joiner, joiner
    "\u200e\u200f"  # left-to-right and right-to-left marks
    "\u202a\u202b\u202c\u202d\u202e"  # direction embeddings and overrides
    "\u2060\u2061\u2062\u2063\u2064"  # word joiner, invisible operators
    "\u0640"  # Arabic tatweel (kashida): stretches a word, spells nothing
    "\u2066\u2067\u2068\u2069"  # direction isolates
    "\ufeff"  # byte-order mark, zero-width no-break space
    "\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07"
    "\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"  # variation selectors
)

#: Punctuation that people type in another variant: each maps to its plain ASCII form.
PUNCTUATION = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02bb\u02b9\u0060\u00b4"
                    "\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u02ba\uff02", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63"
                    "\uff0d", "-"),
}

#: Letters that Arabic-script keyboards type for the Persian ones (Arabic yeh and alef
#: maksura for Persian yeh, Arabic kaf for keheh), as Lucene's PersianNormalizer folds them.
LETTER_VARIANTS = {"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9",
                   "\u06c0": "\u0647"}  # and heh with yeh above (ۀ) for heh
_LETTER_TABLE = str.maketrans(LETTER_VARIANTS)

#: Combining diacritics whose folding is safe on Latin and Greek letters.
_DIACRITICS = ((0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
               (0xFE20, 0xFE2F))
#: Optional vowel signs: Arabic harakat and the superscript alef (as Lucene's ArabicNormalizer
#: removes them), Hebrew points and cantillation marks.
_VOWEL_SIGNS = ((0x064B, 0x065F), (0x0670, 0x0670), (0x0591, 0x05BD), (0x05BF, 0x05BF),
                (0x05C1, 0x05C2), (0x05C4, 0x05C5), (0x05C7, 0x05C7))


def _is_diacritic(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in (*_DIACRITICS, *_VOWEL_SIGNS))


def _accents_fold_safely(base: str) -> bool:
    """Latin and Greek letters (and everything below the Cyrillic block) lose accents; Arabic
    and Hebrew letters lose their optional vowel signs."""
    code = ord(base)
    return (code < 0x0400 or 0x0590 <= code <= 0x06FF or 0x1E00 <= code <= 0x1FFF
            or 0xFB1D <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF or 0xFF00 <= code <= 0xFFEF)


_MARK_CACHE: dict[str, bool] = {}


def is_mark(ch: str) -> bool:
    """Whether ``ch`` is a combining mark (Unicode category M*): it belongs to the character
    before it."""
    known = _MARK_CACHE.get(ch)
    if known is None:
        known = _MARK_CACHE[ch] = unicodedata.category(ch)[0] == "M" and ch not in INVISIBLE
    return known


_FOLD_CACHE: dict[str, str] = {}


def _fold_piece(ch: str) -> str:
    if ch in INVISIBLE:
        return ""
    if ch in PUNCTUATION:
        return PUNCTUATION[ch]
    if ch.isspace():
        return " "
    return ch


def _fold_cluster(cluster: str) -> str:
    """The matching form of one base character with its combining marks."""
    folded = _FOLD_CACHE.get(cluster)
    if folded is not None:
        return folded
    composed = unicodedata.normalize("NFC", cluster).translate(_LETTER_TABLE)
    pieces = [_fold_piece(ch) for ch in unicodedata.normalize("NFKD", composed)]
    decomposed = unicodedata.normalize("NFKD", "".join(pieces).casefold())
    pieces = [_fold_piece(ch) for ch in decomposed]
    base = next((p for p in pieces if p and not is_mark(p)), "")
    if base and _accents_fold_safely(base[0]):
        pieces = [p for p in pieces if not (len(p) == 1 and _is_diacritic(p))]
    folded = "".join(pieces)
    if len(_FOLD_CACHE) < 100_000:
        _FOLD_CACHE[cluster] = folded
    return folded


@dataclass(frozen=True, slots=True, eq=False)
class MatchingForm:
    """A text's matching form and, for each of its characters, where it came from.

    ``folded[i]`` came from ``text[start_of[i]:end_of[i]]`` (code points). Runs of white
    space are one space; invisible characters have no folded character.
    """

    text: str
    folded: str
    start_of: array[int]
    end_of: array[int]

    def original_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The stored-text span of the folded span [start, end), or None when it begins or
        ends inside what one stored character folded to (half of "ﬁ", one "s" of "ß")."""
        if not 0 <= start < end <= len(self.folded):
            return None
        if start > 0 and self.start_of[start - 1] == self.start_of[start]:
            return None
        if end < len(self.folded) and self.start_of[end] == self.start_of[end - 1]:
            return None
        return self.start_of[start], self.end_of[end - 1]

    def find_all(self, needle: str) -> list[tuple[int, int]]:
        """Every stored-text span whose matching form is ``needle`` (itself a matching form,
        see :func:`match_key`), in order."""
        if not needle:
            return []
        spans: list[tuple[int, int]] = []
        at = self.folded.find(needle)
        while at != -1:
            span = self.original_span(at, at + len(needle))
            if span is not None:
                spans.append(span)
            at = self.folded.find(needle, at + 1)
        return spans


#: Runs of printable ASCII words with single spaces between them, or of plain spaces:
#: folded a run at a time (the common case), one character for one.
_ASCII_RUN = re.compile(r"[!-~]+(?: [!-~]+)*| +")
#: How printable ASCII folds: lower case, and the backtick as an apostrophe.
_ASCII_FOLD: dict[int, int | str] = {
    **{code: code + 32 for code in range(ord("A"), ord("Z") + 1)}, ord("`"): "'"}


def build_matching_form(text: str) -> MatchingForm:
    """The matching form of ``text`` with its offset map (not cached: see
    :func:`matching_form`)."""
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    previous_space = False
    index, length = 0, len(text)
    while index < length:
        run = _ASCII_RUN.match(text, index)
        if run is not None:
            stop = run.end()
            if stop < length and is_mark(text[stop]):
                stop -= 1  # the run's last character carries the marks after it
            if stop > index:
                if text[index] == " ":
                    if not previous_space:
                        out.append(" ")
                        starts.append(index)
                        ends.append(index + 1)
                    previous_space = True
                else:
                    out.append(text[index:stop].translate(_ASCII_FOLD))
                    starts.extend(range(index, stop))
                    ends.extend(range(index + 1, stop + 1))
                    previous_space = False
                index = stop
                continue
        following = index + 1
        while following < length and is_mark(text[following]):
            following += 1
        for piece in _fold_cluster(text[index:following]):
            if piece == " ":
                if previous_space:
                    continue
                previous_space = True
            else:
                previous_space = False
            out.append(piece)
            starts.append(index)
            ends.append(following)
        index = following
    return MatchingForm(text, "".join(out), starts, ends)


@lru_cache(maxsize=16)
def matching_form(text: str) -> MatchingForm:
    """The matching form of ``text``, computed once for the last few texts asked about."""
    return build_matching_form(text)


def match_key(text: str) -> str:
    """The matching form of a short text (a quote, a name, a query word), trimmed: compare it
    with :attr:`MatchingForm.folded`."""
    return build_matching_form(text).folded.strip()


def find_matches(text: str, quote: str) -> list[tuple[int, int]]:
    """Every span of ``text`` whose matching form equals the quote's, in order."""
    return matching_form(text).find_all(match_key(quote))


def _mark_class() -> str:
    """A regular-expression class body of every combining mark."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x0300, min(sys.maxunicode, 0x1FFFF) + 1):
        if 0xD800 <= code <= 0xDFFF or unicodedata.category(chr(code))[0] != "M":
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    ranges.append((0xE0100, 0xE01EF))
    return "".join(f"\\U{low:08x}-\\U{high:08x}" if low != high else f"\\U{low:08x}"
                   for low, high in ranges)


#: A character of a word in a matching form: a letter, digit or underscore, or a combining
#: mark kept on one (Devanagari vowel signs, the breve of Cyrillic й).
WORD_CHAR = r"[\w" + _mark_class() + "]"
