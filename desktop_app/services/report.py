"""The editor's report: the flagged and reviewed claims of a project (or of some articles),
gathered once and written as one self-contained HTML page.

Each disagreement shows both passages with their sources and dates, the explanation, the
decision and who made it; then the claims by verdict; then the entities involved. The page
uses only the HTML that Qt's rich-text engine reads (tables, headings, inline styles), so the
app's preview and its PDF are made from the same page, with no browser and no network.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from desktop_app.core.models import Article, AuditEvent, Claim, Entity, Flag
from desktop_app.core.progress import (
    CancelCheck,
    ReportProgress,
    never_cancelled,
    no_progress,
    stop_if,
)
from desktop_app.core.vocab import FLAG_SEVERITIES, VERDICTS, FlagStatus, ReviewStatus
from desktop_app.services.files import write_atomically
from desktop_app.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class Decision:
    """Who settled a flag (confirmed or dismissed it) or set a claim's review status, when,
    and why; ``by`` and ``at`` are None when no person's change set it (a check's open
    flag, a claim made with its status)."""

    status: str
    by: str | None
    at: datetime | None
    note: str


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A flag with both of its claims and their articles."""

    flag: Flag
    first: tuple[Claim, Article]
    second: tuple[Claim, Article]
    decision: Decision


@dataclass(frozen=True, slots=True)
class Report:
    """Everything the report says, in the order it says it."""

    title: str
    made_at: datetime
    made_by: str
    disagreements: tuple[Disagreement, ...]
    claims: tuple[tuple[Claim, Article], ...]  # reviewed, needing review, or flagged
    entities: tuple[Entity, ...]
    #: claim id -> who set the claim's review status and when (from the audit log)
    reviews: Mapping[str, Decision] = field(default_factory=dict)
    #: claim id -> who set the claim's verdict and when, for a verdict set after the
    #: review status was (a reviewed claim whose verdict someone changed since)
    later_verdicts: Mapping[str, Decision] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.disagreements or self.claims)


#: What building the report says while it reads.
READING = "Reading the flags"


class ReportService:
    """Gathers the editor's report from the project."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def build(self, articles: Sequence[str] = (), *, progress: ReportProgress = no_progress,
              cancelled: CancelCheck = never_cancelled) -> Report:
        """The report of the whole project, or of the named articles (id prefixes): its
        flags (a flag is in when either of its claims is), the claims that were reviewed,
        need review or are flagged, and the entities those claims link to.

        ``progress`` hears of each flag whose history was read ("Reading the flags");
        ``cancelled`` is looked at between them (building writes nothing).

        Raises:
            WorkCancelled: a cancel was asked for.
            NotFoundError / AmbiguousIdError: an article is not known.
        """
        with self._ws.read() as uow:
            wanted = {uow.articles.resolve(a) for a in articles} if articles else None
            flags = [f for f in uow.flags.list()]
            claims = {c.id: c for c in uow.claims.list()}
            flagged = {c for f in flags for c in (f.claim_a, f.claim_b)}
            if wanted is not None:
                flags = [f for f in flags if {claims[f.claim_a].article_id,
                                              claims[f.claim_b].article_id} & wanted]
            kept = [c for c in claims.values()
                    if (wanted is None or c.article_id in wanted)
                    and (c.status != ReviewStatus.DRAFT or c.id in flagged)]
            article_ids = {c.article_id for c in kept} | {
                claims[c].article_id for f in flags for c in (f.claim_a, f.claim_b)}
            by_id = {a.id: a for a in uow.articles.list(sorted(article_ids))}
            events: dict[str, list[AuditEvent]] = {}
            for done, f in enumerate(flags):
                if done % 50 == 0:
                    progress(done, len(flags), READING)
                    stop_if(cancelled, "The report was cancelled: nothing was written.")
                events[f.id] = uow.audit.list(target_kind="flag", target_id=f.id)
            progress(len(flags), len(flags), READING)
            reviews: dict[str, Decision] = {}
            later_verdicts: dict[str, Decision] = {}
            for done, claim in enumerate(c for c in kept if c.status != ReviewStatus.DRAFT):
                if done % 50 == 0:
                    stop_if(cancelled, "The report was cancelled: nothing was written.")
                history = uow.audit.list(target_kind="claim", target_id=claim.id)
                reviews[claim.id] = _set_by(claim.status, claim.note, history)
                verdict = _set_by(claim.verdict, claim.note, history, field="verdict")
                review_at = reviews[claim.id].at
                if (verdict.at and review_at and verdict.at > review_at
                        and _value_at(history, "verdict", review_at) != claim.verdict):
                    later_verdicts[claim.id] = verdict  # not the verdict the review saw
            entity_ids = {e for c in kept for e in c.entity_ids}
            entities = uow.entities.list(ids=sorted(entity_ids)) if entity_ids else []
        disagreements = tuple(
            Disagreement(f, (claims[f.claim_a], by_id[claims[f.claim_a].article_id]),
                         (claims[f.claim_b], by_id[claims[f.claim_b].article_id]),
                         _decision(f, events[f.id]))
            for f in sorted(flags, key=_flag_order))
        order = {v: i for i, v in enumerate(VERDICTS)}
        rows = tuple(sorted(((c, by_id[c.article_id]) for c in kept),
                            key=lambda r: (order.get(r[0].verdict, 99), r[1].title, r[0].start)))
        return Report(
            title=f"Editor's report: {self._ws.folder.name}", made_at=self._ws.now(),
            made_by=self._ws.author, disagreements=disagreements, claims=rows,
            entities=tuple(sorted(entities, key=lambda e: e.name.lower())), reviews=reviews,
            later_verdicts=later_verdicts)

    def write_html(self, out: Path, articles: Sequence[str] = (), *,
                   progress: ReportProgress = no_progress,
                   cancelled: CancelCheck = never_cancelled) -> Report:
        """Write the report (see :meth:`build`) to ``out`` as one HTML page.

        Raises:
            NotFoundError / AmbiguousIdError: an article is not known.
            WriteError: the file cannot be written (nothing is left behind).
        """
        report = self.build(articles, progress=progress, cancelled=cancelled)
        write_atomically(out, report_html(report).encode("utf-8"))
        return report


def _flag_order(flag: Flag) -> tuple[bool, int, datetime, str]:
    """Open flags first, the most severe first, then the oldest: what an editor settles
    first. The id breaks ties, so one check's flags (made at the same moment) always come
    in the same order."""
    return (flag.status != FlagStatus.OPEN, -FLAG_SEVERITIES.index(flag.severity),
            flag.created, flag.id)


def _decision(flag: Flag, events: list[AuditEvent]) -> Decision:
    """The last event that set the flag's current status, if a person set it."""
    if flag.status == FlagStatus.OPEN:
        return Decision(flag.status, None, None, flag.note)
    return _set_by(flag.status, flag.note, events)


