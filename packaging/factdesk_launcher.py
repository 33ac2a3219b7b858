"""What the frozen Factdesk runs: the same entry point as the installed ``factdesk`` command."""

import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
