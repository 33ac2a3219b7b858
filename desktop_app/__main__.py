"""Entry point: ``factdesk`` (and ``python -m desktop_app``).

With no subcommand, or ``gui``, it opens the desktop app (on ``--project FOLDER`` or on the
shared project ``--database URL`` when given); anything else is the command line.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple


class GuiRequest(NamedTuple):
    """What the command line asks of the desktop app."""

    wanted: bool  # the window, not a command
    project: Path | None  # --project FOLDER
    database: str | None  # --database URL: a shared project on a server


def _gui_request(argv: list[str]) -> GuiRequest:
    """Whether ``argv`` asks for the desktop app, and the project or shared database it
    names if any."""
    options: dict[str, str] = {}
    rest: list[str] = []
    args = iter(argv)
    for arg in args:
        name, equals, value = arg.partition("=")
        if name in ("--project", "--database"):
            if not equals:
                following = next(args, None)
                if following is None:
                    return GuiRequest(False, None, None)
                value = following
            options[name] = value
        else:
            rest.append(arg)
    project = options.get("--project")
    return GuiRequest(rest in ([], ["gui"]),
                      Path(project).expanduser() if project is not None else None,
                      options.get("--database"))


def no_display(environ: dict[str, str] | None = None, platform: str | None = None) -> str:
    """Why the window cannot open here, or "" when it can: on Linux and the BSDs a window
    needs an X11 or Wayland display (or a Qt platform chosen by QT_QPA_PLATFORM); without
    one Qt would print its plugin help and abort."""
    env = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return ("there is no display to open the window on (no DISPLAY or WAYLAND_DISPLAY); "
            "the command line works without one: factdesk --help")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    gui, project, database = _gui_request(argv)
    if gui:
        missing = no_display()
        if missing:
            print(f"factdesk: {missing}", file=sys.stderr)
            return 2
        try:
            from desktop_app.ui.app import run_app
        except ImportError as exc:
            print(f"factdesk: the desktop app cannot start: {exc} "
                  "(the command line still works: factdesk --help)", file=sys.stderr)
            return 2
        return run_app(project, database)
    from desktop_app.cli.main import run

    return run(argv, pdf_writer=_write_pdf)


def _write_pdf(page: str, out: Path) -> None:
    """Qt's PDF writer, loaded only when a PDF report is asked for."""
    from desktop_app.ui.report import write_pdf

    write_pdf(page, out)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # files are read in child processes (a frozen build)
    sys.exit(main())
