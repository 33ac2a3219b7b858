"""Sentences of an article, with their offsets, and the words of a sentence.

Claims are checked sentence by sentence. The splitter knows English abbreviations ("Nov.",
"U.S.", "Dr.", initials), so a date like "Nov. 17" or a name like "J. Smith" stays in one
sentence; every line break that ends a paragraph also ends a sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from desktop_app.core.text import fold

ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt gov sen rep pres rev hon
inc ltd co corp bros dept est approx vs etc no nos fig vol ed eds al
""".split())

# A sentence ends at . ! ? or … (maybe followed by a closing quote or bracket) and a space.
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s)")
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence and where it is in the article's text."""

    start: int
    end: int
    text: str


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    """False when the full stop belongs to an abbreviation or an initial."""
    if match.group()[0] != ".":
        return True
    before = re.search(r"([A-Za-z][A-Za-z.]*)\.?$", text[: match.start()])
    if before is None:
        return True
    word = before.group(1)
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if "." in word:
        return False  # "U.S." or "e.g."
    if word.lower() in ABBREVIATIONS:
        rest = text[match.end():].lstrip()
        # "Nov. 17" or "Dr. Li" continue; "... in Nov. The next day" would too, rarely wrong.
        return not rest[:1].isalnum()
    return True


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order, each with its code-point offsets."""
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        base, chunk = paragraph.start(), paragraph.group()
        start = 0
        for match in _END.finditer(chunk):
            if not _ends_sentence(chunk, match):
                continue
            _add(sentences, chunk, base, start, match.end())
            start = match.end()
        _add(sentences, chunk, base, start, len(chunk))
    return sentences


def _add(out: list[Sentence], chunk: str, base: int, start: int, end: int) -> None:
    piece = chunk[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = base + start + lead
    out.append(Sentence(begin, begin + len(stripped), stripped))


def words(text: str) -> list[str]:
    """The words of ``text`` as written (hyphenated and apostrophe words stay whole)."""
    return _WORD.findall(text)


STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from
further had has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not now of off on once only or other our ours out over
own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who
whom why will with would you your yours its also per via said says say year years new one two
""".split())


@functools.lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A light English stem: enough to meet "investments", "investment" and "invested"."""
    w = fold(word).replace("’", "'")
    w = re.sub(r"'s$", "", w)
    for suffix in ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            w = w[: len(w) - len(suffix)]
            if suffix in ("ies", "ied"):
                w += "y"
            break
    return w


def content_stems(text: str) -> set[str]:
    """The stems of the words of ``text`` that carry meaning (no stop words, no numbers)."""
    return {stem(w) for w in words(text)
            if not w[0].isdigit() and fold(w) not in STOPWORDS and len(w) > 2}
