"""The Whoosh schema: one index for articles, claims and entities, told apart by ``kind``.

Text fields fold accents and case and stem English words, and keep character positions in
the postings, so hit offsets and snippets need no second pass over the text.
"""

from __future__ import annotations

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

# Straight and curly apostrophes and hyphenated words stay one token ("China’s" -> "china").
TOKENS = r"\w+(?:['’]\w+)*"


def text_analyzer():  # type: ignore[no-untyped-def]
    """Words, folded (case, accents) and stemmed; no stop list, so phrases stay exact."""
    return (RegexTokenizer(TOKENS) | LowercaseFilter() | CharsetFilter(accent_map)
            | StemFilter())


def name_analyzer():  # type: ignore[no-untyped-def]
    """Names: folded but not stemmed."""
    return RegexTokenizer(TOKENS) | LowercaseFilter() | CharsetFilter(accent_map)


#: Bump when the schema changes, so an index built with an older one is rebuilt.
SCHEMA_VERSION = 2


def build_schema() -> Schema:
    words = text_analyzer()
    names = name_analyzer()
    return Schema(
        kind=ID(stored=True, sortable=True),
        id=ID(stored=True, unique=True),
        article_id=ID(stored=True),
        title=TEXT(analyzer=words, stored=True, field_boost=2.0),
        outlet=TEXT(analyzer=names, stored=True),
        outlet_key=ID(sortable=True),
        author=TEXT(analyzer=names, stored=True),
        published=DATETIME(stored=True, sortable=True),
        text=TEXT(analyzer=words, chars=True),
        spell=TEXT(analyzer=names, phrase=False, spelling=True),
        body=STORED(),
        quote=TEXT(analyzer=words, chars=True, stored=True),
        start=STORED(),
        note=TEXT(analyzer=words, stored=True),
        tags=KEYWORD(lowercase=True, commas=True, stored=True),
        verdict=ID(stored=True, sortable=True),
        status=ID(stored=True, sortable=True),
        entity=TEXT(analyzer=names),
        entity_id=KEYWORD(commas=True),
        # Per-document columns for facet counts (read by document number, no postings walk).
        tags_column=COLUMN(VarBytesColumn()),
        entity_column=COLUMN(VarBytesColumn()),
        name=TEXT(analyzer=names, stored=True, field_boost=2.0),
        aliases=TEXT(analyzer=names, stored=True),
        type=ID(stored=True),
        description=TEXT(analyzer=words, stored=True),
    )


#: Fields searched when a word names none.
DEFAULT_FIELDS = ["title", "text", "quote", "note", "name", "aliases", "description",
                  "outlet", "entity"]
