"""Where child processes come from: work that must not hold up the caller (reading an
untrusted file, comparing a whole project) runs in a child started from a fork server, which
is cheap per child once it runs and shares nothing writable with the app."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence


def child_context(preload: Sequence[str]) -> (multiprocessing.context.SpawnContext
                                              | multiprocessing.context.ForkServerContext):
    """The multiprocessing context children are started from: a fork server that has
    imported the ``preload`` modules, or plain spawning in a frozen app (PyInstaller) and
    where there is no fork server (not POSIX)."""
    if getattr(sys, "frozen", False) or "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context
