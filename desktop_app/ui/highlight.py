"""How claims look in the reader: a colour per verdict derived from the palette, and the
single pass that turns possibly overlapping claim spans into disjoint coloured segments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

from desktop_app.core.vocab import Verdict

# A hue (degrees on the colour wheel) per verdict: green for true through amber to red for
# false, blue for unproven, grey (no saturation) for unverified and not checkable. Only the
# hue is fixed here; lightness and strength come from the palette (see verdict_colour).
_HUES: dict[str, int | None] = {
    Verdict.UNVERIFIED: 55,
    Verdict.TRUE: 135,
    Verdict.MOSTLY_TRUE: 75,
    Verdict.MIXED: 38,
    Verdict.MOSTLY_FALSE: 18,
    Verdict.FALSE: 0,
    Verdict.UNPROVEN: 275,
    Verdict.NOT_CHECKABLE: None,
}


def blend(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``, channel by channel."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * amount),
        round(a.green() + (b.green() - a.green()) * amount),
        round(a.blue() + (b.blue() - a.blue()) * amount),
    )


def is_dark(palette: QPalette) -> bool:
    """True when the palette's text background is darker than its text."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < palette.color(
        QPalette.ColorRole.Text).lightnessF()


def verdict_colour(palette: QPalette, verdict: str, *, strength: float = 0.35) -> QColor:
    """The background for a claim of ``verdict``: the verdict's hue, as light or dark as the
    palette's text colour is not, blended ``strength`` of the way into the palette's Base, so
    the text keeps its contrast in light and dark themes alike."""
    base = palette.color(QPalette.ColorRole.Base)
    hue = _HUES.get(verdict, 50)
    dark = is_dark(palette)
    if hue is None:
        tint = palette.color(QPalette.ColorRole.Mid)
    else:
        tint = QColor.fromHsvF(hue / 360, 0.75, 0.75 if dark else 0.95)
    return blend(base, tint, strength + (0.15 if dark else 0.0))


def selected_colour(palette: QPalette) -> QColor:
    """The background of the selected claim: the palette's highlight, half into Base."""
    return blend(palette.color(QPalette.ColorRole.Base),
                 palette.color(QPalette.ColorRole.Highlight), 0.55)


def hit_colour(palette: QPalette) -> QColor:
    """The background of a search or find hit: the palette's link colour, into Base."""
    return blend(palette.color(QPalette.ColorRole.Base),
                 palette.color(QPalette.ColorRole.Link), 0.45)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text (code points, end exclusive) covered by the same claims; ``top`` is
    the claim drawn there (the shortest, so a claim inside another stays visible) and
    ``depth`` how many claims cover it (more than one is shown as an overlap)."""

    start: int
    end: int
    top: int
    depth: int


def segments(spans: Sequence[tuple[int, int]]) -> list[Segment]:
    """Disjoint segments over the given spans (indexes into ``spans`` in ``top``), in text
    order, in one sweep over the span boundaries: O(n log n) for n spans."""
    events: list[tuple[int, int, int]] = []  # (position, 0 end / 1 start, span index)
    for index, (start, end) in enumerate(spans):
        if start < end:
            events.append((start, 1, index))
            events.append((end, 0, index))
    events.sort()
    open_spans: set[int] = set()
    out: list[Segment] = []
    position = 0
    for at, kind, index in events:
        if open_spans and at > position:
            depth = len(open_spans)
            if depth == 1:
                top = next(iter(open_spans))
            else:
                top = min(open_spans, key=lambda i: (spans[i][1] - spans[i][0], i))
            last = out[-1] if out else None
            if last and last.end == position and last.top == top and last.depth == depth:
                out[-1] = Segment(last.start, at, top, depth)
            else:
                out.append(Segment(position, at, top, depth))
        position = at
        if kind:
            open_spans.add(index)
        else:
            open_spans.discard(index)
    return out


def covering(spans: Iterable[tuple[int, int, str]], offset: int) -> str | None:
    """The key of the shortest span that holds ``offset`` (the claim a click there means)."""
    best: tuple[int, str] | None = None
    for start, end, key in spans:
        if start <= offset < end and (best is None or end - start < best[0]):
            best = (end - start, key)
    return best[1] if best else None
