"""Use cases for bundles: export a project (or some articles) and merge a colleague's bundle.

Merging is by id and never silently drops work: articles are recognised by id or text,
entities by id (following merges), Wikidata id, then name and type; a claim edited on both
sides since the two projects parted keeps both versions, marked as a conflict for a person to
settle. Everything a bundle could be refused for is checked before anything is written, and the
whole merge is one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app import __version__
from desktop_app.core.errors import BundleRefusedError, InvalidValueError, NotFoundError
from desktop_app.core.models import Changes, Claim, ClaimConflict
from desktop_app.core.progress import (
    CancelCheck,
    ReportProgress,
    never_cancelled,
    no_progress,
    stop_if,
)
from desktop_app.core.text import content_hash
from desktop_app.core.versions import (
    content,
    extended,
    merged_history,
    stamp_of,
)
from desktop_app.core.vocab import Operation
from desktop_app.exchange.limits import KINDS as KINDS  # re-exported for the command line
from desktop_app.exchange.limits import Limits
from desktop_app.exchange.signing import Keyring, Signer
from desktop_app.services.files import cannot_write, existing_folder
from desktop_app.services.workspace import Workspace
from desktop_app.store import UnitOfWork

# The bundle format (Pydantic models) and the merge are loaded by the use cases that need
# them, not when a project opens: most commands never touch a bundle.


@dataclass(frozen=True, slots=True)
class BundleExport:
    """A bundle written: where, what it holds, and who signed it."""

    path: Path
    counts: dict[str, int]
    signed_by: str
    #: The claims whose versions the export recorded as shared.
    changes: Changes = Changes()


@dataclass(frozen=True, slots=True)
class BundleReport:
    """What importing a bundle did (or, in a dry run, would do)."""

    bundle: str
    created_by: str
    created_at: datetime
    signature: str
    trusted: bool
    dry_run: bool
    added: dict[str, int]
    updated: dict[str, int]
    unchanged: dict[str, int]
    conflicts: tuple[str, ...]
    changes: Changes = Changes()
    #: The bundle names someone the team trusts but was signed with another key.
    suspicious: bool = False
    #: Changes to this project's flags not applied (the bundle is not trusted).
    held_flags: int = 0
    #: Records dated in the future (beyond the clock skew allowed) that were dated now.
    clamped: int = 0

    @property
    def nothing_to_do(self) -> bool:
        return not (any(self.added.values()) or any(self.updated.values()) or self.conflicts)

    def summary_lines(self) -> list[str]:
        """The import (or dry run) as a person reads it, the same in the app and the CLI."""
        when = self.created_at.strftime("%Y-%m-%d %H:%M")
        lines = [f"{self.bundle}: made by {self.created_by} on {when} UTC", self.signature]
        rows = (("would add" if self.dry_run else "added", self.added),
                ("would update" if self.dry_run else "updated", self.updated),
                ("unchanged", self.unchanged))
        for label, counts in rows:
            lines.append(f"  {label:<13} " + ", ".join(f"{counts[k]} {k}" for k in KINDS))
        if not self.trusted:
            lines.append("  not trusted: its changes to claims you have are kept as conflicts "
                         "for you to settle (import with --trust-this-bundle to accept them)")
        if self.conflicts:
            lines.append(f"  {'in conflict':<13} {len(self.conflicts)} claims edited on both "
                         "sides or by an untrusted bundle (both versions kept for you to "
                         "settle)")
            lines += [f"    {c[:8]}" for c in self.conflicts[:20]]
        if self.held_flags:
            lines.append(f"  {'held back':<13} {self.held_flags} changes to flags (the bundle "
                         "is not trusted)")
        if self.clamped:
            lines.append(f"  {'dated now':<13} {self.clamped} records dated in the future")
        if self.dry_run:
            lines.append("dry run: nothing was written")
        elif self.nothing_to_do:
            lines.append("nothing to do: the project already has everything in this bundle")
        return lines


@dataclass(frozen=True, slots=True)
class Settlement:
    """A conflict settled: the claim before and after, and what changed (undo reverts it)."""

    before: Claim
    after: Claim
    changes: Changes = Changes()

#: The stages a bundle import reports (reading, verifying, checking references, planning,
#: writing) and an export's (reading the project, making its records, writing the file).
IMPORT_STEPS = ("Reading the bundle", "Verifying it", "Checking its references",
                "Planning the merge", "Writing")
EXPORT_STEPS = ("Reading the project", "Making records", "Writing the bundle")

#: What a cancelled import or export says.
IMPORT_CANCELLED = "The bundle import was cancelled: nothing was written."
EXPORT_CANCELLED = "The export was cancelled: no file was written."


class BundleService:
    """Bundles: export, import (merge), the conflicts they leave, and the signing keys."""

    def __init__(self, workspace: Workspace, keyring: Keyring, limits: Limits) -> None:
        self._ws = workspace
        self._keyring = keyring
        self._bundle_limits = limits

    # -- export -------------------------------------------------------------------------------

    def export(self, out: Path, articles: Sequence[str] = (), *,
               progress: ReportProgress = no_progress,
               cancelled: CancelCheck = never_cancelled) -> BundleExport:
        """Write the whole project, or the named articles with their claims, the entities
        those link to and the flags between them, as a signed bundle. Once written, the
        claims' current versions count as shared (recorded in the project).

        ``progress`` hears of its :data:`EXPORT_STEPS` stages; a cancel before the file is
        written leaves no file (the bundle is written to a temporary file and renamed).

        Raises:
            WorkCancelled: a cancel was asked for before the bundle was written; no file.
            NotFoundError / AmbiguousIdError: an article is not known.
            InvalidValueError: a stored record is larger than a bundle carries.
            WriteError: the bundle cannot be written (nothing is left behind).
        """
        from desktop_app.exchange.bundle import write_bundle
        from desktop_app.exchange.convert import (
            article_record,
            claim_record,
            entity_record,
            flag_record,
        )

        existing_folder(out.expanduser())  # a mistyped folder is said before any work
        author = self._ws.author
        action = Operation.BUNDLE_EXPORT
        progress(0, len(EXPORT_STEPS), EXPORT_STEPS[0])
        with self._ws.store.write(author, action, bundle=out.name) as uow:
            if articles:
                article_ids = list(dict.fromkeys(uow.articles.resolve(a) for a in articles))
                chosen = uow.articles.list(article_ids)
                claims = [c for a in article_ids for c in uow.claims.list(article_id=a)]
            else:
                chosen = uow.articles.list()
                claims = uow.claims.list()
            histories = uow.claims.histories([c.id for c in claims] if articles else None)
            current = {c.id: extended(histories.get(c.id, ()), stamp_of(c)) for c in claims}
            moved = {c.id: (current[c.id], content(c)) for c in claims
                     if current[c.id] != histories.get(c.id, ())}
            all_entities = {e.id: e for e in uow.entities.list(include_merged=True)}
            if articles:
                wanted = {e for c in claims for e in c.entity_ids}
                pending = list(wanted)
                while pending:
                    merged_into = all_entities[pending.pop()].merged_into
                    if merged_into and merged_into not in wanted:
                        wanted.add(merged_into)
                        pending.append(merged_into)
                entities = [all_entities[e] for e in wanted]
                claim_ids = {c.id for c in claims}
                flags = [f for f in uow.flags.list(claim_ids=claim_ids)
                         if f.claim_a in claim_ids and f.claim_b in claim_ids]
            else:
                entities = list(all_entities.values())
                flags = uow.flags.list()
            try:
                progress(1, len(EXPORT_STEPS), EXPORT_STEPS[1])
                stop_if(cancelled, EXPORT_CANCELLED)
                records = ([article_record(a) for a in chosen],
                           [entity_record(e) for e in entities],
                           [claim_record(c, current[c.id]) for c in claims],
                           [flag_record(f) for f in flags])
                progress(2, len(EXPORT_STEPS), EXPORT_STEPS[2])
                stop_if(cancelled, EXPORT_CANCELLED)
                manifest = write_bundle(
                    out,
                    articles=records[0], entities=records[1], claims=records[2],
                    flags=records[3],
                    app_version=__version__, created_by=author, created_at=uow.now(),
                    sign=lambda data: self._keyring.sign(data, author),
                )
            except OSError as exc:
                raise cannot_write(out, exc) from None
            except ValidationError as exc:  # stored before the size limits were enforced
                error = exc.errors()[0]
                where = ".".join(str(p) for p in error.get("loc", ()))
                raise InvalidValueError(
                    f"a record cannot be exported: {where}: {error.get('msg', 'invalid')} "
                    "(shorten it, then export again); nothing was written") from None
            # Only once the bundle is written do its versions count as shared.
            if moved and not self._ws.read_only:
                uow.claims.set_histories(moved)
        progress(len(EXPORT_STEPS), len(EXPORT_STEPS), EXPORT_STEPS[-1])
        signed = f"{author} ({self._keyring.own_fingerprint()})"
        return BundleExport(out, dict(manifest.counts), signed, uow.changes)

    # -- import -------------------------------------------------------------------------------

    def import_file(self, path: Path, *, dry_run: bool = False, trust: bool = False,
                    progress: ReportProgress = no_progress,
                    cancelled: CancelCheck = never_cancelled) -> BundleReport:
        """Merge a bundle into the project (or, with ``dry_run``, say what that would do):
        by id, fast-forwarding, field by field, keeping real conflicts for a person. A
        bundle not signed by a key the team trusts (or signed under a trusted name with
        another key) only adds: its changes to existing claims become conflicts and its
        changes to flags are held back, unless ``trust`` says the user trusts this bundle.
        Timestamps in the future (beyond a small clock skew) are dated now, and said.

        ``progress`` hears of its :data:`IMPORT_STEPS` stages. The merge is one transaction:
        a cancel at any stage before the commit writes nothing.

        Raises:
            WorkCancelled: a cancel was asked for; nothing was written.
            BundleRefusedError: the bundle is broken or hostile (the member and line at
                fault are named); nothing is written.
            ProjectError: the project is read-only or refused the change.
        """
        from desktop_app.exchange.bundle import check_references, read_bundle
        from desktop_app.services.bundle_merge import apply_merge, plan_merge

        if not dry_run:
            self._ws.writable()

        def stage(done: int) -> None:
            progress(done, len(IMPORT_STEPS), IMPORT_STEPS[min(done, len(IMPORT_STEPS) - 1)])
            stop_if(cancelled, IMPORT_CANCELLED)

        stage(0)
        contents = read_bundle(path, self._bundle_limits)
        stage(1)
        signer: Signer | None = None
        if contents.signature is not None:
            signer = self._keyring.verify(contents.signature, contents.manifest_bytes)
        for number, article in enumerate(contents.articles, start=1):
            if content_hash(article.text) != article.content_hash:
                raise BundleRefusedError(f"article {article.id}: content_hash does not match "
                                         "its text", "articles.jsonl", number)
        source = {"bundle": path.name, "from": contents.manifest.created_by,
                  "signature": signer.describe() if signer else "unsigned"}
        author = self._ws.author
        stage(2)
        with self._ws.store.write(author, Operation.BUNDLE_IMPORT, **source) as uow:
            check_references(
                contents,
                project_texts=lambda ids: {a.id: a.text for a in uow.articles.list(list(ids))},
                project_entities=lambda ids: {e.id for e in uow.entities.list(
                    include_merged=True, ids=list(ids))},
                project_claims=lambda ids: set(ids) & uow.claims.ids(),
            )
            trusted = trust or bool(signer and signer.trusted and not signer.impersonates)
            stage(3)
            plan = plan_merge(uow, contents, source, trusted)
            stage(4)
            if not dry_run:
                apply_merge(uow, plan)
        progress(len(IMPORT_STEPS), len(IMPORT_STEPS), IMPORT_STEPS[-1])
        added = {"articles": len(plan.new_articles), "entities": len(plan.new_entities),
                 "claims": len(plan.new_claims), "flags": len(plan.new_flags)}
        updated = {"articles": 0, "entities": len(plan.entity_updates),
                   "claims": len(plan.claim_updates), "flags": len(plan.flag_updates)}
        return BundleReport(
            bundle=path.name, created_by=contents.manifest.created_by,
            created_at=contents.manifest.created_at,
            signature=signer.describe() if signer else "unsigned",
            trusted=trusted, dry_run=dry_run, added=added,
            updated=updated, unchanged=plan.unchanged,
            conflicts=tuple(c.claim_id for c in plan.conflicts), changes=uow.changes,
            suspicious=bool(signer and signer.impersonates), held_flags=plan.held_flags,
            clamped=plan.clamped,
        )

    # -- keys ---------------------------------------------------------------------------------

    def key_fingerprint(self) -> str:
        """The fingerprint of the user's signing key (made on first use).

        Raises:
            InvalidValueError: the key on disk cannot be read or is not an Ed25519 key.
            WriteError: a new key cannot be saved.
        """
        return self._keyring.own_fingerprint()

    def trusted_keys(self) -> dict[str, str]:
        """The team's trusted keys: fingerprint to the name the team gave it."""
        return self._keyring.trusted()

    def trust_key(self, fingerprint: str, name: str) -> None:
        """Mark a colleague's key as trusted, by the fingerprint an import showed.

        Raises:
            InvalidValueError: ``fingerprint`` is not 20 hexadecimal digits.
            WriteError: the list of trusted keys cannot be written.
        """
        self._keyring.trust(fingerprint, name)

    # -- conflicts ----------------------------------------------------------------------------

    def conflicts(self) -> list[tuple[Claim, ClaimConflict]]:
        """Claims edited on both sides, each with the other side's version."""
        with self._ws.read() as uow:
            found = uow.claims.conflicts()
            claims = {c.id: c for c in uow.claims.list(ids=list({f.claim_id for f in found}))}
        return [(claims[f.claim_id], f) for f in found]

    def settle(self, claim_ref: str, *, keep: str) -> Settlement:
        """Settle a claim in conflict: keep ``"ours"`` or take ``"theirs"`` (the newest
        incoming version). Both versions' histories are kept, so neither comes back.

        Raises:
            InvalidValueError: ``keep`` is neither, or the claim is not in conflict.
            NotFoundError / AmbiguousIdError: the claim is not known.
            ProjectError: the project is read-only or refused the change.
        """
        if keep not in ("ours", "theirs"):
            raise InvalidValueError("keep either 'ours' or 'theirs'")
        with self._ws.write(Operation.CLAIM_SETTLE, kept=keep) as uow:
            claim = uow.claims.get(uow.claims.resolve(claim_ref))
            found = uow.claims.conflicts(claim.id)
            if not found:
                raise InvalidValueError(f"claim {claim.id[:8]} is not in conflict")
            before = uow.claims.histories([claim.id]).get(claim.id, ())
            history = extended(before, stamp_of(claim))
            for conflict in found:
                history = merged_history(history, conflict.incoming.get("history", ()))
            if keep == "theirs":
                theirs = dict(found[-1].incoming)
                theirs["entity_ids"] = self._current_entities(uow, theirs["entity_ids"])
                self._write_claim(uow, claim.id, theirs)
            final = uow.claims.get(claim.id)
            uow.claims.set_histories({claim.id: (extended(history, stamp_of(final)),
                                                 content(final))})
            uow.claims.drop_conflicts(claim.id)
        return Settlement(claim, final, uow.changes)

    @staticmethod
    def _current_entities(uow: UnitOfWork, entity_ids: Sequence[str]) -> list[str]:
        """The entities as they stand now: merged ones followed, deleted ones left out."""
        current = []
        for entity_id in entity_ids:
            try:
                current.append(uow.entities.get(entity_id).id)
            except NotFoundError:
                continue
        return list(dict.fromkeys(current))

    @staticmethod
    def _write_claim(uow: UnitOfWork, claim_id: str, values: dict[str, Any],
                     modified: datetime | None = None) -> None:
        tag_ids = uow.tags.ensure_many(values["tags"])
        uow.claims.update(claim_id, verdict=values["verdict"], status=values["status"],
                          note=values["note"], start_offset=values["start"],
                          end_offset=values["end"], exact=values["exact"],
                          prefix=values["prefix"], suffix=values["suffix"],
                          modified=modified or uow.now())
        uow.claims.set_tag_ids(claim_id, [tag_ids[t.lower()] for t in values["tags"]])
        uow.claims.set_entity_ids(claim_id, values["entity_ids"])


