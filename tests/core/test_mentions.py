"""Finding mentions of registered entities in the real corpus articles."""

from collections import defaultdict

import pytest

from desktop_app.core.mentions import MentionMatcher, fold_with_map
from desktop_app.core.models import Entity

REGISTRY = [
    Entity("lopez", "Rafael Bernardo López Aliaga Cazorla", "person",
           ("Rafael López Aliaga", "Lima's mayor")),
    Entity("bambas", "Minera Las Bambas", "organization", ("Las Bambas",)),
    Entity("minmetals", "China Minmetals", "organization", ("Minmetals",)),
    Entity("perurail", "PeruRail", "organization"),
    Entity("chancay", "Chancay Port", "place", ("Chancay megaport", "port of Chancay")),
    Entity("apec", "APEC", "organization", ("Asia-Pacific Economic Cooperation",)),
    Entity("ishiba", "Shigeru Ishiba", "person"),
    Entity("li", "Li Qiang", "person"),
    Entity("china", "China", "place", ("PRC",)),
    Entity("peru", "Peru", "place"),
]
# Which corpus articles mention each entity (read off the files by hand).
EXPECTED = {
    "lopez": {"000", "001"}, "bambas": {"000", "001"}, "minmetals": {"000", "001"},
    "perurail": {"000", "001"}, "chancay": {"002", "003"}, "apec": {"002", "003"},
    "ishiba": {"002", "003"}, "li": {"004"},
}


@pytest.fixture(scope="module")
def matcher():
    return MentionMatcher.from_entities(REGISTRY)


@pytest.fixture(scope="module")
def found(matcher, corpus_dir):
    result = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result[path.name[:3]] = (text, matcher.find(text))
    return result


def test_each_entity_is_found_in_every_article_that_mentions_it(found):
    articles = defaultdict(set)
    for number, (_text, mentions) in found.items():
        for mention in mentions:
            articles[mention.entity_id].add(number)
    for entity_id, expected in EXPECTED.items():
        assert articles[entity_id] == expected, entity_id


def test_offsets_slice_the_surface_out_of_the_original_text(found):
    for text, mentions in found.values():
        for mention in mentions:
            assert text[mention.start : mention.end] == mention.surface


def test_the_short_name_counts_after_the_full_name(found):
    text, mentions = found["001"]
    surfaces = [m.surface for m in mentions if m.entity_id == "lopez"]
    assert surfaces[0] == "Rafael Bernardo López Aliaga Cazorla"
    assert "López Aliaga" in surfaces[1:]


def test_accents_case_and_punctuation_variants_match(matcher):
    text = "LOPEZ ALIAGA? No: Rafael Lopez Aliaga, then Lima’s mayor and the Asia‐Pacific " \
           "Economic  Cooperation met in Perú."
    ids = [m.entity_id for m in matcher.find(text)]
    assert ids.count("lopez") == 2 and "apec" in ids and "peru" in ids


def test_acronyms_match_only_in_capitals(matcher):
    assert [m.entity_id for m in matcher.find("apec and prc, then APEC and PRC")] == [
        "apec", "china"]


def test_possessives_match_but_longer_words_do_not(matcher):
    mentions = matcher.find("China’s port and Peru's mines; Peruvian and Chinese firms.")
    assert [(m.entity_id, m.surface) for m in mentions] == [("china", "China"),
                                                            ("peru", "Peru")]


def test_the_longest_name_wins_where_names_overlap(matcher):
    mentions = matcher.find("Minera Las Bambas said")
    assert [(m.entity_id, m.surface) for m in mentions] == [("bambas", "Minera Las Bambas")]


def test_folding_maps_back_through_expanding_characters_and_emoji():
    text = "Straße 🚢 ﬁne Ærø"
    folded, where = fold_with_map(text)
    assert folded == "strasse 🚢 fine ærø"
    assert text[where[folded.index("fine")]] == "ﬁ"
    matcher = MentionMatcher([("s", ["Strasse"]), ("f", ["fine"])])
    assert [(m.entity_id, m.surface) for m in matcher.find(text)] == [("s", "Straße"),
                                                                      ("f", "ﬁne")]
