"""``factdesk report OUT.html|OUT.pdf``: the editor's report of flagged and reviewed claims."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.exit_codes import OK
from desktop_app.core.errors import InvalidValueError

if TYPE_CHECKING:  # the services load SQLAlchemy: not for `factdesk --help`
    from desktop_app.services import Project

#: Lays out the report's HTML as PDF: handed in by the entry point, which may load Qt.
PdfWriter = Callable[[str, Path], None]


def cmd_report(args: argparse.Namespace, project: Project) -> int:
    out = Path(args.out)
    if out.expanduser().is_dir():
        raise InvalidValueError(f"{out} is a folder: name the report's file in it, e.g. "
                                f"{out / 'report.html'} or {out / 'report.pdf'}")
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".pdf"):
        raise InvalidValueError(f"{out.name}: a report is written as .html or .pdf")
    articles = args.article or ()
    if suffix == ".pdf":
        writer: PdfWriter | None = getattr(args, "pdf_writer", None)
        if writer is None:
            raise InvalidValueError("PDF reports need the desktop part of Factdesk (PySide6); "
                                    "write .html instead")
        from desktop_app.services.report import report_html

        report = project.report.build(articles)
        writer(report_html(report), out)
    else:
        report = project.report.write_html(out, articles)
    print(f"wrote {out}: {len(report.disagreements)} disagreements, {len(report.claims)} "
          f"claims, {len(report.entities)} entities")
    return OK
