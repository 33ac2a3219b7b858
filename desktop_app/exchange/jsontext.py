"""JSON from other people's files, read so that nothing odd in it escapes as a crash later.

Beyond what ``json`` refuses, a file may nest too deeply for the reader, or escape half a
surrogate pair (``\\ud800``): Python accepts that while parsing, but no text with one can be
stored or hashed afterwards. Both are refused here with the file's name.
"""

from __future__ import annotations

import json
import re
from typing import Any

from desktop_app.core.errors import RefusedFileError

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def load_json(data: bytes | str, name: str, line: int | None = None,
              refuse: type[RefusedFileError] = RefusedFileError) -> Any:
    """The parsed document, or a refusal naming ``name`` (and ``line``)."""
    try:
        document = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise refuse(f"bad JSON ({exc})", name, line) from None
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if _SURROGATE_ESCAPE.search(raw):
        try:
            json.dumps(document, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise refuse("bad JSON (it escapes half of a surrogate pair, which is not a "
                         "character)", name, line) from None
        except RecursionError:
            raise refuse("bad JSON (nested too deeply)", name, line) from None
    return document
