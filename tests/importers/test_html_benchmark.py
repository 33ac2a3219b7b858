"""All 181 real pages of the extraction benchmark import, and our article text scores the
benchmark's shingle F1 against the gold text (target 0.95)."""

import gzip
import json
from pathlib import Path

import pytest

from bench.shingle_f1 import corpus_f1
from desktop_app.importers import read_article

BENCHMARK = "html/zyte-article-extraction-benchmark"


@pytest.fixture(scope="module")
def imported(testdata_dir, tmp_path_factory):
    folder = testdata_dir / BENCHMARK
    gold = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = tmp_path_factory.mktemp("pages")
    results = {}
    for page_id in sorted(gold):
        path = Path(pages) / f"{page_id}.html"
        path.write_bytes(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        results[page_id] = (gold[page_id]["articleBody"], read_article(path))
    return results


def test_every_page_imports_without_an_error(imported):
    assert len(imported) == 181
    assert all(article.text for _gold, article in imported.values())


def test_main_text_shingle_f1_reaches_the_target(imported):
    precision, recall, f1 = corpus_f1((gold, a.text) for gold, a in imported.values())
    print(f"\nshingle F1 {f1:.3f} (precision {precision:.3f}, recall {recall:.3f})")
    assert f1 >= 0.95
    assert recall >= 0.95


def test_non_latin_pages_come_out_as_text_not_mojibake(imported):
    scripts = {"hangul": (0xAC00, 0xD7A3), "cyrillic": (0x0400, 0x04FF),
               "cjk": (0x4E00, 0x9FFF)}
    for name, (low, high) in scripts.items():
        gold_pages = [a.text for gold, a in imported.values()
                      if sum(low <= ord(c) <= high for c in gold) > 100]
        assert gold_pages, name
        for text in gold_pages:
            assert sum(low <= ord(c) <= high for c in text) > 100, name
            assert "Ã" not in text and "\ufffd" not in text


def test_page_metadata_is_found(imported):
    with_title = sum(1 for _g, a in imported.values() if a.title)
    with_date = sum(1 for _g, a in imported.values() if a.published)
    with_outlet = sum(1 for _g, a in imported.values() if a.publisher)
    assert with_title >= 175 and with_date >= 120 and with_outlet >= 150
