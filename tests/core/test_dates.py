"""Dates and periods in the forms English news copy uses, resolved against the article's
own date when the year is missing."""

from datetime import date

import pytest

from desktop_app.core.dates import days_apart, find_dates, find_periods, reference_date

NOV_14 = date(2024, 11, 14)


def one_date(text: str, reference=NOV_14):
    found = find_dates(text, reference)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d


@pytest.mark.parametrize("text, first, last, precision", [
    ("announced on Nov. 17 during the summit", date(2024, 11, 17), date(2024, 11, 17), "day"),
    ("the summit on November 15-16. He will", date(2024, 11, 15), date(2024, 11, 16), "day"),
    ("- 14-Nov-2024 3:00 AM", date(2024, 11, 14), date(2024, 11, 14), "day"),
    ("in December 2023 the board", date(2023, 12, 1), date(2023, 12, 31), "month"),
    ("Sunday, September 28, 2025", date(2025, 9, 28), date(2025, 9, 28), "day"),
    ("signed on 15 November 2024", date(2024, 11, 15), date(2024, 11, 15), "day"),
    ("met on 15-16 November", date(2024, 11, 15), date(2024, 11, 16), "day"),
    ("filed 2024-11-14 at noon", date(2024, 11, 14), date(2024, 11, 14), "day"),
    ("on Jan. 3rd the vote", date(2025, 1, 3), date(2025, 1, 3), "day"),
    ("elected in 2007", date(2007, 1, 1), date(2007, 12, 31), "year"),
])
def test_date_forms(text, first, last, precision):
    d = one_date(text)
    assert (d.first, d.last, d.precision) == (first, last, precision)
    assert d.year_known


def test_a_missing_year_is_the_one_nearest_the_article_date():
    assert one_date("on Dec. 30 they met", date(2025, 1, 3)).first == date(2024, 12, 30)
    assert one_date("on Jan. 2 they met", date(2024, 12, 28)).first == date(2025, 1, 2)


def test_without_an_article_date_the_year_stays_unknown():
    d = one_date("announced on Nov. 17", reference=None)
    assert not d.year_known and (d.first.month, d.first.day) == (11, 17)


def test_may_the_verb_is_not_a_date():
    assert find_dates("prices may 5 times rise", NOV_14) == []


@pytest.mark.parametrize("text, first, last, form", [
    ("over $1 billion since 2020, highlight", 2020, 2024, "since"),
    ("totaled 1 billion USD between 2020 to 2023", 2020, 2023, "between"),
    ("Between 2000 and 2020, trade grew", 2000, 2020, "between"),
    ("from 2015 to 2019 the output fell", 2015, 2019, "between"),
    ("in 2020–23 the figure", 2020, 2023, "between"),
    ("the plan runs through 2033", None, 2033, "until"),
    ("trade reaching $450 billion by 2022", None, 2022, "by"),
    ("over the past 15 years after", 2009, 2024, "past"),
    ("Over the last seven years, the", 2017, 2024, "past"),
    ("in the past two decades", 2004, 2024, "past"),
])
def test_period_forms(text, first, last, form):
    found = find_periods(text, NOV_14)
    assert len(found) == 1, found
    p = found[0]
    assert (p.first, p.last, p.form) == (first, last, form)
    assert text[p.start : p.end] == p.text


def test_periods_compare_by_their_years():
    since, = find_periods("since 2020", date(2025, 3, 1))
    between, = find_periods("between 2020 to 2023", date(2025, 3, 1))
    assert not since.same_as(between)
    past, = find_periods("over the past 15 years", date(2024, 6, 1))
    since_2010, = find_periods("since 2010", date(2024, 6, 1))
    assert past.same_as(since_2010), "a year's slack for an approximate period"


def test_reference_date_falls_back_to_the_latest_full_date_in_the_text():
    text = "Lima, on Nov. 17, 2024, and again on Nov. 18, 2024. In 1999 too."
    assert reference_date(text, None) == date(2024, 11, 18)
    assert reference_date(text, date(2020, 1, 1)) == date(2020, 1, 1)
    assert reference_date("no dates at all", None) is None


def test_days_apart_is_zero_when_dates_meet():
    a = one_date("on November 15-16")
    b = one_date("on Nov. 16")
    c = one_date("on Nov. 17")
    assert days_apart(a, b) == 0 and days_apart(a, c) == 1
