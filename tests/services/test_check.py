"""The check on the five real articles: it finds the disagreements a fact-checker would,
leaves alone what measures different things, and never repeats itself."""

import pytest

from desktop_app.core.text import fold


@pytest.fixture(scope="module")
def checked(tmp_path_factory, corpus_dir):
    """A project of the corpus, with no claims added by hand, checked once."""
    from desktop_app.services import open_project

    project = open_project(tmp_path_factory.mktemp("check") / "project", author="tester")
    project.articles.import_paths([corpus_dir])
    report = project.checking.check()
    yield project, report
    project.close()


def _sides(project, flag):
    return [project.claims.get(c).exact for c in (flag.claim_a, flag.claim_b)]


def _find(project, flags, first: str, second: str):
    for flag in flags:
        a, b = _sides(project, flag)
        if (first in a and second in b) or (first in b and second in a):
            return flag
    return None


def test_the_apec_summit_dates_are_flagged_with_a_readable_reason(checked):
    project, report = checked
    flag = _find(project, report.flags, "November 15-16", "announced on Nov. 17 during the")
    assert flag is not None, [f.explanation for f in report.flags]
    assert flag.kind == "date" and flag.status == "open"
    assert "APEC" in flag.explanation
    assert "November 15-16" in flag.explanation and "Nov. 17" in flag.explanation


def test_the_investment_in_peru_is_flagged_for_its_period(checked):
    project, report = checked
    flag = _find(project, report.flags, "over $1 billion since 2020",
                 "over 1 billion USD between 2020 to 2023")
    assert flag is not None, [f.explanation for f in report.flags]
    assert flag.kind == "period"
    assert "since 2020" in flag.explanation and "between 2020 to 2023" in flag.explanation


def test_different_measures_are_not_flagged_and_flags_stay_few(checked):
    project, report = checked
    assert len(report.flags) < 10
    for flag in report.flags:
        text = " | ".join(_sides(project, flag))
        assert not ("60–90 percent" in text and "less than 5%" in text), flag.explanation
        assert "$1.3 billion" not in text, flag.explanation


def test_sides_that_were_not_claims_become_claims_for_review_by_factdesk(checked):
    project, report = checked
    assert report.claims
    for claim in report.claims:
        assert (claim.status, claim.author) == ("needs review", "Factdesk")
        assert project.articles.get(claim.article_id).text[claim.start : claim.end] == claim.exact
    flagged = {c for f in report.flags for c in (f.claim_a, f.claim_b)}
    assert flagged == {c.id for c in report.claims}
    for flag in report.flags:
        first, second = (project.claims.get(c) for c in (flag.claim_a, flag.claim_b))
        assert first.article_id != second.article_id
        [event] = project.history.audit(target=flag.id)
        assert (event.action, event.actor, event.detail["change"]) == ("check", "Factdesk",
                                                                       "added")
        assert event.detail["after"]["explanation"] == flag.explanation


def test_running_again_repeats_nothing_and_a_dismissed_flag_stays_dismissed(checked):
    project, report = checked
    dismissed = report.flags[0]
    project.flags.resolve(dismissed.id, status="dismissed", note="same figure, two framings")
    claims_before = len(project.claims.list())
    again = project.checking.check()
    assert again.flags == () and again.claims == ()
    assert again.known == len(report.flags)
    assert len(project.claims.list()) == claims_before
    assert project.flags.get(dismissed.id).status == "dismissed"
    assert len(project.flags.list()) == len(report.flags)


def test_a_persons_claim_on_the_sentence_is_used_instead_of_a_new_one(project, corpus_dir):
    project.articles.import_paths([corpus_dir / "002_5f4c24aa3a0ad424.txt",
                          corpus_dir / "003_740938afe9e32624.txt"])
    ids = {a.original_name: a.id for a in project.articles.list()}
    mine = project.claims.add(ids["003_740938afe9e32624.txt"], quote="November 15-16",
                             tags=["apec"]).claim
    report = project.checking.check()
    flag = next(f for f in report.flags if f.kind == "date")
    assert mine.id in (flag.claim_a, flag.claim_b)
    assert len(report.claims) == 1
    assert "nov. 17" in fold(report.claims[0].exact)


def test_suggested_claims_come_ranked_with_reasons(project, corpus_dir):
    project.articles.import_paths([corpus_dir / "001_a261658dfeeb6727.txt"])
    article = project.articles.list()[0]
    suggestions = project.checking.suggest_claims(article.id, limit=5)
    assert len(suggestions) == 5
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions),
                                                    reverse=True)
    text = project.articles.get(article.id).text
    assert any("1 billion USD between 2020 to 2023" in s.text for s in suggestions)
    for s in suggestions:
        assert text[s.start : s.end] == s.text and s.reasons


def test_a_second_check_after_an_edit_finds_what_a_fresh_project_finds(tmp_path, corpus_dir):
    """The check keeps its sentence readings between runs; after an article is added, the
    next check must find exactly what a check of a fresh project with the same articles
    finds."""
    from desktop_app.services import open_project

    first, *rest = sorted(corpus_dir.glob("*.txt"))
    with open_project(tmp_path / "kept", author="tester") as kept:
        kept.articles.import_paths([first])
        kept.checking.check()
        kept.articles.import_paths(rest)
        later = kept.checking.check()
        kept_flags = sorted(tuple(sorted(_sides(kept, f))) for f in kept.flags.list())
    with open_project(tmp_path / "fresh", author="tester") as fresh:
        fresh.articles.import_paths([first, *rest])
        fresh.checking.check()
        fresh_flags = sorted(tuple(sorted(_sides(fresh, f))) for f in fresh.flags.list())
    assert later.flags and kept_flags == fresh_flags
