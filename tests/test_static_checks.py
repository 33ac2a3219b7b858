"""What the code assumes is checked on every test run: mypy (strict for core and services, as
configured in pyproject.toml) and ruff pass. The import-linter contracts, including the one that
keeps desktop_app.services free of import cycles, run in tests/test_architecture.py."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600,
    )


def test_mypy_finds_no_type_errors():
    """Annotations agree with the code: a wrong type in desktop_app fails this test."""
    result = _run("mypy", "--config-file", str(ROOT / "pyproject.toml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_ruff_finds_no_problems():
    """The code, the tests and the benchmarks are lint clean (rules in pyproject.toml)."""
    result = _run("ruff", "check", "--no-cache", "desktop_app", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr
