"""Turning domain records into JSON documents and short human lines."""

from __future__ import annotations

import dataclasses
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any, TextIO

from desktop_app.core.text import inert, json_inert


def to_jsonable(value: Any) -> Any:
    """Dataclasses, dates and tuples as plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return [to_jsonable(v) for v in items]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return None
    return value


def print_json(document: Any) -> None:
    sys.stdout.write(json_inert(json.dumps(to_jsonable(document), ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")


class InertStream(io.TextIOBase):
    """A text stream that writes through to ``stream`` with every terminal control
    character shown as a visible mark (:func:`desktop_app.core.text.inert`): whatever
    imported text holds, printing it cannot drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(inert(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding


@contextmanager
def inert_output() -> Iterator[None]:
    """Within this block, everything printed to stdout and stderr is inert."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = InertStream(saved[0]), InertStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def short(identifier: str) -> str:
    return identifier[:8]


def one_line(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain left-aligned table for the terminal."""
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for row in rows:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines)
