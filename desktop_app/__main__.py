"""Entry point: ``factdesk`` (and ``python -m desktop_app``).

With no subcommand, or ``gui``, it opens the desktop app; anything else is the command line.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _gui_request(argv: list[str]) -> tuple[bool, Path | None]:
    """Whether ``argv`` asks for the desktop app, and the project it names if any."""
    project: Path | None = None
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        if arg == "--project":
            value = next(args, None)
            if value is None:
                return False, None
            project = Path(value).expanduser()
        elif arg.startswith("--project="):
            project = Path(arg.split("=", 1)[1]).expanduser()
        else:
            rest.append(arg)
    return rest in ([], ["gui"]), project


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gui, project = _gui_request(argv)
    if gui:
        try:
            from desktop_app.ui.app import run_app
        except ImportError as exc:
            print(f"factdesk: the desktop app cannot start: {exc} "
                  "(the command line still works: factdesk --help)", file=sys.stderr)
            return 2
        return run_app(project)
    from desktop_app.cli.main import run

    return run(argv)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # files are read in child processes (a frozen build)
    sys.exit(main())
