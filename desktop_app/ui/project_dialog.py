"""The dialog shown when a project cannot be opened: it says why, and offers another one
(a recent project, another folder, or a new project)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.plain import shown


def advice(reason: str) -> str:
    """What a person can do about ``reason`` (a ProjectError's message), in plain words;
    "" when there is nothing more to say than the reason."""
    lowered = reason.casefold()
    if "newer factdesk" in lowered:
        return "It was saved by a newer version of Factdesk: update Factdesk to open it."
    if any(word in lowered for word in ("malformed", "not a database", "damaged", "is lost")):
        return ("The project's database file is damaged: restore the folder from a backup. "
                "Nothing in it was changed.")
    if "read-only" in lowered:
        return ("The folder cannot be written to from here: choose a folder you can write "
                "to, or copy the project to one.")
    return ""


@dataclass(frozen=True)
class ProjectChoice:
    """A project folder the person chose, and whether it is to be made new."""

    folder: Path
    create: bool = False


class ProjectDialog(QDialog):
    """"Factdesk cannot open this project", the reason, the recent projects and three ways
    on: open the selected recent project, open another folder, make a new project.

    The folder pickers are the ``pick_folder`` callable handed in (a file dialog in the
    app): it takes the dialog's caption and returns a folder or None. :attr:`choice` holds
    what was chosen once the dialog is accepted.
    """

    FolderRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, folder: Path, reason: str, recent: list[Path], *,
                 pick_folder, check_new, parent: QWidget | None = None,
                 quit_text: str = "&Quit") -> None:
        super().__init__(parent)
        self.setWindowTitle("Factdesk: cannot open the project")
        self.choice: ProjectChoice | None = None
        self._pick_folder = pick_folder
        self._check_new = check_new
        self.headline = QLabel(f"Factdesk cannot open the project in {shown(str(folder))}.")
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.reason = QLabel(shown(reason))
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel(advice(reason))
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        self.advice.setWordWrap(True)
        self.advice.setVisible(bool(self.advice.text()))
        self.offer = QLabel("Open another project instead:" if recent
                            else "Open another project, or make a new one:")
        self.recent = QListWidget()
        for path in recent:
            item = QListWidgetItem(shown(str(path)))
            item.setData(self.FolderRole, str(path))
            self.recent.addItem(item)
        self.recent.setVisible(bool(recent))
        self.recent.itemActivated.connect(lambda _item: self.open_selected())
        self.recent.currentRowChanged.connect(lambda _row: self._update())
        self.buttons = QDialogButtonBox()
        role = QDialogButtonBox.ButtonRole
        self.open_selected_button = QPushButton("Open &selected")
        self.open_other_button = QPushButton("&Open another…")
        self.new_button = QPushButton("&New project…")
        self.quit_button = QPushButton(quit_text)
        self.buttons.addButton(self.open_selected_button, role.AcceptRole)
        self.buttons.addButton(self.open_other_button, role.ActionRole)
        self.buttons.addButton(self.new_button, role.ActionRole)
        self.buttons.addButton(self.quit_button, role.RejectRole)
        self.open_selected_button.setVisible(bool(recent))
        self.open_selected_button.clicked.connect(self.open_selected)
        self.open_other_button.clicked.connect(self.open_other)
        self.new_button.clicked.connect(self.new_project)
        self.quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.headline, self.reason, self.advice, self.offer, self.recent):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        if recent:
            self.recent.setCurrentRow(0)
        self._update()
        self.setMinimumWidth(min(560, self.sizeHint().width() * 2))

    def text(self) -> str:
        """Everything the dialog says, as one plain text (for tests and screen readers)."""
        parts = [self.headline.text(), self.reason.text(), self.advice.text(), self.offer.text()]
        return "\n".join(p for p in parts if p)

    def _update(self) -> None:
        self.open_selected_button.setEnabled(self.recent.currentItem() is not None)

    def _accept(self, folder: Path, create: bool = False) -> None:
        self.choice = ProjectChoice(folder, create)
        self.accept()

    def open_selected(self) -> None:
        """Open the recent project selected in the list."""
        item = self.recent.currentItem()
        if item is not None:
            self._accept(Path(item.data(self.FolderRole)))

    def open_other(self) -> None:
        """Ask for another project folder and open it."""
        folder = self._pick_folder("Open a Factdesk project folder")
        if folder is not None:
            self._accept(folder)

    def new_project(self) -> None:
        """Ask for a new or empty folder and make a project there; a folder that cannot
        hold one is said why, and the dialog stays."""
        folder = self._pick_folder("Choose a new or empty folder for the project")
        if folder is None:
            return
        problem = self._check_new(folder)
        if problem:
            self.reason.setText(shown(problem))
            return
        self._accept(folder, create=True)
