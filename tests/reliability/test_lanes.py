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


def test_a_w3c_annotation_with_an_articles_id_is_left_out_with_its_reason(project, tmp_path):
    """``urn:uuid:<article id>`` would make a claim with the article's id: it is skipped,
    and the article stays found by search as an article."""
    import json

    source = tmp_path / "a.txt"
    source.write_text("The council spent 12 million on roads in 2031, the officer said.\n",
                      encoding="utf-8")
    article_id = project.articles.import_paths([source]).outcomes[0].article_id
    annotation = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                  "id": f"urn:uuid:{article_id}",
                  "body": {"type": "TextualBody", "value": "same id"},
                  "target": {"source": "https://example.org/a",
                             "selector": {"type": "TextQuoteSelector", "exact": "12 million"}}}
    path = tmp_path / "a.jsonld"
    path.write_text(json.dumps(annotation), encoding="utf-8")
    result = project.exchange.import_w3c(path)
    assert not result.added
    assert any("already an article's" in reason for _label, reason in result.skipped)
    hits = project.search.find("council").hits
    assert [(h.kind, h.id) for h in hits] == [("article", article_id)]
