#!/bin/sh
# Set up scrutinyreport on this machine: a virtual environment in .venv with the project installed.
#   sh setup.sh          the library, the command line and generate.py (pip alone: the charts' font ships in
#                        the package, so nothing is installed as root)
#   sh setup.sh --test   also pytest and the checkers, and from Debian's packages LibreOffice, poppler-utils and
#                        the Liberation fonts that the rendering tests use to see the documents as a reviewer
#                        does, LibreOffice's Python bridge (python3-uno) through which the harvest's tests make
#                        tracked changes as LibreOffice itself saves them, and Chromium that the browser tests
#                        drive through Playwright (pinned in the test extras; never `playwright install`: the
#                        tests launch the system's Chromium)
# On a machine without apt (Windows, macOS), see the README: python -m venv .venv, then pip install -e .
set -eu
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
packages=""
has_uno() {
    for candidate in python3 /usr/bin/python3; do
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "import uno" >/dev/null 2>&1; then
            return 0
        fi
    done
    return 1
}
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
    if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
            || ! fc-list 2>/dev/null | grep -q "Liberation Sans" || ! has_uno; then
        packages="libreoffice-writer-nogui python3-uno poppler-utils fonts-liberation"
    fi
    if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
        packages="$packages chromium"
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
if [ -n "$packages" ]; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
    else
        echo "the rendering tests need these Debian packages: install $packages" >&2
        exit 1
    fi
fi
