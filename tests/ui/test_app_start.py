"""Starting the app: the window opens on the project, wears the Factdesk icon, and the
start-and-close switch the installer's smoke test uses changes no record of the project
(the window may build the search index, which is rebuilt from the records anyway)."""

import os
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES, snapshot

CHILD = r"""
import sys
from PySide6.QtWidgets import QApplication
from desktop_app.ui import app as ui_app
code = ui_app.run_app(None if len(sys.argv) < 2 else __import__("pathlib").Path(sys.argv[1]))
icon = QApplication.windowIcon()
print("icon", sorted(s.width() for s in icon.availableSizes()), QApplication.desktopFileName())
sys.exit(code)
"""


def _start(project, *, child: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FACTDESK_QUIT_AFTER_START="1",
               FACTDESK_AUTHOR="tester")
    command = ([sys.executable, "-c", CHILD, str(project)] if child
               else [sys.executable, "-m", "desktop_app", "--project", str(project)])
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env,
                          timeout=120)


def test_with_no_command_the_window_opens_on_the_project_and_closes_when_asked(tmp_path):
    project = tmp_path / "desk"
    imported = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--project", str(project), "import",
         str(SAMPLES / "01_harbour_ledger.txt")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env=dict(os.environ, FACTDESK_AUTHOR="tester"))
    assert imported.returncode == 0, imported.stderr
    rows_before, _files = snapshot(project)
    result = _start(project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "factdesk: window shown: Factdesk — desk"
    assert snapshot(project)[0] == rows_before


def test_the_window_wears_the_factdesk_icon_named_as_the_menu_entry(tmp_path):
    result = _start(tmp_path / "desk", child=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "icon [256] factdesk"
