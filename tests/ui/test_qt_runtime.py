"""The Qt binding we ship survives long sessions of calls that return nothing.

PySide6 6.12.0 corrupted the reference count of ``None`` on Python 3.11: every Qt call that
returns nothing decremented it, and the process aborted after a few thousand such calls. The
calls run in a child process so that an abort fails this test instead of killing the run.
"""

import os
import subprocess
import sys

CHILD = r"""
import sys
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
timer = QTimer()
before = sys.getrefcount(None)
for i in range(50_000):
    label.setText("x")          # returns None
    timer.setInterval(i % 100)  # returns None
after = sys.getrefcount(None)
print(before, after)
"""


def test_fifty_thousand_qt_calls_returning_none_do_not_abort():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    before, after = (int(v) for v in result.stdout.split())
    assert after >= before - 1000
