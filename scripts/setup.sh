#!/usr/bin/env bash
# Create .venv and install the pinned requirements (skipped when already up to date).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv --help >/dev/null
[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.requirements.sha
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
  echo "$want" > "$stamp"
fi
