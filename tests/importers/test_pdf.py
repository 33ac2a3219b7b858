"""PDFs: a real born-digital document, and the ones that cannot be read."""

import pytest
from pypdf import PdfWriter

from desktop_app.core.errors import ImportRefusedError
from desktop_app.importers import read_article


def test_a_real_specification_pdf_imports_with_its_text(testdata_dir, tmp_path):
    source = testdata_dir / "refi" / "REFI-QDA-1-5.pdf"
    article = read_article(source)
    assert article.format == "pdf"
    assert "REFI" in article.text and "Project" in article.text
    assert len(article.text) > 5000
    assert "-\n" not in article.text[:2000]


def test_an_encrypted_pdf_is_refused(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(ImportRefusedError, match="locked.pdf: the PDF is encrypted"):
        read_article(path)


@pytest.mark.parametrize("data", [b"%PDF-1.4\n%broken", b"not a pdf at all, just words",
                                  b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj"])
def test_a_corrupt_pdf_is_refused(tmp_path, data):
    path = tmp_path / "broken.pdf"
    path.write_bytes(data)
    with pytest.raises(ImportRefusedError, match="broken.pdf: not a readable PDF|no text"):
        read_article(path)


def test_a_pdf_without_text_is_refused_as_a_scan(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(ImportRefusedError, match="no text to extract"):
        read_article(path)


def test_a_file_named_pdf_that_is_none_is_refused_in_a_readers_words(tmp_path):
    """The refusal says what is wrong with the file, not the parsing library's error name."""
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4\n1 0 obj << /Length 99999 >> stream\nxx")
    with pytest.raises(ImportRefusedError) as refused:
        read_article(fake)
    message = str(refused.value)
    assert message == "fake.pdf: not a readable PDF: the file is damaged or is not a PDF"
    assert "Error" not in message
