"""Screenshots of the guided first step, in a light and a dark palette, at a laptop's size.

    QT_QPA_PLATFORM=offscreen python docs/screenshots/take_first_step.py [--scale-check]

Loads resources/sample_articles into a project in a temporary folder the way a first run
does, waits for the guide, and saves first-step-light.png (step 1: press Check) and
first-step-dark.png (step 2: the flags) beside this file. Set QT_SCALE_FACTOR=2 and pass
``--out DIR`` to look at the window at twice the scale.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop_app.services import open_project  # noqa: E402
from desktop_app.ui.app import load_samples  # noqa: E402
from desktop_app.ui.first_step import Step  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from take import DARK  # noqa: E402


def wait(app: QApplication, done) -> None:
    while not done():
        app.processEvents()


def take(app: QApplication, out: Path, step: Step) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            open_project(Path(folder) / "p", author="ana") as project:
        settings = QSettings(str(Path(folder) / "window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(project)
        window.resize(1366, 740)
        window.show()
        load_samples(window, ROOT / "resources" / "sample_articles", settings)
        wait(app, lambda: window.first_step.banner is not None)
        banner = window.first_step.banner
        if step is Step.FLAGS:
            banner.action.click()
            wait(app, lambda: banner.step is Step.FLAGS)
        app.processEvents()
        window.grab().save(str(out))
        window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    take(app, args.out / "first-step-light.png", Step.CHECK)
    dark = QPalette()
    for role, rgb in DARK.items():
        dark.setColor(role, QColor(*rgb))
    app.setPalette(dark)
    take(app, args.out / "first-step-dark.png", Step.FLAGS)
    print(f"saved first-step-light.png and first-step-dark.png in {args.out}")


if __name__ == "__main__":
    main()
