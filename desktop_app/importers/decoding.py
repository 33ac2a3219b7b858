"""Turning the bytes of a text file into text, whatever common encoding it was saved in.

Order of evidence: a byte-order mark; UTF-8 (bytes with multi-byte sequences that decode as
UTF-8 are practically never anything else); then the single-byte code pages people's editors
really save in (Windows-1252, ISO-8859-1/15, Windows-1250, ISO-8859-2, Windows-1251, ...),
each read and judged by whether its letters make words of one alphabet; then charset-normalizer
for the rest (CJK multi-byte encodings). Short files give a detector little to go on, so DOS
and Baltic code pages are tried only when no common one reads cleanly, and such a guess is
reported as weak.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from charset_normalizer import from_bytes
from charset_normalizer.utils import is_multi_byte_encoding

from desktop_app.core.errors import ImportRefusedError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))

#: The code pages Word, Notepad and older web pages save in, most widely used first: when
#: two read the bytes equally well, the earlier wins.
COMMON = ("cp1252", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "iso8859_5", "koi8_r",
          "cp1253", "iso8859_7", "cp1254", "iso8859_9")
#: Tried only when none of the common ones reads the bytes cleanly.
OTHER = ("cp1257", "iso8859_13", "iso8859_4", "cp1255", "iso8859_8", "cp1256", "iso8859_6",
         "cp850", "cp437", "cp852", "cp866", "mac_roman")

#: Letters beyond ASCII of the languages these code pages serve (lower case).
ALPHABETS = {
    "french": "àâæçéèêëîïôœùûüÿ", "german": "äöüß", "spanish": "áéíñóúü",
    "portuguese": "áâãàçéêíóôõú", "italian": "àèéìíîòóùú", "dutch": "éëïóöü",
    "nordic": "åæøäöéáðíóúýþ", "czech": "áčďéěíňóřšťúůýž", "slovak": "áäčďéíĺľňóôŕšťúýž",
    "polish": "ąćęłńóśźż", "hungarian": "áéíóöőúüű", "romanian": "ăâîșşțţ",
    "croatian": "čćđšž", "slovene": "čšž", "turkish": "çğıöşüâî", "baltic": "ąčęėįšųūžāēģīķļņõäöü",
    "albanian": "çë",
    "russian": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ukrainian": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя’",
    "belarusian": "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
    "serbian": "абвгдђежзијклљмнњопрстћуфхцчџш",
    "greek": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
    "hebrew": "".join(map(chr, range(0x05D0, 0x05EB))),
    "arabic": "".join(map(chr, range(0x0621, 0x064B))) + "پچژکگی",
}
_ALPHABET_SETS = {name: frozenset(letters) for name, letters in ALPHABETS.items()}
#: Punctuation and signs that ordinary text uses beyond ASCII.
_TYPOGRAPHIC = frozenset("‘’‚“”„–—…€£¥¢°§©®™«»•·×±¡¿\u00a0‰†‡′″")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how sure the reading is: ``guess`` names the encoding when it was
    only a weak guess (to be said in the import report)."""

    text: str
    encoding: str
    guess: str | None = None
    #: Bytes that were not UTF-8 in a file that otherwise is (read as Windows-1252).
    stray_bytes: int = 0


def _oddities(text: str) -> float | None:
    """How unlikely ``text`` is as a reading of the bytes (0: every character fits), or None
    when it cannot be one (control characters)."""
    odd = 0.0
    letters: dict[str, int] = {}
    for ch in text:
        if ord(ch) < 128:
            continue
        category = unicodedata.category(ch)
        if category[0] == "C":
            return None
        if category[0] == "L":
            low = ch.lower()
            letters[low] = letters.get(low, 0) + 1
        elif ch not in _TYPOGRAPHIC:
            odd += 1.0
    if letters:
        covered = max(sum(n for ch, n in letters.items() if ch in alphabet)
                      for alphabet in _ALPHABET_SETS.values())
        odd += sum(letters.values()) - covered
    for word in _WORD.findall(text):
        if any(ord(ch) >= 128 for ch in word):
            scripts = {unicodedata.name(ch, "?").split()[0] for ch in word if ch.isalpha()}
            if len(scripts) > 1:
                odd += 2.0
            if any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False)):
                odd += 1.0
    return odd


