"""PDFs made in the test: a one-page document whose text layer is exactly what we write."""

from __future__ import annotations


def one_page_pdf(text_ops: bytes) -> bytes:
    """A one-page PDF showing ``text_ops`` (PDF text operators) in Helvetica. Strings are in
    the font's Standard encoding, where byte 0xAE is the "fi" ligature glyph and 0xAF the
    "fl" one, so the text layer gives U+FB01 and U+FB02 as typeset PDFs do."""
    stream = b"BT /F1 12 Tf 72 700 Td " + text_ops + b" ET"
    return one_page_with_contents(b"<< /Length %d >>\nstream\n" % len(stream) + stream
                                  + b"\nendstream")


def one_page_with_contents(contents: bytes) -> bytes:
    """A one-page PDF in Helvetica whose page content object is ``contents`` (a whole
    stream object: dictionary, ``stream`` ... ``endstream``)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        contents,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes]) -> bytes:
    """A PDF file of ``objects`` (numbered from 1, the first the catalog) with its cross-
    reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
