"""Property: any project, exported, imported into an empty project and exported again, gives
a bundle with the same records."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from desktop_app.core import vocab
from tests.services.bundle_helpers import person_project, records

WORDS = ["Perú", "López", "mine", "copper", "2024", "$1.3bn", "60%", "Chancay", "port",
         "said", "the", "Ishiba", "😀", "naïve", "Xi", "APEC", "—", "«quote»", "Lima"]

word_lists = st.lists(st.sampled_from(WORDS), min_size=4, max_size=30)
claim_specs = st.tuples(
    st.integers(0, 2), st.integers(0, 40), st.integers(1, 4),
    st.sampled_from(vocab.VERDICTS), st.sampled_from(vocab.REVIEW_STATUSES),
    st.lists(st.sampled_from(["mining", "China", "ports", "économie"]), max_size=3),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
            max_size=30),
    st.lists(st.integers(0, 2), max_size=2),
)
entity_specs = st.tuples(
    st.sampled_from(["Peru", "MMG", "Xi Jinping", "Cosco", "Las Bambas"]),
    st.sampled_from(vocab.ENTITY_TYPES),
    st.lists(st.sampled_from(["Perú", "Minerals and Metals Group", "Xi"]), max_size=2),
    st.one_of(st.none(), st.integers(1, 999).map(lambda n: f"Q{n}")),
)


def _build(project, folder: Path, texts, entities, claims, merge, flag) -> None:
    folder.mkdir()
    for number, words in enumerate(texts):
        (folder / f"a{number}.txt").write_text(f"{number} " + " ".join(words), encoding="utf-8")
    project.articles.import_paths([folder])
    articles = [project.articles.get(a.id) for a in project.articles.list()]
    entity_ids = []
    for name, kind, aliases, qid in entities:
        try:
            entity_ids.append(project.entities.add(name, kind, aliases=aliases,
                                                 wikidata=qid).entity.id)
        except Exception:  # a name or Wikidata id already taken: the draw is simply smaller
            continue
    made = []
    for index, first, length, verdict, status, tags, note, links in claims:
        article = articles[index % len(articles)]
        words = article.text.split(" ")
        start_word = first % len(words)
        start = len(" ".join(words[:start_word])) + (1 if start_word else 0)
        end = len(" ".join(words[: min(len(words), start_word + length)]))
        if end <= start:
            continue
        chosen = [entity_ids[i % len(entity_ids)] for i in links] if entity_ids else []
        made.append(project.claims.add(article.id, start=start, end=end, verdict=verdict,
                                      status=status, tags=tags, note=note,
                                      entities=chosen).claim)
    if merge and len(entity_ids) >= 2:
        project.entities.merge(entity_ids[0], entity_ids[1])
    if flag:
        pairs = [(a, b) for a in made for b in made if a.article_id < b.article_id]
        if pairs:
            project.flags.add(pairs[0][0].id, pairs[0][1].id, kind="amount", note="differ")


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(word_lists, min_size=1, max_size=3),
    entities=st.lists(entity_specs, max_size=3),
    claims=st.lists(claim_specs, max_size=6),
    merge=st.booleans(),
    flag=st.booleans(),
)
def test_export_import_export_keeps_every_record(texts, entities, claims, merge, flag):
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        source = person_project(root, "alice")
        try:
            _build(source, root / "files", texts, entities, claims, merge, flag)
            source.bundles.export(root / "first.factdesk")
        finally:
            source.close()
        target = person_project(root, "bob")
        try:
            report = target.bundles.import_file(root / "first.factdesk")
            assert not report.conflicts
            target.bundles.export(root / "second.factdesk")
        finally:
            target.close()
        first = records(root / "first.factdesk")
        event(f"claims={min(len(first['claims']), 3)} entities={min(len(first['entities']), 2)} "
              f"flags={len(first['flags'])}")
        assert first == records(root / "second.factdesk")
