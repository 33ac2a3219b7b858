"""The layers of DESIGN.md hold: import-linter contracts in pyproject.toml pass."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_pass():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    result = subprocess.run(
        [lint, "--config", str(ROOT / "pyproject.toml")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_imports_without_any_framework_loaded():
    code = (
        "import sys, desktop_app.core.anchoring, desktop_app.core.text, desktop_app.core.vocab, "
        "desktop_app.core.models;"
        "bad=[m for m in ('PySide6','sqlalchemy','whoosh','pydantic') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
