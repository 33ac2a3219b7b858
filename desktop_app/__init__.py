"""Factdesk: an offline desktop tool for fact-checkers."""

from importlib.metadata import PackageNotFoundError, version


def _installed_version() -> str:
    """The version of the installed ``factdesk`` distribution, read from its metadata.

    pyproject.toml is the one place the version is written; an installed checkout, a wheel and
    the frozen app (which carries a copy of the metadata) all report it from there. A source
    tree that was never installed has no metadata and says "unknown" rather than guess.
    """
    try:
        return version("factdesk")
    except PackageNotFoundError:
        return "unknown"


__version__ = _installed_version()
