"""The editor's review queue as a read: open flags and the claims that need review, with
what the queue's filters offer (see :mod:`desktop_app.core.review`). Deciding an item goes
through the existing use cases (``FlagService.resolve``, ``ClaimService.edit``), so the
queue adds no way of writing."""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop_app.core.models import Changes
from desktop_app.core.review import QUEUED_STATUSES, ReviewQueue, build_queue
from desktop_app.services.workspace import Workspace

Follower = Callable[[Changes], None]


class ReviewService:
    """The review queue, and word of every committed change for views that show it."""

    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace
        self._followers: list[Follower] = []
        self._lock = threading.Lock()
        workspace.store.subscribe(self._on_commit)

    def queue(self) -> ReviewQueue:
        """Every flag (any status) and every claim whose review status is "needs review" or
        "reviewed", most serious first, with the titles of their articles and the names of
        the entities linked to them (for the filters). One read transaction."""
        with self._ws.read() as uow:
            flags = uow.flags.list()
            claims = {c.id: c for status in QUEUED_STATUSES
                      for c in uow.claims.list(status=status)}
            wanted = sorted({i for f in flags for i in (f.claim_a, f.claim_b)} - claims.keys())
            claims.update((c.id, c) for c in uow.claims.list(ids=wanted))
            titles = {a.id: a.title for a in uow.articles.summaries()}
            linked = sorted({e for c in claims.values() for e in c.entity_ids})
            names = {e.id: e.name for e in uow.entities.list(ids=linked)}
        return build_queue(flags, claims, titles, names)

    def follow(self, follower: Follower) -> Callable[[], None]:
        """Call ``follower`` with what changed after every committed change to the project,
        whoever made it (an edit, an undo, the check, a bundle merge), so a view of the queue
        stays current. It is called in the thread that made the change, after the commit;
        an exception it raises is its own (the change is kept). Returns the function that
        stops following."""
        with self._lock:
            self._followers.append(follower)

        def stop() -> None:
            with self._lock:
                if follower in self._followers:
                    self._followers.remove(follower)

        return stop

    def _on_commit(self, changes: Changes, _generation: int) -> None:
        with self._lock:
            followers = list(self._followers)
        for follower in followers:
            follower(changes)
