"""What the frozen Factdesk runs: the same entry point as the installed ``factdesk`` command."""

import multiprocessing
import sys

from desktop_app.__main__ import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # files are read in child processes
    sys.exit(main())
