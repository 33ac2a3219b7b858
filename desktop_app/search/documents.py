"""What the search index holds: plain documents the services build from the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ArticleDoc:
    id: str
    title: str
    outlet: str | None
    author: str | None
    published: date | None
    text: str


@dataclass(frozen=True, slots=True)
class ClaimDoc:
    id: str
    article_id: str
    article_title: str
    outlet: str | None
    published: date | None
    quote: str
    start: int
    note: str
    tags: tuple[str, ...]
    verdict: str
    status: str
    entity_ids: tuple[str, ...]
    entity_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntityDoc:
    id: str
    name: str
    aliases: tuple[str, ...]
    type: str
    description: str


Doc = ArticleDoc | ClaimDoc | EntityDoc


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A person's query and the filters around it."""

    text: str
    kind: str | None = None
    tags: tuple[str, ...] = ()
    verdict: str | None = None
    limit: int = 20
    sort: str = "relevance"  # or "date"


@dataclass(frozen=True, slots=True)
class Hit:
    """One result, with where its words are in the article's text."""

    kind: str
    id: str
    title: str
    outlet: str | None
    article_id: str | None
    published: date | None
    score: float
    snippet: str  # an excerpt as the text has it, whitespace folded
    offsets: tuple[tuple[int, int], ...]  # the hit's words in the article's text
    snippet_marks: tuple[tuple[int, int], ...] = ()  # the hit's words in ``snippet``

    def marked_snippet(self, opening: str = "«", closing: str = "»") -> str:
        """The snippet with each hit between ``opening`` and ``closing`` (how the command
        line shows one; the window shows hits in bold instead)."""
        pieces, cursor = [], 0
        for start, end in self.snippet_marks:
            pieces += [self.snippet[cursor:start], opening, self.snippet[start:end], closing]
            cursor = end
        pieces.append(self.snippet[cursor:])
        return "".join(pieces)


@dataclass(frozen=True, slots=True)
class SearchResults:
    """The hits shown, how many there are in all, facet counts, and a suggestion."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]]
    suggestion: str | None = None

def doc_key(kind: str, doc_id: str) -> str:
    """The index's unique key of a document: its kind and its id (ids of different kinds
    may be equal)."""
    return f"{kind}:{doc_id}"
