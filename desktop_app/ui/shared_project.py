"""File > Open shared project…: a desk's project on a PostgreSQL server, in a window of its own,
following what the other members change.

The password is asked for and kept in the system keyring when the person says so (and a
keyring is there), never in a settings file. A window on a shared project brings its search
index and lists up to date with the other members' changes every few seconds and whenever the
app comes back to the front, on the background worker.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from desktop_app.core.errors import FactdeskError, ProjectError
from desktop_app.services import Project, open_project, server_url_shown, url_with_password
from desktop_app.ui.workers import Outcome, WorkEnd, Worker, plain

#: How often a window on a shared project looks for the other members' changes, in ms.
FOLLOW_INTERVAL_MS = 5_000
#: The service name passwords are kept under in the system keyring.
KEYRING_SERVICE = "factdesk"


def _keyring() -> Any | None:
    """The system keyring, or None when there is none to use (then the password is asked
    each time, never written anywhere)."""
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoKeyring

        if isinstance(keyring.get_keyring(), NoKeyring):
            return None
        return keyring
    except Exception:  # noqa: BLE001 - no usable keyring: the password is simply not kept
        return None


def location(url: str, password: str = "") -> str:
    """The URL to connect with: ``password`` when one was typed, else the one kept in the
    keyring for this server and user, else ``url`` as it is (a password written in it, or
    none for a server that asks for none).

    Raises:
        ProjectError: ``url`` is not a PostgreSQL URL and a password was to go in it.
    """
    store = _keyring()
    if not password and store is not None:
        try:
            password = store.get_password(KEYRING_SERVICE, server_url_shown(url)) or ""
        except Exception:  # noqa: BLE001 - a locked keyring: connect without it
            password = ""
    return url_with_password(url, password) if password else url


class SharedProjectDialog(QDialog):
    """Asks for the shared project's URL and the password (shown as dots)."""

    def __init__(self, parent: QWidget | None = None, url: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Open shared project")
        form = QFormLayout(self)
        self.url = QLineEdit(url)
        self.url.setPlaceholderText("postgresql://you@server:5432/desk")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("(from the keyring, or none)")
        self.remember = QCheckBox("Keep the password in the system keyring")
        self.remember.setEnabled(_keyring() is not None)
        form.addRow("&Database URL:", self.url)
        form.addRow("&Password:", self.password)
        form.addRow(self.remember)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def location(self) -> str:
        """The URL to connect with: the password typed, else the one kept in the keyring."""
        return location(self.url.text().strip(), self.password.text())

    def keep_password(self) -> None:
        """Put the typed password in the keyring when the person asked for it."""
        store = _keyring()
        if store is None or not self.remember.isChecked() or not self.password.text():
            return
        try:
            store.set_password(KEYRING_SERVICE, server_url_shown(self.url.text().strip()),
                               self.password.text())
        except Exception:  # noqa: BLE001 - not kept; the project opened all the same
            return


def open_shared_project(parent: QMainWindow | None, make_window: Any,
                        url: str = "", *, ask: bool = True) -> QMainWindow | None:
    """Open a shared project in a new window made by ``make_window(project)`` and shown.

    With ``url`` (the app started with ``--database``) it is tried first, with the password
    in it or kept in the keyring; otherwise, or when that fails, a dialog asks for the URL
    and the password. A refusal (wrong URL or password, server down, newer schema) is shown
    in a message box and the dialog comes back with what the person typed. Returns None
    when the person cancels.

    With ``ask`` False (no one to answer: the installer's start-up check) only ``url`` is
    tried and a refusal is raised.

    Raises:
        FactdeskError: ``ask`` is False and the project at ``url`` cannot be opened.
    """
    attempt = url or None
    if not ask and attempt is None:
        raise ProjectError("no shared project named: give its postgresql:// URL")
    while True:
        dialog: SharedProjectDialog | None = None
        try:
            if attempt is not None:
                wanted, attempt = location(attempt), None
            else:
                dialog = SharedProjectDialog(parent, url)
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    return None
                url = dialog.url.text().strip()
                wanted = dialog.location()
            project = open_project(database=wanted, create=False)
        except FactdeskError as exc:
            if not ask:
                raise
            box = QMessageBox(QMessageBox.Icon.Warning, "Factdesk", str(exc),
                              QMessageBox.StandardButton.Ok, parent)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.exec()
            continue
        if dialog is not None:
            dialog.keep_password()
        window: QMainWindow = make_window(project)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(lambda *_, opened=project: opened.close())
        window.setWindowTitle(f"Factdesk — {server_url_shown(url)}")
        window.show()
        return window


class Follower:
    """Keeps a window on a shared project up to date with the other members' changes: every
    :data:`FOLLOW_INTERVAL_MS` and when the app comes to the front, the project's index
    catches up on the worker; when anything changed, ``refresh`` is called."""

    def __init__(self, window: QMainWindow, project: Project, refresh: Any) -> None:
        self._project = project
        self._refresh = refresh
        self._running: Worker | None = None
        self.timer = QTimer(window)
        self.timer.setInterval(FOLLOW_INTERVAL_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(
                lambda state: self.look() if state == Qt.ApplicationState.ApplicationActive
                else None)

    def look(self) -> Worker | None:
        """Start one catch-up unless one is running."""
        if self._running is not None:
            return None
        worker = Worker(plain(self._project.search.catch_up))
        worker.sig_work_finished.connect(self._finished)
        self._running = worker
        return worker.start()

    def _finished(self, end: WorkEnd[int]) -> None:
        self._running = None
        if end.outcome is Outcome.DONE and end.result:
            self._refresh()
