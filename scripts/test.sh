#!/usr/bin/env bash
# Set up (first time only), lint, and run every test tier: unit, AppTest and browser.
# Browser tests need Debian's chromium (/usr/bin/chromium); without it they skip, except under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
