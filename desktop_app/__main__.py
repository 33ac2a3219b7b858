"""Entry point: ``python -m desktop_app`` behaves exactly like ``factdesk``."""

import sys


def main() -> int:
    from desktop_app.cli.main import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
