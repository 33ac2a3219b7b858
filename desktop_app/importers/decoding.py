"""Turning the bytes of a text file into text, whatever common encoding it was saved in."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from desktop_app.core.errors import ImportRefusedError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


#: When several encodings read the bytes equally well, the most widely used one wins.
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251",
              "koi8_r", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr")


def _best_guess(data: bytes) -> str | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min((m.chaos, -m.coherence) for m in matches)
    tied = [m for m in matches if (m.chaos, -m.coherence) == best]
    tied.sort(key=lambda m: _PREFERRED.index(m.encoding) if m.encoding in _PREFERRED
              else len(_PREFERRED))
    return str(tied[0])


def _control_share(text: str) -> float:
    if not text:
        return 1.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(text)


def decode_text(data: bytes, name: str) -> str:
    """Decode ``data``: a byte-order mark wins, then UTF-8, then charset-normalizer's best
    guess. Binary content (NUL bytes, control characters) is refused."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:65536]:
        raise ImportRefusedError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        guessed = _best_guess(data)
        if guessed is None:
            raise ImportRefusedError(
                f"{name}: looks like a binary file, not text (no text encoding fits)") from None
        text = guessed
    if _control_share(text[:65536]) > 0.02:
        raise ImportRefusedError(f"{name}: looks like a binary file, not text")
    return text
