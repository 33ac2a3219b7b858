"""Where a hit's words are: character offsets read from the postings, and a snippet.

Whoosh keeps each word's position and character range in the postings (``chars=True``), so
the offsets of the words a query matched, and of whole phrases, come without re-reading the
text. Only the hits shown are looked at.
"""

from __future__ import annotations

from whoosh import query as q
from whoosh.reading import IndexReader


def query_terms(query: q.Query, reader: IndexReader, field: str
                ) -> tuple[set[bytes], list[list[bytes]]]:
    """The (expanded) single terms and the phrases of ``query`` in ``field``, leaving out
    whatever sits under a NOT."""
    terms: set[bytes] = set()
    phrases: list[list[bytes]] = []

    def walk(node: q.Query) -> None:
        if isinstance(node, (q.Not, q.AndNot)):
            if isinstance(node, q.AndNot):
                walk(node.a)
            return
        if isinstance(node, q.Phrase):
            if node.fieldname == field:
                phrases.append([w.encode("utf-8") if isinstance(w, str) else w
                                for w in node.words])
            return
        children = list(node.children()) if node.is_leaf() is False else []
        if children:
            for child in children:
                walk(child)
            return
        try:
            found = node.existing_terms(reader, phrases=False, expand=True)
        except Exception:  # a leaf kind without terms (a date range, Every...)
            return
        for fieldname, text in found:
            if fieldname == field:
                terms.add(text if isinstance(text, bytes) else text.encode("utf-8"))

    walk(query)
    return terms, phrases


def _positions(reader: IndexReader, field: str, term: bytes, docnum: int
               ) -> list[tuple[int, int, int]]:
    try:
        matcher = reader.postings(field, term)
    except Exception:  # the term is not in the index
        return []
    matcher.skip_to(docnum)
    if not matcher.is_active() or matcher.id() != docnum:
        return []
    return matcher.value_as("characters")


def hit_offsets(reader: IndexReader, docnum: int, field: str, terms: set[bytes],
                phrases: list[list[bytes]], shift: int = 0) -> tuple[tuple[int, int], ...]:
    """(start, end) of every matched word and phrase of the document, plus ``shift``."""
    spans: set[tuple[int, int]] = set()
    for term in terms:
        for _pos, start, end in _positions(reader, field, term, docnum):
            spans.add((start + shift, end + shift))
    for words in phrases:
        if not words:
            continue
        per_word = [{pos: (s, e) for pos, s, e in _positions(reader, field, w, docnum)}
                    for w in words]
        for pos, (start, _end) in per_word[0].items():
            if all(pos + i in per_word[i] for i in range(1, len(words))):
                spans.add((start + shift, per_word[-1][pos + len(words) - 1][1] + shift))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


#: Private-use stand-ins for where a hit starts and ends while the excerpt's whitespace is
#: folded; taken out again before the excerpt is returned.
_OPEN, _CLOSE = "\ue000", "\ue001"
_STAND_INS = str.maketrans({_OPEN: " ", _CLOSE: " "})


def snippet(text: str, offsets: tuple[tuple[int, int], ...], width: int = 220,
            shift: int = 0) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt around the first hits, and where the hits are in it.

    ``offsets`` are the hits' code-point ranges in ``text`` (less ``shift``, for a claim's
    quote that starts ``shift`` into its article); about ``width`` characters are kept,
    whitespace folded to single spaces, "…" where text was cut. Returns the excerpt as the
    text has it (no marks added: a source's own « » or ** stay unambiguous) and the hits'
    (start, end) code-point ranges in the excerpt, for the caller to mark as it shows them.
    """
    if not text:
        return "", ()
    local = [(s - shift, e - shift) for s, e in offsets if 0 <= s - shift < len(text)]
    if not local:
        return " ".join(text[:width].split()) + ("…" if len(text) > width else ""), ()
    begin = max(0, local[0][0] - width // 3)
    end = min(len(text), begin + width)
    pieces, cursor = [], begin
    for start, stop in local:
        if start < cursor or stop > end:
            continue
        pieces += [text[cursor:start].translate(_STAND_INS), _OPEN,
                   text[start:stop].translate(_STAND_INS), _CLOSE]
        cursor = stop
    pieces.append(text[cursor:end].translate(_STAND_INS))
    folded = ("…" if begin > 0 else "") + " ".join("".join(pieces).split()) + (
        "…" if end < len(text) else "")
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length = 0
    for ch in folded:
        if ch == _OPEN:
            opened = length
        elif ch == _CLOSE:
            marks.append((opened, length))
        else:
            plain.append(ch)
            length += 1
    return "".join(plain), tuple(marks)

