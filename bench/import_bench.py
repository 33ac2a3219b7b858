"""Import throughput: our importers against bare trafilatura on the same pages, same run.

    python bench/import_bench.py [--repeat N]

Prints pages/s and MB/s for text (the five corpus articles, repeated) and HTML (the 181 pages
of the extraction benchmark), the ratio ours / bare trafilatura, and the shingle F1 of both
against the gold text.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.shingle_f1 import corpus_f1  # noqa: E402
from desktop_app.importers import read_article  # noqa: E402

SHARED = ROOT.parent / "shared"
PAGES = SHARED / "testdata" / "html" / "zyte-article-extraction-benchmark"


def _timed(label: str, work, count: int, size: int) -> float:
    started = time.perf_counter()
    work()
    seconds = time.perf_counter() - started
    print(f"{label:<34} {count / seconds:8.1f} pages/s  {size / seconds / 1e6:6.2f} MB/s  "
          f"({seconds:.2f} s)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=40, help="passes over the text corpus")
    args = parser.parse_args()
    import trafilatura

    texts = sorted((SHARED / "corpus").glob("*.txt"))
    text_bytes = sum(p.stat().st_size for p in texts) * args.repeat
    _timed("text: our importer", lambda: [read_article(p) for _ in range(args.repeat)
                                          for p in texts], len(texts) * args.repeat, text_bytes)

    gold = json.loads((PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp())
    paths = {}
    for page_id in sorted(gold):
        paths[page_id] = folder / f"{page_id}.html"
        paths[page_id].write_bytes(gzip.decompress((PAGES / "html" / f"{page_id}.html.gz")
                                                   .read_bytes()))
    html_bytes = sum(p.stat().st_size for p in paths.values())
    ours: dict[str, str] = {}
    bare: dict[str, str] = {}

    def run_ours() -> None:
        for page_id, path in paths.items():
            ours[page_id] = read_article(path).text

    def run_bare() -> None:
        for page_id, path in paths.items():
            bare[page_id] = trafilatura.extract(path.read_bytes()) or ""

    trafilatura.extract(paths[next(iter(paths))].read_bytes())  # load the library first
    bare_s = _timed("html: bare trafilatura.extract", run_bare, len(paths), html_bytes)
    ours_s = _timed("html: our importer", run_ours, len(paths), html_bytes)
    print(f"ratio ours / bare trafilatura (time): {ours_s / bare_s:.2f}")
    for label, output in (("ours", ours), ("bare trafilatura", bare)):
        p, r, f1 = corpus_f1((gold[k]["articleBody"], output[k]) for k in gold)
        print(f"shingle F1 {label:<17} {f1:.3f}  (precision {p:.3f}, recall {r:.3f})")


if __name__ == "__main__":
    main()
