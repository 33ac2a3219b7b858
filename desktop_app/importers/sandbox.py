"""Reading files within a budget: each file is read in a child process that is stopped when
it takes too long or grows too large, so that no file (a PDF bomb, a page built to make a
parser crawl) can hang or exhaust the app or the command line.

The child comes from a fork server (cheap per file once it runs) and lives for one batch;
it is limited with ``setrlimit``: address space (memory) and CPU time (a backstop that also
ends a child whose parent was killed).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from desktop_app.core.errors import FactdeskError, ImportRefusedError
from desktop_app.core.models import ImportedArticle
from desktop_app.core.processes import child_context
from desktop_app.importers.files import shown

Read = Callable[[Path], ImportedArticle]


@dataclass(frozen=True)
class Budget:
    """What reading one file may use: wall-clock ``seconds`` and ``memory_bytes`` of
    address space in the reading process."""

    seconds: float = 60.0
    memory_bytes: int = 2 * 1024 * 1024 * 1024


def _limit(memory_bytes: int, cpu_seconds: float) -> None:
    try:
        import resource
    except ImportError:  # not on this platform: the wall-clock budget still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    limit = int(spent + cpu_seconds) + 1
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))


def _serve(conn: Connection, read: Read, budget: Budget) -> None:
    """The child: read each path sent, answer with the article or the reason it was refused;
    end when the parent closes its side (or goes away)."""
    while True:
        try:
            path = conn.recv()
        except (EOFError, OSError):
            return
        _limit(budget.memory_bytes, budget.seconds * 2)
        try:
            answer: tuple[str, object] = ("ok", read(path))
        except FactdeskError as exc:
            answer = ("refused", str(exc))
        except MemoryError:
            answer = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - any failure of a reader refuses that file
            answer = ("failed", type(exc).__name__)
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(("memory", None))


class BoundedReader:
    """Reads files one by one in a child process within a :class:`Budget`.

    Call it like the reader it wraps; :meth:`release` ends the child (the next call starts
    a new one). A file that runs out of time or memory, or makes the child fail, is refused
    with its reason; the batch goes on with a fresh child.
    """

    def __init__(self, read: Read, budget: Budget | None = None) -> None:
        self._read = read
        self.budget = budget or Budget()
        self._conn: Connection | None = None
        self._child: multiprocessing.process.BaseProcess | None = None

    def _start(self) -> Connection:
        if self._conn is None:
            context = child_context(["desktop_app.importers"])
            parent, child = context.Pipe()
            process = context.Process(target=_serve, args=(child, self._read, self.budget),
                                      daemon=True, name="factdesk-reader")
            process.start()
            child.close()
            self._conn, self._child = parent, process
        return self._conn

    def __call__(self, path: Path) -> ImportedArticle:
        """The article in ``path``, read in the child.

        Raises:
            ImportRefusedError: the reader refused the file, or it ran past the budget.
        """
        name = shown(Path(path.name or str(path)))
        conn = self._start()
        try:
            conn.send(path)
            if not conn.poll(self.budget.seconds):
                self.release(kill=True)
                raise ImportRefusedError(
                    f"{name}: reading it took longer than {self.budget.seconds:g} s: refused")
            kind, value = conn.recv()
        except (EOFError, OSError):
            self.release(kill=True)
            raise ImportRefusedError(
                f"{name}: reading it used more than the "
                f"{self.budget.memory_bytes // 1_048_576} MB or the time allowed: refused"
            ) from None
        if kind == "ok":
            assert isinstance(value, ImportedArticle)
            return value
        if kind == "refused":
            raise ImportRefusedError(str(value))
        if kind == "memory":
            self.release()
            raise ImportRefusedError(
                f"{name}: reading it needs more than "
                f"{self.budget.memory_bytes // 1_048_576} MB of memory: refused")
        raise ImportRefusedError(f"{name}: cannot be read: the file is damaged or is not "
                                 "what its name says")

    def release(self, *, kill: bool = False) -> None:
        """Stop the child (it is started again when needed); ``kill`` stops it at once."""
        conn, child = self._conn, self._child
        self._conn = self._child = None
        if conn is not None:
            conn.close()
        if child is not None:
            if not kill:
                child.join(timeout=2)
            if child.is_alive():
                child.kill()
                child.join(timeout=5)
