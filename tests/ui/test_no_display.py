"""Without a display the app says so on one line and exits 2, with no Qt plugin noise."""

from __future__ import annotations

import os
import subprocess
import sys

from desktop_app.__main__ import no_display


def test_without_a_display_one_line_and_exit_status_2(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--project",
                           str(tmp_path / "p")], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr
    assert "plugin" not in done.stderr.lower()
    assert not (tmp_path / "p").exists()  # nothing was made for a window that cannot open


def test_a_display_or_a_chosen_platform_lets_the_window_open() -> None:
    assert no_display({"DISPLAY": ":0"}, "linux") == ""
    assert no_display({"WAYLAND_DISPLAY": "wayland-0"}, "linux") == ""
    assert no_display({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ""
    assert no_display({}, "win32") == "" and no_display({}, "darwin") == ""
    assert "no display" in no_display({}, "linux")
