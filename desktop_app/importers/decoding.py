"""Turning the bytes of a text file into text, whatever common encoding it was saved in."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from desktop_app.core.errors import ImportRefusedError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


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
        best = from_bytes(data).best()
        if best is None:
            raise ImportRefusedError(
                f"{name}: looks like a binary file, not text (no text encoding fits)") from None
        text = str(best)
    if _control_share(text[:65536]) > 0.02:
        raise ImportRefusedError(f"{name}: looks like a binary file, not text")
    return text
