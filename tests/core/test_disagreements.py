"""The comparison rules: what cannot both be true is flagged, different measures never are,
and only blocked pairs are compared."""

from datetime import date

from desktop_app.core.disagreements import (
    candidate_pairs,
    find_disagreements,
    read_statement,
)

REF = date(2025, 3, 1)


def statement(article: str, text: str, start: int = 0):
    return read_statement(f"{article}:{start}", article, start, text, REF)


def kinds(*statements):
    return [d.kind for d in find_disagreements(list(statements))]


def test_amounts_of_the_same_measure_that_cannot_meet_are_flagged():
    a = statement("A", "Harbour revenue in Velmora reached $40 million in 2023.")
    b = statement("B", "Velmora's harbour revenue was only $12 million in 2023.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["amount"]
    assert found[0].severity == "high"
    assert "“$40 million”" in found[0].explanation and "“$12 million”" in found[0].explanation


def test_bounds_that_meet_are_not_flagged():
    a = statement("A", "Investment in Velmora was over $1 billion in 2023.")
    b = statement("B", "Velmora drew investment of $1.3 billion in 2023.")
    assert kinds(a, b) == []


def test_different_measures_are_never_compared():
    a = statement("A", "China controls a share of processing capacity, up to 60–90 percent "
                       "of cobalt and nickel.")
    b = statement("B", "Reserves of cobalt and nickel in China make up less than 5% of "
                       "global totals.")
    assert kinds(a, b) == []


def test_the_same_measure_for_different_periods_is_a_period_flag():
    a = statement("A", "China's investments in Peru, over $1 billion since 2020, grew.")
    b = statement("B", "Beijing's investment in Peru totaled over 1 billion USD between 2020 "
                       "to 2023.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["period"]
    assert "since 2020" in found[0].explanation and "2020 to 2023" in found[0].explanation


def test_the_same_event_on_days_that_do_not_meet_is_a_date_flag():
    a = statement("A", "The minister attends the APEC summit in Lima on November 15-16.")
    b = statement("B", "The deal was announced on Nov. 17 during the APEC summit.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["date"]
    assert "APEC summit" in found[0].explanation
    c = statement("C", "Leaders met at the APEC summit on Nov. 16.")
    assert kinds(a, c) == []


def test_different_events_are_not_compared_by_date():
    a = statement("A", "The G20 summit opened on November 18.")
    b = statement("B", "The APEC summit opened on November 15.")
    assert kinds(a, b) == []


def test_the_same_quotation_given_to_different_people_is_an_attribution_flag():
    words = "“We will never sell the harbour to a foreign company,”"
    a = statement("A", f"{words} said Mayor Alda Brenn on Monday.")
    b = statement("B", f"{words} Governor Tomas Ruiz said.")
    assert kinds(a, b) == ["attribution"]
    c = statement("C", f"{words} Brenn said.")
    assert kinds(a, c) == []


def test_statements_of_one_article_are_never_paired():
    a = statement("A", "Harbour revenue in Velmora reached $40 million in 2023.")
    b = statement("A", "Velmora's harbour revenue was only $12 million in 2023.", 100)
    assert candidate_pairs([a, b]) == set()


def test_unrelated_statements_share_no_block():
    a = statement("A", "Harbour revenue in Velmora reached $40 million in 2023.")
    b = statement("B", "The council has 19 members since 2019.")
    c = statement("C", "Unemployment fell to 5% in Corvane.")
    assert candidate_pairs([a, b, c]) == set()


def test_an_attribution_names_each_speaker_as_the_sentence_writes_them():
    """The speaker is the name a speech verb goes with, written whole with its accents and
    title, not every capitalised word of the sentence (a place, the outlet told)."""
    words = "“Our river will be dry before the mine pays a single cent,”"
    a = statement("A", f"Harbour Councillor Inés Dalmau-Ortiz called it {words} "
                       "at the town hall in Port Selvan.")
    b = statement("B", f"Engineer Piet van Rossum said {words} he told Radio Norte.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["attribution"]
    text = found[0].explanation
    assert "Harbour Councillor Inés Dalmau-Ortiz" in text and "Piet van Rossum" in text
    assert "Port Selvan" not in text and "Radio Norte" not in text


def test_a_date_explanation_names_the_shared_names_and_no_bare_word_event():
    """Two days for one signing: the explanation says the dates differ, names what both
    sentences name (whole names, joiners kept), and the days each was reported."""
    a = statement("A", "The Marwick Trust signed the lease for Lago de Orra on May 2.")
    b = statement("B", "The lease for Lago de Orra was signed by the Marwick Trust on 9 May 2025.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["date"]
    text = found[0].explanation
    assert text.startswith("The dates differ: “May 2”") or "“May 2”" in text
    assert "Lago de Orra" in text and "Marwick Trust" in text
    assert "both:" not in text


def test_a_big_block_keeps_the_pairs_whose_figures_differ():
    """In a block too big to pair whole, each statement keeps its best partners: a source
    giving another figure is paired with every other source (those can disagree), while
    sources giving the same figure are not all paired with each other."""
    from desktop_app.core.disagreements import PAIRS_PER_STATEMENT

    n = 2 * PAIRS_PER_STATEMENT + 4  # more than it pairs whole, no more than MAX_BLOCK
    same = [statement(f"a{i:03d}", "Harbour revenue in Velmora reached $40 million in 2023.")
            for i in range(n)]
    odd = statement("z999", "Harbour revenue in Velmora reached $95 million in 2023.")
    statements = [*same, odd]
    pairs = candidate_pairs(statements)
    every = n * (n + 1) // 2
    assert len(pairs) < every  # the block was not paired whole
    with_odd = {p for p in pairs if n in p}
    assert len(with_odd) == n  # the odd one is paired with every other source


def test_a_period_explanation_names_what_was_measured_and_no_word_inside_a_name():
    """"Both give the investment as …", never a name read as the measure ("the chinese");
    a hyphenated name ("Asia-Pacific Harbour Forum") is named whole, its parts not listed
    again as words of their own."""
    a = statement("A", "Velmora drew over $1 billion in Chinese investment since 2020, the "
                       "Asia-Pacific Harbour Forum said.")
    b = statement("B", "The Asia-Pacific Harbour Forum said Velmora drew over $1 billion in "
                       "Chinese investment between 2020 and 2023.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["period"]
    text = found[0].explanation
    assert text.startswith("Both give the investment as"), text
    assert "Asia-Pacific Harbour Forum" in text
    assert "“asia”" not in text.lower() and "“pacific”" not in text.lower()
