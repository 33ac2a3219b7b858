"""The editor's review queue in the window, worked by keyboard only: the keys go to whatever
widget has the focus, as a person's typing does, and nothing calls the window's slots."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.core.vocab import ReviewItemKind
from desktop_app.services import Project
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.review_panel import ReviewPanel

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def window(qtbot, project: Project, corpus_dir) -> MainWindow:
    project.articles.import_paths([corpus_dir])
    shown = MainWindow(project)
    qtbot.addWidget(shown)
    shown.show()
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


def _press(qtbot, window: MainWindow, key: Qt.Key,
           modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed on the keyboard: it goes to the widget that has the focus."""
    target: QWidget = QApplication.focusWidget() or window
    qtbot.keyClick(target, key, modifiers)


def _type(qtbot, window: MainWindow, text: str) -> None:
    target: QWidget = QApplication.focusWidget() or window
    qtbot.keyClicks(target, text)


def _ids(panel: ReviewPanel) -> list[str]:
    return [item.id for item in panel.shown_items()]


def _checked(qtbot, window: MainWindow) -> ReviewPanel:
    """Check > Find disagreements by its key (Ctrl+K), waited for until the queue shows
    what it found."""
    panel = window.review.panel
    _press(qtbot, window, Qt.Key.Key_K, CTRL)
    qtbot.waitUntil(lambda: panel.queue.open_counts() != (0, 0), timeout=60_000)
    return panel


