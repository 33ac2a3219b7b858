"""Text normalisation and the one conversion between code-point and UTF-16 offsets."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.text import content_hash, fold, from_utf16, normalise_text, to_utf16


def test_normalise_unifies_line_ends_composes_accents_and_folds_blank_lines():
    raw = "Title\r\n\r\n\r\n\r\nLo\u0301pez  said\u200b so.  \r\nNext\tline\n"
    assert normalise_text(raw) == "Title\n\nLópez  said so.\nNext line"


def test_same_text_in_other_encodings_of_line_ends_hashes_the_same():
    assert content_hash(normalise_text("a\r\nb")) == content_hash(normalise_text("a\nb\n"))


def test_utf16_offsets_count_emoji_as_two_units():
    text = "Fact 🙂 check 𝔘 done"
    emoji_end = text.index("🙂") + 1
    assert to_utf16(text, emoji_end) == emoji_end + 1
    assert to_utf16(text, len(text)) == len(text) + 2
    assert from_utf16(text, to_utf16(text, text.index("done"))) == text.index("done")


def test_utf16_offset_inside_a_surrogate_pair_snaps_to_the_character_start():
    text = "a🙂b"
    assert from_utf16(text, 2) == 1


@given(st.text(), st.data())
def test_utf16_conversion_round_trips_every_code_point_offset(text, data):
    offset = data.draw(st.integers(0, len(text)))
    assert from_utf16(text, to_utf16(text, offset)) == offset


def test_fold_ignores_accents_and_case():
    assert fold("López ALIAGA, Perú") == "lopez aliaga, peru"


def test_offset_map_agrees_with_the_walking_conversions_at_every_offset():
    """The prepared map (used by the reader for thousands of claims) converts exactly as
    to_utf16/from_utf16 do, surrogate halves snapping to the character's start."""
    from desktop_app.core.text import OffsetMap

    text = "🚢a😀😀b c 𝔸\n🎉"
    table = OffsetMap(text)
    assert table.length16 == len(text.encode("utf-16-le")) // 2
    for offset in range(len(text) + 1):
        assert table.to_utf16(offset) == to_utf16(text, offset)
    for offset16 in range(table.length16 + 1):
        assert table.from_utf16(offset16) == from_utf16(text, offset16)
    with pytest.raises(ValueError):
        table.to_utf16(len(text) + 1)
    with pytest.raises(ValueError):
        table.from_utf16(table.length16 + 1)
