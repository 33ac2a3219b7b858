"""Errors the search layer explains to a person."""

from desktop_app.core.errors import FactdeskError


class SearchQueryError(FactdeskError):
    """A query the parser cannot read: unbalanced quotes or brackets, an unknown field."""
