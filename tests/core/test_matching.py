"""The one matching form: what it folds, what it keeps, and how its offsets map back."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.anchoring import find_quote, locate_quote
from desktop_app.core.matching import build_matching_form, match_key, matching_form
from desktop_app.core.text import normalise_text


@pytest.mark.parametrize(("typed", "stored"), [
    ("ﬁnancial staﬀ ﬂows", "financial staff flows"),  # PDF ligatures
    ("ＷＯＲＬＤ　ＢＡＮＫ", "world bank"),  # fullwidth letters and ideographic space
    ("inter\u00adnational", "international"),  # soft hyphen
    ("zero\u200bwidth\u2060joined\ufeff", "zerowidthjoined"),  # ZWSP, word joiner, BOM
    ("\u200fمرحبا\u200e", "مرحبا"),  # direction marks
    ("China’s ‘plan’ — “done”", "china's 'plan' - \"done\""),  # curly quotes, dashes
    ("a\u00a0b\u2009c\u202fd\n e", "a b c d e"),  # no-break and thin spaces, line breaks
    ("STRASSE", "straße"),  # full case folding: ß -> ss
    ("İstanbul", "istanbul"),  # Turkish capital dotted I
    ("Pe\u0301rez", "Pérez"),  # NFD against NFC, and accents
    ("ὈΔΥΣΣΕΎΣ", "ὀδυσσεύς"),  # Greek accents and final sigma
    ("كتاب يك خانۀ", "کتاب یک خانه"),  # Arabic-keyboard letters for Persian ones
    ("مُحَمَّد كـــتب", "محمد کتب"),  # harakat and kashida
    ("שָׁלוֹם", "שלום"),  # Hebrew points
])
def test_variants_people_type_share_one_matching_form(typed, stored):
    assert match_key(typed) == match_key(stored)


def test_marks_that_are_letters_stay_and_nfc_and_nfd_still_agree():
    """Cyrillic й is not и, and a Devanagari vowel sign is part of its word; either way the
    precomposed and the decomposed spellings match each other."""
    assert match_key("й") != match_key("и")
    assert match_key("й") == match_key(unicodedata.normalize("NFD", "й"))
    assert match_key("हिन्दी") != match_key("हन्द")
    korean = "한국 정부"
    assert match_key(korean) == match_key(unicodedata.normalize("NFD", korean))


def test_zero_width_joiners_stay_in_the_stored_text_but_not_in_the_matching_form():
    persian = "او می\u200cخواهد هزینه\u200cها را بپردازد"
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    stored = normalise_text(f"{persian} {family}")
    assert stored.count("\u200c") == 2 and stored.count("\u200d") == 2
    assert match_key("میخواهد") in matching_form(stored).folded
    span = locate_quote(stored, "می\u200cخواهد هزینه\u200cها")
    assert stored[span.start:span.end] == "می\u200cخواهد هزینه\u200cها"


def test_offsets_map_back_through_expansions_and_dropped_characters():
    text = "Die Straße ﬁnanziert inter\u00adnationale Pläne."
    form = build_matching_form(text)
    assert form.folded == "die strasse finanziert internationale plane."
    spans = form.find_all(match_key("strasse finanziert international"))
    assert [text[s:e] for s, e in spans] == ["Straße ﬁnanziert inter\u00adnational"]
    # half of what one stored character became is no match
    assert form.find_all(match_key("stras")) == []
    assert form.find_all(match_key("inanziert")) == []


def test_a_quote_is_found_exactly_first_then_by_matching_form():
    text = "He said “China’s lenders” paid, and China's lenders agreed."
    start = text.index("China's")
    assert find_quote(text, "China's lenders") == [(start, start + len("China's lenders"))]
    assert len(find_quote(text, "CHINA’S LENDERS")) == 2


def test_a_long_article_is_folded_once_for_many_quotes():
    text = " ".join(f"word{i} sentence ﬁnal" for i in range(20_000))
    first = matching_form(text)
    for i in range(0, 20_000, 997):
        assert find_quote(text, f"WORD{i} sentence final")
    assert matching_form(text) is first


@given(st.text(max_size=60))
def test_every_folded_character_points_inside_the_text(text):
    form = build_matching_form(text)
    assert len(form.folded) == len(form.start_of) == len(form.end_of)
    for start, end in zip(form.start_of, form.end_of, strict=True):
        assert 0 <= start < end <= len(text)
