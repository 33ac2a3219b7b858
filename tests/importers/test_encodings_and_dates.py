"""Encodings as files really come (stale meta charsets, short legacy text files) and
publication dates as pages show them (published beside updated)."""

from __future__ import annotations

import pytest

from desktop_app.importers import read_article
from desktop_app.importers.decoding import read_encoded
from desktop_app.importers.pasted import read_pasted

GERMAN = ("Die Bürgermeisterin von Düsseldorf sagte, die Brücke über den Rhein koste mehr "
          "als 30 Millionen Euro. Kritiker fordern eine unabhängige Prüfung der Verträge, "
          "die Gutachter äußern sich nicht.")


def _page(charset: str | None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html><head>{meta}<title>Rheinbrücke</title></head><body>"
            f"<article><h1>Rheinbrücke</h1><p>{GERMAN}</p><p>{GERMAN}</p></article>"
            "</body></html>")


@pytest.mark.parametrize(("charset", "encoding"), [
    ("iso-8859-1", "utf-8"),  # bytes UTF-8, a stale meta left from the old server
    ("windows-1252", "utf-8"),
    ("iso-8859-1", "latin-1"),  # declared right
    (None, "latin-1"),  # no declaration
    (None, "utf-8"),
])
def test_a_page_reads_without_mojibake_whatever_its_meta_says(tmp_path, charset, encoding):
    path = tmp_path / "page.html"
    path.write_bytes(_page(charset).encode(encoding))
    article = read_article(path)
    assert "Bürgermeisterin von Düsseldorf" in article.text and "äußern" in article.text
    assert "Ã" not in article.text and article.title == "Rheinbrücke"


def test_a_latin_1_declared_page_with_curly_quotes_reads_them_as_windows_1252(tmp_path):
    path = tmp_path / "quotes.html"
    text = _page("iso-8859-1").replace("Kritiker fordern", "„Kritiker“ fordern – sagt er –")
    path.write_bytes(text.encode("cp1252"))
    assert "„Kritiker“ fordern – sagt er –" in read_article(path).text


@pytest.mark.parametrize(("text", "encoding"), [
    ("Il a dit qu'à l'été le théâtre coûterait 40 € de plus.", "cp1252"),
    ("The mayor’s “plan” would cost €12 million – “and no more”.", "cp1252"),
    ("Министърът каза, че пътят ще струва четирийсет милиона.", "cp1251"),
    ("Министр сказал, что дорога обойдётся в сорок миллионов.", "koi8_r"),
    ("Ο δήμαρχος είπε ότι ο δρόμος θα κοστίσει σαράντα εκατομμύρια.", "iso8859_7"),
    ("Starosta řekl, že silnice bude stát čtyřicet milionů korun.", "iso8859_2"),
    ("Starosta řekl, že silnice bude stát čtyřicet milionů korun.", "cp1250"),
    ("Burmistrz powiedział, że droga będzie kosztować źle liczone złotówki.", "cp1250"),
    ("Der Bürgermeister sagte, die Straße koste viel.", "iso8859_15"),
])
def test_short_legacy_text_files_read_in_their_code_page(tmp_path, text, encoding):
    path = tmp_path / "note.txt"
    path.write_bytes(f"Short note\n\n{text}\n".encode(encoding))
    article = read_article(path)
    assert text in article.text, article.text
    assert article.notes == ()


def test_a_weak_encoding_guess_is_said_in_the_import_report(project, tmp_path):
    path = tmp_path / "baltic.txt"
    path.write_bytes("Ministras sakė, kad tiltas kainuos keturiasdešimt milijonų eurų.\n"
                     .encode("cp1257"))
    decoded = read_encoded(path.read_bytes(), path.name)
    assert decoded.encoding == "cp1257" and decoded.guess == "cp1257"
    outcome = project.articles.import_paths([path]).outcomes[0]
    assert outcome.status == "added"
    assert any("guessed as cp1257" in note for note in outcome.notes)


STORY = ("<p>The port authority signed the dredging contract without a public tender, "
         "according to papers seen by reporters.</p><p>Opposition members asked the audit "
         "office to look at every payment made since the signing of the contract.</p>")


@pytest.mark.parametrize("head_and_top", [
    ('<meta property="article:published_time" content="2022-04-07T09:00:00Z">'
     '<meta property="article:modified_time" content="2024-01-15T10:00:00Z">', ""),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "dateModified": '
     '"2024-01-15", "datePublished": "2022-04-07"}</script>', ""),
    ("", '<p class="meta">Last updated: January 15, 2024</p>'
         '<p class="meta">First published: April 7, 2022</p>'),
    ("", '<div>Published 7 April 2022 · Updated 15 January 2024</div>'),
])
def test_a_page_s_publication_date_is_the_first_not_the_update(tmp_path, head_and_top):
    head, top = head_and_top
    path = tmp_path / "story.html"
    path.write_text(f"<html><head><title>Dredging deal</title>{head}</head><body><article>"
                    f"<h1>Dredging deal</h1>{top}{STORY}</article></body></html>",
                    encoding="utf-8")
    assert str(read_article(path).published) == "2022-04-07"


