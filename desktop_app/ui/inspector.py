"""The inspector: everything about the selected claim, editable in place.

It only reads through the services and asks for edits by signal; the window turns each
request into one command on the undo stack. Every text shown (quote, note, tags, names,
history) is shown as plain text.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.models import AuditEvent, Claim, Entity, Flag
from desktop_app.services import Project


def _label(text: str = "", *, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChipRow(QWidget):
    """A row of removable chips: a tag or an entity each, its × asks to remove it."""

    sig_remove_requested = Signal(str)
    sig_chip_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self._layout.addStretch(1)
        self.chips: dict[str, QToolButton] = {}

    def set_chips(self, chips: Sequence[tuple[str, str]]) -> None:
        """Show ``(key, label)`` chips in order, replacing the ones shown."""
        for button in self.chips.values():
            button.deleteLater()
        self.chips = {}
        for key, label in chips:
            button = QToolButton()
            button.setText(f"{label}  ×")  # QToolButton text is always plain
            button.setToolTip(f"Remove {label}".replace("<", "‹"))
            button.setAutoRaise(False)
            button.clicked.connect(lambda _=False, k=key: self.sig_remove_requested.emit(k))
            self._layout.insertWidget(self._layout.count() - 1, button)
            self.chips[key] = button


class NoteEdit(QPlainTextEdit):
    """The note, edited in place: one edit is told when the field loses focus or on
    Ctrl+Enter, never per keystroke."""

    sig_committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Note: why this verdict, sources, what to ask…")
        self.setTabChangesFocus(True)
        self._saved = ""
        self._refused = False

    def set_saved(self, text: str) -> None:
        self._saved = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def commit(self) -> None:
        text = self.toPlainText()
        if text.strip() != self._saved.strip():
            saved, self._saved = self._saved, text
            self._refused = False
            self.sig_committed.emit(text)
            if self._refused:  # not saved: tried again at the next commit
                self._saved = saved

    def refused(self, text: str) -> None:
        """The note ``text`` was not saved: keep it in the field, to be saved later."""
        self._refused = True
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event):
        self.commit()
        super().focusOutEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.commit()
            return
        super().keyPressEvent(event)


class Inspector(QScrollArea):
    """The selected claim: quote, article, verdict, status, tags, note, entities, flags,
    history."""

    sig_verdict_changed = Signal(str)
    sig_status_changed = Signal(str)
    sig_tags_changed = Signal(tuple)
    sig_note_changed = Signal(str, str)
    """The note of a claim (its id, the new note) was edited: emitted when the field is left,
    so a note typed before another claim is selected still goes to its own claim."""
    sig_link_requested = Signal(str)
    """Link the claim to the entity of this name, creating it when it is not known."""
    sig_unlink_requested = Signal(str)
    sig_flag_requested = Signal(str)

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.claim: Claim | None = None
        self._sources: dict[str, str] = {}
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.empty = _label("Select a claim in the text or the table to see it here.")
        self.quote = _label()
        quote_font = self.quote.font()
        quote_font.setItalic(True)
        self.quote.setFont(quote_font)
        self.article = _label()
        self.verdict = QComboBox()
        self.verdict.addItems(list(vocab.VERDICTS))
        self.status = QComboBox()
        self.status.addItems(list(vocab.REVIEW_STATUSES))
        self.tags = ChipRow()
        self.tag_input = QLineEdit()
        self.tag_input.setPlaceholderText("Add a tag (Enter)")
        self.tag_names = QStringListModel(self)
        self.tag_completer = QCompleter(self.tag_names, self)
        self.tag_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tag_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.tag_input.setCompleter(self.tag_completer)
        self.note = NoteEdit()
        self.note.setMaximumHeight(120)
        self.entities = ChipRow()
        self.entity_input = QLineEdit()
        self.entity_input.setPlaceholderText("Link an entity: type a name (Enter creates it "
                                             "if it is new)")
        self.entity_names = QStringListModel(self)
        self.entity_completer = QCompleter(self.entity_names, self)
        self.entity_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.entity_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entity_input.setCompleter(self.entity_completer)
        self.flags = QListWidget()
        self.flags.setMaximumHeight(90)
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.addRow(self.quote)
        form.addRow(self.article)
        form.addRow("Verdict", self.verdict)
        form.addRow("Status", self.status)
        form.addRow("Tags", self.tags)
        form.addRow("", self.tag_input)
        form.addRow("Note", self.note)
        form.addRow("Entities", self.entities)
        form.addRow("", self.entity_input)
        form.addRow("Flags", self.flags)
        form.addRow("History", self.history)
        layout = QVBoxLayout(body)
        layout.addWidget(self.empty)
        layout.addWidget(self.form)
        layout.addStretch(1)
        self.verdict.activated.connect(
            lambda _i: self.sig_verdict_changed.emit(self.verdict.currentText()))
        self.status.activated.connect(
            lambda _i: self.sig_status_changed.emit(self.status.currentText()))
        self.tag_input.returnPressed.connect(self._add_tag)
        self.tags.sig_remove_requested.connect(self._remove_tag)
        self.note.sig_committed.connect(self._note_committed)
        self.entity_input.returnPressed.connect(self._link)
        self.entities.sig_remove_requested.connect(self.sig_unlink_requested)
        self.flags.itemActivated.connect(self._flag_clicked)
        self.flags.itemClicked.connect(self._flag_clicked)
        self.tag_input.installEventFilter(self)
        self.entity_input.installEventFilter(self)
        self.show_claim(None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        inputs = (getattr(self, "tag_input", None), getattr(self, "entity_input", None))
        if watched in inputs and event.type() == QEvent.Type.FocusIn:
            self.refresh_completions()
        return super().eventFilter(watched, event)

    def refresh_completions(self) -> None:
        """Offer the project's tags and entity names as they are now."""
        self.tag_names.setStringList([t.name for t in self.project.claims.tags()])
        self.entity_names.setStringList(sorted(e.name for e in self.project.entities.list()))

    def show_claim(self, claim: Claim | None) -> None:
        """Fill the inspector from ``claim`` (None: show that nothing is selected). The note
        being typed is committed first, so switching claims never loses it."""
        if self.claim is not None and (claim is None or claim.id != self.claim.id):
            self.note.commit()
        self.claim = claim
        self.empty.setVisible(claim is None)
        self.form.setVisible(claim is not None)
        if claim is None:
            return
        self.quote.setText(f"“{' '.join(claim.exact.split())}”")
        self.article.setText(self._source(claim.article_id))
        self.verdict.setCurrentText(claim.verdict)
        self.status.setCurrentText(claim.status)
        self.tags.set_chips([(t, t) for t in claim.tags])
        self.note.set_saved(claim.note)
        entities = [self._entity(i) for i in claim.entity_ids]
        self.entities.set_chips([(e.id, e.name) for e in entities if e is not None])
        self._show_flags(self.project.flags.of_claim(claim.id))
        self._show_history(self.project.history.audit(target=claim.id))

    def _source(self, article_id: str) -> str:
        """Title · outlet · date of an article, read once (they do not change)."""
        line = self._sources.get(article_id)
        if line is None:
            article = self.project.articles.get(article_id)
            parts = [article.title, article.publisher,
                     article.published.isoformat() if article.published else None]
            line = self._sources[article_id] = " · ".join(p for p in parts if p)
        return line

    def _entity(self, entity_id: str) -> Entity | None:
        try:
            return self.project.entities.get(entity_id)
        except Exception:  # a link to an entity removed since: nothing to show
            return None

    def _show_flags(self, flags: Sequence[Flag]) -> None:
        self.flags.clear()
        for flag in flags:
            item = QListWidgetItem(f"{flag.kind} · {flag.status}"
                                   + (f" — {flag.note}" if flag.note else ""))
            item.setData(Qt.ItemDataRole.UserRole, flag.id)
            self.flags.addItem(item)
        if not flags:
            self.flags.addItem(QListWidgetItem("No flags"))

    def _show_history(self, events: Sequence[AuditEvent]) -> None:
        self.history.clear()
        names: dict[str, str] = {}
        if any("entities" in (e.detail.get("after") or {}) for e in events):
            names = {e.id: e.name for e in self.project.entities.list()}
            linked = {str(i) for e in events for side in ("before", "after")
                      for i in ((e.detail.get(side) or {}).get("entities") or [])}
            for gone in sorted(linked - names.keys()):  # deleted since: named by its log
                names[gone] = _former_name(self.project, gone)
        for event in reversed(events):
            self.history.addItem(QListWidgetItem(describe_event(event, names)))

    def keep_unsaved_note(self, claim_id: str, note: str) -> None:
        """A note edit of ``claim_id`` was refused: while that claim is shown, the typed
        ``note`` stays in the field (and is saved again at its next commit)."""
        if self.claim is not None and self.claim.id == claim_id:
            self.note.refused(note)

    def _note_committed(self, note: str) -> None:
        if self.claim is not None:
            self.sig_note_changed.emit(self.claim.id, note)

    def _add_tag(self) -> None:
        if self.claim is None:
            return
        words = [w.strip() for w in self.tag_input.text().split(",") if w.strip()]
        known = {t.lower() for t in self.claim.tags}
        new = [w for w in words if w.lower() not in known]
        self.tag_input.clear()
        if new:
            self.sig_tags_changed.emit((*self.claim.tags, *new))

    def _remove_tag(self, tag: str) -> None:
        if self.claim is not None:
            self.sig_tags_changed.emit(tuple(t for t in self.claim.tags if t != tag))

    def _link(self) -> None:
        name = self.entity_input.text().strip()
        self.entity_input.clear()
        if name and self.claim is not None:
            self.sig_link_requested.emit(name)

    def _flag_clicked(self, item: QListWidgetItem) -> None:
        flag_id = item.data(Qt.ItemDataRole.UserRole)
        if flag_id:
            self.sig_flag_requested.emit(flag_id)


