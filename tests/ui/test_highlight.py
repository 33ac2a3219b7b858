"""How claims are coloured: disjoint segments over overlapping claims, and palette colours
that keep the text readable in light and dark themes."""

from PySide6.QtGui import QColor, QPalette

from desktop_app.core import vocab
from desktop_app.ui.highlight import Segment, covering, segments, verdict_colour


def test_overlapping_claims_become_disjoint_segments_with_the_shorter_claim_on_top():
    spans = [(0, 10), (4, 6), (12, 15), (14, 20)]
    assert segments(spans) == [
        Segment(0, 4, 0, 1), Segment(4, 6, 1, 2), Segment(6, 10, 0, 1),
        Segment(12, 14, 2, 1), Segment(14, 15, 2, 2), Segment(15, 20, 3, 1),
    ]
    assert segments([(3, 3)]) == []


def test_a_click_means_the_shortest_claim_holding_the_position():
    spans = [(0, 10, "outer"), (4, 6, "inner")]
    assert covering(spans, 5) == "inner"
    assert covering(spans, 2) == "outer"
    assert covering(spans, 10) is None


def _palette(base: QColor, text: QColor) -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, base)
    palette.setColor(QPalette.ColorRole.Text, text)
    return palette


def test_verdict_colours_are_distinct_and_keep_contrast_in_light_and_dark_palettes(qapp):
    for base, text in ((QColor("white"), QColor("black")), (QColor(30, 30, 30),
                                                            QColor(230, 230, 230))):
        palette = _palette(base, text)
        colours = {verdict_colour(palette, v).name() for v in vocab.VERDICTS}
        assert len(colours) == len(vocab.VERDICTS)
        for verdict in vocab.VERDICTS:
            background = verdict_colour(palette, verdict)
            # the highlight stays on the Base side of the text: text remains readable
            gap = abs(background.lightnessF() - text.lightnessF())
            assert gap > 0.45, (verdict, background.name(), gap)
