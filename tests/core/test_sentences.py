"""Sentences keep their offsets, and abbreviations do not end them."""

from desktop_app.core.sentences import content_stems, split_sentences, stem


def test_sentences_slice_exactly_out_of_the_text():
    text = ("The deal was announced on Nov. 17 in Lima. Officials from the U.S. attended!\n\n"
            "J. Smith said: “It is done.” Prices rose.")
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "The deal was announced on Nov. 17 in Lima.",
        "Officials from the U.S. attended!",
        "J. Smith said: “It is done.”",
        "Prices rose.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_a_line_break_ends_a_sentence_without_punctuation():
    sentences = split_sentences("A headline without a stop\nThe body starts here.")
    assert [s.text for s in sentences] == ["A headline without a stop", "The body starts here."]


def test_stems_meet_across_forms_of_a_word():
    assert stem("investments") == stem("investment") == stem("invested") == "invest"
    assert stem("China’s") == "china"
    assert content_stems("The investments in 2020 were large") == {"invest", "large"}
