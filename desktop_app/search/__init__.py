"""Offline search over articles, claims and entities (Whoosh), behind SearchIndex.

The engine's modules load on first use (see :mod:`desktop_app.search.engine`).
"""

from typing import Any

from desktop_app.search.documents import (
    ArticleDoc,
    ClaimDoc,
    Doc,
    EntityDoc,
    Hit,
    SearchQuery,
    SearchResults,
    doc_key,
)
from desktop_app.search.engine import open_index
from desktop_app.search.errors import SearchQueryError

__all__ = ["ArticleDoc", "ClaimDoc", "Doc", "EntityDoc", "Hit", "SearchIndex", "SearchQuery",
           "SearchQueryError", "SearchResults", "WhooshIndex", "doc_key", "open_index"]


def __getattr__(name: str) -> Any:
    # The engine's classes import Whoosh: loaded when first asked for (PEP 562).
    if name in ("SearchIndex", "WhooshIndex"):
        from desktop_app.search import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
