"""W3C Web Annotation: our export passes every MUST of the conformance suite; our reader takes
the suite's valid samples and refuses its invalid ones with the reason."""

from __future__ import annotations

import json
import re

import pytest

from desktop_app.core.errors import RefusedFileError
from desktop_app.exchange.w3c import read_annotations
from tests.exchange.wa_suite import failures, must_assertions, suite_path


@pytest.fixture
def annotated(project, corpus_dir):
    project.articles.import_paths([corpus_dir])
    bambas = next(a for a in project.articles.list()
                  if "Las Bambas" in project.articles.get(a.id).text)
    peru = project.entities.add("Peru", "place", wikidata="Q419").entity
    mmg = project.entities.add("MMG", "organization").entity
    project.claims.add(bambas.id, quote="Las Bambas", occurrence=1, verdict="false",
                      tags=["mining", "China"], note="Owned by MMG 😀 (Hong Kong).",
                      entities=[peru.id, mmg.id])
    project.checking.check()
    return project


def test_the_suite_has_the_must_manifests_we_rely_on():
    assert len(must_assertions("annotations/annotationMusts.test")) >= 30
    assert must_assertions("collections/collectionMusts.test")
    assert must_assertions("collections/pages/pageMusts.test")


def test_every_exported_annotation_passes_every_must(annotated, tmp_path):
    out = tmp_path / "claims.jsonld"
    result = annotated.exchange.export_w3c(out)
    collection = json.loads(out.read_text(encoding="utf-8"))
    items = collection["first"]["items"]
    assert result.records == len(items) == len(annotated.claims.list()) >= 3
    for item in items:
        annotation = {"@context": collection["@context"], **item}
        assert failures(annotation, "annotations/annotationMusts.test") == [], item["id"]
    assert failures(collection, "collections/collectionMusts.test") == []
    assert failures(collection, "collections/pages/pageMusts.test") == []


def test_exported_annotation_carries_selectors_bodies_and_purposes(annotated, tmp_path):
    out = tmp_path / "claims.jsonld"
    annotated.exchange.export_w3c(out)
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    claim = next(c for c in annotated.claims.list() if c.verdict == "false")
    item = next(i for i in items if i["id"] == f"urn:uuid:{claim.id}")
    quote, position = item["target"]["selector"]
    text = annotated.articles.get(claim.article_id).text
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == "Las Bambas"
    assert text[position["start"] : position["end"]] == "Las Bambas"
    purposes = {(b["purpose"], b.get("value", b.get("source"))) for b in item["body"]}
    assert ("tagging", "mining") in purposes and ("tagging", "China") in purposes
    assert ("identifying", "http://www.wikidata.org/entity/Q419") in purposes
    assert ("assessing", "false") in purposes
    assert ("commenting", "Owned by MMG 😀 (Hong Kong).") in purposes
    assert item["motivation"] == "assessing"


def test_offsets_count_code_points_past_the_basic_plane(project, tmp_path):
    """An emoji before the claim shifts UTF-16 offsets by two but code points by one: the
    model wants code points."""
    source = tmp_path / "emoji.txt"
    source.write_text("Fans 😀😀 said the port cost $3.5 billion.", encoding="utf-8")
    project.articles.import_paths([source])
    article = project.articles.list()[0]
    claim = project.claims.add(article.id, quote="$3.5 billion").claim
    project.exchange.export_w3c(tmp_path / "out.jsonld")
    item = json.loads((tmp_path / "out.jsonld").read_text())["first"]["items"][0]
    position = item["target"]["selector"][1]
    assert (position["start"], position["end"]) == (claim.start, claim.end) == (27, 39)
    utf16_start = len("Fans 😀😀 said the port cost ".encode("utf-16-le")) // 2
    assert utf16_start == 29  # what a UTF-16 count would have said


def test_a_large_project_is_paged(project, tmp_path, corpus_dir):
    project.articles.import_paths([corpus_dir])
    article = project.articles.list()[0]
    words = project.articles.get(article.id).text.split(" ")[:5]
    offset = 0
    for word in words:
        project.claims.add(article.id, start=offset, end=offset + len(word))
        offset += len(word) + 1
    result = project.exchange.export_w3c(tmp_path / "paged.jsonld", page_size=2)
    assert len(result.paths) == 3
    head = json.loads(result.paths[0].read_text())
    last = json.loads(result.paths[2].read_text())
    assert head["total"] == 5 and head["last"] == last["id"]
    assert head["first"]["next"] == json.loads(result.paths[1].read_text())["id"]
    assert failures(last, "collections/pages/pageMusts.test") == []
    assert [len(json.loads(p.read_text()).get("items", head["first"]["items"]))
            for p in result.paths[1:]] == [2, 1]


CORRECT = sorted(suite_path("tools", "samples", "correct").glob("*.json"))
INCORRECT = sorted(suite_path("tools", "samples", "incorrect").glob("*.json"))