def test_a_page_that_shows_only_its_update_gives_no_publication_date(tmp_path):
    path = tmp_path / "story.html"
    path.write_text("<html><head><title>Dredging deal</title></head><body><article>"
                    "<h1>Dredging deal</h1><p>Updated: January 15, 2024</p>"
                    f"{STORY}</article></body></html>", encoding="utf-8")
    assert str(read_article(path).published) != "2024-01-15"


@pytest.mark.parametrize("header", [
    "By Lena Ortiz\nUpdated: January 15, 2024, 10:00 AM\nFirst published: April 7, 2022",
    "By Lena Ortiz\nLast reviewed on 15 January 2024\nPublished on 7 April 2022",
    "By Lena Ortiz\nModified 2024-01-15\nPosted 2022-04-07",
    "By Lena Ortiz\nUpdated\nJanuary 15, 2024\nFirst published:\nApril 7, 2022",
])
def test_pasted_text_takes_the_first_publication_over_the_update(header):
    pasted = read_pasted(f"Dredging Deal Signed Without Tender\n{header}\n\nThe port "
                         "authority signed the dredging contract without a tender.\n")
    assert str(pasted.published) == "2022-04-07"
    assert "2024" not in pasted.text and "2022" not in pasted.text


@pytest.mark.parametrize(("line", "outlet", "when"), [
    ("The Harbour Gazette, June 14, 2017", "The Harbour Gazette", "2017-06-14"),
    ("Harbour Gazette — 14 June 2017", "Harbour Gazette", "2017-06-14"),
    ("Daily Courier | 2019-03-02", "Daily Courier", "2019-03-02"),
])
def test_a_pasted_outlet_and_date_line_gives_both_and_leaves_the_body(line, outlet, when):
    pasted = read_pasted(f"Dredging Deal Signed Without Tender\n{line}\n\nThe port "
                         "authority signed the dredging contract without a tender.\n")
    assert pasted.publisher == outlet and str(pasted.published) == when
    assert line not in pasted.text and "dredging contract" in pasted.text


def test_a_time_element_marked_published_beats_the_extractor_s_update(tmp_path):
    path = tmp_path / "story.html"
    path.write_text("<html><head><title>Dredging deal</title></head><body><article>"
                    '<h1>Dredging deal</h1><time class="updated" datetime="2024-01-15">Jan 15'
                    '</time> <time itemprop="datePublished" datetime="2022-04-07T08:00">April 7'
                    f"</time>{STORY}</article></body></html>", encoding="utf-8")
    assert str(read_article(path).published) == "2022-04-07"


def test_a_first_published_line_at_the_foot_of_a_pasted_page_is_the_date():
    body = "\n".join(f"Paragraph {n} of the dredging story is long enough to be prose."
                     for n in range(14))
    pasted = read_pasted("Dredging Deal Signed Without Tender\nBy Lena Ortiz\n"
                         f"Updated: January 15, 2024\n\n{body}\n\nFirst published: April 7, 2022\n")
    assert str(pasted.published) == "2022-04-07"
    assert "First published" not in pasted.text and "Paragraph 13" in pasted.text


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_utf8_file_with_a_few_stray_windows_1252_bytes_keeps_both(tmp_path, suffix):
    """Text pasted together from two sources: the UTF-8 stays, the stray bytes are read as
    Windows-1252, and the import report says so."""
    head = "<html><head><meta charset='iso-8859-1'><title>Brücke</title></head><body><p>" \
        if suffix == ".html" else "Brücke\n\n"
    data = (head + GERMAN + " ").encode() + "„Zu teuer“ – sagt die Opposition.".encode(
        "cp1252") + (b"</p></body></html>" if suffix == ".html" else b"\n")
    path = tmp_path / f"mixed{suffix}"
    path.write_bytes(data)
    article = read_article(path)
    assert "Bürgermeisterin von Düsseldorf" in article.text
    assert "„Zu teuer“ – sagt die Opposition." in article.text
    assert any("were not UTF-8" in note for note in article.notes)


def test_a_date_on_the_byline_line_is_the_publication_date():
    pasted = read_pasted("Dredging Deal Signed Without Tender\nBy Lena Ortiz, June 14, 2017\n\n"
                         "The port authority signed the dredging contract without a tender.\n")
    assert (pasted.author, str(pasted.published)) == ("Lena Ortiz", "2017-06-14")


def test_a_label_in_the_element_above_its_date_still_labels_it(tmp_path):
    path = tmp_path / "story.html"
    path.write_text("<html><head><title>Dredging deal</title></head><body><article>"
                    "<h1>Dredging deal</h1><dl><dt>Updated</dt><dd>January 15, 2024</dd>"
                    f"<dt>Published</dt><dd>April 7, 2022</dd></dl>{STORY}</article></body>"
                    "</html>", encoding="utf-8")
    assert str(read_article(path).published) == "2022-04-07"
