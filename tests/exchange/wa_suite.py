"""The W3C Web Annotation conformance suite's own JSON Schemas, run with jsonschema exactly as
the suite's README describes (draft-04, a registry over definitions/, format checking off)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.conftest import TESTDATA

SUITE = TESTDATA / "wa" / "web-annotation-tests"


@cache
def _registry() -> Registry:
    resources = []
    for path in (SUITE / "definitions").glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT4)))
    return Registry().with_resources(resources)


def must_assertions(manifest: str) -> list[Path]:
    """The assertion schemas a manifest (e.g. annotations/annotationMusts.test) lists."""
    listed = json.loads((SUITE / manifest).read_text(encoding="utf-8"))["assertions"]
    return [SUITE / item for item in listed]


def failures(document: dict, manifest: str) -> list[str]:
    """The MUST assertions of ``manifest`` that ``document`` fails."""
    failed = []
    for path in must_assertions(manifest):
        schema = json.loads(path.read_text(encoding="utf-8"))
        expected = schema.get("expectedResult", "valid")
        schema.pop("id", None)
        validator = Draft4Validator(schema, registry=_registry())
        valid = validator.is_valid(document)
        if valid != (expected == "valid"):
            failed.append(path.name)
    return failed


def suite_path(*parts: str) -> Path:
    return SUITE.joinpath(*parts)


__all__ = ["failures", "must_assertions", "suite_path", "Path"]
