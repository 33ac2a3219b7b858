"""Factdesk: an offline desktop tool for fact-checkers."""

from functools import cache
from typing import Any


@cache
def _installed_version() -> str:
    """The version of the installed ``factdesk`` distribution, read from its metadata.

    pyproject.toml is the one place the version is written; an installed checkout, a wheel and
    the frozen app (which carries a copy of the metadata) all report it from there. A source
    tree that was never installed has no metadata and says "unknown" rather than guess.
    """
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("factdesk")
    except PackageNotFoundError:
        return "unknown"


def __getattr__(name: str) -> Any:
    # Read from the metadata when first asked for (PEP 562): reading it costs a command
    # that never shows the version tens of milliseconds.
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
