"""What the check knows of a whole article: the words of its story, the names it is about,
and its profile, which tells articles of one story from articles of another."""

from desktop_app.core.statements import article_contexts


def test_articles_of_one_story_are_more_alike_than_articles_of_two():
    texts = {
        "a": "Flood in Orvel. The Orvel river burst its banks and the flood reached the "
             "harbour. Orvel officials said the flood was the worst in years.",
        "b": "The flood in Orvel closed the harbour. Orvel's mayor said the river flood "
             "would cost the harbour dearly.",
        "c": "Brenmark election. Voters in Brenmark chose a new mayor; the election turnout "
             "in Brenmark was high and the mayor thanked voters.",
    }
    contexts = article_contexts(texts)

    def cosine(x: str, y: str) -> float:
        px, py = contexts[x].profile, contexts[y].profile
        return sum(w * py.get(t, 0.0) for t, w in px.items())

    assert cosine("a", "b") > cosine("a", "c")
    assert "flood" in contexts["a"].story
    assert "orvel" in contexts["a"].focus and "brenmark" in contexts["c"].focus


def test_a_sentence_read_alone_then_placed_reads_as_one_read_in_its_article():
    """The check keeps sentence readings between runs: placing one in its article must give
    exactly what reading it there gives."""
    from datetime import date

    from desktop_app.core.statements import in_article, read_sentence, read_statement

    previous = "Velmora's port earned $40 million in 2023."
    text = "This was up from $31 million a year before, officials said."
    story, focus = ["velmora", "port"], ["velmora"]
    profile = {"velmora": 0.8, "port": 0.6}
    whole = read_statement("c1", "a1", 120, text, date(2024, 5, 1), ["e1"], previous, story,
                           focus, profile)
    placed = in_article(read_sentence(text, date(2024, 5, 1), frozenset({"e1"}), previous),
                        "c1", "a1", 120, story, focus, profile)
    assert placed == whole
    assert whole.values and whole.end == 120 + len(text)
