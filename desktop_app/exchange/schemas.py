"""The JSON Schema of every bundle record, generated from the Pydantic models.

The published copies live in ``resources/schemas/`` so other tools can read bundles without
Factdesk; ``python -m desktop_app.exchange.schemas resources/schemas`` writes them anew, and a
test keeps them equal to what the models generate.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from desktop_app.core import vocab
from desktop_app.exchange.records import MEMBERS, Manifest, SignatureRecord


def schemas() -> dict[str, bytes]:
    """File name -> schema bytes, one per record type plus the manifest and signature."""
    models: dict[str, type[BaseModel]] = {f"{name.removesuffix('.jsonl')}.schema.json": model
              for name, model in MEMBERS.items()}
    models["manifest.schema.json"] = Manifest
    models["signature.schema.json"] = SignatureRecord
    out = {}
    for filename, model in sorted(models.items()):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"urn:factdesk:bundle:1:{filename}"
        properties = schema.get("properties", {})
        if model is MEMBERS["claims.jsonl"]:
            properties["verdict"]["enum"] = list(vocab.VERDICTS)
            properties["status"]["enum"] = list(vocab.REVIEW_STATUSES)
        out[filename] = (json.dumps(schema, indent=1, sort_keys=True) + "\n").encode("utf-8")
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "resources/schemas")
    folder.mkdir(parents=True, exist_ok=True)
    for filename, data in schemas().items():
        (folder / filename).write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
