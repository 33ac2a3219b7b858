"""The check on real-shaped news: numbers written the European way, ordinal dates, dated
revisions, our sample articles, and the checking dev set scored by its own rule."""

import json
from pathlib import Path

from tests.conftest import SAMPLES, SHARED


def write(folder: Path, name: str, title: str, dateline: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n{dateline}\n\n{body}\n", encoding="utf-8")
    return path


def quotes(project, flag):
    return [project.claims.get(c).exact for c in (flag.claim_a, flag.claim_b)]


def test_a_decimal_comma_amount_agrees_with_the_same_amount_and_a_different_one_is_flagged(
        project, tmp_path):
    comma = write(tmp_path, "a.txt", "Ferry study", "Harbour Post, March 3, 2031",
                  "The Orvel ferry study cost Brenmark €3,5 million, the council said.")
    point = write(tmp_path, "b.txt", "Ferry review", "Coast Wire, March 4, 2031",
                  "The Orvel ferry study cost Brenmark €3.5 million, city records show.")
    other = write(tmp_path, "c.txt", "Ferry row", "Daily Orvel, March 4, 2031",
                  "The Orvel ferry study cost Brenmark €6 million, a councillor claimed.")
    project.articles.import_paths([comma, point])
    assert project.checking.check().flags == ()
    project.articles.import_paths([other])
    flags = project.checking.check().flags
    assert [f.kind for f in flags] == ["amount", "amount"]
    assert all("€6 million" in " ".join(quotes(project, f)) for f in flags)


def test_an_ordinal_of_month_date_is_compared_like_any_other(project, tmp_path):
    a = write(tmp_path, "a.txt", "Fair opens", "Harbour Post, October 1, 2031",
              "The Brenmark book fair opens on the 9th of October, organisers said.")
    b = write(tmp_path, "b.txt", "Fair plans", "Coast Wire, October 2, 2031",
              "The Brenmark book fair opens on October 12, the city said.")
    project.articles.import_paths([a, b])
    flags = project.checking.check().flags
    assert [f.kind for f in flags] == ["date"]
    assert "the 9th of October" in flags[0].explanation


def test_a_tally_revised_in_a_later_report_is_not_a_contradiction(project, tmp_path):
    early = write(tmp_path, "a.txt", "Storm hits Orvel", "Harbour Post, May 3, 2031",
                  "At least 6 people were killed when the storm hit Orvel on Monday.")
    late = write(tmp_path, "b.txt", "Storm toll rises", "Coast Wire, May 9, 2031",
                 "The death toll from the storm in Orvel has risen to 31, officials said.")
    project.articles.import_paths([early, late])
    assert project.checking.check().flags == ()


def test_the_sample_articles_show_the_disagreements_their_readme_promises(project):
    project.articles.import_paths([SAMPLES])
    flags = project.checking.check().flags
    pairs = [" | ".join(quotes(project, f)) for f in flags]
    kinds = {f.kind for f in flags}
    assert {"amount", "date", "attribution"} <= kinds, pairs
    assert any("$2.4 billion" in p and "over 3 billion dollars" in p for p in pairs)
    assert any("on March 4" in p and "6 March 2025" in p for p in pairs)
    assert not any("$310 million" in p and "$2.4 billion" in p for p in pairs)
    assert not any("12% of Velmora" in p and "7% of" in p for p in pairs)


DEVSET = SHARED / "checking-devset"


def test_on_the_checking_dev_set_recall_and_precision_hold_and_no_trap_is_hit(project):
    """The dev set's own rule (its README): a flag matches a pair when one side quotes a
    fragment of ``a`` and the other a fragment of ``b``."""
    assert DEVSET.is_dir(), f"the checking dev set is expected at {DEVSET}"
    gold = json.loads((DEVSET / "gold.json").read_text(encoding="utf-8"))
    project.articles.import_paths(sorted(DEVSET.glob("d*_*.txt")))
    flags = [quotes(project, f) for f in project.checking.check().flags]

    def matches(pair, qa, qb):
        def hit(fragments, quote):
            return any(f in quote for f in fragments)
        return (hit(pair["a"], qa) and hit(pair["b"], qb)) or (
            hit(pair["a"], qb) and hit(pair["b"], qa))

    found = {e["id"] for e in gold["expected"] for qa, qb in flags if matches(e, qa, qb)}
    good = sum(any(matches(e, qa, qb) for e in gold["expected"]) for qa, qb in flags)
    traps = {t["id"] for t in gold["traps"] for qa, qb in flags if matches(t, qa, qb)}
    assert len(found) / len(gold["expected"]) >= 0.7, sorted(found)
    assert flags and good / len(flags) >= 0.6
    assert traps == set()


def test_a_story_of_our_own_magnitudes_times_tolls_and_places(project, tmp_path):
    """An invented earthquake told by four outlets: what differs is flagged, what only
    looks different (a conversion, a later toll, a town's toll against a province's) is
    not."""
    a = write(tmp_path, "a.txt", "Quake hits Brenmark", "Harbour Post, May 3, 2031",
              "A magnitude 7.8 earthquake struck Brenmark province at 4:17 a.m. on Monday. "
              "The quake, centred 10 km (6 miles) below the town of Tessor, injured 527 "
              "people. At least 12 people were killed in Tessor.")
    b = write(tmp_path, "b.txt", "Brenmark earthquake", "Coast Wire, May 3, 2031",
              "The 7.5-magnitude quake hit Brenmark province at about 5:30 a.m. on Monday, "
              "officials said. Its centre lay 6 miles under the town of Tessor. "
              "In Brenmark province 40 people were killed.")
    c = write(tmp_path, "c.txt", "Brenmark toll rises", "Daily Orvel, May 8, 2031",
              "The death toll from the Brenmark earthquake has risen to 95, officials said "
              "on Saturday.")
    project.articles.import_paths([a, b, c])
    flags = project.checking.check().flags
    pairs = [" | ".join(quotes(project, f)) for f in flags]
    assert any("7.8" in p and "7.5-magnitude" in p for p in pairs), pairs
    assert any("4:17 a.m." in p and "5:30 a.m." in p for p in pairs), pairs
    assert not any("10 km" in p and "6 miles under" in p for p in pairs), pairs
    assert not any("risen to 95" in p for p in pairs), pairs
    assert not any("killed in Tessor" in p and "40 people were killed" in p for p in pairs)
