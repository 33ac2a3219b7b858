"""The review queue's rules: which records are items, their order, what each filter lets
through, and the values a flag's explanation points out in a passage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from desktop_app.core.models import Claim, Flag
from desktop_app.core.review import ReviewFilter, build_queue, quoted_values
from desktop_app.core.vocab import ReviewItemKind, ReviewState

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _claim(cid: str, article: str, status: str = "needs review", *, tags: tuple[str, ...] = (),
           entities: tuple[str, ...] = (), author: str = "ana", minutes: int = 0) -> Claim:
    at = T0 + timedelta(minutes=minutes)
    return Claim(id=cid, article_id=article, start=0, end=4, exact="Text", prefix="",
                 suffix="", verdict="unverified", status=status, note="", author=author,
                 created=at, modified=at, tags=tags, entity_ids=entities)


def _flag(fid: str, a: str, b: str, *, kind: str = "amount", severity: str = "medium",
          status: str = "open", by: str = "Factdesk (amount rule)", minutes: int = 0) -> Flag:
    at = T0 + timedelta(minutes=minutes)
    return Flag(id=fid, claim_a=a, claim_b=b, kind=kind, severity=severity, status=status,
                raised_by=by, explanation=f"{fid} explained", note="", created=at, modified=at)


CLAIMS = {c.id: c for c in (
    _claim("c1", "art1", tags=("Mining",), entities=("e-peru",)),
    _claim("c2", "art2", "draft", author="ben"),
    _claim("c3", "art2", "reviewed", minutes=5),
    _claim("c4", "art3", "draft"),
    _claim("c5", "art3", "needs review", author="ben", minutes=9),
)}
FLAGS = [_flag("f1", "c1", "c2", severity="low", minutes=1),
         _flag("f2", "c2", "c4", kind="date", severity="high", by="ben", minutes=2),
         _flag("f3", "c1", "c4", status="dismissed", minutes=3),
         _flag("f4", "c1", "gone")]


def test_flags_and_queued_claims_are_items_most_serious_first() -> None:
    queue = build_queue(FLAGS, CLAIMS)
    assert [i.id for i in queue.items] == ["f2", "c1", "f3", "f1", "c3", "c5"]
    # draft claims are no items; a flag whose claim is missing cannot be shown, so is none;
    # a claim ranks by its most serious flag, one without flags after every flag
    c1 = next(i for i in queue.items if i.id == "c1")
    assert (c1.severity, c1.flag_kinds) == ("medium", ("amount",))
    assert queue.open_counts() == (2, 2)
    assert queue.tags() == ["Mining"]
    assert queue.authors() == ["ana", "ben", "Factdesk (amount rule)"]


def _shown(wanted: ReviewFilter) -> list[str]:
    return [i.id for i in build_queue(FLAGS, CLAIMS).items if wanted.matches(i)]


def test_each_filter_lets_through_only_what_it_names() -> None:
    assert _shown(ReviewFilter()) == ["f2", "c1", "f1", "c5"]
    assert _shown(ReviewFilter(state=ReviewState.DECIDED)) == ["f3", "c3"]
    assert len(_shown(ReviewFilter(state=ReviewState.ALL))) == 6
    assert _shown(ReviewFilter(item_kind=ReviewItemKind.CLAIM)) == ["c1", "c5"]
    assert _shown(ReviewFilter(flag_kind="date")) == ["f2"]
    assert _shown(ReviewFilter(severity="low")) == ["f1"]
    assert _shown(ReviewFilter(tag="mining")) == ["c1", "f1"]  # any case; a flag by its claims
    assert _shown(ReviewFilter(entity_id="e-peru")) == ["c1", "f1"]
    assert _shown(ReviewFilter(article_id="art3")) == ["f2", "c5"]
    assert _shown(ReviewFilter(author="ben")) == ["f2", "c5"]
    assert _shown(ReviewFilter(author="ben", item_kind=ReviewItemKind.FLAG)) == ["f2"]


def test_the_values_pointed_out_are_the_quoted_ones_the_passage_holds() -> None:
    explanation = ("The day of “asia” differs: “Nov. 17” in one source, “November 15-16” in "
                   "the other (confidence 95%).")
    assert quoted_values(explanation, "It was announced on nov. 17 at the summit.") \
        == ["nov. 17"]
    assert quoted_values(explanation, "Leaders meet in Asia on November 15-16.") \
        == ["November 15-16"]
    assert quoted_values("no quotes here", "Nov. 17") == []
