#!/usr/bin/env bash
# Sets up Factdesk in a virtual environment (.venv) beside this checkout, then either
# runs the app ("app") or the whole test suite ("test", what CI runs).
#   bash packaging/bootstrap.sh app     # install and open Factdesk (a new project offers
#                                       # the sample articles)
#   bash packaging/bootstrap.sh test    # install with test extras, run every test
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-app}"
shift || true

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "factdesk: needs Python 3.11 or newer as '$python' (set PYTHON=/path/to/python3.11)" >&2
    exit 2
fi

# Shared libraries PySide6 needs to load and draw offscreen, as Debian 12 names them.
. packaging/debian_packages.sh
qt_packages=(libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0
             libxkbcommon0)
install_qt_libraries() {
    install_debian_packages "Qt" "${qt_packages[@]}"
}

venv=".venv"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip

case "$mode" in
    app)
        install_qt_libraries || true
        "$venv/bin/python" -m pip install --quiet -e .
        exec "$venv/bin/factdesk" "$@"
        ;;
    test)
        install_qt_libraries
        "$venv/bin/python" -m pip install --quiet -e '.[test]'
        exec "$venv/bin/python" -m pytest "$@"
        ;;
    *)
        echo "factdesk: usage: bash packaging/bootstrap.sh app|test" >&2
        exit 2
        ;;
esac
