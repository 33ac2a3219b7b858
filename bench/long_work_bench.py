"""Does the window stay responsive while long work runs? Gaps of the GUI event loop during an
import and a check of a few hundred articles, with searches, reading and edits in between.

    QT_QPA_PLATFORM=offscreen python bench/long_work_bench.py [--copies 12] [--code DIR]

Builds, in a temporary folder, --copies copies of the checking dev set
(/work/shared/checking-devset/*.txt, 25 articles; each copy ends with its own line, so no two
are one article), then, in one window and one process:

1. idle: three seconds with nothing running (the baseline);
2. import: the window imports every copy (File > Import folder);
3. check: the window runs the check (Check > Find disagreements) over all of them.

In every phase a 10 ms QTimer records when the event loop runs it (a gap is the time between
two of its ticks), and every 150 ms the window does what a person does meanwhile, in turn: a
project search in the search panel, opening an article, and editing a claim's note (a write).
For each phase it prints the ticks, the longest gap, the 99th percentile and the slowest of
each action, and their ratio to the idle baseline. Target: no gap over 100 ms.

``--code DIR`` runs another checkout's code (e.g. an older commit exported with ``git
archive``) to compare.
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
from typing import Any

DEVSET = Path("/work/shared/checking-devset")
TICK_MS = 10
ACTION_MS = 150
TARGET_MS = 100.0
WATCH: list[Watchdog] = []
WORDS = ("fire", "firefighters", "iceberg", "Neymar", "cave", "rescue", "tower", "spire",
         "Paris", "London")


class Probe:
    """The 10 ms timer and the person's actions, with what they measured."""

    def __init__(self, window: Any, app: Any) -> None:
        from PySide6.QtCore import QTimer

        self.window, self.app = window, app
        self.ticks: list[float] = []
        self.actions: dict[str, list[float]] = {"search": [], "read": [], "edit": []}
        self.spans: list[tuple[float, float, str]] = []  # when each action ran
        self.rng = random.Random(7)
        self.turn = 0
        self.claim_id: str | None = None
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.ticks.append(time.perf_counter()))
        self.acting = QTimer()
        self.acting.setInterval(ACTION_MS)
        self.acting.timeout.connect(self._act)

    def start(self) -> None:
        self.ticks.clear()
        for times in self.actions.values():
            times.clear()
        self.spans.clear()
        self.timer.start()
        self.acting.start()
        self.active = True

    active = False

    def stop(self) -> None:
        self.active = False
        self.timer.stop()
        self.acting.stop()

    def _timed(self, name: str, action: Callable[[], object]) -> None:
        started = time.perf_counter()
        action()
        ended = time.perf_counter()
        self.actions[name].append((ended - started) * 1000)
        self.spans.append((started, ended, name))

    def _act(self) -> None:
        window = self.window
        self.turn += 1
        if self.turn % 20 == 0 and "-v" in sys.argv:
            print("   ", window.jobs.bar.label.text(), window.jobs.bar.progress.value(),
                  window.jobs.bar.progress.maximum(), len(window.jobs.waiting))
        kind = self.turn % 3
        if kind == 0:
            panel = window.search_panel
            panel.query.setText(self.rng.choice(WORDS))
            self._timed("search", panel.run_search)
        elif kind == 1:
            articles = window.project.articles.list()
            if articles:
                chosen = self.rng.choice(articles).id
                self._timed("read", lambda: window.show_article(chosen))
        elif self.claim_id is not None:
            claim_id = self.claim_id
            self._timed("edit", lambda: window.project.claims.edit(
                claim_id, note=f"edited while the work ran ({self.turn})"))

    def gaps(self) -> list[float]:
        return [(b - a) * 1000 for a, b in zip(self.ticks, self.ticks[1:], strict=False)]

    def long_gaps(self) -> dict[str, int]:
        """Gaps over the target, by what ran in them: one of the person's actions, or the
        window's own work (a job's start or end, painting)."""
        causes: dict[str, int] = {}
        for a, b in zip(self.ticks, self.ticks[1:], strict=False):
            if (b - a) * 1000 <= TARGET_MS:
                continue
            name = next((n for s, e, n in self.spans if s < b and a < e), "window")
            causes[name] = causes.get(name, 0) + 1
        return causes