def test_the_queue_is_worked_by_keyboard_and_every_decision_undone_by_ctrl_z(
        qtbot, window: MainWindow, project: Project) -> None:
    panel = _checked(qtbot, window)
    flags = project.flags.list(status="open")
    review_claims = project.claims.list(status="needs review")
    assert len(flags) == 2 and len(review_claims) == 4
    assert window.review.dock.windowTitle() == "Review — 2 flags, 4 claims open"

    _press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)  # Review > Open review queue
    assert window.review.dock.isVisible() and QApplication.focusWidget() is panel.view
    assert set(_ids(panel)) == {f.id for f in flags} | {c.id for c in review_claims}

    # J and K step through the items; each shows its passage in the reader.
    first = panel.current_item()
    _press(qtbot, window, Qt.Key.Key_J)
    second = panel.current_item()
    assert second.id == _ids(panel)[1]
    assert window.current_claim().id == second.claims[0].id
    assert window.reader.article_text[second.claims[0].start:second.claims[0].end] \
        == second.claims[0].exact
    _press(qtbot, window, Qt.Key.Key_K)
    assert panel.current_item().id == first.id == _ids(panel)[0]
    assert window.current_claim().id == first.claims[0].id

    # C confirms the first flag: it leaves the open queue at once, the next takes its place.
    assert first.kind is ReviewItemKind.FLAG
    _press(qtbot, window, Qt.Key.Key_C)
    assert project.flags.get(first.id).status == "confirmed"
    assert first.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 1 flag, 4 claims open"
    dismissed = panel.current_item()
    assert dismissed.kind is ReviewItemKind.FLAG and dismissed.id != first.id

    # N writes the note, Enter returns to the list, D dismisses with that note.
    _press(qtbot, window, Qt.Key.Key_N)
    assert QApplication.focusWidget() is panel.note
    _type(qtbot, window, "same figure, two framings")
    _press(qtbot, window, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is panel.view
    _press(qtbot, window, Qt.Key.Key_D)
    stored = project.flags.get(dismissed.id)
    assert (stored.status, stored.note) == ("dismissed", "same figure, two framings")
    assert dismissed.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 0 flags, 4 claims open"

    # A digit gives the claim that needs review its verdict and marks it reviewed.
    claim = panel.current_item()
    assert claim.kind is ReviewItemKind.CLAIM and claim.status == "needs review"
    _press(qtbot, window, Qt.Key.Key_5)  # 5: false
    rated = project.claims.get(claim.id)
    assert (rated.verdict, rated.status) == ("false", "reviewed")
    assert claim.id not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 0 flags, 3 claims open"

    # Ctrl+Z takes each decision back, in the project and in the queue.
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    back = project.claims.get(claim.id)
    assert (back.verdict, back.status) == ("unverified", "needs review")
    assert claim.id in _ids(panel) and panel.current_item().id == claim.id
    assert window.review.dock.windowTitle() == "Review — 0 flags, 4 claims open"
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    reopened = project.flags.get(dismissed.id)
    assert (reopened.status, reopened.note) == ("open", "")
    assert panel.current_item().id == dismissed.id
    _press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert project.flags.get(first.id).status == "open"
    assert panel.current_item().id == first.id
    assert window.review.dock.windowTitle() == "Review — 2 flags, 4 claims open"
    assert set(_ids(panel)) == {f.id for f in flags} | {c.id for c in review_claims}
    actions = [e.action for e in project.history.audit(target=dismissed.id)]
    assert actions == ["check", "flag.dismissed", "undo"]


@pytest.fixture
def varied(qtbot, window: MainWindow, project: Project) -> dict[str, str]:
    """The check's flags and claims, plus what a person added: a tag and an entity on two of
    the check's claims, a high-severity amount flag and a claim of their own."""
    _checked(qtbot, window)
    date_flag = next(f for f in project.flags.list() if f.kind == "date")
    period_flag = next(f for f in project.flags.list() if f.kind == "period")
    tagged = project.claims.edit(date_flag.claim_a, add_tags=["APEC"]).claim
    peru = project.entities.add("Peru", "place").entity
    project.entities.link(period_flag.claim_b, peru.id)
    mine = project.flags.add(date_flag.claim_b, period_flag.claim_a, kind="amount",
                             severity="high", note="two sums for one fund").flag
    article = project.claims.get(period_flag.claim_a).article_id
    own = project.claims.add(article, quote="Peru", occurrence=1, status="needs review").claim
    return {"date": date_flag.id, "period": period_flag.id, "tagged": tagged.id,
            "peru": peru.id, "linked": period_flag.claim_b, "mine": mine.id,
            "mine_a": mine.claim_a, "mine_b": mine.claim_b, "own": own.id,
            "article": article, "period_a": period_flag.claim_a}


def _choose(combo, value) -> None:
    at = combo.findData(value)
    assert at > 0, f"{value!r} is not offered"
    combo.setCurrentIndex(at)


def test_the_queue_follows_changes_made_elsewhere(qtbot, window: MainWindow, varied) -> None:
    """Edits made through the services (another panel, a merge) reach the queue at once."""
    panel = window.review.panel
    assert window.review.dock.windowTitle() == "Review — 3 flags, 5 claims open"
    assert varied["own"] in _ids(panel) and varied["mine"] in _ids(panel)
    window.show_claim(varied["own"])
    status = next(a for a in window.findChildren(type(window.review.next_action))
                  if a.text() == "reviewed")
    status.trigger()  # Claim > Review status > reviewed
    assert varied["own"] not in _ids(panel)
    assert window.review.dock.windowTitle() == "Review — 3 flags, 4 claims open"
    window.undo_stack.undo()
    assert varied["own"] in _ids(panel)


def test_the_queue_filters_by_kind(qtbot, window: MainWindow, project, varied) -> None:
    panel = window.review.panel
    _press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    _press(qtbot, window, Qt.Key.Key_F)  # the keyboard goes to the filters
    assert QApplication.focusWidget() is panel.state
    flags = {f.id for f in project.flags.list(status="open")}
    claims = {c.id for c in project.claims.list(status="needs review")}
    _choose(panel.kind, "flag")
    assert set(_ids(panel)) == flags
    _choose(panel.kind, "claim")
    assert set(_ids(panel)) == claims
    _choose(panel.kind, "amount")  # the amount flag and the claims it rests on
    assert set(_ids(panel)) == {varied["mine"], varied["mine_a"], varied["mine_b"]}
    assert window.review.dock.windowTitle() == "Review — 3 flags, 5 claims open (3 shown)"


def test_the_queue_filters_by_severity(qtbot, window: MainWindow, varied) -> None:
    panel = window.review.panel
    _choose(panel.severity, "high")
    assert set(_ids(panel)) == {varied["mine"], varied["mine_a"], varied["mine_b"]}
    _choose(panel.severity, "low")
    assert _ids(panel) == [] and panel.current_item() is None


def test_the_queue_filters_by_tag(qtbot, window: MainWindow, varied) -> None:
    panel = window.review.panel
    _choose(panel.tag, "APEC")  # the tagged claim, and the flags resting on it
    assert set(_ids(panel)) == {varied["tagged"], varied["date"]}


def test_the_queue_filters_by_entity(qtbot, window: MainWindow, varied) -> None:
    panel = window.review.panel
    _choose(panel.entity, varied["peru"])
    assert set(_ids(panel)) == {varied["linked"], varied["period"]}
    assert panel.entity.currentText() == "Peru"


def test_the_queue_filters_by_article(qtbot, window: MainWindow, project, varied) -> None:
    panel = window.review.panel
    _choose(panel.article, varied["article"])
    in_article = {c.id for c in project.claims.list(article=varied["article"])
                  if c.status == "needs review"}
    resting = {f.id for c in in_article for f in project.flags.of_claim(c)}
    assert set(_ids(panel)) == in_article | resting
    assert {varied["own"], varied["period_a"], varied["mine"], varied["period"]} <= resting \
        | in_article


def test_the_queue_filters_by_author(qtbot, window: MainWindow, varied) -> None:
    panel = window.review.panel
    _choose(panel.author, "tester")  # who raised the flag, who marked the claim
    assert set(_ids(panel)) == {varied["mine"], varied["own"]}
    _choose(panel.author, "Factdesk (date rule)")
    assert set(_ids(panel)) == {varied["date"]}


def test_decided_items_show_under_decided_and_can_be_reopened(
        qtbot, window: MainWindow, project, varied) -> None:
    panel = window.review.panel
    project.flags.resolve(varied["mine"], status="dismissed", note="one fund, two dates")
    assert varied["mine"] not in _ids(panel)
    _choose(panel.state, "decided")
    assert _ids(panel) == [varied["mine"]]
    _press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    _press(qtbot, window, Qt.Key.Key_R)  # reopen
    assert project.flags.get(varied["mine"]).status == "open"
    assert _ids(panel) == []


def test_the_queue_models_follow_the_qt_contract(qtmodeltester, qtbot, window, varied) -> None:
    panel = window.review.panel
    qtmodeltester.check(panel.items)
    qtmodeltester.check(panel.proxy)


def test_the_single_keys_act_only_while_the_queue_has_the_focus(
        qtbot, window: MainWindow, project: Project) -> None:
    """Typing C, D or 5 in the library's filter box, or pressing them in the claims table,
    decides nothing: the letters stay letters there."""
    panel = _checked(qtbot, window)
    before = [(f.id, f.status) for f in project.flags.list()]
    window.library.findChild(type(panel.note)).setFocus()
    _type(qtbot, window, "cd5")
    window.claim_view.setFocus()
    _press(qtbot, window, Qt.Key.Key_C)
    _press(qtbot, window, Qt.Key.Key_D)
    assert [(f.id, f.status) for f in project.flags.list()] == before
    assert project.claims.list(status="reviewed") == []


def test_o_shows_the_other_side_and_a_note_being_written_survives_other_changes(
        qtbot, window: MainWindow, project: Project) -> None:
    panel = _checked(qtbot, window)
    _press(qtbot, window, Qt.Key.Key_R, CTRL | SHIFT)
    flag = panel.current_item()
    assert flag.flag is not None
    assert window.current_claim().id == flag.flag.claim_a
    _press(qtbot, window, Qt.Key.Key_O)
    assert window.current_claim().id == flag.flag.claim_b
    _press(qtbot, window, Qt.Key.Key_O)
    assert window.current_claim().id == flag.flag.claim_a
    _press(qtbot, window, Qt.Key.Key_N)
    _type(qtbot, window, "asked the ministry")
    other = next(c for c in project.claims.list(status="needs review")
                 if c.id not in (flag.flag.claim_a, flag.flag.claim_b))
    project.claims.edit(other.id, add_tags=["APEC"])  # a change made elsewhere meanwhile
    assert panel.note.text() == "asked the ministry"
    _press(qtbot, window, Qt.Key.Key_Return)
    _press(qtbot, window, Qt.Key.Key_C)
    assert project.flags.get(flag.id).note == "asked the ministry"


def test_background_commits_are_read_once_they_pause_not_once_each(
        qtbot, window: MainWindow, project: Project) -> None:
    """Work in another thread (a check writes its flags in many short transactions) makes
    the queue read itself once, after the commits pause, so the window does not re-read a
    growing queue per commit; the items are all there then."""
    import threading

    panel = window.review.panel
    reads: list[int] = []
    real = panel.refresh

    def counted(changes=None):  # type: ignore[no-untyped-def]
        reads.append(1)
        real(changes)

    panel.refresh = counted  # type: ignore[method-assign]
    article = project.articles.list()[0]
    text = project.articles.get(article.id).text
    starts = list(range(0, 320, 40))

    def background() -> None:
        for start in starts:
            project.claims.add(article.id, start=start, end=start + 20, status="needs review")

    worker = threading.Thread(target=background)
    worker.start()
    worker.join()
    assert len(text) > 420
    qtbot.waitUntil(lambda: panel.queue.open_counts()[1] == len(starts), timeout=10_000)
    qtbot.wait(2 * 400)
    assert len(reads) == 1


def test_a_big_queue_is_read_in_the_background_and_still_follows_each_change(
        qtbot, window: MainWindow, project: Project, monkeypatch) -> None:
    """Past a few hundred items the queue is read off the window's thread (a check's
    thousands of flags would otherwise stall every decision), and what changed still shows
    once it is read, the current item kept."""
    import threading

    from desktop_app.ui import review_panel

    panel = _checked(qtbot, window)
    monkeypatch.setattr(review_panel, "READ_IN_PLACE_AT_MOST", 0)
    threads: list[str] = []
    real = project.review.queue

    def recorded():  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return real()

    monkeypatch.setattr(project.review, "queue", recorded)
    current = panel.current_item()
    assert current is not None
    claims_open = panel.queue.open_counts()[1]
    article = project.articles.list()[0]
    added = project.claims.add(article.id, start=0, end=12, status="needs review").claim
    qtbot.waitUntil(lambda: panel.queue.open_counts()[1] == claims_open + 1, timeout=10_000)
    assert threads and threading.main_thread().name not in threads
    assert added.id in _ids(panel) and current.id in _ids(panel)


def test_a_claim_many_flags_rest_on_lists_a_few_and_counts_the_rest(
        qtbot, window: MainWindow, project: Project) -> None:
    """A claim with many flags does not make its heading (and so the dock and the window)
    taller than the screen: three are listed, the rest counted."""
    articles = project.articles.list()
    first = articles[0]
    text = project.articles.get(first.id).text
    flagged = project.claims.add(first.id, start=0, end=text.index(" ", 20),
                                 status="needs review").claim
    others = []
    for article in articles[1:]:
        body = project.articles.get(article.id).text
        for start in (0, body.index(" ", 60) + 1):
            others.append(project.claims.add(article.id, start=start,
                                             end=body.index(" ", start + 15)).claim)
    for other in others:
        project.flags.add(flagged.id, other.id, kind="amount", explanation="Two figures.")
    panel = window.review.panel
    window.review.open_queue()
    qtbot.waitUntil(lambda: any(i.flag is None and i.claims[0].id == flagged.id
                                for i in panel.shown_items()), timeout=10_000)
    item = next(i for i in panel.shown_items()
                if i.flag is None and i.claims[0].id == flagged.id)
    assert panel.select(item.id)
    lines = panel.heading.text().splitlines()
    assert len(others) > 3 and len(lines) == 1 + 3 + 1, lines
    assert lines[-1].startswith(f"…and {len(others) - 3} more flags")
