#!/bin/sh
# Set up scrutinyreport on this machine: a virtual environment in .venv with the project installed.
#   sh setup.sh          the library, the command line and generate.py
#   sh setup.sh --test   also pytest, and LibreOffice and poppler-utils (from Debian's packages) that the
#                        rendering tests use to see the documents as a reviewer does
set -eu
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test]"
    if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
            || ! fc-list 2>/dev/null | grep -q "Liberation Sans"; then
        packages="libreoffice-writer-nogui poppler-utils fonts-liberation"
        if [ "$(id -u)" = "0" ]; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
        elif command -v sudo >/dev/null 2>&1; then
            sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
        else
            echo "The rendering tests need LibreOffice and poppler-utils: install $packages" >&2
            exit 1
        fi
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
