"""The bundle format as others see it: the published JSON Schemas match the records."""

from __future__ import annotations

import pytest

from desktop_app.exchange.schemas import schemas
from tests.conftest import BACKENDS, ROOT


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Bundles are made from a project folder and from a shared project alike."""
    return str(request.param)


def test_published_schemas_are_the_ones_the_models_generate():
    folder = ROOT / "resources" / "schemas"
    published = {p.name: p.read_bytes() for p in folder.glob("*.schema.json")}
    assert published == schemas(), (
        "run `python -m desktop_app.exchange.schemas resources/schemas` after changing records")


def test_a_bundle_validates_against_the_published_schemas(project, corpus_dir, tmp_path):
    import json
    import zipfile

    from jsonschema import Draft202012Validator

    project.articles.import_paths([corpus_dir])
    project.checking.check()
    project.entities.add("Peru", "place", wikidata="Q419")
    out = tmp_path / "p.factdesk"
    project.bundles.export(out)
    folder = ROOT / "resources" / "schemas"
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        Draft202012Validator(json.loads((folder / "manifest.schema.json").read_text())
                             ).validate(manifest)
        Draft202012Validator(json.loads((folder / "signature.schema.json").read_text())
                             ).validate(json.loads(archive.read("signature.json")))
        checked = 0
        for member in ("articles", "claims", "entities", "flags"):
            validator = Draft202012Validator(
                json.loads((folder / f"{member}.schema.json").read_text()))
            for line in archive.read(f"{member}.jsonl").splitlines():
                validator.validate(json.loads(line))
                checked += 1
    assert checked == sum(manifest["counts"].values()) >= 8
