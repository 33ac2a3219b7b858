"""The sample articles we ship import cleanly with their metadata, so a new user has a
working story to try."""

from tests.conftest import SAMPLES


def test_sample_articles_import_with_title_byline_outlet_and_date(project):
    report = project.articles.import_paths([SAMPLES])
    assert [o.status for o in report.outcomes] == ["added"] * 5
    for article in project.articles.list():
        assert article.title and article.author and article.publisher and article.published
        assert article.published.year == 2025


def test_the_emoji_sample_keeps_code_point_offsets(project):
    project.articles.import_paths([SAMPLES])
    radio = next(a for a in project.articles.list() if a.publisher == "Radio Costa Libre")
    claim = project.claims.add(radio.id, quote="jobs are coming home!").claim
    text = project.articles.get(radio.id).text
    assert "🚢" in text[: claim.start]
    assert text[claim.start : claim.end] == "jobs are coming home!"
