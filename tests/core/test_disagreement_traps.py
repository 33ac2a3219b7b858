"""Each kind of look-alike that must not be flagged, next to a real disagreement of the same
shape that must be."""

from datetime import date

from desktop_app.core.disagreements import find_disagreements
from desktop_app.core.statements import read_statement

DAY = date(2031, 5, 6)


def st(article: str, text: str, day: date = DAY, previous: str = ""):
    return read_statement(f"{article}:0", article, 0, text, day, previous=previous)


def kinds(*statements):
    return [d.kind for d in find_disagreements(list(statements))]


def test_converted_heights_that_differ_are_flagged_with_the_conversion():
    a = st("A", "Rescuers climbed the 300-foot mast of the Orvel ferry.")
    b = st("B", "The Orvel ferry's 120-metre mast was damaged.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["amount"]
    assert "91.44 m" in found[0].explanation and "mast" in found[0].explanation


def test_rounding_and_a_conversion_in_brackets_agree():
    a = st("A", "Nearly 500 volunteers searched the Orvel valley.")
    b = st("B", "In the Orvel valley 497 volunteers searched for the hikers.")
    assert kinds(a, b) == []
    c = st("C", "The Orvel trail runs 35 km (22 miles) along the ridge.")
    d = st("D", "The Orvel trail runs 22 miles along the ridge.")
    assert kinds(c, d) == []


def test_clock_times_of_one_event_that_cannot_meet_are_a_date_flag_but_a_deadline_is_not():
    a = st("A", "The Orvel bridge collapsed at about 6:30 pm on Friday.")
    b = st("B", "The Orvel bridge collapsed just after 8pm on Friday.")
    assert kinds(a, b) == ["date"]
    c = st("C", "By 11 pm on Friday the Orvel bridge collapsed into the river.")
    assert kinds(a, c) == []


def test_gross_and_net_pay_are_different_facts():
    a = st("A", "Halden will earn £300,000 a week before tax at Orvel United.")
    b = st("B", "Halden will earn £180,000 a week after tax at Orvel United.")
    assert kinds(a, b) == []
    c = st("C", "Halden will earn £250,000 a week at Orvel United.")
    assert kinds(a, c) == ["amount"]


def test_another_persons_figure_is_not_compared():
    a = st("A", "Halden will earn £250,000 a week at Orvel United.")
    b = st("B", "At Orvel United, Brisk earns £90,000 a week.")
    assert kinds(a, b) == []


def test_a_tally_in_reports_days_apart_is_a_revision_not_a_contradiction():
    a = st("A", "At least 12 people were killed in the Orvel flood.", date(2031, 5, 6))
    b = st("B", "The death toll in the Orvel flood has risen to 40.", date(2031, 5, 10))
    assert kinds(a, b) == []
    c = st("C", "Forty people were killed in the Orvel flood.", date(2031, 5, 6))
    assert kinds(a, c) == []  # "at least 12" and 40 agree
    d = st("D", "Only 9 people were killed in the Orvel flood.", date(2031, 5, 6))
    assert kinds(d, c) == ["amount"]


def test_a_figure_for_another_year_is_about_another_time():
    a = st("A", "The Orvel glacier covers 300 sq km today.")
    b = st("B", "In 1990 the Orvel glacier covers 420 sq km.")
    assert kinds(a, b) == []


def test_a_part_of_a_group_is_not_the_group():
    a = st("A", "All 12 miners were brought out of the Orvel shaft.")
    b = st("B", "The remaining four miners were brought out of the Orvel shaft.")
    assert kinds(a, b) == []


def test_one_persons_age_is_not_a_groups_spread():
    a = st("A", "The Orvel scouts, aged between 10 and 14, and their 31-year-old leader.")
    b = st("B", "The Orvel scouts were aged 10 to 15, with their leader.")
    found = find_disagreements([a, b])
    assert [d.kind for d in found] == ["amount"]
    assert "10 to 15" in found[0].explanation


def test_the_figure_in_a_sentence_that_refers_back_is_compared_on_its_basis():
    a = st("A", "This works out at £150,000 per week.",
           previous="Halden will earn £7.8m a year after tax at Orvel United.")
    b = st("B", "Halden will take home £120,000 a week after tax at Orvel United.")
    assert kinds(a, b) == ["amount"]


def test_a_round_figure_and_its_conversion_in_another_currency_agree():
    a = st("A", "Orvel United paid a record fee of £200m (€221m) for Halden.")
    b = st("B", "Orvel United paid €222m (£198m) for Halden, a record fee.")
    assert kinds(a, b) == []


def test_a_persons_figure_is_not_compared_with_an_unnamed_one_in_an_article_about_another():
    from desktop_app.core.statements import read_statement

    messi = read_statement("a:0", "A", 0,
                           "He overtook Brisk Talor, who earns £300,000 a week at Orvel.",
                           DAY, focus=["halden"])
    halden = read_statement("b:0", "B", 0, "The forward will earn £450,000 a week at Orvel.",
                            DAY, focus=["halden"])
    assert kinds(messi, halden) == []
    other = read_statement("c:0", "C", 0, "The forward will earn £250,000 a week at Orvel.",
                           DAY, focus=["halden"])
    assert kinds(halden, other) == ["amount"]


def test_figures_stated_for_different_weekdays_are_about_different_times():
    a = st("A", "Divers brought four miners out of the Orvel shaft on Sunday.")
    b = st("B", "Divers brought eight miners out of the Orvel shaft on Sunday and Monday.")
    assert kinds(a, b) == []
    c = st("C", "Divers brought six miners out of the Orvel shaft on Sunday.")
    assert kinds(a, c) == ["amount"]


def test_a_figure_given_as_of_a_moment_in_a_later_report_is_a_revision():
    a = st("A", "As of Tuesday, 40 homes in Orvel had lost power.", date(2031, 5, 6))
    b = st("B", "As of Friday, 12 homes in Orvel had lost power.", date(2031, 5, 9))
    assert kinds(a, b) == []
