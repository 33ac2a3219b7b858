"""One matching form everywhere: a span's quote, rewritten the ways people and other tools
rewrite text (NFD, PDF ligatures, soft hyphens, swapped quotes and apostrophes, dashes, case),
is found at the same offsets by claim add, by W3C import and by search."""

from __future__ import annotations

import itertools
import json
import unicodedata
import uuid

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from desktop_app.core.matching import match_key, matching_form
from desktop_app.exchange import w3c
from desktop_app.services import open_project

# Pieces of words: ligature pairs, accents, ß, apostrophes, dashes.
PIECES = ["fi", "fl", "ff", "ca", "fé", "ro", "ß", "ço", "na", "ti", "ta", "ö", "ü", "de",
          "lé", "mo", "ra", "ñe", "ks", "po"]
JOINERS = ["", "", "", "’s", "'s", "’", "–"]

word = st.builds(lambda parts, tail: "".join(parts) + tail,
                 st.lists(st.sampled_from(PIECES), min_size=1, max_size=4),
                 st.sampled_from(JOINERS)).filter(lambda w: w[-1].isalpha() or w[-1] == "s")

LIGATURES = {"fi": "\ufb01", "fl": "\ufb02", "ff": "\ufb00"}
SWAPS = {"’": "'", "'": "’", "–": "-", "-": "–"}


@st.composite
def rewritten(draw: st.DrawFn, quote: str) -> str:
    """``quote`` with any mix of the variations of the matching form applied."""
    text = quote
    if draw(st.booleans()):
        for plain, ligature in LIGATURES.items():
            text = text.replace(plain, ligature)
    out: list[str] = []
    for ch in text:
        choice = draw(st.integers(0, 5))
        if ch in SWAPS and choice < 3:
            ch = SWAPS[ch]
        elif ch.isalpha() and choice == 0:
            ch = ch.upper() if ch.islower() else ch.lower()
        out.append(ch)
        if ch.isalpha() and choice == 1:
            out.append("\u00ad")  # a soft hyphen, as browsers copy it
    text = "".join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


counter = itertools.count()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_rewritten_quote_is_found_at_the_same_offsets_everywhere(tmp_path_factory, data):
    words = data.draw(st.lists(word, min_size=4, max_size=14), label="words")
    first = data.draw(st.integers(0, len(words) - 1), label="first")
    last = data.draw(st.integers(first, len(words) - 1), label="last")
    number = next(counter)
    folder = tmp_path_factory.mktemp(f"matching{number}")
    body = " ".join(words) + "."
    page = folder / "page.md"
    page.write_text(f"# Matching test article {number}\n\n{body}\n", encoding="utf-8")
    with open_project(folder / "project", author="tester") as project:
        report = project.articles.import_paths([page])
        article = project.articles.get(report.outcomes[0].article_id)
        original = " ".join(words[first : last + 1])
        start = article.text.index(unicodedata.normalize("NFC", original))
        end = start + len(original)
        # the quote must single out one place, else no tool could tell which one is meant
        assume(len(matching_form(article.text).find_all(match_key(original))) == 1)
        variant = data.draw(rewritten(original), label="variant")

        claim = project.claims.add(article.id, quote=variant).claim
        assert (claim.start, claim.end) == (start, end)
        project.claims.delete(claim.id)

        annotation = {"@context": w3c.CONTEXT, "type": "Annotation",
                      "id": f"urn:uuid:{uuid.uuid4()}",
                      "target": {"source": w3c.urn("article", article.id),
                                 "selector": {"type": "TextQuoteSelector", "exact": variant}}}
        path = folder / "annotation.jsonld"
        path.write_text(json.dumps(annotation, ensure_ascii=False), encoding="utf-8")
        imported = project.exchange.import_w3c(path)
        assert len(imported.added) == 1, imported.skipped
        placed = project.claims.get(imported.added[0])
        assert (placed.start, placed.end) == (start, end)

        results = project.search.find(f'"{variant}"', kind="article")
        hits = [hit for hit in results.hits if hit.id == article.id]
        assert hits, (variant, results.suggestion)
        assert (start, end) in hits[0].offsets