class Watchdog:
    """With --why: a thread that, whenever the event loop has not ticked for the target,
    notes where the window's thread is (its innermost frames of our code and libraries)."""

    def __init__(self, probe: Probe) -> None:
        import threading

        self.probe = probe
        self.gui = threading.get_ident()
        self.seen: dict[str, int] = {}
        self.running = True
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        import traceback

        while self.running:
            time.sleep(0.02)
            ticks = self.probe.ticks
            if not ticks or not self.probe.active:
                continue
            if (time.perf_counter() - ticks[-1]) * 1000 > TARGET_MS:
                frame = sys._current_frames().get(self.gui)
                if frame is None:
                    continue
                stack = traceback.extract_stack(frame)
                ours = [f"{Path(f.filename).name}:{f.name}" for f in stack
                        if "desktop_app" in f.filename or "bench" in f.filename][-3:]
                low = f"{Path(stack[-1].filename).name}:{stack[-1].name}"
                key = " > ".join(ours) + f" | {low}"
                self.seen[key] = self.seen.get(key, 0) + 1

    def report(self) -> None:
        for key, count in sorted(self.seen.items(), key=lambda kv: -kv[1])[:12]:
            print(f"   {count * 20:6d} ms  {key}")
        self.seen.clear()


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_phase(name: str, probe: Probe, app: Any, start: Callable[[], Any] | None,
              seconds: float = 3.0) -> tuple[float, float]:
    """Run one phase; returns (longest gap, p99 gap) in ms."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    probe.start()
    started = time.perf_counter()
    if start is None:
        QTimer.singleShot(int(seconds * 1000), loop.quit)
    else:
        worker = start()
        worker.sig_work_finished.connect(lambda _end: QTimer.singleShot(300, loop.quit))
    loop.exec()
    probe.stop()
    took = time.perf_counter() - started
    gaps = probe.gaps()
    longest, p99 = max(gaps, default=0.0), percentile(gaps, 0.99)
    acted = ", ".join(f"{k} {len(v)}× (slowest {max(v, default=0):.0f} ms)"
                      for k, v in probe.actions.items())
    over = ", ".join(f"{k} {v}" for k, v in probe.long_gaps().items()) or "none"
    acted += f" | gaps over {TARGET_MS:.0f} ms during: {over}"
    if WATCH:
        WATCH[0].report()
    print(f"{name:<7} {took:6.1f} s  {len(gaps):5d} ticks  longest gap {longest:7.1f} ms  "
          f"p99 {p99:6.1f} ms  median {statistics.median(gaps or [0]):5.1f} ms  | {acted}")
    return longest, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("-v", action="store_true", help="say what the job bar shows")
    parser.add_argument("--why", action="store_true",
                        help="after each phase, where the window's thread was in long gaps")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    from PySide6.QtWidgets import QApplication

    from desktop_app.services import open_project
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.workers import wait_for_workers

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "articles"
        source.mkdir()
        for copy in range(args.copies):
            for path in sorted(DEVSET.glob("*.txt")):
                text = path.read_text(encoding="utf-8")
                (source / f"{copy:03d}_{path.name}").write_text(
                    f"{text}\n\nEdition {copy + 1} of this article.\n", encoding="utf-8")
        files = len(list(source.iterdir()))
        with open_project(root / "project", author="bench") as project:
            window = MainWindow(project)
            window.resize(1280, 800)
            window.show()
            app.processEvents()
            probe = Probe(window, app)
            if args.why:
                WATCH.append(Watchdog(probe))
            window.search_panel.query.setText("fire")  # warm up: the first search loads
            window.search_panel.run_search()  # Whoosh and its parser
            app.processEvents()
            print(f"{files} articles ({args.copies} copies of the dev set); code: {args.code}")
            idle = run_phase("idle", probe, app, None)
            results = {"import": run_phase("import", probe, app,
                                           lambda: window.start_import([source]))}
            first = project.articles.list()[0].id
            text = project.articles.get(first).text
            probe.claim_id = project.claims.add(first, start=0, end=min(40, len(text))).claim.id
            results["check"] = run_phase("check", probe, app, window.start_check)
            print(f"flags: {len(project.flags.list())}")
            for name, (longest, p99) in results.items():
                verdict = "met" if longest <= TARGET_MS else "missed"
                print(f"{name:<7} longest gap {longest:7.1f} ms (x{longest / idle[0]:5.1f} idle)"
                      f"  p99 {p99:6.1f} ms (x{p99 / idle[1]:4.1f} idle)"
                      f"  target no gap over {TARGET_MS:.0f} ms: {verdict}")
            wait_for_workers()  # a rebuild an edit asked for may still run
            window.close()


if __name__ == "__main__":
    main()
