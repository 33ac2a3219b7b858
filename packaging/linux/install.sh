#!/bin/sh
# Installs this unpacked Factdesk for the current user, without root:
#   ./install.sh              copy the app to ~/.local/lib/factdesk, add `factdesk` to
#                             ~/.local/bin and Factdesk to the desktop's menu
#   ./install.sh --uninstall  remove all of that again (your projects are never touched)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="${XDG_DATA_HOME:-$HOME/.local/share}"
app_dir="$HOME/.local/lib/factdesk"
bin_dir="$HOME/.local/bin"
desktop_file="$data/applications/factdesk.desktop"
icon_png="$data/icons/hicolor/256x256/apps/factdesk.png"
icon_svg="$data/icons/hicolor/scalable/apps/factdesk.svg"

refresh_menu() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$data/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t "$data/icons/hicolor" 2>/dev/null || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$app_dir"
    rm -f "$bin_dir/factdesk" "$desktop_file" "$icon_png" "$icon_svg"
    refresh_menu
    echo "Factdesk removed (projects and settings are kept)."
    exit 0
fi
if [ -n "${1:-}" ]; then
    echo "install.sh: usage: ./install.sh [--uninstall]" >&2
    exit 2
fi

mkdir -p "$app_dir" "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_png")" \
         "$(dirname "$icon_svg")"
if [ "$here" != "$app_dir" ]; then
    rm -rf "$app_dir"
    mkdir -p "$app_dir"
    cp -a "$here/." "$app_dir/"
fi
ln -sf "$app_dir/Factdesk" "$bin_dir/factdesk"
cp "$here/factdesk.png" "$icon_png"
cp "$here/factdesk.svg" "$icon_svg"
sed "s|^Exec=.*|Exec=\"$app_dir/Factdesk\"|" "$here/factdesk.desktop" > "$desktop_file"
refresh_menu
echo "Factdesk installed in $app_dir; it is in your desktop's menu (Office), and"
echo "'factdesk' runs it from a terminal when $bin_dir is on your PATH."
