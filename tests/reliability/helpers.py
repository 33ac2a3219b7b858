"""Running the command line in child processes, and what every run must never print."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

#: Seconds any one command may take before the test fails (a hang is a failure).
BUDGET = 90


def rounds(default: int) -> int:
    """How many runs a randomised test makes: few by default, more with
    ``FACTDESK_RELIABILITY_ROUNDS``."""
    return int(os.environ.get("FACTDESK_RELIABILITY_ROUNDS", default))


def start(project: Path, *args: str) -> subprocess.Popen[str]:
    """``factdesk --project PROJECT ARGS`` in a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "desktop_app", "--project", str(project), *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
        env={**os.environ, "FACTDESK_DEBUG": ""})


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """Wait (within the budget) for a child started by :func:`start`."""
    out, err = process.communicate(timeout=BUDGET)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def factdesk(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one command to its end, within the budget."""
    return finish(start(project, *args))


def assert_clean(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback, no SQL, no "unexpected" error, and at most one line on stderr."""
    err = result.stderr
    assert "Traceback" not in err, err
    assert "unexpected" not in err, err
    for sql in ("INSERT INTO", "SELECT ", "UPDATE ", "[SQL:", "sqlalche.me"):
        assert sql not in err and sql not in result.stdout, err
    assert len(err.strip().splitlines()) <= 1, err
    assert result.returncode in (0, 1, 2), result
