"""The window: start-up with a large project, and a large article (open, scroll, select).

    QT_QPA_PLATFORM=offscreen python bench/ui_bench.py [--chars 100000] [--claims 2000]
    QT_QPA_PLATFORM=offscreen python bench/ui_bench.py --startup [--articles 10000]
        [--runs 5] [--keep DIR]

--startup builds a project of --articles short articles (kept in --keep DIR to be reused by
later runs), then starts the app on it in a fresh process each run, so that import costs
count, and reports the median over --runs of:

- shown: from starting the process to a window on the screen (target within 1.5x of a bare
  QApplication + QMainWindow started the same way, in a fresh process);
- main window: to the main window taking that first window's place (project open);
- filled: from starting the process to the library listing every article (target under 1 s
  more than the bare window);
- the peak memory (maximum resident set) at each point, against the bare window's.

Without --startup:

it builds a project in a temporary folder in the same run (one synthetic article of --chars
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


# -- start-up -----------------------------------------------------------------------------

MARK = """
import sys, time
def mark(what):  # the time, and the peak resident memory in kB (VmHWM: reset by exec)
    with open("/proc/self/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM"))
    print(what, time.time(), peak, flush=True)
"""

# A bare QApplication + QMainWindow, started the way the app starts (a fresh process).
BARE_CHILD = MARK + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setWindowTitle("bare")
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (mark("shown"), mark("window"), mark("filled"), app.quit()))
app.exec()
"""

# The app on the project: `factdesk --project P` as run by a person, with two marks added
# from outside: when its first window is on the screen, and when the library lists every
# article (the start-and-close switch then closes it).
APP_CHILD = MARK + """
from pathlib import Path
from PySide6.QtCore import QTimer
from desktop_app.ui import app as ui_app
articles = int(sys.argv[2])
first_show = ui_app.StartWindow.showEvent
def show_event(self, event):
    first_show(self, event)
    QTimer.singleShot(0, lambda: mark("shown"))
ui_app.StartWindow.showEvent = show_event
seen = []
def filled(window):
    if not seen:
        seen.append(mark("window"))  # the main window took the start window's place
    if window.library.articles.rowCount() >= articles:
        mark("filled")
        window.close()
    else:
        QTimer.singleShot(2, lambda: filled(window))
ui_app._announce_and_close = filled
sys.exit(ui_app.run_app(Path(sys.argv[1])))
"""


def build_startup_project(folder: Path, articles: int) -> None:
    """A project of ``articles`` short articles (titles, bylines, dates) with its search
    index built, made through the services as an import would."""
    import os
    import shutil

    rng = random.Random(7)
    sources = folder.parent / f"{folder.name}-sources"
    shutil.rmtree(sources, ignore_errors=True)
    sources.mkdir(parents=True)
    outlets = ["Harbour Ledger", "Valley Wire", "North Observer", "Radio Costa", "The Courier"]
    for n in range(articles):
        words = " ".join(rng.choice(WORDS) for _ in range(90))
        (sources / f"a{n:05d}.txt").write_text(
            f"{words[:60].capitalize()} {n}\n\nBy Reporter {n % 97}, {outlets[n % 5]}\n"
            f"{2020 + n % 6}-{1 + n % 12:02d}-{1 + n % 28:02d}\n\n{words.capitalize()}.\n",
            encoding="utf-8")
    started = time.perf_counter()
    with open_project(folder, author="bench") as project:
        report = project.articles.import_paths([sources])
        project.search.reindex()
        print(f"project built: {len(report.added):,} articles in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    shutil.rmtree(sources)
    os.sync()


def start_once(code: str, *args: str, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Run one child; the seconds since its launch and its peak memory (MB) at each mark."""
    import subprocess

    launched = time.time()
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                            text=True, env=env, timeout=600,
                            cwd=Path(__file__).resolve().parents[1])
    marks: dict[str, tuple[float, float]] = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("shown", "window", "filled"):
            marks[parts[0]] = (float(parts[1]) - launched, int(parts[2]) / 1024)
    if set(marks) != {"shown", "window", "filled"}:
        raise SystemExit(f"the child did not report its start: {result.stderr[-2000:]}")
    return marks


def startup(args: argparse.Namespace) -> None:
    import os
    import shutil

    keep = args.keep or Path(tempfile.mkdtemp(prefix="factdesk-startup-"))
    folder = keep / f"project-{args.articles}"
    if not (folder / "project.sqlite3").exists():
        build_startup_project(folder, args.articles)
    with tempfile.TemporaryDirectory() as config:
        # Bytecode is written by the first (warming) start and read by the others, as an
        # installed app does after its first start.
        env = {k: v for k, v in os.environ.items()
               if k not in ("FACTDESK_PROJECT", "PYTHONDONTWRITEBYTECODE")}
        env.update(QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
                   FACTDESK_QUIT_AFTER_START="1", FACTDESK_AUTHOR="bench",
                   XDG_CONFIG_HOME=config)  # the user's own settings are not touched
        start_once(APP_CHILD, str(folder), str(args.articles), env=env)  # warm the disk cache
        bare_runs, app_runs = [], []
        for _ in range(args.runs):
            bare_runs.append(start_once(BARE_CHILD, env=env))
            app_runs.append(start_once(APP_CHILD, str(folder), str(args.articles), env=env))
    if args.keep is None:
        shutil.rmtree(keep)

    def median(runs: list[dict[str, tuple[float, float]]], mark: str, at: int) -> float:
        return statistics.median(run[mark][at] for run in runs)

    bare_shown, bare_mb = median(bare_runs, "shown", 0), median(bare_runs, "shown", 1)
    shown, shown_mb = median(app_runs, "shown", 0), median(app_runs, "shown", 1)
    main, main_mb = median(app_runs, "window", 0), median(app_runs, "window", 1)
    filled, filled_mb = median(app_runs, "filled", 0), median(app_runs, "filled", 1)
    print(f"start-up with {args.articles:,} articles, median of {args.runs} fresh processes:")
    ratio = shown / bare_shown
    print(f"  window shown        {shown:6.2f} s  {shown_mb:5.0f} MB   bare {bare_shown:5.2f} s "
          f"{bare_mb:4.0f} MB   x{ratio:4.2f}   target x1.5: "
          f"{'met' if ratio <= 1.5 else 'not met'}")
    print(f"  main window shown   {main:6.2f} s  {main_mb:5.0f} MB   (project open, library "
          "still being read)")
    more = filled - bare_shown
    print(f"  library filled      {filled:6.2f} s  {filled_mb:5.0f} MB   "
          f"{more:+.2f} s on the bare window   target +1 s: "
          f"{'met' if more <= 1.0 else 'not met'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--startup", action="store_true",
                        help="measure start-up in fresh processes instead")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None,
                        help="folder to keep the start-up project in between runs")
    args = parser.parse_args()
    if args.startup:
        startup(args)
        return
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
