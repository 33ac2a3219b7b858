"""Typed domain errors: each carries a message a person can act on.

The command line prints ``str(error)`` on one line and exits 2; the app shows it in a dialog.
"""

from __future__ import annotations


class FactdeskError(Exception):
    """Base of every error Factdesk expects and explains to a person."""


class NotFoundError(FactdeskError):
    """An id, prefix or name that matches nothing in the project."""


class AmbiguousIdError(FactdeskError):
    """An abbreviated id that matches more than one record."""


class InvalidValueError(FactdeskError):
    """A value outside what the domain allows (an unknown verdict, status, type...)."""


class QuoteNotFoundError(FactdeskError):
    """A claim's quote does not occur in its article's text."""


class AmbiguousQuoteError(FactdeskError):
    """A quote occurs several times and no occurrence was chosen."""

    def __init__(self, message: str, count: int) -> None:
        super().__init__(message)
        self.count = count


class ImportRefusedError(FactdeskError):
    """A file that cannot become an article: missing, empty, binary, corrupt, too big..."""


class ProjectError(FactdeskError):
    """A folder that is not a usable project: not a project, read-only, from a newer version."""
