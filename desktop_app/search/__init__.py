"""Offline search over articles, claims and entities (Whoosh), behind SearchIndex."""

from desktop_app.search.documents import (
    ArticleDoc,
    ClaimDoc,
    Doc,
    EntityDoc,
    Hit,
    SearchQuery,
    SearchResults,
)
from desktop_app.search.errors import SearchQueryError
from desktop_app.search.index import SearchIndex, WhooshIndex, doc_key

__all__ = ["ArticleDoc", "ClaimDoc", "Doc", "EntityDoc", "Hit", "SearchIndex", "SearchQuery",
           "SearchQueryError", "SearchResults", "WhooshIndex", "doc_key"]
