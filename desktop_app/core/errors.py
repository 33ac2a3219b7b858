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


class RefusedFileError(FactdeskError):
    """A file that is hostile, broken or from a newer Factdesk: refused whole, naming the part
    and line at fault."""

    what = "file"

    def __init__(self, message: str, member: str | None = None, line: int | None = None) -> None:
        where = member or ""
        if member and line:
            where = f"{member} line {line}"
        prefix = f"{self.what} refused"
        super().__init__(f"{prefix}: {where}: {message}" if where else f"{prefix}: {message}")
        self.member = member
        self.line = line


class BundleRefusedError(RefusedFileError):
    """A bundle refused whole (hostile, broken, or from a newer Factdesk)."""

    what = "bundle"


class WriteError(FactdeskError):
    """A file that cannot be written (missing folder, no permission, full disk): nothing of it
    is left behind."""


class ConflictError(FactdeskError):
    """A change meets a record that was changed since it was read (an undo after another
    edit, two people on one claim): nothing was written."""


class WorkCancelled(FactdeskError):
    """Long work (an import, the check, a bundle...) stopped because a person asked it to;
    what it did not finish was not written (the message says what was)."""
