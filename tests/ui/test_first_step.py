"""The guided first step: after the sample articles load, a banner points at Check, then at
the flags the check raised; closed or finished, it is not shown again."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractButton

from desktop_app.services import open_project
from desktop_app.ui.app import load_samples
from desktop_app.ui.first_step import Step
from desktop_app.ui.main_window import MainWindow
from tests.conftest import SAMPLES


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, tmp_path):
    project = open_project(tmp_path / "p", author="tester")
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()
    project.close()


def _loaded(qtbot, window, settings):
    load_samples(window, SAMPLES, settings)
    qtbot.waitUntil(lambda: window.first_step.banner is not None, timeout=60_000)
    return window.first_step.banner


def test_after_the_samples_load_the_banner_points_at_check_then_at_the_flags(
        qtbot, window, settings):
    banner = _loaded(qtbot, window, settings)
    assert window.library.articles.rowCount() == 5
    assert banner.isVisible()
    assert banner.step is Step.CHECK
    assert "Check > Find disagreements (Ctrl+K)" in banner.label.text()
    assert banner.action.text().replace("&", "") == "Find disagreements"

    banner.action.click()  # runs the check, as Ctrl+K would
    qtbot.waitUntil(lambda: banner.step is Step.FLAGS, timeout=60_000)
    flags = window.flag_panel.flags.rowCount()
    assert flags >= 3  # the samples' README promises amount, date and attribution at least
    assert f"the check found {flags} disagreements" in banner.label.text()
    assert "Flags panel" in banner.label.text()
    assert banner.action.text().replace("&", "") == "Show the flags"

    banner.action.click()
    assert not window.flag_dock.isHidden()
    assert window.first_step.banner is None  # finished
    assert str(settings.value("first_step/done")).lower() == "true"


def test_the_check_from_the_menu_moves_the_banner_on_too(qtbot, window, settings):
    banner = _loaded(qtbot, window, settings)
    window.check_action.trigger()
    qtbot.waitUntil(lambda: banner.step is Step.FLAGS, timeout=60_000)


def test_a_closed_guide_is_not_shown_again(qtbot, window, settings, tmp_path):
    banner = _loaded(qtbot, window, settings)
    banner.close_button.click()
    assert window.first_step.banner is None
    guide = window.first_step
    assert guide.start() is None  # the samples loaded again, in this window or another
    assert guide.done()


def test_the_banner_adds_no_alt_letter_the_window_already_uses(qtbot, window, settings):
    _loaded(qtbot, window, settings)
    texts = [a.text() for a in window.menuBar().actions()]
    texts += [b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    letters = [m.group(1).lower() for t in texts if (m := re.search(r"&([^&])", t))]
    assert len(letters) == len(set(letters)), texts
