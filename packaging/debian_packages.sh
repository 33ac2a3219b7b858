# Sourced by bootstrap.sh and build.sh: install the Debian packages a step needs when they
# are missing (as root, or through sudo); a machine without dpkg is left alone.
#   install_debian_packages "what they are for" pkg...
install_debian_packages() {
    local what="$1"; shift
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
            echo "factdesk: $what needs these system packages: ${missing[*]} (install them as root)" >&2
            return 1
        fi
    fi
    echo "installing the system packages $what needs: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
