"""Screenshots of the finished app over the sample articles, in a light and a dark palette.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/take.py

Builds projects in a temporary folder from resources/sample_articles and saves beside this
file (QWidget.grab, no display needed):

- window-light.png / window-dark.png: a few claims marked with different verdicts, an entity
  registered and linked, the claim shown in the window;
- review-queue-light.png / review-queue-dark.png: the review queue after the check, a flag
  shown side by side, one decided;
- help-light.png / help-dark.png and about-light.png / about-dark.png: the Help menu's
  Keyboard shortcuts and About dialogs;
- report-page1.png: page 1 of the editor's report as PDF, written by the app's own PDF writer
  after the check, one flag confirmed with a note, one dismissed and a claim reviewed, then
  rendered with poppler's ``pdftoppm`` (Debian package poppler-utils) at 70 dots per inch.

Window sizes are a laptop's (1366x768), so the images stay small.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop_app.services import Project, open_project  # noqa: E402
from desktop_app.services.report import report_html  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402
from desktop_app.ui.report import write_pdf  # noqa: E402

DARK = {
    QPalette.ColorRole.Window: (45, 45, 48), QPalette.ColorRole.WindowText: (220, 220, 220),
    QPalette.ColorRole.Base: (30, 30, 32), QPalette.ColorRole.AlternateBase: (40, 40, 44),
    QPalette.ColorRole.Text: (225, 225, 225), QPalette.ColorRole.Button: (50, 50, 54),
    QPalette.ColorRole.ButtonText: (220, 220, 220), QPalette.ColorRole.Highlight: (60, 110, 200),
    QPalette.ColorRole.Link: (110, 160, 255), QPalette.ColorRole.PlaceholderText: (140, 140, 140),
    QPalette.ColorRole.Mid: (90, 90, 95),
}
VERDICTS = ["true", "false", "mostly true", "mixed", "unproven", "mostly false"]
SAMPLES = ROOT / "resources" / "sample_articles"
#: A laptop's screen: what most readers see the app at.
SIZE = (1366, 768)


def dark_palette() -> QPalette:
    """The dark palette the screenshots use (disabled text greyed out, as in light themes)."""
    dark = QPalette()
    for role, rgb in DARK.items():
        dark.setColor(role, QColor(*rgb))
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.Text):
        dark.setColor(QPalette.ColorGroup.Disabled, role, QColor(115, 115, 120))
    return dark


@contextmanager
def sample_project() -> Iterator[Project]:
    """A new project (folder "newsroom", author "ana") holding the sample articles. The
    settings folder is pointed into the same temporary folder, so About shows no real path."""
    with tempfile.TemporaryDirectory() as folder:
        os.environ["XDG_CONFIG_HOME"] = str(Path(folder) / "config")
        with open_project(Path(folder) / "newsroom", author="ana") as project:
            project.articles.import_paths([SAMPLES])
            yield project


def mark_claims(project: Project) -> tuple[str, str]:
    """Mark six sentences of the Corvane article as claims with different verdicts and link
    the minister to the second; returns (article id, that claim's id)."""
    article = next(a for a in project.articles.list() if a.title.startswith("Corvane"))
    text = project.articles.get(article.id).text
    minister = project.entities.add("Ana Lucía Ferrán", "person",
                                    aliases=["Minister Ana Lucía Ferrán"]).entity
    project.entities.add("Corvane Minerals", "organization", aliases=["Corvane"])
    sentences = list(re.finditer(r"[^\n]{30,220}?\.(?=\s|$)", text))[1:]
    ids = []
    for n, match in enumerate(sentences[:6]):
        ids.append(project.claims.add(
            article.id, start=match.start(), end=match.end(), verdict=VERDICTS[n],
            tags=["lithium"] if n % 2 else ["economy"],
            note="Checked against the concession's published terms." if n == 1 else "",
        ).claim.id)
    project.entities.link(ids[1], minister.id)
    return article.id, ids[1]


def open_window(app: QApplication, project: Project) -> MainWindow:
    window = MainWindow(project)
    window.resize(*SIZE)
    window.show()
    app.processEvents()
    return window


def grab(app: QApplication, widget: QWidget, out: Path) -> None:
    app.processEvents()
    widget.grab().save(str(out))


def take_window(app: QApplication, out: Path) -> None:
    """The window on a claim with a verdict, a note and a linked entity."""
    with sample_project() as project:
        article, claim = mark_claims(project)
        window = open_window(app, project)
        window.resizeDocks([window.review.dock], [170], Qt.Orientation.Vertical)
        window.open_article(article)
        window.show_claim(claim)
        grab(app, window, out)
        window.close()


def take_review(app: QApplication, out: Path) -> None:
    """The review queue after the check, a flag shown side by side, one decided."""
    with sample_project() as project:
        project.checking.check()
        window = open_window(app, project)
        review = window.review
        window.resizeDocks([review.dock], [380], Qt.Orientation.Vertical)
        review.open_queue()
        flags = [i for i in review.panel.shown_items() if i.flag is not None]
        if len(flags) > 1:  # one decided, so the title's count and the queue show it
            project.flags.resolve(flags[-1].id, status="confirmed", note="Checked the filing.")
        amount = next((i for i in flags if i.flag_kinds == ("amount",)), flags[0])
        review.panel.select(amount.id)
        review.open_queue()
        grab(app, window, out)
        window.close()


def take_help(app: QApplication, shortcuts: Path, about: Path) -> None:
    """Help > Keyboard shortcuts and Help > About, each grabbed as its own dialog."""
    with sample_project() as project:
        window = open_window(app, project)
        for show, out in ((window.help.show_shortcuts, shortcuts), (window.help.show_about, about)):
            dialog = show()
            grab(app, dialog, out)
            dialog.close()
        window.close()


def decide_flags(project: Project) -> None:
    """After the check: confirm one flag with a note, dismiss another, and give one flagged
    claim a verdict and set it reviewed, as an editor would before writing the report."""
    flags = sorted(project.flags.list(), key=lambda f: f.id)
    amounts = [f for f in flags if f.kind == "amount"]
    dates = [f for f in flags if f.kind == "date"]
    if not (amounts and dates):
        raise SystemExit("the check raised no amount or no date flag on the samples")
    confirmed, dismissed = amounts[0], dates[0]
    project.flags.resolve(confirmed.id, status="confirmed",
                          note="The ministry's filing gives the lower figure; asked the desk "
                               "to correct the other article.")
    project.flags.resolve(dismissed.id, status="dismissed",
                          note="The agreement was signed on 4 March and announced on 6 March: "
                               "no contradiction.")
    project.claims.edit(confirmed.claim_a, verdict="false", status="reviewed",
                        note="The filing contradicts it.")
    minister = project.entities.add("Ana Lucía Ferrán", "person",
                                    aliases=["Minister Ana Lucía Ferrán"]).entity
    quoted = next(c for c in project.claims.list() if "Ferrán" in c.exact)
    project.entities.link(quoted.id, minister.id)


def take_report(out: Path) -> None:
    """Page 1 of the editor's report as PDF, rendered to PNG by pdftoppm."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is missing: apt-get install poppler-utils")
    with sample_project() as project:
        project.checking.check()
        decide_flags(project)
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "report.pdf"
            write_pdf(report_html(project.report.build()), pdf)
            stem = Path(folder) / "page"
            subprocess.run([pdftoppm, "-png", "-r", "70", "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(stem)], check=True)
            shutil.copyfile(stem.with_suffix(".png"), out)


def optimise(paths: list[Path]) -> None:
    """Shrink the PNGs losslessly with optipng when it is installed."""
    optipng = shutil.which("optipng")
    if optipng is not None:
        subprocess.run([optipng, "-quiet", "-o2", *map(str, paths)], check=True)


def laptop_screen(folder: Path) -> None:
    """Make Qt's offscreen platform pretend a laptop's screen (it is 800x600 otherwise), so
    dialogs size themselves as they would for most readers."""
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0,
                                               "width": SIZE[0], "height": SIZE[1]}]}))
    if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def main() -> None:
    screen = tempfile.TemporaryDirectory()
    laptop_screen(Path(screen.name))
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    here = Path(__file__).resolve().parent
    saved: list[Path] = []
    for palette, shade in ((None, "light"), (dark_palette(), "dark")):
        if palette is not None:
            app.setPalette(palette)
        take_window(app, here / f"window-{shade}.png")
        take_review(app, here / f"review-queue-{shade}.png")
        take_help(app, here / f"help-{shade}.png", here / f"about-{shade}.png")
        saved += [here / f"{name}-{shade}.png" for name in ("window", "review-queue", "help",
                                                           "about")]
    take_report(here / "report-page1.png")
    saved.append(here / "report-page1.png")
    optimise(saved)
    print("saved " + ", ".join(p.name for p in saved) + f" in {here}")


if __name__ == "__main__":
    main()
