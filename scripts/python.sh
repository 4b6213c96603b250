#!/usr/bin/env bash
# Runs a grulab Jupyter script with a python3 that has Debian's Jupyter modules (nbclient,
# jupyter_client, nbformat): $GRULAB_PYTHON, else /usr/bin/python3, else python3 on PATH.
# (On this machine the python3 on PATH is a pyenv build without them.)
set -euo pipefail
for py in "${GRULAB_PYTHON:-}" /usr/bin/python3 python3; do
  [ -n "$py" ] || continue
  if "$py" -c "import nbclient, jupyter_client, nbformat" 2>/dev/null; then
    exec "$py" -B -Xfrozen_modules=off "$@"  # -B: no __pycache__ in scripts/
  fi
done
echo "grulab: no python3 with nbclient, jupyter_client and nbformat; run as root: bash scripts/system-deps.sh" >&2
exit 2
