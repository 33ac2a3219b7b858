"""Screenshots of the window over the sample articles, in a light and a dark palette.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/take.py

Builds a project in a temporary folder from resources/sample_articles, marks a few claims
with different verdicts, registers and links an entity, and saves window-light.png and
window-dark.png beside this file (QWidget.grab, no display needed). Then runs the check on
the samples, opens the review queue on a flag and saves review-queue-light.png and
review-queue-dark.png.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.services import open_project  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402

DARK = {
    QPalette.ColorRole.Window: (45, 45, 48), QPalette.ColorRole.WindowText: (220, 220, 220),
    QPalette.ColorRole.Base: (30, 30, 32), QPalette.ColorRole.AlternateBase: (40, 40, 44),
    QPalette.ColorRole.Text: (225, 225, 225), QPalette.ColorRole.Button: (50, 50, 54),
    QPalette.ColorRole.ButtonText: (220, 220, 220), QPalette.ColorRole.Highlight: (60, 110, 200),
    QPalette.ColorRole.Link: (110, 160, 255), QPalette.ColorRole.PlaceholderText: (140, 140, 140),
    QPalette.ColorRole.Mid: (90, 90, 95),
}
VERDICTS = ["true", "false", "mostly true", "mixed", "unproven", "mostly false"]


def take(app: QApplication, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            open_project(Path(folder) / "p", author="ana") as project:
        project.articles.import_paths([ROOT / "resources" / "sample_articles"])
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
        window = MainWindow(project)
        window.resize(1700, 950)
        window.show()
        window.open_article(article.id)
        window.show_claim(ids[1])
        app.processEvents()
        window.grab().save(str(out))
        window.close()


def take_review(app: QApplication, out: Path) -> None:
    """The review queue after the check, a flag shown side by side, one decided."""
    with tempfile.TemporaryDirectory() as folder, \
            open_project(Path(folder) / "p", author="ana") as project:
        project.articles.import_paths([ROOT / "resources" / "sample_articles"])
        project.checking.check()
        window = MainWindow(project)
        window.resize(1700, 1000)
        window.show()
        review = window.review
        window.resizeDocks([review.dock], [560], Qt.Orientation.Vertical)
        review.open_queue()
        flags = [i for i in review.panel.shown_items() if i.flag is not None]
        if len(flags) > 1:  # one decided, so the title's count and the queue show it
            project.flags.resolve(flags[-1].id, status="confirmed", note="Checked the filing.")
        amount = next((i for i in flags if i.flag_kinds == ("amount",)), flags[0])
        review.panel.select(amount.id)
        review.open_queue()
        app.processEvents()
        window.grab().save(str(out))
        window.close()


def main() -> None:
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    here = Path(__file__).resolve().parent
    take(app, here / "window-light.png")
    take_review(app, here / "review-queue-light.png")
    dark = QPalette()
    for role, rgb in DARK.items():
        dark.setColor(role, QColor(*rgb))
    for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.Text):  # greyed out when disabled, as in light themes
        dark.setColor(QPalette.ColorGroup.Disabled, role, QColor(115, 115, 120))
    app.setPalette(dark)
    take(app, here / "window-dark.png")
    take_review(app, here / "review-queue-dark.png")
    print(f"saved window-light/-dark.png and review-queue-light/-dark.png in {here}")


if __name__ == "__main__":
    main()
