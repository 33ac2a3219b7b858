"""The Whoosh schema: one index for articles, claims and entities, told apart by ``kind``.

Text fields are read in the one matching form of core.matching (case, Latin accents,
ligatures, soft hyphens and other invisible characters, apostrophe and dash variants), on the
index side and the query side alike, English words are stemmed, and character positions of
the stored text are kept in the postings, so hit offsets and snippets need no second pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from whoosh.analysis import StemFilter, Token, Tokenizer
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema

from desktop_app.core.matching import WORD_CHAR, build_matching_form, match_key

#: A word of a matching form: apostrophes inside it keep it one token ("won't").
TOKENS = f"{WORD_CHAR}+(?:'{WORD_CHAR}+)*"
#: The possessive ending, left out so "China's" finds "China" and "China’s".
POSSESSIVE = "'s"


class MatchingTokenizer(Tokenizer):
    """Words of a text's matching form, with the stored text's character offsets."""

    def __init__(self) -> None:
        self.expression = re.compile(TOKENS)

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: object) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:  # a whole value (a prefix or wildcard term): folded, not split
            token.original = value
            token.text = match_key(value)
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        form = build_matching_form(value)
        for pos, match in enumerate(self.expression.finditer(form.folded)):
            word = match.group()
            if word.endswith(POSSESSIVE) and len(word) > len(POSSESSIVE):
                word = word[: -len(POSSESSIVE)]
            token.text = word
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = word
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + form.start_of[match.start()]
                token.endchar = start_char + form.end_of[match.end() - 1]
            yield token


def query_words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word of ``text`` as the index reads it: offsets in
    ``text``, the word in matching form, not stemmed."""
    return [(token.startchar, token.endchar, token.text)
            for token in MatchingTokenizer()(text, chars=True)]


def text_analyzer():
    """Words in matching form, stemmed; no stop list, so phrases stay exact."""
    return MatchingTokenizer() | StemFilter()


def name_analyzer():
    """Names (and the words "did you mean" may offer): in matching form, not stemmed."""
    return MatchingTokenizer()


#: Bump when the schema changes, so an index built with an older one is rebuilt.
SCHEMA_VERSION = 4


def build_schema() -> Schema:
    words = text_analyzer()
    names = name_analyzer()
    return Schema(
        kind=ID(stored=True, sortable=True),
        # Documents are keyed by kind and id ("claim:<id>"): a claim whose id equals an
        # article's (from a bundle or a W3C file) can never replace that article.
        key=ID(unique=True),
        id=ID(stored=True),
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


#: A field and its value as typed: the value, quoted or not, is no word to respell.
_FIELD_VALUE = re.compile(r'(?<![\w"])([A-Za-z_]+):("[^"]*"|\[[^\]]*\]|\S+)')


def respelled(text: str, better: Callable[[str], str | None]) -> str | None:
    """``text`` with each word that may be misspelled replaced whole by ``better(word)``
    (the word in the matching form; None keeps it), or None when nothing was replaced.
    Operators, words under three letters, field names, fields' values and wildcards are
    left alone: they are not words to fix."""
    pieces: list[str] = []
    cursor = 0
    values = [m.span(2) for m in _FIELD_VALUE.finditer(text)]  # verdict:"mostly true"
    for start, end, word in query_words(text):
        raw = text[start:end]
        if raw in ("AND", "OR", "NOT") or len(word) < 3:
            continue
        if text[start - 1 : start] in (":", "*") or text[end : end + 1] in (":", "*"):
            continue
        if any(low <= start < high for low, high in values):
            continue
        replacement = better(word)
        if replacement is None:
            continue
        pieces += [text[cursor:start], replacement]
        cursor = end
    if not pieces:
        return None
    return "".join(pieces) + text[cursor:]
