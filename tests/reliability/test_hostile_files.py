"""Files built to hang, crash or confuse the importer: each is refused (or imported) with one
clear reason, within the budget, and never stops the rest of the batch."""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import pytest

from desktop_app.core.errors import ImportRefusedError
from desktop_app.importers import BoundedReader, Budget, read_article
from tests.importers.pdf_helpers import one_page_with_contents, pdf_from_objects
from tests.reliability import hostile_readers
from tests.reliability.helpers import assert_clean, factdesk

GOOD = "The council spent 12 million on roads in 2031, the officer said on Monday.\n"


def _good(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(GOOD, encoding="utf-8")
    return path


def _outcomes(result) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {Path(o["path"]).name: o for o in json.loads(result.stdout)["outcomes"]}


def test_a_fifo_named_on_the_command_line_is_skipped_not_waited_on(tmp_path):
    """Opening a FIFO blocks until someone writes to it: it is never opened."""
    fifo = tmp_path / "in" / "pipe.txt"
    good = _good(tmp_path / "in")
    os.mkfifo(fifo)
    result = factdesk(tmp_path / "p", "import", "--json", str(fifo), str(good))
    assert_clean(result)
    assert result.returncode == 1
    outcomes = _outcomes(result)
    assert outcomes["good.txt"]["status"] == "added"
    assert "named pipe" in outcomes["pipe.txt"]["reason"]


def test_links_to_devices_and_link_loops_are_skipped_with_their_reason(tmp_path):
    """A link to /dev/zero would be read for ever (MemoryError); a loop never resolves."""
    folder = tmp_path / "in"
    _good(folder)
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    result = factdesk(tmp_path / "p", "import", "--json", str(folder))
    assert_clean(result)
    outcomes = _outcomes(result)
    assert outcomes["good.txt"]["status"] == "added"
    assert "device" in outcomes["zero.txt"]["reason"]
    assert "loop" in outcomes["loop.txt"]["reason"]
    assert result.returncode == 1


def test_a_name_that_is_not_utf8_is_imported_and_reported_without_refusing_the_batch(tmp_path):
    """A file name in Latin-1 bytes: the batch goes on, the name is kept printable."""
    folder = tmp_path / "in"
    _good(folder)
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as handle:
        handle.write(b"Another report: the mayor opened 3 schools in 2030, it was said.\n")
    result = factdesk(tmp_path / "p", "import", "--json", str(folder))
    assert_clean(result)
    assert result.returncode == 0, result.stderr
    outcomes = _outcomes(result)
    assert outcomes["good.txt"]["status"] == "added"
    assert outcomes["caf\\xe9.txt"]["status"] == "added"
    assert any("not valid UTF-8" in note for note in outcomes["caf\\xe9.txt"]["notes"])
    listed = factdesk(tmp_path / "p", "articles")
    assert_clean(listed)
    assert listed.returncode == 0


def _pdf_with_stream(stream: bytes) -> bytes:
    return one_page_with_contents(b"<< /Length %d /Filter /FlateDecode >>\nstream\n"
                                  % len(stream) + stream + b"\nendstream")


def test_a_pdf_decompression_bomb_is_refused_with_its_reason(tmp_path):
    """A content stream that inflates past pypdf's limit (LimitReachedError escaped)."""
    bomb = zlib.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET " + b" " * 80_000_000, 9)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_stream(bomb))
    with pytest.raises(ImportRefusedError, match="bomb.pdf: the PDF expands past"):
        read_article(path)


def test_a_pdf_whose_xobjects_expand_past_a_gigabyte_is_read_within_its_budget(tmp_path):
    """One form XObject of ~60 MB of drawing operators, drawn 24 times by the page: 1.4 GB if
    each drawing were expanded anew (this ran until killed). The read ends within the
    reader's budget, as an article or a refusal naming the file, never a hang or a crash."""
    form = zlib.compress(b"BT /F1 12 Tf 72 700 Td (x) Tj ET " + b"q Q " * 15_000_000, 9)
    page = b"q " + b"/X1 Do " * 24 + b"Q"
    path = tmp_path / "xobjects.pdf"
    path.write_bytes(pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> /XObject << /X1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(page) + page + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Length %d "
        b"/Filter /FlateDecode /Resources << /Font << /F1 5 0 R >> >> >>\nstream\n"
        % len(form) + form + b"\nendstream",
    ]))
    reader = BoundedReader(read_article, Budget(seconds=20, memory_bytes=800 * 1024 * 1024))
    try:
        article = reader(path)
    except ImportRefusedError as exc:
        assert "xobjects.pdf" in str(exc)
    else:
        assert len(article.text) < 10_000_000
    finally:
        reader.release()


def test_html_with_thousands_of_unclosed_json_ld_scripts_is_read_in_one_pass(tmp_path):
    """20,000 unclosed ``<script type="application/ld+json">`` tags made the page reader
    crawl for ever; the page is now read (or refused) within a small budget."""
    page = ("<html><body><article><p>" + GOOD + "</p></article>"
            + '<script type="application/ld+json">{' * 20_000 + "</body></html>")
    path = tmp_path / "scripts.html"
    path.write_text(page, encoding="utf-8")
    reader = BoundedReader(read_article, Budget(seconds=30))
    try:
        article = reader(path)
    finally:
        reader.release()
    assert "12 million" in article.text


def test_a_reader_that_never_ends_is_stopped_at_the_time_budget(tmp_path):
    """Whatever a parser does, one file cannot hold the import past its budget."""
    path = _good(tmp_path)
    reader = BoundedReader(hostile_readers.sleeps_forever, Budget(seconds=1.5))
    try:
        with pytest.raises(ImportRefusedError, match="longer than 1.5 s"):
            reader(path)
        reader_after = BoundedReader(read_article, Budget(seconds=30))
        assert reader_after(path).text.startswith("The council")
        reader_after.release()
    finally:
        reader.release()


def test_a_reader_that_grows_without_end_is_stopped_at_the_memory_budget(tmp_path):
    """A decompression bomb of any format ends as a refusal naming the memory budget."""
    path = _good(tmp_path)
    reader = BoundedReader(hostile_readers.eats_memory,
                           Budget(seconds=30, memory_bytes=600 * 1024 * 1024))
    try:
        with pytest.raises(ImportRefusedError, match="600 MB"):
            reader(path)
    finally:
        reader.release()
