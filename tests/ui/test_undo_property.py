"""Undo through the app's undo stack is exact: any sequence of edits, undone to the start,
leaves every table of the database as it was (only audit rows are added)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack

from desktop_app.core.errors import FactdeskError
from desktop_app.core.models import Changes
from desktop_app.services import Project, open_project
from desktop_app.ui.commands import ChangeCommand
from tests.conftest import table_rows


@pytest.fixture(scope="module")
def template(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the corpus, entities, tagged and linked claims and the check's flags."""
    folder = tmp_path_factory.mktemp("template") / "project"
    with open_project(folder, author="tester") as project:
        project.articles.import_paths([corpus_dir])
        peru = project.entities.add("Peru", "place", aliases=["Perú"]).entity
        project.entities.add("Lima", "place")
        project.entities.add("MMG", "organization")
        for number, article in enumerate(project.articles.list()):
            text = project.articles.get(article.id).text
            project.claims.add(article.id, start=0, end=min(40, len(text)),
                               tags=["lead", f"t{number % 2}"],
                               entities=[peru.id] if number % 2 else [])
        project.checking.check()
    return folder


OPS = ("mark", "verdict", "status", "note", "tags", "delete", "link", "unlink", "resolve",
       "reopen", "rename_tag", "merge_tag", "merge_entities")


def _operation(project: Project, op: str, a: int, b: int) -> Callable[[], Changes] | None:
    """The edit ``op`` on the a-th / b-th record of its kind, as the app would push it."""
    claims = project.claims.list()
    entities = project.entities.list()
    flags = project.flags.list()
    tags = [t.name for t in project.claims.tags()]
    claim = claims[a % len(claims)] if claims else None
    entity = entities[b % len(entities)] if entities else None
    if op == "mark":
        article = project.articles.list()[a % 5]
        length = len(project.articles.get(article.id).text)
        start = (b * 37) % max(1, length - 30)
        return lambda: project.claims.add(article.id, start=start, end=start + 25).changes
    if claim is None:
        return None
    if op == "verdict":
        verdict = ("true", "false", "mixed", "unproven")[b % 4]
        return lambda: project.claims.edit(claim.id, verdict=verdict).changes
    if op == "status":
        status = ("draft", "needs review", "reviewed")[b % 3]
        return lambda: project.claims.edit(claim.id, status=status).changes
    if op == "note":
        return lambda: project.claims.edit(claim.id, note=f"note {b}").changes
    if op == "tags":
        return lambda: project.claims.edit(claim.id, add_tags=[f"tag{b % 4}"],
                                           remove_tags=claim.tags[:1]).changes
    if op == "delete":
        return lambda: project.claims.delete(claim.id).changes
    if op in ("link", "unlink") and entity is not None:
        call = project.entities.link if op == "link" else project.entities.unlink
        return lambda: call(claim.id, entity.id)
    if op in ("resolve", "reopen") and flags:
        flag = flags[b % len(flags)]
        status = ("confirmed", "dismissed")[a % 2] if op == "resolve" else "open"
        return lambda: project.flags.resolve(flag.id, status=status, note=f"why {a}").changes
    if op in ("rename_tag", "merge_tag") and tags:
        old = tags[a % len(tags)]
        new = f"renamed{b}" if op == "rename_tag" else tags[b % len(tags)]
        return lambda: project.claims.rename_tag(old, new)
    if op == "merge_entities" and len(entities) > 1:
        source, target = entities[a % len(entities)], entities[(a + 1 + b) % len(entities)]
        if source.id == target.id:
            return None
        return lambda: project.entities.merge(source.id, target.id).changes
    return None


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50)),
                min_size=1, max_size=12))
def test_any_edits_undone_through_the_stack_leave_the_database_as_it_was(
        qapp: object, template: Path, steps: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary) / "project"
        shutil.copytree(template, folder)
        before = table_rows(folder)
        errors: list[str] = []
        stack = QUndoStack()
        with open_project(folder, author="tester") as project:
            for op, a, b in steps:
                apply = _operation(project, op, a, b)
                if apply is None:
                    continue
                command = ChangeCommand(op, project.history, apply, lambda _c: None,
                                        errors.append)
                try:
                    changed = command.first()
                except FactdeskError:
                    continue  # refused by the services: nothing changed, nothing pushed
                if changed:
                    stack.push(command)
            middle = table_rows(folder)
            while stack.canUndo():
                stack.undo()
            assert errors == []
            assert table_rows(folder) == before
            while stack.canRedo():
                stack.redo()
            assert errors == []
            assert table_rows(folder) == middle
            assert project.search.find("Peru").total >= 0  # the index follows every step
            assert project.search.is_current()
