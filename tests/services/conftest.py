"""These suites run on both databases: SQLite and a PostgreSQL server."""

import pytest

from tests.conftest import BACKENDS


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database a project of this test lives on: each test runs on each."""
    return str(request.param)
