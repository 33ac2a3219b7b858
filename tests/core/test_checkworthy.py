"""Check-worthy sentences: facts with numbers, dates and attributions first, predictions and
opinions last, each with its reasons."""

from datetime import date

from desktop_app.core.checkworthy import rank_sentences

TEXT = (
    "Officials said the port cost $1.3 billion and opened on Nov. 14, 2024. "
    "The mayor thinks the city should be proud. "
    "Traffic will probably grow in the coming years. "
    "Is this the best port in the region? "
    "Exports of copper rose 12 percent since 2020, according to the ministry."
)


def test_sentences_with_values_and_sources_rank_first_with_reasons():
    ranked = rank_sentences(TEXT, date(2024, 11, 20), minimum=-10)
    texts = [s.text for s in ranked]
    assert texts[0].startswith("Officials said the port cost")
    assert texts.index("Exports of copper rose 12 percent since 2020, according to the "
                       "ministry.") < texts.index("The mayor thinks the city should be proud.")
    top = ranked[0]
    assert "an amount of money" in top.reasons and "a date" in top.reasons
    assert "an attribution" in top.reasons
    for s in ranked:
        assert TEXT[s.start : s.end] == s.text


def test_predictions_opinions_and_questions_fall_below_the_threshold():
    kept = [s.text for s in rank_sentences(TEXT, date(2024, 11, 20))]
    assert not any(t.startswith(("The mayor", "Traffic will", "Is this")) for t in kept)
    assert len(kept) == 2
