"""The check's comparison, away from the process that shows the window.

Comparing tens of thousands of statements is pure Python: in the app's own process it would
hold the interpreter lock for most of a minute, and the window would stutter while it runs
(every search, every keystroke waits its turn). A big comparison therefore runs in a child
process from a fork server, the same way the importers read files; it sends back how far it
got and, at the end, the disagreements it found. A cancel ends the child at once. Small
comparisons, where starting a child would cost more than it saves, run in place.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

from desktop_app.core.disagreements import Disagreement, candidate_pairs, find_disagreements
from desktop_app.core.errors import ProjectError
from desktop_app.core.processes import child_context
from desktop_app.core.progress import CancelCheck, never_cancelled, stop_if
from desktop_app.core.statements import Statement

#: Below this many statements the comparison runs in the calling process: a child costs
#: about a tenth of a second to start and to hand the statements over.
IN_PLACE_BELOW = 3_000
#: How often the child says how far it got, in seconds (and the parent looks for a cancel).
REPORT_EVERY = 0.1

Step = Callable[[int, int], None]


def compare(statements: Sequence[Statement], step: Step,
            cancelled: CancelCheck = never_cancelled, *, message: str = "",
            in_place_below: int | None = None) -> tuple[int, list[Disagreement]]:
    """The candidate pairs of ``statements`` compared: (how many pairs, the disagreements
    found, best first within each group). ``step(done, total)`` hears how far the
    comparison got, in pairs; ``cancelled`` is looked at between steps.

    From ``in_place_below`` statements on (default :data:`IN_PLACE_BELOW`), the work runs in
    a child process, so the caller's interpreter stays free for the window.

    Raises:
        WorkCancelled: a cancel was asked for (carries ``message``); the child is ended.
        ProjectError: the child process could not be started or died before answering.
    """
    if len(statements) < (IN_PLACE_BELOW if in_place_below is None else in_place_below):
        pairs = candidate_pairs(statements)

        def checked(done: int, total: int) -> None:
            step(done, total)
            stop_if(cancelled, message)

        return len(pairs), find_disagreements(statements, pairs, checked)
    return _in_child(list(statements), step, cancelled, message)


def _child(conn: Connection, statements: list[Statement]) -> None:
    """In the child: compare, sending ("step", done, total) now and then and ("done",
    pairs, found) at the end."""
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= REPORT_EVERY:
            last[0] = now
            conn.send(("step", done, total))

    pairs = candidate_pairs(statements)
    found = find_disagreements(statements, pairs, report)
    conn.send(("done", len(pairs), found))
    conn.close()


def _in_child(statements: list[Statement], step: Step, cancelled: CancelCheck,
              message: str) -> tuple[int, list[Disagreement]]:
    ours, theirs = multiprocessing.Pipe(duplex=False)
    try:
        child = child_context(["desktop_app.core.disagreements"]).Process(
            target=_child, args=(theirs, statements), daemon=True, name="factdesk-check")
        child.start()
    except OSError as exc:
        raise ProjectError(f"cannot start the comparison: {exc.strerror or exc}") from None
    theirs.close()
    try:
        while True:
            if cancelled():
                child.terminate()
                stop_if(cancelled, message)
            if not ours.poll(REPORT_EVERY):
                if not child.is_alive() and not ours.poll(0):
                    raise ProjectError(
                        "the comparison stopped before it finished (exit status "
                        f"{child.exitcode}); nothing was written")
                continue
            try:
                answer = ours.recv()
            except EOFError:
                raise ProjectError("the comparison stopped before it finished; nothing was "
                                   "written") from None
            if answer[0] == "step":
                step(answer[1], answer[2])
            else:
                return answer[1], answer[2]
    finally:
        ours.close()
        if child.is_alive():
            child.terminate()
        child.join(timeout=5)
