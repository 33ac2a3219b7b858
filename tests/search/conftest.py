"""Every search test runs on both engines: tantivy (chosen when installed) and Whoosh."""

import pytest

from desktop_app.search.engine import ENGINE_VARIABLE


@pytest.fixture(autouse=True, params=["tantivy", "whoosh"])
def search_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The engine the project's index is opened with in this run of the test."""
    monkeypatch.setenv(ENGINE_VARIABLE, request.param)
    return str(request.param)
