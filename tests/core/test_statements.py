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
