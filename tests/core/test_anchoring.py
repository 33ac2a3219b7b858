"""Finding a claim's quote in its article, and the messages when that is not possible."""

import pytest

from desktop_app.core.anchoring import find_quote, locate_quote, span_at
from desktop_app.core.errors import AmbiguousQuoteError, InvalidValueError, QuoteNotFoundError

TEXT = "Beijing invested $1.3 billion. Critics say Beijing “over-promised” — again.\nBeijing"


def test_exact_quote_gives_its_offsets_and_context():
    span = locate_quote(TEXT, "$1.3 billion")
    assert TEXT[span.start : span.end] == "$1.3 billion"
    assert span.prefix.endswith("invested ") and span.suffix.startswith(". Critics")


def test_straight_quotes_and_hyphens_find_curly_quotes_and_dashes():
    span = locate_quote(TEXT, '"over-promised" - again.')
    assert TEXT[span.start : span.end] == "“over-promised” — again."


def test_ambiguous_quote_says_how_many_times_it_occurs():
    with pytest.raises(AmbiguousQuoteError) as caught:
        locate_quote(TEXT, "Beijing")
    assert caught.value.count == 3
    assert "3 times" in str(caught.value) and "--occurrence" in str(caught.value)


def test_occurrence_picks_one_of_several():
    span = locate_quote(TEXT, "Beijing", occurrence=2)
    assert span.start == TEXT.index("Beijing", 1)


def test_occurrence_beyond_the_count_is_refused():
    with pytest.raises(InvalidValueError, match="occurs 3 times"):
        locate_quote(TEXT, "Beijing", occurrence=4)


def test_missing_quote_is_refused_with_the_quote_in_the_message():
    with pytest.raises(QuoteNotFoundError, match="Lima"):
        locate_quote(TEXT, "Lima")


def test_quote_across_a_line_break_is_found_from_a_single_space():
    assert find_quote(TEXT, "again. Beijing") == [(TEXT.index("again."), len(TEXT))]


@pytest.mark.parametrize("start,end", [(-1, 3), (5, 5), (0, len(TEXT) + 1), (9, 3)])
def test_offsets_outside_the_text_or_empty_are_refused(start, end):
    with pytest.raises(InvalidValueError):
        span_at(TEXT, start, end)


def test_a_span_given_only_by_position_is_checked_against_the_text():
    from desktop_app.core.anchoring import span_by_position

    plain = "The toll rose and drivers were upset."
    assert span_by_position(plain, 4, 8).exact == "toll"
    with pytest.raises(InvalidValueError, match="past the end"):
        span_by_position(plain, 30, 60)
    with pytest.raises(InvalidValueError, match="empty"):
        span_by_position(plain, 5, 5)
    accented = "Cafe\u0301 prices rose."
    with pytest.raises(InvalidValueError, match="inside a character"):
        span_by_position(accented, 0, 4)
    emoji = "The toll 🚀 rose and drivers were upset."
    rocket = emoji.index("🚀")
    with pytest.raises(InvalidValueError, match="surrogate pair"):
        span_by_position(emoji, rocket + 1, rocket + 5)
    with pytest.raises(InvalidValueError, match="Basic Multilingual Plane"):
        span_by_position(emoji, rocket + 2, rocket + 6)
    assert span_by_position(emoji, 0, 8).exact == "The toll"  # before the emoji: one count
