"""Choosing and opening the search engine, without loading it until it is first used.

A command that never searches and never writes (``factdesk articles``) should not pay for
importing the engine; :func:`open_index` returns a :class:`SearchIndex` that loads the engine
on its first call.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.search.documents import Doc, SearchQuery, SearchResults

if TYPE_CHECKING:
    from desktop_app.search.index import SearchIndex


class LazyIndex:
    """A :class:`~desktop_app.search.index.SearchIndex` in ``folder`` whose engine (and its
    modules) is made on the first call that needs it."""

    def __init__(self, folder: Path, make: Callable[[Path], SearchIndex],
                 throwaway: bool = False) -> None:
        self.folder = folder
        self._make = make
        self._throwaway = throwaway
        self._engine: SearchIndex | None = None

    @property
    def engine(self) -> SearchIndex:
        """The real engine, made now if it was not yet."""
        if self._engine is None:
            self._engine = self._make(self.folder)
        return self._engine

    def generation(self) -> int | None:
        return self.engine.generation()

    def is_current(self, generation: int) -> bool:
        return self.engine.is_current(generation)

    def rebuild(self, docs: Iterable[Doc], generation: int,
                progress: Callable[[int], None] | None = None) -> None:
        self.engine.rebuild(docs, generation, progress)

    def apply(self, upserts: Iterable[Doc], deletes: Iterable[str], generation: int) -> None:
        self.engine.apply(upserts, deletes, generation)

    def search(self, query: SearchQuery) -> SearchResults:
        return self.engine.search(query)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()

    def discard(self) -> None:
        if self._engine is not None:
            self._engine.discard()
        elif self._throwaway:  # never used: nothing to close, only its folder to remove
            shutil.rmtree(self.folder.parent, ignore_errors=True)

    def sweep(self) -> list[Path]:
        """Leftovers of a killed rebuild are looked for without loading the engine; it is
        loaded (and sweeps under its lock) only when there are some."""
        parent, name = self.folder.parent, self.folder.name
        leftovers = [*parent.glob(name + ".new*"), *parent.glob(name + ".old*"),
                     *(self.folder.glob("*.tmp") if self.folder.is_dir() else ())]
        return self.engine.sweep() if leftovers else []


#: Set to "whoosh" or "tantivy" to choose the engine (tests run the search suite on both).
ENGINE_VARIABLE = "FACTDESK_SEARCH_ENGINE"


def engine_name() -> str:
    """The engine a project's index uses: tantivy when it is installed (a compiled index,
    several times faster to search and to build), else Whoosh (pure Python); the
    ``FACTDESK_SEARCH_ENGINE`` environment variable may ask for either."""
    asked = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    if asked in ("whoosh", "tantivy"):
        return asked
    return "tantivy" if importlib.util.find_spec("tantivy") is not None else "whoosh"


def open_index(folder: Path, *, throwaway: bool = False) -> SearchIndex:
    """The project's search index in ``folder`` (tantivy when installed, else Whoosh: see
    :func:`engine_name`), loaded on first use; a ``throwaway`` one (a read-only project's)
    is removed when it is closed. An index the other engine built is rebuilt on opening."""
    chosen = engine_name()

    def make(path: Path) -> SearchIndex:
        if chosen == "tantivy":
            from desktop_app.search.tantivy_index import TantivyIndex

            return TantivyIndex(path, throwaway=throwaway)
        from desktop_app.search.index import WhooshIndex

        return WhooshIndex(path, throwaway=throwaway)

    return LazyIndex(folder, make, throwaway)
