#!/usr/bin/env bash
# Regenerate the hashed lock files from pyproject.toml with uv:
#   requirements/lock.txt     runtime + dev tools (what `make` installs into .venv)
#   requirements/runtime.txt  runtime only (packaging, district server images)
# Both are universal (any platform) for Python 3.11. Extra arguments go to both compiles, e.g.
#   scripts/lock.sh --upgrade                  move everything to the newest allowed versions
#   scripts/lock.sh --upgrade-package reportlab
# uv is taken from PATH, or installed into a temporary venv that is removed afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if command -v uv >/dev/null 2>&1; then
    uv=uv
else
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    echo "lock: uv not on PATH; installing it into a temporary venv ($tmp)"
    python3 -m venv "$tmp/venv"
    "$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check uv
    uv="$tmp/venv/bin/uv"
fi

"$uv" pip compile pyproject.toml --extra dev --python-version 3.11 --universal --generate-hashes --quiet \
    -o requirements/lock.txt "$@"
"$uv" pip compile pyproject.toml --python-version 3.11 --universal --generate-hashes --quiet \
    -o requirements/runtime.txt "$@"
echo "lock: wrote requirements/lock.txt and requirements/runtime.txt"
