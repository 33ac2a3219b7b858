"""The article-extraction benchmark's metric: 4-gram token shingle F1, averaged per page.

Tokens are ``\\w+`` matches (case-sensitive). Per page, precision = TP / (TP + FP) and
recall = TP / (TP + FN) over shingle multisets; precision and recall are each averaged over
pages, and F1 is their harmonic mean (as the benchmark defines it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def page_scores(gold: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where it is undefined."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum(p.values()) - tp
    fn = sum(g.values()) - tp
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def corpus_f1(pairs: Iterable[tuple[str, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over (gold, predicted) pairs, the benchmark's way."""
    precisions, recalls = [], []
    for gold, predicted in pairs:
        precision, recall = page_scores(gold, predicted)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
