#!/bin/sh
# Set up scrutinyreport on this machine: a virtual environment in .venv with the project installed.
#   sh setup.sh          the library, the command line and generate.py, and the Liberation fonts (Debian's
#                        fonts-liberation) that every chart is drawn in
#   sh setup.sh --test   also pytest, LibreOffice and poppler-utils (from Debian's packages) that the
#                        rendering tests use to see the documents as a reviewer does, and Chromium (Debian's
#                        chromium) that the browser tests drive through Playwright (pinned in the test extras;
#                        never `playwright install`: the tests launch the system's Chromium)
set -eu
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
packages=""
if ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then
    packages="fonts-liberation"
fi
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
    if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 || [ -n "$packages" ]; then
        packages="libreoffice-writer-nogui poppler-utils fonts-liberation"
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
        echo "scrutinyreport needs these Debian packages: install $packages" >&2
        exit 1
    fi
fi
