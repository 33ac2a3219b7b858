"""Readings the check needs on real news: units with conversion, clock times, numbers in
European forms and in words, dates as intervals, verbs as measures, context from the sentence
before, and values touched by words we do not know giving no value."""

from datetime import date

import pytest

from desktop_app.core.clock import find_times
from desktop_app.core.dates import find_dates
from desktop_app.core.measures import canonical
from desktop_app.core.quantities import find_quantities
from desktop_app.core.statements import read_statement

REF = date(2031, 5, 6)


def only(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_feet_and_metres_are_converted_to_one_unit():
    feet, metres = only("the 300-foot mast"), only("a mast of 91.4 metres")
    assert feet.kind == metres.kind == "length"
    assert feet.low == pytest.approx(91.44)
    assert feet.overlaps(metres)
    assert not only("the 330ft mast").overlaps(metres)


def test_square_miles_and_square_kilometres_of_one_area_agree():
    km2, mi2 = find_quantities("a lake of 1,200 sq km (463 square miles)")
    assert km2.kind == mi2.kind == "area" and km2.overlaps(mi2)


def test_tonnes_and_us_tons_are_the_same_mass_when_converted():
    tonnes, short = find_quantities("2 million tonnes (2.2 million U.S. tons) of grain")
    assert tonnes.overlaps(short)


def test_clock_times_are_intervals_that_keep_their_bound():
    exact, before = find_times("It began at 9:55 p.m."), find_times("just before 10pm")
    assert exact[0].overlaps(before[0])
    about = find_times("at about 9:30 pm")[0]
    assert not about.overlaps(before[0])
    assert find_times("By 11 pm the road was shut")[0].deadline
    assert find_times("at 14:05 GMT")[0].low == 14 * 60 + 4


@pytest.mark.parametrize("text, low", [
    ("a grant of €2,5 Mio", 2.5e6),
    ("a total of 1.234,5 euros", 1234.5),
    ("a budget of €2 500", 2500),
    ("a $2.5-billion plan", 2.5e9),
    ("a 300-million-dollar stadium", 3e8),
    ("₹4 crore in aid", 4e7),
    ("Rs 3 lakh in fines", 3e5),
    ("two dozen volunteers", 24),
])
def test_european_forms_scale_words_and_number_words_are_read(text, low):
    assert only(text).low == pytest.approx(low, rel=0.03)


@pytest.mark.parametrize("text", ["it cost €3 zillion", "a grant of £40 Mns. in total"])
def test_a_scale_word_we_do_not_know_gives_no_value(text):
    assert [q for q in find_quantities(text) if q.kind == "money"] == []


def test_tens_of_thousands_is_a_range_and_a_third_a_share():
    crowd = only("tens of thousands of marchers")
    assert (crowd.low, crowd.high) == (2e4, 99999.0)
    assert only("a third of the budget").kind == "percent"


@pytest.mark.parametrize("text, first, last", [
    ("on the 3rd of March", date(2031, 3, 3), date(2031, 3, 3)),
    ("on March the 3rd", date(2031, 3, 3), date(2031, 3, 3)),
    ("in Q2 2030", date(2030, 4, 1), date(2030, 6, 30)),
    ("in the 2029/30 season", date(2029, 1, 1), date(2030, 12, 31)),
    ("by mid-2030", date(2030, 5, 1), date(2030, 8, 31)),
    ("in early 2030", date(2030, 1, 1), date(2030, 4, 30)),
    ("during the second half of 2029", date(2029, 7, 1), date(2029, 12, 31)),
])
def test_dates_are_the_interval_they_mean(text, first, last):
    found = find_dates(text, REF)
    assert [(d.first, d.last) for d in found] == [(first, last)]


def test_verbs_are_measures_with_their_equivalents():
    assert canonical("killed") == canonical("died") == canonical("fatalities") == "death"
    assert canonical("storeys") == canonical("floors")
    s = read_statement("a:0", "a", 0, "The storm killed 14 people near the coast.", REF)
    assert "death" in s.values[0].terms


def test_a_sentence_that_refers_back_borrows_the_measure_and_the_tax_basis():
    previous = "The striker will earn £9m a year after tax under the new contract."
    s = read_statement("a:0", "a", 0, "This works out at £173,000 per week.", REF,
                       previous=previous)
    value = s.values[0]
    assert value.basis == "net" and "wage" in value.terms and value.per == "week"


def test_a_models_name_is_not_a_measurement():
    assert find_quantities("the Radeon 5300M chip") == []
    s = read_statement("a:0", "a", 0, "She bought the 13-inch Laptopia on Monday.", REF)
    assert [v.kind for v in s.values if v.kind == "length"] == []


def test_a_part_of_a_group_and_a_bare_tally_are_read_as_such():
    part = read_statement("a:0", "a", 0, "Eight of the miners were brought out.", REF)
    assert part.values[0].increment
    tally = read_statement("a:0", "a", 0, "The flood injured 527 and killed 12.", REF)
    assert [(v.low, v.terms[:1]) for v in tally.values] == [(527.0, ("injured",)),
                                                          (12.0, ("death",))]


def test_magnitudes_are_one_measure_however_written():
    kinds = {q.kind for text in ("a magnitude 6.1 quake", "the 6.4-magnitude quake",
                                 "a 6.2 magnitude tremor") for q in find_quantities(text)}
    assert kinds == {"magnitude"}


def test_reading_values_does_not_load_the_unit_or_lemma_libraries_at_import():
    """Start-up stays light: pint and simplemma load when first needed, not on import."""
    import subprocess
    import sys

    code = ("import sys, desktop_app.core.disagreements, desktop_app.services.checking; "
            "print('pint' in sys.modules, 'simplemma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["False", "False"]