def test_the_suite_samples_are_all_there():
    """The parametrised tests below must not pass by finding no samples."""
    assert (len(CORRECT), len(INCORRECT)) == (45, 39)


@pytest.mark.parametrize("sample", CORRECT, ids=lambda p: p.name)
def test_every_valid_sample_of_the_suite_is_read(sample):
    annotations = read_annotations(sample.read_bytes(), sample.name)
    document = json.loads(sample.read_text(encoding="utf-8"))
    embedded = (document.get("type") == "Annotation" or isinstance(document.get("first"), dict)
                or bool(document.get("items")))
    assert bool(annotations) == embedded


#: For each label of the suite's invalid samples, words our reason must contain.
EXPECTED = {
    "this is not json": "bad JSON", "": "no @context", "No context": "no @context",
    "Bad context": "bad @context", "bad id": "bad id", "multiple identifiers": "multiple",
    "no type": "no type", "bad type": "bad type", "no target": "no target",
    "bad target": "bad target", "bad body": "bad body 1 must be an IRI",
    "bad body id": "id must be one IRI", "bad format": "format",
    "bad text direction": "textDirection", "no value for textual body": "TextualBody",
    "bad value for textual body": "TextualBody", "body and bodyValue": "body and bodyValue",
    "bad bodyValue": "bad bodyValue", "Too many composite types (choice? list?)":
    "too many set types", "too many processing languages": "processingLanguage",
    "Uninterpretable body (choice? list?)": "cannot be interpreted",
    "bad creator": "bad creator", "bad generator": "bad generator",
    "bad created": "xsd:dateTime", "bad rights": "bad rights", "bad via": "bad via",
    "bad canonical": "bad canonical",
    "no source for specific resource": "without a source",
    "no value for Fragment Selector": "FragmentSelector",
    "multiple values for Fragment Selector": "FragmentSelector",
}


@pytest.mark.parametrize("sample", INCORRECT, ids=lambda p: p.name)
def test_every_invalid_sample_of_the_suite_is_refused_with_its_reason(sample):
    raw = sample.read_text(encoding="utf-8")
    # Most invalid samples also carry a trailing comma by accident; taken as it is, the file
    # is refused as bad JSON. Without the comma, the reason must be the one the suite names.
    with pytest.raises(RefusedFileError):
        read_annotations(raw.encode(), sample.name)
    fixed = re.sub(r",(\s*[}\]])", r"\1", raw)
    try:
        label = json.loads(fixed).get("label", "")
    except ValueError:
        label = "this is not json"
    with pytest.raises(RefusedFileError) as refused:
        read_annotations(fixed.encode(), sample.name)
    words = EXPECTED.get(label, "")
    if label == "bad language":  # the sample misspells the key; its id list is refused
        words = "multiple identifiers"
    assert words and words in str(refused.value), (label, str(refused.value))


REC = sorted(suite_path("..", "rec-examples", "rec-json").glob("*.json"))


def test_every_example_of_the_recommendation_is_read():
    """The Recommendation's 42 examples are valid annotations (or collections/pages): none is
    refused, and every Annotation among them yields one incoming annotation."""
    assert len(REC) == 42
    for example in REC:
        document = json.loads(example.read_text(encoding="utf-8"))
        found = read_annotations(example.read_bytes(), example.name)
        if document.get("type") == "Annotation":
            assert len(found) == 1, example.name


@pytest.mark.parametrize(("document", "reason"), [
    ({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationPage", "items": 5},
     "items must be a list"),
    ({"@context": "http://www.w3.org/ns/anno.jsonld", "type": "AnnotationCollection",
      "first": {"type": "AnnotationPage", "items": None}}, "items must be a list"),
])
def test_malformed_pages_are_refused_with_the_reason(document, reason):
    with pytest.raises(RefusedFileError, match=reason):
        read_annotations(json.dumps(document).encode(), "odd.jsonld")


def test_half_a_surrogate_pair_or_deep_nesting_is_refused_as_bad_json():
    lone = (b'{"@context": "http://www.w3.org/ns/anno.jsonld", "id": "urn:x:1", '
            b'"type": "Annotation", "bodyValue": "a \\ud800 b", "target": "http://e.org/"}')
    with pytest.raises(RefusedFileError, match="half of a surrogate pair"):
        read_annotations(lone, "lone.jsonld")
    pair = lone.replace(b"\\ud800", b"\\ud83d\\ude00")  # a whole pair is an emoji: fine
    assert read_annotations(pair, "pair.jsonld")[0].note == "a 😀 b"
    deep = b'{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation", ' \
           b'"target": "http://e.org/", "body": ' + b'{"items": [' * 400 + b'1' + \
           b']}' * 400 + b'}'
    with pytest.raises(RefusedFileError):
        read_annotations(deep, "deep.jsonld")
