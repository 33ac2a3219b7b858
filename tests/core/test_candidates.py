"""Suggesting new entities from the real corpus."""

import pytest

from desktop_app.core.candidates import find_candidates, suggest_type
from desktop_app.core.mentions import MentionMatcher


@pytest.fixture(scope="module")
def texts(corpus_dir):
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))}


def test_the_expected_organisations_are_suggested_with_their_acronyms(texts):
    found = {c.name: c for c in find_candidates(texts)}
    assert found["Chinese Communist Party"].aliases == ("CCP",)
    assert found["Center for Strategic and International Studies"].aliases == ("CSIS",)
    assert found["Belt and Road Initiative"].article_count == 3
    assert found["United Nations Industrial Development Organization"].type_guess == (
        "organization")


def test_useful_candidates_rank_first_and_junk_stays_out(texts):
    ranked = [c.name for c in find_candidates(texts, limit=12)]
    assert {"Chinese Communist Party", "Belt and Road Initiative"} <= set(ranked[:5])
    every = [c.name for c in find_candidates(texts, limit=500)]
    for junk in ("The", "But", "Sunday", "Key Takeaways", "Japan and Peru", "USD"):
        assert junk not in every


def test_registered_entities_are_not_suggested_again(texts):
    known = MentionMatcher([("ccp", ["Chinese Communist Party", "CCP"]),
                            ("bri", ["Belt and Road Initiative"])])
    names = {c.name for c in find_candidates(texts, known, limit=500)}
    assert "Chinese Communist Party" not in names and "CCP" not in names
    assert "Belt and Road Initiative" not in names


@pytest.mark.parametrize("name,kind", [("Lima City Council", "organization"),
                                       ("G20 Summit", "event"), ("Gracelin Baskaran", "person"),
                                       ("Chancay Port", "place")])
def test_type_guesses(name, kind):
    assert suggest_type(name) == kind
