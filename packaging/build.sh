#!/usr/bin/env bash
# Builds the Factdesk installer archive from a clean checkout, in one command:
#   bash packaging/build.sh
# writes dist/Factdesk-<version>-linux-x86_64.tar.gz: the one-folder app (PyInstaller, from
# packaging/factdesk.spec), a menu entry, the icon and install.sh. The build has its own
# virtual environment (.venv-build) holding the project and PyInstaller only.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "factdesk build: needs Python 3.11 or newer as '$python' (set PYTHON=...)" >&2
    exit 2
fi
pyver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')

# What the build machine needs (Debian names): objdump from binutils, Python as a shared
# library (the frozen app carries it), and the X11 libraries the xcb platform plugin links,
# so that they are bundled into the archive instead of being needed on every user's machine.
build_packages=(binutils "libpython${pyver}" libxcb-cursor0 libxcb-icccm4 libxcb-image0
                libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xfixes0
                libxcb-xkb1 libxcb-sync1 libxcb-shm0 libxcb-glx0 libx11-xcb1 libxkbcommon-x11-0
                libxkbcommon0 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libegl1 libgl1)
. packaging/debian_packages.sh
install_debian_packages "the build" "${build_packages[@]}"

venv=".venv-build"
if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
# A regular (not editable) install: its metadata is what the frozen app reads its version from.
"$venv/bin/python" -m pip install --quiet '.[build]'
version=$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("factdesk"))')

work="build/installer"
rm -rf "$work"
frozen_at=$(date +%s)
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$work/dist" --workpath "$work/work" packaging/factdesk.spec

app="$work/dist/Factdesk"
pyinstaller_seconds=$(( $(date +%s) - frozen_at ))
# Every library the kept Qt plugins link must be in the folder or be one the system provides
# (PyInstaller leaves libc, libGL, libEGL, libxcb and their kind to the system on purpose).
unresolved=$(cd "$app/_internal" && for f in PySide6/Qt/plugins/*/*.so; do
    LD_LIBRARY_PATH=.:PySide6/Qt/lib ldd "$f" | grep "not found" || true; done | sort -u)
if [ -n "$unresolved" ]; then
    echo "factdesk build: libraries the Qt plugins need were not found:" >&2
    echo "$unresolved" >&2
    exit 1
fi

name="Factdesk-${version}"
stage="$work/stage/$name"
mkdir -p "$stage"
cp -a "$app/." "$stage/"
cp resources/icons/factdesk.png resources/icons/factdesk.svg "$stage/"
cp packaging/linux/factdesk.desktop packaging/linux/install.sh packaging/linux/README.txt "$stage/"
chmod +x "$stage/install.sh" "$stage/Factdesk"

mkdir -p dist
archive="dist/${name}-linux-x86_64.tar.gz"
tar -C "$work/stage" -czf "$archive" --owner=0 --group=0 "$name"

echo "built $archive: $(du -sh "$app" | cut -f1) unpacked, $(du -h "$archive" | cut -f1) packed," \
     "$(( $(date +%s) - started )) s in all, PyInstaller ${pyinstaller_seconds} s"
