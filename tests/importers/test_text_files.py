"""Text and Markdown files: encodings, pasted pages from the corpus, and refusals."""

import pytest

from desktop_app.core.errors import ImportRefusedError
from desktop_app.importers import expand_paths, read_article

ACCENTED = "López Aliaga visitó Perú — “dijo” el alcalde; la señora Müller pagó 5 €."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"])
def test_text_in_any_common_encoding_reads_the_same(tmp_path, encoding):
    text = ACCENTED if encoding not in ("latin-1",) else ACCENTED.replace("—", "-").replace(
        "“", '"').replace("”", '"').replace("€", "euros")
    body = f"A headline for the encoding test\n\n{text}\n" + "More text follows here. " * 20
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(body.encode(encoding))
    article = read_article(path)
    assert text in article.text
    assert article.original == path.read_bytes()


def test_corpus_pages_get_titles_bylines_and_dates(corpus_dir):
    found = {p.name: read_article(p) for p in sorted(corpus_dir.glob("*.txt"))}
    assert found["000_0fe75ea3bb2a433a.txt"].title == "China’s Quiet Grip on Peru’s Minerals"
    assert found["001_a261658dfeeb6727.txt"].title == (
        "How the CCP leverages local influence to gain access to minerals")
    assert found["001_a261658dfeeb6727.txt"].author == "Nate Picarsic and Emily de La Bruyère"
    assert found["002_5f4c24aa3a0ad424.txt"].author == "Olivia Li"
    assert found["003_740938afe9e32624.txt"].author == "Francis Stokes"
    assert found["003_740938afe9e32624.txt"].published.isoformat() == "2024-11-14"
    assert found["004_57f18eb6d435c642.txt"].title.startswith("Rare Earth Competition")


@pytest.mark.parametrize("name,furniture,kept", [
    ("000_0fe75ea3bb2a433a.txt", ["21.9 C", "Los Angeles", "Mike Johnson Questions",
                                  "Most Popular Articles", "Check out our other content",
                                  "PoliticsChina"],
     ["Beijing is quietly building influence", "How China Operates", "Key Takeaways:"]),
    ("001_a261658dfeeb6727.txt", ["Stay Informed", "Pixabay", "originally published",
                                  "Senior Fellows"],
     ["Rafael Bernardo López Aliaga Cazorla", "from Lima, Ohio to Lima, Peru."]),
    ("002_5f4c24aa3a0ad424.txt", ["Getty Images", "Updated:", "0:00"],
     ["announced on Nov. 17", "very important strategy"]),
    ("003_740938afe9e32624.txt", ["Journalist:", "3:00 AM"], ["November 15-16"]),
])
def test_page_furniture_is_kept_out_and_the_body_kept_whole(corpus_dir, name, furniture, kept):
    text = read_article(corpus_dir / name).text
    for piece in furniture:
        assert piece not in text, piece
    for piece in kept:
        assert piece in text, piece


def test_a_plain_article_without_furniture_loses_nothing(tmp_path):
    paragraphs = [
        "The harbour board met on Tuesday.",
        "It approved 4.2 million euros for a quay, its chair said.",
        "Critics called the plan rushed.",
    ]
    path = tmp_path / "plain.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    assert read_article(path).text == "\n\n".join(paragraphs)


def test_markdown_heading_is_the_title(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("# Port budget doubles\n\nThe **board** approved it.\n\n## Reactions\n\n"
                    "Critics disagreed.", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Port budget doubles"
    assert article.text == "The board approved it.\n\nReactions\n\nCritics disagreed."


@pytest.mark.parametrize("name,data,words", [
    ("empty.txt", b"", "empty"),
    ("blank.md", b"  \n\n ", "empty"),
    ("junk.txt", bytes(range(256)) * 10, "binary"),
    ("nul.md", b"abc\x00def" * 50, "binary"),
    ("sheet.docx", b"PK\x03\x04", "imports .txt"),
])
def test_bad_text_files_are_refused_naming_the_file(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError) as caught:
        read_article(path)
    assert str(caught.value).startswith(name) and words in str(caught.value)


def test_a_file_over_the_size_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as out:
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportRefusedError, match=r"50\.0 MB.*up to 32 MB"):
        read_article(path)


def test_folders_are_walked_recursively_skipping_hidden_files_and_notes(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    for name in ("a/one.txt", "a/b/two.HTML", "a/b/three.pdf", "a/README.md", "a/.hidden.txt",
                 ".cache/four.txt", "a/picture.png"):
        (tmp_path / name).write_text("x")
    found = expand_paths([tmp_path, tmp_path / "missing.txt"])
    assert [(p.relative_to(tmp_path).as_posix(), r) for p, r in found] == [
        ("a/b/three.pdf", None), ("a/b/two.HTML", None), ("a/one.txt", None),
        ("missing.txt", "missing.txt: does not exist")]
