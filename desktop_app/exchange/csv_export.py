"""Claims as CSV that opens cleanly in a spreadsheet: UTF-8 with a byte-order mark, one row
per claim, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

HEADER = ("claim_id", "article_id", "article", "outlet", "published", "quote", "tags",
          "verdict", "status", "entities", "note", "author", "created", "modified", "start",
          "end")

#: A cell starting with one of these is read as a formula by common spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> str:
    """The cell as text, with a leading apostrophe if a spreadsheet would run it."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def claims_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """The CSV file's bytes (BOM, CRLF line ends, every cell neutralised)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")
