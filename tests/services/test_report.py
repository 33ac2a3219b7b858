"""The editor's report: each disagreement with both passages, its sources and the decision;
claims by verdict; entities involved; nothing from the project read as markup."""

from __future__ import annotations

import html as _html
from pathlib import Path

import pytest

from desktop_app.services import Project
from desktop_app.services.report import report_html


@pytest.fixture
def checked(project: Project, corpus_dir: Path) -> Project:
    project.articles.import_paths([corpus_dir])
    project.checking.check()
    return project


def test_the_report_holds_both_flags_with_their_passages_and_the_decision(
        checked: Project, tmp_path: Path) -> None:
    flags = checked.flags.list()
    assert len(flags) == 2
    checked.flags.resolve(flags[0].id, status="confirmed", note="Two outlets, two figures")
    report = checked.report.write_html(tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert len(report.disagreements) == 2
    for flag in flags:
        for claim_id in (flag.claim_a, flag.claim_b):
            claim = checked.claims.get(claim_id)
            assert claim.exact.replace("'", "&#x27;") in page
            assert checked.articles.get(claim.article_id).title.replace(
                "'", "&#x27;") in page
    confirmed = next(d for d in report.disagreements if d.flag.id == flags[0].id)
    assert (confirmed.decision.status, confirmed.decision.by) == ("confirmed", "tester")
    assert "confirmed by tester" in page and "Two outlets, two figures" in page
    assert "Claims by verdict" in page


def test_text_from_the_project_is_escaped(checked: Project) -> None:
    claim = checked.claims.list()[0]
    checked.claims.edit(claim.id, note='<img src="file:///etc/passwd"> & <b>bold</b>',
                        status="reviewed")
    page = report_html(checked.report.build())
    assert "<img" not in page and "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in page


def test_a_report_of_some_articles_keeps_only_what_touches_them(checked: Project) -> None:
    flag = checked.flags.list()[0]
    article = checked.claims.get(flag.claim_a).article_id
    report = checked.report.build([article])
    assert {d.flag.id for d in report.disagreements} == {
        f.id for f in checked.flags.list()
        if article in (checked.claims.get(f.claim_a).article_id,
                       checked.claims.get(f.claim_b).article_id)}
    assert all(c.article_id == article for c, _a in report.claims)


def test_an_empty_project_gives_a_report_that_says_so(project: Project) -> None:
    assert "Nothing is flagged or reviewed yet." in report_html(project.report.build())


def test_disagreements_come_open_first_then_most_severe_then_oldest(
        project: Project) -> None:
    """The report leads with what is still open, high severity before medium; one check's
    flags (made at the same moment) are ordered by id, so every build lists them alike."""
    project.articles.import_paths([Path(__file__).resolve().parents[2] / "resources"
                                   / "sample_articles"])
    project.checking.check()
    flags = project.flags.list()
    assert {f.severity for f in flags} >= {"high", "medium"}
    high = next(f for f in flags if f.severity == "high")
    project.flags.resolve(high.id, status="dismissed", note="Different periods.")
    shown = [d.flag for d in project.report.build().disagreements]
    rank = {"high": 0, "medium": 1, "low": 2}
    keys = [(f.status != "open", rank[f.severity], f.created, f.id) for f in shown]
    assert keys == sorted(keys)
    assert shown[-1].id == high.id  # the dismissed flag comes last, after every open one


def test_an_overview_names_each_disagreement_and_its_decision_before_the_passages(
        checked: Project) -> None:
    """The first page tells the editor what is settled: a table with one row per
    disagreement (kind, severity, the decision and who made it) comes before any passage."""
    flags = checked.flags.list()
    checked.flags.resolve(flags[0].id, status="dismissed", note="Same figure, rounded")
    report = checked.report.build()
    page = report_html(report)
    first_passage = page.index(_html.escape(report.disagreements[0].first[0].exact))
    overview = page[page.index("<h2>Disagreements</h2>"):first_passage]
    assert overview.count("<tr><td>") == len(report.disagreements) == len(flags)
    assert "dismissed by tester on" in overview
    assert overview.count(">open</td>") == len(flags) - 1


def test_a_reviewed_claim_names_its_reviewer_not_the_checker_who_marked_it(
        tmp_path: Path, corpus_dir: Path) -> None:
    """The report says who set a claim's review status (from the audit log): the editor
    who marked it "reviewed", not the checker who marked the claim."""
    from desktop_app.services import open_project

    folder = tmp_path / "desk"
    with open_project(folder, author="ana") as checker:
        checker.articles.import_paths([corpus_dir])
        article = checker.articles.list()[0]
        text = checker.articles.get(article.id).text
        reviewed = checker.claims.add(article.id, start=0, end=text.index(" ", 20),
                                      status="needs review").claim
        waiting = checker.claims.add(article.id, start=text.index(" ", 40),
                                     end=text.index(" ", 60), status="needs review").claim
    with open_project(folder, author="bea") as editor:
        editor.claims.edit(reviewed.id, status="reviewed", verdict="true")
        report = editor.report.build()
        page = report_html(report)
    assert (report.reviews[reviewed.id].by, report.reviews[reviewed.id].status) == (
        "bea", "reviewed")
    assert report.reviews[waiting.id].by == "ana"  # marked "needs review" when added
    assert "reviewed by bea on" in page and "needs review by ana on" in page
    assert "reviewed by ana" not in page
    assert "after the review" not in page


def test_a_verdict_changed_after_the_review_is_not_passed_off_as_reviewed(
        tmp_path: Path, corpus_dir: Path) -> None:
    """An editor reviewed a claim as "mixed"; a colleague later set it to "false": the
    report does not let the review vouch for a verdict it never saw."""
    from desktop_app.services import open_project

    folder = tmp_path / "desk"
    with open_project(folder, author="alice") as editor:
        editor.articles.import_paths([corpus_dir])
        article = editor.articles.list()[0]
        text = editor.articles.get(article.id).text
        claim = editor.claims.add(article.id, start=0, end=text.index(" ", 20)).claim
        editor.claims.edit(claim.id, verdict="mixed", status="reviewed")
    with open_project(folder, author="bob") as colleague:
        colleague.claims.edit(claim.id, verdict="false")
        report = colleague.report.build()
        page = report_html(report)
    assert report.reviews[claim.id].by == "alice"
    assert (report.later_verdicts[claim.id].by, report.later_verdicts[claim.id].status) == (
        "bob", "false")
    assert "reviewed by alice on" in page
    assert "verdict changed to “false” by bob on" in page and "after the review" in page
    with open_project(folder, author="cy") as other:
        other.claims.edit(claim.id, verdict="mixed")  # back to what alice reviewed
        report = other.report.build()
    assert claim.id not in report.later_verdicts
    assert "after the review" not in report_html(report)
