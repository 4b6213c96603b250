#!/usr/bin/env bash
# Runs a grulab Jupyter script (or `-m module`) with the python of the project's pinned Jupyter
# environment .venv/, creating it first when missing or stale (scripts/venv.sh).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
bash "$ROOT/scripts/venv.sh" --quiet
export PYDEVD_DISABLE_FILE_VALIDATION=1  # debugpy's frozen-modules warning on every kernel start
exec "$ROOT/.venv/bin/python" -B -Xfrozen_modules=off "$@"  # -B: no __pycache__ in scripts/
