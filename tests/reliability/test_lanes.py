"""Records stay in their lane: a claim whose id equals an article's id (a W3C annotation
``urn:uuid:<article id>``, a bundle) never replaces that article in the search index."""

from __future__ import annotations

from desktop_app.search import ArticleDoc, ClaimDoc, SearchQuery, WhooshIndex


def test_a_claim_with_an_articles_id_does_not_replace_the_article_in_the_index(tmp_path):
    """Keyed by kind and id, both documents are found; deleting the claim keeps the
    article."""
    shared = "8a7b7c1e-0d5c-4a3e-9f1b-2c3d4e5f6a7b"
    index = WhooshIndex(tmp_path / "index")
    article = ArticleDoc(id=shared, title="Bridges", text="The bridge over the river cost "
                         "5 million.", outlet=None, author=None, published=None)
    index.rebuild([article], 1)
    claim = ClaimDoc(id=shared, article_id=shared, article_title="Bridges", outlet=None,
                     published=None, quote="cost 5 million", start=25, note="a fine note",
                     tags=(), verdict="false", status="open", entity_names=(), entity_ids=())
    index.apply([claim], [], 2)
    found = index.search(SearchQuery("bridge OR note", None, (), None, 20, "relevance"))
    assert sorted(h.kind for h in found.hits) == ["article", "claim"]
    index.apply([], ["claim:" + shared], 3)
    found = index.search(SearchQuery("bridge", None, (), None, 20, "relevance"))
    assert [(h.kind, h.id) for h in found.hits] == [("article", shared)]
    index.discard()
