#!/usr/bin/env bash
# Bundle the Python server into bundled/ (see bundle_server.py). Uses $PYTHON,
# else python3: any Python >= 3.11 with pip.
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${PYTHON:-python3}" scripts/bundle_server.py
