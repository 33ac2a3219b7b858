"""The command line's exit statuses, defined once (see the README: "Exit status")."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """0: everything asked for was done; 1: a batch was partly done (each failure listed);
    2: the input was refused and nothing was done."""

    OK = 0
    PARTLY = 1
    REFUSED = 2


OK, PARTLY, REFUSED = ExitCode.OK, ExitCode.PARTLY, ExitCode.REFUSED
