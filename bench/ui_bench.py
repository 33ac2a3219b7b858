"""The window with a large article: open it, scroll it, select a claim.

    QT_QPA_PLATFORM=offscreen python bench/ui_bench.py [--chars 100000] [--claims 2000]

Builds a project in a temporary folder in the same run (one synthetic article of --chars
characters, a few outside the Basic Multilingual Plane, with --claims claims of mixed
verdicts, some overlapping), then reports, each against a bare QMainWindow + QPlainTextEdit
showing the same text in the same process:

- open: time to show the article in the window with every claim highlighted and painted
  (target under 150 ms);
- scroll: average time to repaint the text while paging through it (target under 16 ms);
- select: time to select one claim in the table, mark it in the text and fill the inspector,
  painted (target under 30 ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit  # noqa: E402

from desktop_app.core import vocab  # noqa: E402
from desktop_app.services import open_project  # noqa: E402
from desktop_app.ui.main_window import MainWindow  # noqa: E402

WORDS = ("the council said that port minister budget approved million euros report new "
         "quay vote year company government according people deal country project").split()


def make_text(rng: random.Random, chars: int) -> str:
    parts: list[str] = ["Harbour budget, a long report", ""]
    size = 0
    sentence: list[str] = []
    while size < chars:
        token = rng.choice(WORDS)
        if rng.random() < 0.002:
            token += " 🚢"
        sentence.append(token)
        size += len(token) + 1
        if len(sentence) > 14 and rng.random() < 0.2:
            parts.append(" ".join(sentence).capitalize() + ".")
            sentence = []
            if rng.random() < 0.15:
                parts.append("")
    parts.append(" ".join(sentence) + ".")
    return "\n".join(parts)[:chars].rstrip() + "."


def timed(action: Callable[[], object], app: QApplication) -> float:
    """Milliseconds for ``action`` and the repaint it causes."""
    started = time.perf_counter()
    action()
    app.processEvents()
    return (time.perf_counter() - started) * 1000


def scroll_average(view: QPlainTextEdit, app: QApplication, steps: int = 40) -> float:
    bar = view.verticalScrollBar()
    bar.setValue(0)
    app.processEvents()
    times = []
    for _ in range(steps):
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        started = time.perf_counter()
        view.viewport().repaint()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.mean(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=2_000)
    args = parser.parse_args()
    rng = random.Random(11)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        text = make_text(rng, args.chars)
        (root / "long.txt").write_text(text, encoding="utf-8")
        (root / "short.txt").write_text("A short note\n\nThe vote is on Tuesday.",
                                        encoding="utf-8")
        started = time.perf_counter()
        with open_project(root / "project", author="bench") as project:
            project.articles.import_paths([root / "long.txt", root / "short.txt"])
            long_id = next(a.id for a in project.articles.list() if a.title.startswith("Harb"))
            short_id = next(a.id for a in project.articles.list() if a.id != long_id)
            stored = project.articles.get(long_id).text
            step = max(1, len(stored) // args.claims)
            for n in range(args.claims):
                start = n * step
                length = rng.randint(10, 120) if n % 10 else step * 3  # every tenth overlaps
                end = min(len(stored), start + length)
                while end < len(stored) and stored[end - 1] in "\ud83d🚢":
                    end += 1
                project.claims.add(long_id, start=start, end=end,
                                   verdict=vocab.VERDICTS[n % len(vocab.VERDICTS)])
            print(f"project built: {len(stored):,} characters, {args.claims:,} claims "
                  f"({time.perf_counter() - started:.1f} s)")

            bare = QMainWindow()
            bare_view = QPlainTextEdit()
            bare_view.setReadOnly(True)
            bare.setCentralWidget(bare_view)
            bare.resize(1280, 800)
            bare.show()
            app.processEvents()
            bare_open = timed(lambda: bare_view.setPlainText(stored), app)
            bare_scroll = scroll_average(bare_view, app)

            window = MainWindow(project)
            window.resize(1280, 800)
            window.show()
            window.show_article(short_id)
            app.processEvents()
            opens = []
            for _ in range(3):
                opens.append(timed(lambda: window.show_article(long_id), app))
                timed(lambda: window.show_article(short_id), app)
            opened = min(opens)
            window.show_article(long_id)
            app.processEvents()
            scroll = scroll_average(window.text_view, app)
            rows = [window.claims.rowCount() // 3, window.claims.rowCount() // 2,
                    window.claims.rowCount() - 5]
            selects = [timed(lambda r=row: window.claim_view.selectRow(r), app) for row in rows]
            select = statistics.median(selects)
            def bare_mark() -> None:  # the bare view's nearest act: select a range, show it
                cursor = bare_view.textCursor()
                cursor.setPosition(len(stored) // 2)
                cursor.setPosition(len(stored) // 2 + 80, cursor.MoveMode.KeepAnchor)
                bare_view.setTextCursor(cursor)
                bare_view.ensureCursorVisible()

            bare_select = timed(bare_mark, app)

            def line(what: str, ours: float, base: float, target: float) -> None:
                verdict = "met" if ours < target else f"missed by {ours - target:.0f} ms"
                print(f"{what:<44} {ours:8.1f} ms   bare {base:7.1f} ms   "
                      f"x{ours / max(base, 0.01):6.1f}   target < {target:.0f} ms: {verdict}")

            line("open article with claims highlighted", opened, bare_open, 150)
            line("repaint while scrolling (average)", scroll, bare_scroll, 16)
            line("select a claim and fill the inspector", select, bare_select, 30)
            window.close()
            bare.close()


if __name__ == "__main__":
    main()
