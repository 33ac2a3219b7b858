"""Importing files into a project: the corpus, duplicates, originals, and bad input."""

import gzip
from pathlib import Path

import pytest
from pypdf import PdfWriter

from desktop_app.core.errors import InvalidValueError
from tests.conftest import snapshot


def test_the_five_corpus_articles_import_with_titles_a_person_would_use(project, corpus_dir):
    report = project.articles.import_paths([corpus_dir])
    assert [o.status for o in report.outcomes] == ["added"] * 5
    articles = {a.original_name: a for a in project.articles.list()}
    assert len(articles) == 5
    for article in articles.values():
        assert article.title and article.title not in {"21.9 C", "Los Angeles"}
        assert len(article.title) < 120
    assert articles["000_0fe75ea3bb2a433a.txt"].title.replace("’", "'") == (
        "China's Quiet Grip on Peru's Minerals"
    )
    assert articles["003_740938afe9e32624.txt"].author == "Francis Stokes"
    assert articles["003_740938afe9e32624.txt"].published.isoformat() == "2024-11-14"
    assert articles["002_5f4c24aa3a0ad424.txt"].author == "Olivia Li"


def test_page_furniture_stays_out_of_the_article_text(project, corpus_dir):
    project.articles.import_paths([corpus_dir / "000_0fe75ea3bb2a433a.txt"])
    article = project.articles.get(project.articles.list()[0].id)
    for furniture in ("21.9 C", "Most Popular Articles", "Marjorie Taylor Greene"):
        assert furniture not in article.text
    assert "Beijing is quietly building influence" in article.text


def test_original_file_is_kept_unchanged_and_named_by_its_hash(project, corpus_dir):
    source = corpus_dir / "001_a261658dfeeb6727.txt"
    project.articles.import_paths([source])
    article = project.articles.get(project.articles.list()[0].id)
    kept = project.articles.original_path(article)
    assert kept is not None and kept.parent == project.folder / "originals"
    assert kept.read_bytes() == source.read_bytes()
    assert kept.name.startswith(article.original_hash)


def test_same_text_imported_twice_is_one_article_reported_as_duplicate(project, corpus_dir,
                                                                       tmp_path):
    source = corpus_dir / "004_57f18eb6d435c642.txt"
    copy = tmp_path / "copy with other line ends.txt"
    copy.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    first = project.articles.import_paths([source])
    again = project.articles.import_paths([source, copy])
    assert [o.status for o in again.outcomes] == ["duplicate", "duplicate"]
    assert {o.article_id for o in again.outcomes} == {first.outcomes[0].article_id}
    assert len(project.articles.list()) == 1


def test_every_import_is_in_the_audit_log_with_the_author(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    events = project.history.audit(kind="article")
    assert len(events) == 5
    assert {e.actor for e in events} == {"tester"}
    assert {e.action for e in events} == {"article.import"}


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """Each bad input with the words its refusal must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: dict[str, tuple[Path, str]] = {}
    cases["missing"] = (folder / "nowhere.txt", "does not exist")
    empty = folder / "empty.txt"
    empty.write_bytes(b"")
    cases["empty"] = (empty, "empty")
    junk = folder / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    cases["binary"] = (junk, "binary")
    page = folder / "nothing.html"
    page.write_text("<html><head><title>x</title></head><body><nav>Home</nav></body></html>")
    cases["html"] = (page, "no article")
    corrupt = folder / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog>> garbage without end")
    cases["corrupt pdf"] = (corrupt, "pdf")
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    locked = folder / "locked.pdf"
    with locked.open("wb") as out:
        writer.write(out)
    cases["encrypted pdf"] = (locked, "encrypted")
    huge = folder / "huge.txt"
    with huge.open("wb") as out:
        out.write(b"The council approved the budget. " * (50 * 1024 * 1024 // 33 + 1))
    cases["50 MB"] = (huge, "MB")
    return cases


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory):
    return _bad_files(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", ["missing", "empty", "binary", "html", "corrupt pdf",
                                  "encrypted pdf", "50 MB"])
def test_bad_file_is_refused_with_its_reason_and_nothing_changes(project, corpus_dir,
                                                                   bad_files, case):
    project.articles.import_paths([corpus_dir / "002_5f4c24aa3a0ad424.txt"])
    before = snapshot(project.folder)
    path, words = bad_files[case]
    report = project.articles.import_paths([path])
    assert [o.status for o in report.outcomes] == ["failed"]
    reason = report.outcomes[0].reason
    assert path.name in reason and words.lower() in reason.lower()
    assert "\n" not in reason
    assert snapshot(project.folder) == before


def test_folder_with_bad_files_among_good_ones_imports_the_good_ones(project, corpus_dir,
                                                                     tmp_path):
    mixed = tmp_path / "mixed"
    (mixed / "sub").mkdir(parents=True)
    (mixed / "sub" / "good.txt").write_bytes((corpus_dir / "003_740938afe9e32624.txt").read_bytes())
    (mixed / "good.html").write_bytes(gzip.decompress(
        next((Path(corpus_dir).parent / "testdata/html/zyte-article-extraction-benchmark/html")
             .glob("*.html.gz")).read_bytes()))
    (mixed / "empty.md").write_text("  \n")
    (mixed / "junk.txt").write_bytes(b"\x00\x01\x02" * 100)
    (mixed / "ignored.docx").write_bytes(b"PK")
    report = project.articles.import_paths([mixed])
    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert statuses == {"good.txt": "added", "good.html": "added", "empty.md": "failed",
                        "junk.txt": "failed"}
    assert len(project.articles.list()) == 2


def test_a_folder_with_nothing_importable_is_refused(project, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.docx").write_bytes(b"PK")
    with pytest.raises(InvalidValueError, match="nothing to import"):
        project.articles.import_paths([tmp_path / "docs"])
