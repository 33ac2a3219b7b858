"""The claims table: filtered by verdict, status, tag, entity and author, for the open
article or the whole project, sortable, and a valid Qt model throughout."""

from PySide6.QtCore import Qt

from desktop_app.ui.main_window import MainWindow


def test_claims_are_filtered_sorted_and_listed_project_wide(qtbot, qtmodeltester, project,
                                                            corpus_dir):
    project.articles.import_paths([corpus_dir / "002_5f4c24aa3a0ad424.txt",
                                   corpus_dir / "003_740938afe9e32624.txt"])
    ids = {a.original_name: a.id for a in project.articles.list()}
    first, second = ids["002_5f4c24aa3a0ad424.txt"], ids["003_740938afe9e32624.txt"]
    announced = project.claims.add(first, quote="This agreement was announced on Nov. 17",
                                   verdict="false", tags=["dates"]).claim
    project.claims.add(first, start=0, end=12, verdict="true", status="reviewed")
    project.claims.add(second, quote="November 15-16", verdict="false", tags=["dates"])
    entity = project.entities.add("APEC", "organization").entity
    project.entities.link(announced.id, entity.id)
    window = MainWindow(project)
    qtbot.addWidget(window)
    window.show()
    window.open_article(first)
    panel = window.claims_panel
    view = window.claim_view
    assert panel.proxy.rowCount() == 2

    panel.set_filter("verdict", "false")
    assert [panel.claim_at_view_row(r).id for r in range(panel.proxy.rowCount())] == [
        announced.id]
    panel.set_filter("verdict", None)
    panel.set_filter("status", "reviewed")
    assert [panel.claim_at_view_row(0).verdict] == ["true"] and panel.proxy.rowCount() == 1
    panel.set_filter("status", None)
    panel.set_filter("entity", entity.id)
    assert panel.proxy.rowCount() == 1
    panel.set_filter("entity", None)

    panel.project_wide.setChecked(True)
    assert panel.proxy.rowCount() == 3
    panel.set_filter("tag", "dates")
    assert {panel.claim_at_view_row(r).article_id for r in range(2)} == {first, second}
    assert panel.proxy.rowCount() == 2
    panel.set_filter("tag", None)
    panel.set_filter("author", "tester")
    assert panel.proxy.rowCount() == 3

    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by verdict
    verdicts = [panel.claim_at_view_row(r).verdict for r in range(3)]
    assert verdicts == sorted(verdicts)
    # selecting a row of another article opens it, with its claim selected
    row = next(r for r in range(3) if panel.claim_at_view_row(r).article_id == second)
    view.selectRow(row)
    assert window.current_claim().article_id == second
    qtmodeltester.check(panel.proxy)
    qtmodeltester.check(panel.claims)