def _set_by(value: str, note: str, events: list[AuditEvent], *,
            field: str = "status") -> Decision:
    """Who last set ``field`` (a status, a claim's verdict) to ``value`` on a record, from
    its audit events (oldest first): the last event whose values after the change hold
    it. A record created with it (a claim added as "needs review") counts as set by
    whoever created it."""
    for event in reversed(events):
        after = event.detail.get("after", event.detail)
        if isinstance(after, dict) and after.get(field) == value:
            return Decision(value, event.actor, event.at, note)
    return Decision(value, None, None, note)


def _value_at(events: list[AuditEvent], field: str, at: datetime) -> object:
    """What ``field`` of a record held at ``at``, from its audit events (oldest first): the
    value the last event up to then set it to; None when none did."""
    value: object = None
    for event in events:
        if event.at > at:
            break
        after = event.detail.get("after", event.detail)
        if isinstance(after, dict) and field in after:
            value = after[field]
    return value


# -- the page -----------------------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _source(article: Article) -> str:
    parts = [article.publisher or "", article.published.isoformat() if article.published else ""]
    meta = " · ".join(p for p in parts if p)
    return f"<b>{_e(article.title)}</b>" + (f"<br/><small>{_e(meta)}</small>" if meta else "")


def _passage(claim: Claim, article: Article) -> str:
    return (f'<td width="50%" valign="top">{_source(article)}'
            f'<p>“{_e(claim.exact)}”</p>'
            f"<small>verdict: {_e(claim.verdict)} · {_e(claim.status)}</small></td>")


def _settled(decision: Decision) -> str:
    """"open", or "confirmed by ana on 2025-03-09" when a person settled it."""
    if decision.by and decision.at:
        return (f"{_e(decision.status)} by {_e(decision.by)} on "
                f"{_e(decision.at.strftime('%Y-%m-%d'))}")
    return _e(decision.status)


def _reviewed(claim: Claim, report: Report) -> str:
    """A claim's review status and who set it ("reviewed by ana on 2025-03-09"), or who
    marked the claim when no later change is on record; and, when someone changed the
    verdict after the review, who and when (the review did not see this verdict)."""
    decision = report.reviews.get(claim.id)
    if decision is not None and decision.by and decision.at:
        shown = _settled(decision)
    else:
        shown = f"{_e(claim.status)}<br/><small>marked by {_e(claim.author)}</small>"
    later = report.later_verdicts.get(claim.id)
    if later is not None and later.by and later.at:  # the review saw another verdict
        shown += (f"<br/><small>verdict changed to “{_e(later.status)}” by {_e(later.by)} "
                  f"on {_e(later.at.strftime('%Y-%m-%d'))}, after the review</small>")
    return shown


