"""The entity registry: add, find, edit, delete, merge and its undo, links, imports."""

import json

import pytest

from desktop_app.core.errors import InvalidValueError, NotFoundError
from tests.conftest import snapshot


@pytest.fixture
def corpus_project(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    project.ids = {a.original_name: a.id for a in project.articles.list()}
    return project


def test_an_entity_is_found_by_name_alias_accentless_spelling_qid_and_id_prefix(project):
    added = project.entities.add("Rafael Bernardo López Aliaga Cazorla", "person",
                               aliases=["López Aliaga", "Rafael López Aliaga"],
                               wikidata="q5738520").entity
    assert dict(added.external_ids) == {"wikidata": "Q5738520"}
    for ref in ("lopez aliaga", "RAFAEL LÓPEZ ALIAGA", "Q5738520", added.id[:6]):
        assert project.entities.get(ref).id == added.id


@pytest.mark.parametrize("kwargs,words", [
    ({"name": "APEC", "type": "organisation", "wikidata": "APEC-1"}, "not a Wikidata id"),
    ({"name": "APEC", "type": "club"}, "unknown entity type"),
    ({"name": "  ", "type": "organization"}, "cannot be empty"),
])
def test_bad_entity_input_is_refused_and_nothing_changes(project, kwargs, words):
    before = snapshot(project.folder)
    with pytest.raises(InvalidValueError, match=words):
        project.entities.add(**kwargs)
    assert snapshot(project.folder) == before


def test_same_name_and_type_or_same_qid_twice_is_refused(project):
    project.entities.add("Li Qiang", "person", wikidata="Q3197963")
    with pytest.raises(InvalidValueError, match="already a person named"):
        project.entities.add("li qiang", "person")
    with pytest.raises(InvalidValueError, match="Q3197963 already belongs"):
        project.entities.add("Premier Li", "person", wikidata="Q3197963")
    assert project.entities.add("Li Qiang", "event").entity.type == "event"


def test_renaming_keeps_the_old_name_as_an_alias(project):
    entity = project.entities.add("Minera Las Bambas", "organization").entity
    edited = project.entities.edit(entity.id, name="MMG Las Bambas", add_aliases=["Las Bambas"])
    assert set(edited.entity.aliases) == {"Las Bambas", "Minera Las Bambas"}
    assert project.entities.get("minera las bambas").id == entity.id


def test_delete_is_refused_while_claims_link_unless_asked_to_unlink(corpus_project):
    entity = corpus_project.entities.add("Chancay Port", "place").entity
    claim = corpus_project.claims.add(corpus_project.ids["002_5f4c24aa3a0ad424.txt"],
                                     quote="Chancay Port", occurrence=1,
                                     entities=["chancay port"]).claim
    assert claim.entity_ids == (entity.id,)
    with pytest.raises(InvalidValueError, match="linked to 1 claim"):
        corpus_project.entities.delete(entity.id)
    corpus_project.entities.delete(entity.id, unlink=True)
    assert corpus_project.claims.get(claim.id).entity_ids == ()
    with pytest.raises(NotFoundError):
        corpus_project.entities.get(entity.id)


def test_merge_moves_links_aliases_and_ids_and_keeps_the_old_id_resolvable(corpus_project):
    p = corpus_project
    full = p.entities.add("Rafael Bernardo López Aliaga Cazorla", "person").entity
    short = p.entities.add("López Aliaga", "person", aliases=["Lima's mayor"],
                         wikidata="Q5738520").entity
    on_full = p.claims.add(p.ids["001_a261658dfeeb6727.txt"],
                          quote="Rafael Bernardo López Aliaga Cazorla", entities=[full.id]).claim
    on_short = p.claims.add(p.ids["000_0fe75ea3bb2a433a.txt"], quote="Rafael López Aliaga",
                           occurrence=1, entities=[short.id]).claim

    merged = p.entities.merge(short.id, full.id).entity
    assert merged.id == full.id
    assert set(merged.aliases) == {"López Aliaga", "Lima's mayor"}
    assert dict(merged.external_ids) == {"wikidata": "Q5738520"}
    assert p.entities.get(short.id).id == full.id          # the old id leads to the survivor
    assert p.entities.get("Q5738520").id == full.id
    assert {c.id for c in p.claims.list(entity=short.id)} == {on_full.id, on_short.id}
    assert [e.id for e in p.entities.list()] == [full.id]
    assert p.history.audit(target=short.id)[-1].action == "entity.merge"

    restored = p.entities.unmerge(short.id).entity
    assert restored.id == short.id and restored.merged_into is None
    assert dict(restored.external_ids) == {"wikidata": "Q5738520"}
    assert p.entities.get(full.id).aliases == ()
    assert p.claims.get(on_short.id).entity_ids == (short.id,)
    assert p.claims.get(on_full.id).entity_ids == (full.id,)
    assert p.history.audit(target=short.id)[-1].action == "entity.unmerge"


def test_an_entity_page_lists_every_claim_about_it_by_date(corpus_project):
    p = corpus_project
    ishiba = p.entities.add("Shigeru Ishiba", "person").entity
    later = p.claims.add(p.ids["002_5f4c24aa3a0ad424.txt"], quote="Shigeru Ishiba", occurrence=1,
                        entities=[ishiba.id]).claim
    earlier = p.claims.add(p.ids["003_740938afe9e32624.txt"], quote="Shigeru Ishiba",
                          occurrence=1, entities=["shigeru ishiba"]).claim
    rows = p.entities.claims_about("Shigeru Ishiba")
    assert [r.claim.id for r in rows][:1] == [earlier.id]
    assert {r.claim.id for r in rows} == {earlier.id, later.id}


def test_linking_twice_changes_nothing_and_is_logged_once(corpus_project):
    p = corpus_project
    apec = p.entities.add("APEC", "organization").entity
    claim = p.claims.add(p.ids["003_740938afe9e32624.txt"], quote="November 15-16").claim
    assert not p.entities.link(claim.id, "APEC").empty
    assert p.entities.link(claim.id, apec.id[:8]).empty
    assert [e.action for e in p.history.audit(target=claim.id)] == ["claim.add", "claim.link"]


def test_csv_import_reports_bad_rows_by_line_and_imports_the_good(project, tmp_path):
    path = tmp_path / "entities.csv"
    path.write_text(
        "name,type,aliases,wikidata,description\n"
        "PeruRail,organization,Peru Rail|PeruRail S.A.,,Railway operator\n"
        ",person,,,\n"
        "Li Qiang,person,Premier Li,Q3197963,\n"
        "Somebody,spaceship,,,\n"
        "APEC,organization,Asia-Pacific Economic Cooperation,Q-7,\n",
        encoding="utf-8",
    )
    report = project.entities.import_file(path)
    assert len(report.added) == 2
    assert [(p.line, p.reason.split(" ")[0]) for p in report.problems] == [
        (3, "an"), (5, "unknown"), (6, "'Q-7'")]
    rail = project.entities.get("Peru Rail")
    assert rail.name == "PeruRail" and rail.description == "Railway operator"


def test_wikidata_style_json_import(project, tmp_path):
    path = tmp_path / "entities.json"
    path.write_text(json.dumps({"entities": {
        "Q1": {"id": "Q11457620", "labels": {"en": {"value": "China Minmetals"}},
               "aliases": {"en": [{"value": "Minmetals"}]},
               "descriptions": {"en": {"value": "state-owned metals company"}},
               "type": "organization"},
        "Q2": {"id": "Q1234", "label": "Shigeru Ishiba", "aliases": ["Ishiba"],
               "type": "person"},
        "bad": {"id": "nonsense", "label": "X"},
    }}), encoding="utf-8")
    report = project.entities.import_file(path)
    assert len(report.added) == 2 and [p.line for p in report.problems] == [3]
    assert project.entities.get("Minmetals").description == "state-owned metals company"
    assert project.entities.get("Q1234").name == "Shigeru Ishiba"


def test_an_entity_file_that_is_not_json_is_refused_whole(project, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    before = snapshot(project.folder)
    with pytest.raises(InvalidValueError, match="not valid JSON"):
        project.entities.import_file(path)
    assert snapshot(project.folder) == before


REGISTRY = [
    ("Rafael Bernardo López Aliaga Cazorla", "person",
     ["Rafael López Aliaga", "López Aliaga", "Lima's mayor"]),
    ("Minera Las Bambas", "organization", ["Las Bambas"]),
    ("China Minmetals", "organization", ["Minmetals"]),
    ("PeruRail", "organization", []),
    ("Chancay Port", "place", ["Chancay megaport"]),
    ("APEC", "organization", ["Asia-Pacific Economic Cooperation"]),
    ("Shigeru Ishiba", "person", []),
    ("Li Qiang", "person", []),
]
EXPECTED_ARTICLES = {
    "Rafael Bernardo López Aliaga Cazorla": {"000", "001"}, "Minera Las Bambas": {"000", "001"},
    "China Minmetals": {"000", "001"}, "PeruRail": {"000", "001"},
    "Chancay Port": {"002", "003"}, "APEC": {"002", "003"}, "Shigeru Ishiba": {"002", "003"},
    "Li Qiang": {"004"},
}


def test_suggest_entities_finds_known_mentions_and_new_candidates(corpus_project):
    p = corpus_project
    for name, kind, aliases in REGISTRY:
        p.entities.add(name, kind, aliases=aliases)
    seen: dict[str, set[str]] = {name: set() for name in EXPECTED_ARTICLES}
    candidates: set[str] = set()
    for file_name, article_id in p.ids.items():
        found = p.entities.suggest(article_id[:8])
        text = p.articles.get(article_id).text
        for mention in found.mentions:
            assert text[mention.start : mention.end] == mention.surface
            seen[mention.entity_name].add(file_name[:3])
        candidates |= {c.name for c in found.candidates}
        candidates |= {a for c in found.candidates for a in c.aliases}
    assert seen == EXPECTED_ARTICLES
    assert {"Chinese Communist Party", "CCP", "Center for Strategic and International Studies",
            "CSIS", "Belt and Road Initiative"} <= candidates
    assert "APEC" not in candidates and "Minera Las Bambas" not in candidates


def test_links_are_suggested_from_mentions_inside_the_claim(corpus_project):
    p = corpus_project
    for name, kind, aliases in REGISTRY:
        p.entities.add(name, kind, aliases=aliases)
    claim = p.claims.add(p.ids["002_5f4c24aa3a0ad424.txt"],
                        quote="This agreement was announced on Nov. 17 during the Asia-Pacific "
                              "Economic Cooperation (APEC) summit, where Japanese Prime "
                              "Minister Shigeru Ishiba").claim
    assert {e.name for e in p.entities.suggest_links(claim.id)} == {"APEC", "Shigeru Ishiba"}
    p.entities.link(claim.id, "APEC")
    assert [e.name for e in p.entities.suggest_links(claim.id)] == ["Shigeru Ishiba"]


def test_mentions_of_known_entities_in_one_article_are_listed_in_text_order(corpus_project):
    """What the reader underlines: every mention of a registered entity, by its canonical
    name, with offsets that point at the words in the article's text."""
    person = corpus_project.entities.add("Rafael López Aliaga", "person",
                                         aliases=["López Aliaga"]).entity
    article = next(a for a in corpus_project.articles.list()
                   if "López Aliaga" in corpus_project.articles.get(a.id).text)
    text = corpus_project.articles.get(article.id).text
    mentions = corpus_project.entities.mentions(article.id)
    assert mentions and {m.entity_id for m in mentions} == {person.id}
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.surface
        assert mention.entity_name == "Rafael López Aliaga"


def test_claim_counts_follow_links_and_merges(corpus_project):
    """The registry's claims column counts linked claims, and a merge moves them."""
    article = corpus_project.articles.list()[0].id
    first = corpus_project.claims.add(article, start=0, end=10).claim
    second = corpus_project.claims.add(article, start=20, end=30).claim
    a = corpus_project.entities.add("Minera Las Bambas", "organization").entity
    b = corpus_project.entities.add("Las Bambas mine", "place").entity
    corpus_project.entities.link(first.id, a.id)
    corpus_project.entities.link(second.id, b.id)
    assert corpus_project.entities.claim_counts() == {a.id: 1, b.id: 1}
    corpus_project.entities.merge(b.id, a.id)
    assert corpus_project.entities.claim_counts() == {a.id: 2}
