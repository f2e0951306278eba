#!/usr/bin/env bash
# Install the Debian packages GridStation needs outside its venv:
#   - Qt (PySide6 wheels) on the offscreen/xcb platforms: EGL/GL, xkbcommon, fontconfig, D-Bus, GLib, xcb-cursor
#   - poppler-utils (pdftoppm, pdftotext) for rendering and checking PDF reports in tests
#   - python3-venv, so that `python3 -m venv` works on Debian's own Python
#   - openssl, whose command makes the throw-away certificate authority of the HTTPS sync tests
#   - binutils (objdump), which PyInstaller and packaging/build_deb.py use to read shared libraries
#
# Checks each with `dpkg -s`; installs the missing ones with apt-get as root, through sudo when it is
# available, or prints the command to run and exits non-zero. On systems without dpkg it prints a
# note and exits 0: there the libraries are the developer's business.
set -euo pipefail

# One requirement per entry; "a|b" means either package satisfies it (the first is installed).
# Debian 13 / Ubuntu 24.04 renamed GLib for the 64-bit time_t transition.
REQUIRED=(
    libegl1
    libgl1
    libxkbcommon0
    libfontconfig1
    libdbus-1-3
    "libglib2.0-0|libglib2.0-0t64"
    libxcb-cursor0
    poppler-utils
    python3-venv
    openssl
    binutils
)

if ! command -v dpkg >/dev/null 2>&1; then
    echo "setup-system: no dpkg here (not Debian/Ubuntu); skipping the system package check." >&2
    echo "setup-system: Qt needs EGL/GL, xkbcommon, fontconfig, D-Bus, GLib and xcb-cursor; tests need poppler." >&2
    exit 0
fi

is_installed() {
    dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed$'
}

missing=()
for requirement in "${REQUIRED[@]}"; do
    IFS='|' read -r -a alternatives <<<"$requirement"
    found=""
    for package in "${alternatives[@]}"; do
        if is_installed "$package"; then
            found="$package"
            break
        fi
    done
    if [[ -z "$found" ]]; then
        missing+=("${alternatives[0]}")
    fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "setup-system: all system packages present."
    exit 0
fi

echo "setup-system: missing Debian packages: ${missing[*]}"
install_command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"

# `env` carries DEBIAN_FRONTEND through sudo, which resets the environment.
if [[ $(id -u) -eq 0 ]]; then
    as_root=(env DEBIAN_FRONTEND=noninteractive)
elif command -v sudo >/dev/null 2>&1; then
    # Without a terminal sudo cannot ask for a password: fail fast instead of hanging.
    if [[ -t 0 ]]; then as_root=(sudo); else as_root=(sudo -n); fi
    as_root+=(env DEBIAN_FRONTEND=noninteractive)
else
    echo "setup-system: not root and no sudo. Please run as root:" >&2
    echo "    $install_command" >&2
    exit 1
fi

if "${as_root[@]}" apt-get update && "${as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    echo "setup-system: installed ${missing[*]}."
else
    echo "setup-system: installation failed. Please run as root:" >&2
    echo "    $install_command" >&2
    exit 1
fi
