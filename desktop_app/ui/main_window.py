"""The main window: articles on the left, the article's text with its claims highlighted in
the middle, the claims table on the right."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QMimeData, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QWidget,
)

from desktop_app.core import vocab
from desktop_app.core.errors import FactdeskError, WorkCancelled
from desktop_app.core.models import Claim, Flag, ImportReport
from desktop_app.services import Project
from desktop_app.ui.claim_actions import ClaimActions
from desktop_app.ui.claims_panel import ClaimsPanel
from desktop_app.ui.conflict_panel import ConflictPanel
from desktop_app.ui.entities_panel import EntitiesPanel, EntityPage
from desktop_app.ui.entity_actions import EntityActions
from desktop_app.ui.exchange import ExchangeActions
from desktop_app.ui.flag_panel import FlagPanel
from desktop_app.ui.help import HelpMenu, add_view_menu
from desktop_app.ui.inspector import Inspector
from desktop_app.ui.jobs import Jobs, cancelled_import_line, cancelled_import_message
from desktop_app.ui.library import Library
from desktop_app.ui.places import start_in
from desktop_app.ui.reader import Reader
from desktop_app.ui.report import ReportActions
from desktop_app.ui.review_actions import ReviewActions
from desktop_app.ui.search_panel import SearchPanel
from desktop_app.ui.workers import (
    Cancelled,
    Outcome,
    ReportProgress,
    WorkEnd,
    Worker,
)


class MainWindow(ClaimActions, EntityActions, QMainWindow):
    """One project, its articles and their claims."""

    sig_article_changed = Signal(str)
    """The article shown changed: carries its id."""

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 fill_later: bool = False) -> None:
        """``fill_later``: the library is read in the background (start-up), not at once."""
        super().__init__(parent)
        self.project = project
        self.undo_stack = QUndoStack(self)
        self._undo_index = 0
        self.undo_stack.indexChanged.connect(self._say_undone)
        self._reindexing: Worker | None = None
        self._article_id: str | None = None
        self.setWindowTitle(f"Factdesk — {project.folder.name}")
        self.resize(1500, 900)

        self.library = Library(project)
        self.articles = self.library.articles
        self.article_view = self.library.view
        self.article_view.selectionModel().selectionChanged.connect(self._article_selected)
        self.setAcceptDrops(True)

        self.reader = Reader()
        self.text_view = self.reader.text
        self.reader.sig_claim_clicked.connect(self.show_claim)
        self.reader.sig_mark_requested.connect(self.mark_selection)
        self.reader.sig_mark_and_link_requested.connect(self.mark_and_link)
        self.reader.sig_search_requested.connect(self.search_project)
        self.reader.sig_open_original_requested.connect(self.open_original)

        self.claims_panel = ClaimsPanel(project)
        self.claims = self.claims_panel.claims
        self.claim_view = self.claims_panel.view
        self.claim_view.selectionModel().selectionChanged.connect(self._claim_selected)
        self.claims_panel.sig_scope_changed.connect(lambda _wide: self._load_claims())

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.library)
        splitter.addWidget(self.reader)
        splitter.addWidget(self.claims_panel)
        splitter.setSizes([400, 640, 420])
        self.setCentralWidget(splitter)

        self.search_panel = SearchPanel(project)
        self.search_panel.sig_article_requested.connect(self.show_article)
        self.search_panel.sig_index_requested.connect(self.start_reindex)
        self.search_dock = self._dock("Search", self.search_panel)
        self.flag_panel = FlagPanel(project)
        self.flag_panel.sig_resolve_requested.connect(self.resolve_flag)
        self.flag_panel.sig_claim_requested.connect(self.show_claim)
        self.flag_dock = self._dock("Flags", self.flag_panel, beside=self.search_dock)
        self.conflict_panel = ConflictPanel(project)
        self.conflict_panel.sig_settle_requested.connect(self.settle_conflict)
        self.conflict_dock = self._dock("Conflicts", self.conflict_panel, beside=self.flag_dock)
        self.search_dock.raise_()
        self.entities_panel = EntitiesPanel(project)
        self.entities_dock = self._dock("Entities", self.entities_panel, beside=self.conflict_dock)
        self.entity_page = EntityPage(project)
        self.entity_page_dock = self._dock("Entity page", self.entity_page,
                                           beside=self.entities_dock)
        self.entities_panel.sig_add_requested.connect(self.add_entity)
        self.entities_panel.sig_rename_requested.connect(self.rename_entity)
        self.entities_panel.sig_delete_requested.connect(self.delete_entity)
        self.entities_panel.sig_merge_requested.connect(self.merge_entities)
        self.entities_panel.sig_page_requested.connect(self.show_entity_page)
        self.entities_panel.sig_link_requested.connect(self.link_entity_id)
        self.entities_dock.visibilityChanged.connect(lambda _seen: self._suggest_if_shown())
        self.entity_page.sig_claim_requested.connect(self.show_claim)
        self.entity_page.sig_flag_requested.connect(self.show_flag)
        self.search_dock.raise_()
        self.inspector = Inspector(project)
        self.inspector_dock = QDockWidget("Claim", self)
        self.inspector_dock.setObjectName("inspector")
        self.inspector_dock.setWidget(self.inspector)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector_dock)
        for dock in (self.entities_dock, self.entity_page_dock):  # beside the inspector
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.tabifyDockWidget(self.inspector_dock, dock)
        self.inspector_dock.raise_()
        self.inspector.sig_verdict_changed.connect(self.set_verdict)
        self.inspector.sig_status_changed.connect(self.set_status)
        self.inspector.sig_tags_changed.connect(lambda tags: self._edit("Tags", tags=tags))
        self.inspector.sig_note_changed.connect(self.save_note)
        self.inspector.sig_link_requested.connect(self.link_entity)
        self.inspector.sig_unlink_requested.connect(self.unlink_entity)
        self.inspector.sig_flag_requested.connect(self.show_flag)
        self.inspector_dock.setMinimumWidth(340)
        self.review = ReviewActions(self, beside=self.flag_dock)
        self.jobs = Jobs(self)  # every long job: progress "n of m" and Cancel (Esc)
        project.search.defer_updates_in(threading.current_thread())  # jobs index their own
        self.progress = self.jobs.bar.progress
        self.exchange = ExchangeActions(project, self, lambda: self._article_id, self.jobs)
        self.reports = ReportActions(self, project, self.show_error, self.jobs)
        self.exchange.sig_project_changed.connect(self._project_changed)
        self.exchange.sig_message_requested.connect(self._show_message)
        self.exchange.sig_error_requested.connect(self.show_error)
        self._build_menus()
        if fill_later:
            self.library.sig_library_filled.connect(self._show_current_article)
            self.library.fill_in_background()
        else:
            self.refresh_articles()
        self.entities_panel.refresh()
        self._shared_windows: list[QMainWindow] = []
        if project.read_only:  # said at the top; what would change it is disabled
            from desktop_app.ui.read_only import show_read_only

            self.read_only_strip = show_read_only(self)
        if project.shared:  # the other members' changes come in every few seconds
            from desktop_app.ui.shared_project import Follower

            self.follower = Follower(self, project, self._others_changed)

    def _dock(self, title: str, panel: QWidget, beside: QDockWidget | None = None) -> QDockWidget:
        """A panel docked at the bottom, tabbed with ``beside`` when given."""
        dock = QDockWidget(title, self)
        dock.setObjectName(title.lower())
        dock.setWidget(panel)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        if beside is not None:
            self.tabifyDockWidget(beside, dock)
        return dock

    # -- menus --------------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        keys = QKeySequence.StandardKey
        file_menu.addAction(self._action("&Import files…", self.import_files, keys.Open))
        file_menu.addAction(self._action("Import &folder…", self.import_folder))
        file_menu.addAction(self._action("Open s&hared project…", self.open_shared_project))
        file_menu.addSeparator()
        self.exchange.add_to(file_menu)
        self.reports.add_to(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, keys.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(keys.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(keys.Redo)
        redo.triggered.connect(self._say_redone)
        edit_menu.addActions([undo, redo])
        claim_menu = self.menuBar().addMenu("&Claim")
        self.mark_action = self._action("&Mark selection as claim", self.mark_selection, "Ctrl+M")
        claim_menu.addAction(self.mark_action)
        verdict_menu = claim_menu.addMenu("&Verdict")
        for verdict in vocab.VERDICTS:
            verdict_menu.addAction(
                self._action(verdict, lambda _=False, v=verdict: self.set_verdict(v)))
        status_menu = claim_menu.addMenu("Review &status")
        for status in vocab.REVIEW_STATUSES:
            status_menu.addAction(
                self._action(status, lambda _=False, s=status: self.set_status(s)))
        claim_menu.addAction(self._action("&Tags…", self.edit_tags, "Ctrl+T"))
        claim_menu.addAction(self._action("&Note…", self.edit_note, "Ctrl+N"))
        claim_menu.addSeparator()
        claim_menu.addAction(self._action("&Delete claim", self.delete_claim, keys.Delete))
        search_menu = self.menuBar().addMenu("&Search")
        search_menu.addAction(self._action("Find in &article…", self.reader.open_find, keys.Find))
        search_menu.addAction(self._action("&Find in project…", self.focus_search,
                                           "Ctrl+Shift+F"))
        self.rebuild_action = self._action("&Rebuild search index", self.start_reindex)
        search_menu.addAction(self.rebuild_action)
        check_menu = self.menuBar().addMenu("Chec&k")
        self.check_action = self._action("&Find disagreements", self.start_check, "Ctrl+K")
        check_menu.addAction(self.check_action)
        check_menu.addAction(self._action("&Show flags", self.show_flags))
        self.review.add_menu(self.menuBar())
        add_view_menu(self, self.findChildren(QDockWidget))
        self.help = HelpMenu(self, self.project)

    # -- articles -----------------------------------------------------------------------------

    def refresh_articles(self) -> None:
        """Read the library again; keep the article shown, or show the first one."""
        self.library.refresh()
        self._show_current_article()

    def _show_current_article(self) -> None:
        """Keep the article shown selected in the library, or show the first one."""
        current = self._article_id
        if current is None and self.library.proxy.rowCount():
            first = self.library.article_id_at(self.library.proxy.index(0, 0))
            if first:
                self.library.select(first)
        elif current is not None:
            self.library.select(current, quiet=True)

    def _article_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        article_id = self.library.article_id_at(indexes[0]) if indexes else None
        if article_id:
            self.show_article(article_id)

    def open_article(self, article_id: str) -> None:
        """Show an article and make it the library's current row."""
        self.library.select(article_id)
        if self._article_id != article_id:
            self.show_article(article_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = self._dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.start_import(paths)

    @staticmethod
    def _dropped_paths(mime: QMimeData) -> list[Path]:
        """The local files and folders dropped on the window."""
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    @property
    def _text(self) -> str:
        """The text of the article shown."""
        return self.reader.article_text

    def show_article(self, article_id: str,
                     hits: tuple[tuple[int, int], ...] = ()) -> None:
        """Show an article; ``hits`` are character ranges of search hits to highlight."""
        if article_id != self._article_id or not hits:
            article = self.project.articles.get(article_id)
            self._article_id = article.id
            claims = self.project.claims.list(article=article.id)
            mentions = [(m.start, m.end, m.entity_name)
                        for m in self.project.entities.mentions(article.id)]
            self.reader.show_article(article, claims, mentions)
            if not self.claims_panel.project_wide.isChecked():
                self.claims.set_claims(claims)
            self.claims_panel.refresh_choices()
            self.claims.set_conflicts(self.conflict_panel.claim_ids())
            self.library.select(article.id, quiet=True)
            shown = self.inspector.claim
            if shown is not None and shown.article_id != article.id and not (
                    self.claims_panel.project_wide.isChecked()):
                self.inspector.show_claim(self.current_claim())  # not another article's
            self.sig_article_changed.emit(article.id)
            self._suggest_if_shown()
        self.reader.set_hits(hits)

    def _claim_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        claim = self.current_claim()
        self.reader.select(claim.id if claim else None)
        self.inspector.show_claim(claim)

    def current_claim(self) -> Claim | None:
        index: QModelIndex = self.claim_view.currentIndex()
        rows = self.claim_view.selectionModel().selectedRows()
        if rows:
            index = rows[0]
        return self.claims_panel.claim_at_view_row(index.row()) if index.isValid() else None

    def _load_claims(self) -> None:
        """Fill the claims table: the whole project's, or the open article's."""
        wide = self.claims_panel.project_wide.isChecked()
        self.claims.set_claims(self.project.claims.list() if wide else self.reader.claims())
        self.claims_panel.refresh_choices()

    # -- import -------------------------------------------------------------------------------

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import articles", start_in(), "Articles (*.txt *.md *.html *.htm *.pdf)")
        if names:
            self.start_import([Path(n) for n in names])

    def import_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Import a folder of articles", start_in())
        if name:
            self.start_import([Path(name)])

    def start_import(self, paths: list[Path]) -> Worker:
        return self.jobs.run("Importing", lambda progress, cancelled: (
            self.project.articles.import_paths(paths, progress=progress, cancelled=cancelled)),
            self._import_finished, whole=False)  # a cancel keeps the whole files read

    def _import_finished(self, end: WorkEnd[ImportReport]) -> None:
        report = end.result
        if report is None:
            self.statusBar().clearMessage()
            if end.outcome is Outcome.FAILED:
                self.show_error(end.error)
            return
        added = len(report.added)
        self.statusBar().showMessage(f"{added} article{'s' if added != 1 else ''} imported", 5000)
        self.refresh_articles()
        if report.cancelled:
            self.statusBar().showMessage(cancelled_import_line(report), 8000)
            self.show_error(cancelled_import_message(report))
        elif report.failed:
            self.show_error("Some files were not imported:\n"
                            + "\n".join(o.reason or o.path for o in report.failed))

    # -- search -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Search > Find in project: bring the search tab forward (it may be behind another
        tab) and put the cursor in its query field."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.query.setFocus()
        self.search_panel.query.selectAll()

    def ensure_index(self) -> Worker | None:
        """Rebuild a missing, stale or corrupt index in the background, if there is one."""
        if self.project.search.is_current():
            return None
        return self.start_reindex()

    def start_reindex(self) -> Worker:
        if self._reindexing is not None:  # one rebuild at a time
            return self._reindexing
        worker = self.jobs.run("Building the search index", self._rebuild_index,
                               self._reindex_finished)
        self._reindexing = worker
        self.rebuild_action.setEnabled(False)
        if not self.project.search.searchable():  # else searched as it is meanwhile
            self.search_panel.set_ready(False, "Building the search index…")
        return worker

    def _rebuild_index(self, progress: ReportProgress, cancelled: Cancelled) -> int | None:
        """The rebuild, run off the GUI thread; any failure is told as the rebuild's."""
        try:
            if self.project.search.is_current():  # caught up while the job waited its turn
                return None
            return self.project.search.reindex(progress=progress, cancelled=cancelled)
        except WorkCancelled:
            raise
        except Exception as exc:  # reported in a dialog; searching later rebuilds again
            raise FactdeskError(f"The search index could not be rebuilt: {exc}") from exc

    def _reindex_finished(self, end: WorkEnd[int]) -> None:
        self._reindexing = None
        self.rebuild_action.setEnabled(True)
        self.search_panel.set_ready(True)
        if end.outcome is not Outcome.DONE:
            self._show_message(end.error if end.outcome is Outcome.CANCELLED else "")
            if end.outcome is Outcome.FAILED:
                self.show_error(end.error)
            return
        self.statusBar().showMessage("Search index ready" if end.result is None else
                                     f"Search index ready: {end.result:,} documents", 5000)

    # -- check and flags ----------------------------------------------------------------------

    def show_flag(self, flag_id: str) -> None:
        """Show one flag in the flags panel."""
        self.show_flags()
        self.flag_panel.show_flag(self.project.flags.get(flag_id))

    def show_flags(self) -> None:
        self.flag_dock.show()
        self.flag_dock.raise_()

    def start_check(self) -> Worker:
        self.check_action.setEnabled(False)
        return self.jobs.run("Checking", lambda progress, cancelled: (
            self.project.checking.check(progress=progress, cancelled=cancelled)),
            self._check_finished)

    def _check_finished(self, end: WorkEnd[Any]) -> None:
        self.check_action.setEnabled(True)
        report = end.result
        if report is None:
            self._show_message(end.error if end.outcome is Outcome.CANCELLED else "")
            if end.outcome is Outcome.FAILED:
                self.show_error(end.error)
            return
        found = len(report.flags)
        self.statusBar().showMessage(
            f"{found} new flag{'s' if found != 1 else ''}, {report.known} already flagged, "
            f"{len(report.claims)} claim{'s' if len(report.claims) != 1 else ''} made for "
            f"review", 8000)
        self.flag_panel.refresh(more=found)  # thousands are read in the background
        if not self._working_in_a_dock():  # never pulled from under a search or a review
            self.show_flags()
        for claim in report.claims:
            self._refresh_claim(claim, True)
        self.refresh_articles()

    def _say_undone(self, index: int) -> None:
        """Say in the status bar what Undo took back (a message about the edit itself would
        otherwise stay up, now untrue)."""
        before, self._undo_index = self._undo_index, index
        if index < before:
            self.statusBar().showMessage(f"Undone: {self.undo_stack.text(index)}", 8000)

    def _say_redone(self) -> None:
        """Say in the status bar what Redo did again."""
        index = self.undo_stack.index()
        if index > 0:
            self.statusBar().showMessage(f"Redone: {self.undo_stack.text(index - 1)}", 8000)

    def _working_in_a_dock(self) -> bool:
        """Whether the keyboard is in a bottom dock other than the flags (a search being
        read, the review queue being worked): a finished check then leaves it in front."""
        focus = QApplication.focusWidget()
        docks = (self.search_dock, self.review.dock, self.conflict_dock, self.entities_dock)
        return focus is not None and any(d.isAncestorOf(focus) for d in docks)

    def resolve_flag(self, flag: Flag, status: str) -> None:
        note, ok = QInputDialog.getText(self, f"{status.capitalize()} flag",
                                        "Note (why):", text=flag.note)
        if ok:
            self._push(f"{status.capitalize()} flag", lambda: self.project.flags.resolve(
                flag.id, status=status, note=note).changes)

    def show_claim(self, claim_id: str) -> None:
        """Select a claim: open its article if another is shown, select its row."""
        claim = self.project.claims.get(claim_id)
        if claim.article_id != self._article_id:
            self.show_article(claim.article_id)
        row = self.claims_panel.view_row_of(claim_id)
        if row >= 0:
            self.claim_view.selectRow(row)
        else:  # filtered out of the table: still shown in the text and the inspector
            self.reader.select(claim.id)
            self.inspector.show_claim(claim)

    def search_project(self, words: str) -> None:
        """Run a project search for ``words`` (from the reader's context menu)."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.query.setText(words)
        self.search_panel.run_search()

    def open_original(self) -> None:
        """Open the shown article's original file with the desktop's program for it."""
        if self._article_id is None:
            return
        path = self.project.articles.original_path(self.project.articles.get(self._article_id))
        if path is None:
            self.show_error("This article's original file was not kept.")
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def settle_conflict(self, claim_id: str, keep: str) -> None:
        self._push("Keep our version" if keep == "ours" else "Take their version",
                   lambda: self.project.bundles.settle(claim_id, keep=keep).changes)
        self.conflict_panel.refresh()
        self.claims.set_conflicts(self.conflict_panel.claim_ids())

    def _project_changed(self, changes) -> None:
        """A merge or import changed the project: refresh what it touched."""
        if changes.articles or changes.claims:
            self.refresh_articles()
        if self._article_id and changes.claims:
            self.show_article(self._article_id)
        if changes.flags:
            self.flag_panel.refresh()
        if changes.claims:
            self.conflict_panel.refresh()
            self.claims.set_conflicts(self.conflict_panel.claim_ids())
            if self.conflict_panel.conflicts.rowCount():
                self.conflict_dock.show()
                self.conflict_dock.raise_()
        self.ensure_index()  # a large merge leaves the index to be rebuilt in the background

    def open_shared_project(self) -> None:
        """File > Open shared project…: a desk's project on a server, in a window of its own."""
        from desktop_app.ui.shared_project import open_shared_project

        window = open_shared_project(self, MainWindow)
        if window is not None:
            self._shared_windows.append(window)

    def _others_changed(self) -> None:
        """Other members changed the shared project: lists and panels show it (the claim
        being edited in the inspector is left as the person has it)."""
        self.refresh_articles()
        self.flag_panel.refresh()
        self.conflict_panel.refresh()
        self.claims.set_conflicts(self.conflict_panel.claim_ids())
        self.statusBar().showMessage("Brought up to date with the desk's changes", 4000)

    def _show_message(self, text: str) -> None:
        if text:
            self.statusBar().showMessage(text, 8000)
        else:
            self.statusBar().clearMessage()

    def show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Factdesk", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # a message may quote a file's contents
        box.exec()
