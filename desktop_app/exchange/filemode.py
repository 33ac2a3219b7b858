"""The permissions of files Factdesk writes for people: what the user's umask gives."""

from __future__ import annotations

import os


def shared_file_mode() -> int:
    """The permission bits a new file gets under the user's umask (0o666 less the umask), as
    an editor or ``cp`` would give it: exports go to folders a team shares, so they must not
    stay owner-only as temporary files are made. Read from /proc where the kernel offers it
    (no change to the process's umask), else by setting and restoring it."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