def _read_single_byte(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str, float] | None:
    """(text, encoding, oddities) of the best reading among ``encodings``."""
    best: tuple[str, str, float] | None = None
    sample = data[:262_144]
    for encoding in encodings:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        odd = _oddities(text)
        if odd is None:
            continue
        if best is None or odd < best[2]:
            best = (text, encoding, odd)
    if best is None:
        return None
    return data.decode(best[1]), best[1], best[2]


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading when it finds a multi-byte encoding (CJK, UTF-16)."""
    matches = [m for m in from_bytes(data) if not _single_byte(m.encoding)]
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    return best.encoding if best.chaos < 0.2 else None


def _single_byte(encoding: str) -> bool:
    return not is_multi_byte_encoding(encoding)


def _windows_1252_for_stray_bytes(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start:error.end].decode("cp1252", "replace"), error.end


codecs.register_error("factdesk-stray-cp1252", _windows_1252_for_stray_bytes)


def mostly_utf8(data: bytes) -> Decoded | None:
    """A file that is UTF-8 but for a few stray single-byte characters (text pasted together
    from two sources): the UTF-8 kept, each stray byte read as Windows-1252. Legacy
    single-byte text almost never forms valid multi-byte sequences, and when it does by
    chance, its invalid bytes far outnumber them: at least half of the bytes beyond ASCII
    must be in valid sequences."""
    kept = data.decode("utf-8", "ignore")
    multibyte = [ch for ch in kept if ord(ch) > 0x7F]
    in_sequences = len("".join(multibyte).encode("utf-8"))
    stray = len(data) - len(kept.encode("utf-8"))
    if len(multibyte) < 2 or stray > in_sequences:
        return None
    return Decoded(data.decode("utf-8", "factdesk-stray-cp1252"), "utf-8", stray_bytes=stray)


def _control_share(text: str) -> float:
    if not text:
        return 1.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text)


def read_encoded(data: bytes, name: str) -> Decoded:
    """Decode ``data`` (see the module's description for the order of evidence). Binary
    content (NUL bytes, control characters) is refused with :class:`ImportRefusedError`."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:65536]:
        raise ImportRefusedError(f"{name}: looks like a binary file, not text")
    decoded: Decoded | None = None
    try:
        decoded = Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        common = _read_single_byte(data, COMMON)
        mixed = mostly_utf8(data)
        if mixed is not None:
            decoded = mixed
        elif common is not None and common[2] == 0:
            decoded = Decoded(common[0], common[1])
        else:
            multi = _detected(data)
            if multi is not None:
                decoded = Decoded(data.decode(multi, errors="replace"), multi)
            else:
                other = _read_single_byte(data, COMMON + OTHER)
                if other is not None:
                    decoded = Decoded(other[0], other[1], guess=other[1])
    if decoded is None:
        raise ImportRefusedError(
            f"{name}: looks like a binary file, not text (no text encoding fits)")
    if _control_share(decoded.text[:65536]) > 0.02:
        raise ImportRefusedError(f"{name}: looks like a binary file, not text")
    return decoded


def decode_text(data: bytes, name: str) -> str:
    """The text of ``data`` (see :func:`read_encoded`)."""
    return read_encoded(data, name).text


def guess_note(decoded: Decoded) -> tuple[str, ...]:
    """The import report's note for a weak guess, if it was one."""
    if decoded.stray_bytes:
        return (f"{decoded.stray_bytes} byte{'s' if decoded.stray_bytes > 1 else ''} of the "
                "file were not UTF-8 and were read as Windows-1252: check those characters",)
    if decoded.guess is None:
        return ()
    return (f"the file's encoding was guessed as {codecs.lookup(decoded.guess).name}: "
            "check its accented letters",)
