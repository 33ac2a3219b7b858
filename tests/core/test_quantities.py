"""Amounts, percentages, multipliers and counts read from English text as intervals."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.quantities import find_quantities


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text, "each value keeps its span"
    return q


@pytest.mark.parametrize("text, kind, unit, low, high", [
    ("Beijing invested $1.3 billion in its first phase", "money", "USD", 1.25e9, 1.35e9),
    ("it totaled 1 billion USD last year", "money", "USD", 1e9, 1e9),
    ("a quay worth 4.2 million euros", "money", "EUR", 4.15e6, 4.25e6),
    ("trade reaching $450 billion", "money", "USD", 450e9, 450e9),
    ("nearly $2bn in loans", "money", "USD", 1.8e9, 2e9),
    ("a fine of €3,500 was paid", "money", "EUR", 3500, 3500),
    ("accounting for 8–9 percent of investment", "percent", "%", 8, 9),
    ("between 20 and 30 percent of voters", "percent", "%", 20, 30),
    ("rose 12.5% on the year", "percent", "%", 12.45, 12.55),
    ("trade increased 26-fold in that time", "multiplier", "x", 26, 26),
    ("prices were three times higher", "multiplier", "x", 3, 3),
    ("nineteen nations signed", "count", "nations", 19, 19),
    ("about 3,500 people left", "count", "people", 3150, 3850),
])
def test_values_are_read_with_unit_and_interval(text, kind, unit, low, high):
    q = one(text)
    assert (q.kind, q.unit) == (kind, unit)
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)


@pytest.mark.parametrize("text, bound, low, high", [
    ("over $1 billion since 2020", "over", 1e9, math.inf),
    ("more than 40 percent", "over", 40, math.inf),
    ("at least nineteen nations", "at least", 19, math.inf),
    ("boost trade by at least 50%", "at least", 50, math.inf),
    ("up to 60 percent of refining", "up to", -math.inf, 60),
    ("as much as $5 million", "up to", -math.inf, 5e6),
    ("less than 5% of global totals", "less than", -math.inf, 5),
    ("under 200 workers", "less than", -math.inf, 200),
    ("nearly 90 percent", "nearly", 81, 90),
    ("almost 1,000 people", "nearly", 900, 1000),
    ("about 40 percent", "about", 36, 44),
    ("roughly $10 million", "about", 9e6, 11e6),
])
def test_each_bound_opens_the_interval_on_the_right_side(text, bound, low, high):
    q = one(text)
    assert q.bound == bound
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)


def test_a_range_under_a_bound_keeps_its_top():
    q = one("handling up to 60–90 percent of key base metals")
    assert (q.kind, q.bound, q.high) == ("percent", "up to", 90)


def test_a_yearly_amount_keeps_its_rate():
    q = one("revenue of over 65 million USD per year thanks to copper")
    assert (q.unit, q.low, q.per) == ("USD", 65e6, "year")


def test_a_change_from_one_value_to_another_is_two_values_not_a_range():
    found = find_quantities("increased 26-fold, from $12 billion to $315 billion, according")
    money = [q for q in found if q.kind == "money"]
    assert [(q.low, q.high) for q in money] == [(12e9, 12e9), (315e9, 315e9)]
    assert [q.text for q in money] == ["$12 billion", "$315 billion"]


@pytest.mark.parametrize("text", [
    "He joined the council in 2007 and left.",
    "They unveiled a 10-point roadmap in 2019.",
])
def test_years_and_compound_adjectives_are_not_amounts(text):
    assert [q for q in find_quantities(text) if q.kind in ("money", "percent")] == []
    assert not any(q.text == "2007" or q.text == "2019" for q in find_quantities(text))


def test_a_bare_m_without_currency_is_metres_not_millions():
    q = one("The stadium holds 5 m of water.")
    assert (q.kind, q.low) == ("length", 5.0)


def test_spans_given_as_dates_are_skipped():
    text = "The summit on November 15-16 drew 21 leaders"
    assert [q.text for q in find_quantities(text, skip=[(14, 28)])] == ["21 leaders"]


def test_overlapping_intervals_mean_both_can_be_true():
    over, exact = one("over $1 billion"), one("$1.3 billion")
    assert over.overlaps(exact) and exact.overlaps(over)
    assert not one("less than 5%").overlaps(one("60–90 percent"))


@given(st.integers(min_value=1, max_value=999), st.sampled_from(
    [("million", 1e6), ("billion", 1e9), ("thousand", 1e3)]))
def test_any_whole_amount_in_dollars_reads_back_exactly(number, scale):
    word, factor = scale
    q = one(f"it cost ${number} {word} in all")
    assert q.low == q.high == number * factor