def _overview(disagreements: Sequence[Disagreement]) -> list[str]:
    """One row per disagreement (its number, kind, severity, the two sources and the
    decision), so the first page tells the editor what is settled and what is open."""
    rows = ['<table border="1" width="100%"><tr><th width="4%">#</th><th width="20%">Flag</th>'
            '<th width="46%">Between</th><th width="30%">Decision</th></tr>']
    for number, d in enumerate(disagreements, start=1):
        rows.append(f"<tr><td>{number}</td><td>{_e(d.flag.kind)} ({_e(d.flag.severity)})</td>"
                    f"<td>{_e(d.first[1].title)} / {_e(d.second[1].title)}</td>"
                    f"<td>{_settled(d.decision)}</td></tr>")
    rows.append("</table>")
    return rows


def report_html(report: Report) -> str:
    """The report as one HTML page (UTF-8, no scripts, no outside resources); every piece of
    text from the project is escaped."""
    out = [
        "<!DOCTYPE html>", '<html><head><meta charset="utf-8"/>',
        f"<title>{_e(report.title)}</title>",
        # Sized for a printed A4 page: 10 pt text, headings a step or two above it.
        "<style>body{font-family:sans-serif; font-size:10pt} h1{font-size:17pt} "
        "h2{font-size:14pt; margin-top:14px} h3{font-size:11pt; margin-top:10px} "
        "td{padding:4px} th{text-align:left; padding:4px} "
        "table{border-collapse:collapse} .kind{font-weight:bold}</style></head><body>",
        f"<h1>{_e(report.title)}</h1>",
        f"<p>Made by {_e(report.made_by)} on "
        f"{_e(report.made_at.strftime('%Y-%m-%d %H:%M'))} UTC. "
        f"{len(report.disagreements)} disagreement"
        f"{'s' if len(report.disagreements) != 1 else ''}, {len(report.claims)} claim"
        f"{'s' if len(report.claims) != 1 else ''}, {len(report.entities)} entit"
        f"{'ies' if len(report.entities) != 1 else 'y'}.</p>",
    ]
    if report.empty:
        out.append("<p>Nothing is flagged or reviewed yet.</p>")
    if report.disagreements:
        out += ["<h2>Disagreements</h2>", *_overview(report.disagreements)]
    for number, d in enumerate(report.disagreements, start=1):
        decision = d.decision
        out += [
            f'<h3>{number}. <span class="kind">{_e(d.flag.kind)}</span> '
            f"({_e(d.flag.severity)}) — {_settled(decision)}</h3>",
            f"<p>{_e(d.flag.explanation)}</p>",
            '<table border="1" width="100%"><tr>', _passage(*d.first), _passage(*d.second),
            "</tr></table>",
            f"<p><i>Raised by {_e(d.flag.raised_by)}.</i>"
            + (f" Note: {_e(decision.note)}" if decision.note else "") + "</p>",
        ]
    if report.claims:
        out.append("<h2>Claims by verdict</h2>")
        verdict = None
        for claim, article in report.claims:
            if claim.verdict != verdict:
                if verdict is not None:
                    out.append("</table>")
                verdict = claim.verdict
                out += [f"<h3>{_e(verdict.capitalize())}</h3>",
                        # The quote gets the room; Qt would share the width evenly.
                        '<table border="1" width="100%"><tr><th width="42%">Claim</th>'
                        '<th width="23%">Source</th><th width="15%">Status</th>'
                        '<th width="20%">Note</th></tr>']
            tags = f"<br/><small>{_e(', '.join(claim.tags))}</small>" if claim.tags else ""
            out.append(f"<tr><td>“{_e(claim.exact)}”{tags}</td><td>{_source(article)}</td>"
                       f"<td>{_reviewed(claim, report)}</td>"
                       f"<td>{_e(claim.note)}</td></tr>")
        out.append("</table>")
    if report.entities:
        out += ["<h2>Entities involved</h2>", "<ul>"]
        for entity in report.entities:
            qid = dict(entity.external_ids).get("wikidata")
            aliases = f" — also {_e(', '.join(entity.aliases))}" if entity.aliases else ""
            out.append(f"<li><b>{_e(entity.name)}</b> ({_e(entity.type)})"
                       f"{' ' + _e(qid) if qid else ''}{aliases}</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out)