def _former_name(project: Project, entity_id: str) -> str:
    """The name an entity that no longer exists last had, from the audit log ("Shigeru
    Ishiba (deleted)"), or its id when the log has no name for it."""
    for event in reversed(project.history.audit(kind="entity", target=entity_id)):
        for side in ("after", "before"):
            name = (event.detail.get(side) or {}).get("name")
            if name:
                return f"{name} (deleted)"
    return entity_id


def _shown(value: object, names: dict[str, str]) -> str:
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value) or "none"
    return "none" if value in (None, "") else str(value)


def describe_event(event: AuditEvent, names: dict[str, str] | None = None) -> str:
    """One line of a claim's history: when (UTC), who, what, and the change's values
    (entity ids shown by ``names`` where known)."""
    names = names or {}
    detail = event.detail or {}
    line = f"{event.at:%Y-%m-%d %H:%M} · {event.actor} · {event.action}"
    change = detail.get("change")
    if change:
        line += f" · {change}"
    before, after = detail.get("before"), detail.get("after")
    if before and isinstance(before, dict) and isinstance(after, dict):
        fields = [f"{k}: {_shown(before.get(k), names)} → {_shown(after.get(k), names)}"
                  for k in after
                  if before.get(k) != after.get(k) and k not in ("modified", "version")]
        if fields:
            line += "\n" + "\n".join(fields)
    return line
