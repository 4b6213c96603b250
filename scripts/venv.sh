#!/usr/bin/env bash
# Makes sure the project's pinned Jupyter environment .venv/ exists and matches
# jupyter/requirements.txt; creates (or re-creates) it when it does not. Idempotent: when the
# stamp .venv/grulab-stamp matches (sha256 of the requirements file + the base python), it
# returns at once. Nothing is installed outside .venv/ (pip runs with --no-cache-dir).
#
#   bash scripts/venv.sh [--quiet]     (scripts/python.sh calls it before every Jupyter script)
#
# The base python: $GRULAB_BASE_PYTHON, else Debian's /usr/bin/python3, else python3 on PATH;
# it needs the venv module with ensurepip (Debian: python3-venv, see scripts/system-deps.sh).
# An interrupted creation leaves no stamp, so the next call starts over. Concurrent calls wait
# for each other (flock on the requirements file).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$ROOT/.venv"
REQ="$ROOT/jupyter/requirements.txt"
STAMP="$VENV/grulab-stamp"
quiet=0; [ "${1:-}" = "--quiet" ] && quiet=1
say() { echo "venv: $*" >&2; }

base_python() {
  for py in "${GRULAB_BASE_PYTHON:-}" /usr/bin/python3 python3; do
    [ -n "$py" ] && command -v "$py" >/dev/null 2>&1 || continue
    if "$py" -c "import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 9))" 2>/dev/null; then
      command -v "$py"; return 0
    fi
  done
  say "no python3 (>= 3.9) with the venv module and ensurepip; on Debian, as root: bash scripts/system-deps.sh (installs python3-venv)"
  return 2
}

[ -f "$REQ" ] || { say "$REQ is missing"; exit 2; }
PY="$(base_python)" || exit 2
wanted="$(sha256sum "$REQ" | cut -d' ' -f1) $(readlink -f "$PY") $("$PY" -c 'import platform; print(platform.python_version())')"
current() { cat "$STAMP" 2>/dev/null || true; }
if [ "$(current)" = "$wanted" ] && [ -x "$VENV/bin/python" ]; then
  [ $quiet = 1 ] || say "$VENV is up to date"
  exit 0
fi

exec 9<"$REQ"
flock 9  # another process may be creating it: wait, then look again
if [ "$(current)" = "$wanted" ] && [ -x "$VENV/bin/python" ]; then exit 0; fi

start=$(date +%s)
if [ -e "$VENV" ]; then say "jupyter/requirements.txt or the base python changed: re-creating $VENV"; fi
say "creating $VENV from jupyter/requirements.txt with $PY (pip from PyPI; about a minute) ..."
rm -rf "$VENV"
"$PY" -m venv "$VENV"
if ! "$VENV/bin/python" -m pip install --no-cache-dir --no-input --disable-pip-version-check \
    --only-binary=:all: -q -r "$REQ" >&2; then
  say "pip install -r jupyter/requirements.txt failed (is PyPI reachable?); $VENV stays incomplete and is re-created next time"
  exit 1
fi
# What the project relies on, checked once: the plotly renderer for JupyterLab and the modules.
"$VENV/bin/python" -c "import jupyterlab, jupyter_server, jupyter_client, nbclient, nbformat, nbconvert, plotly" \
  || { say "the new environment cannot import its Jupyter modules"; exit 1; }
[ -f "$VENV/share/jupyter/labextensions/jupyterlab-plotly/package.json" ] \
  || { say "plotly's JupyterLab renderer is missing from $VENV/share/jupyter/labextensions"; exit 1; }
printf '%s\n' "$wanted" > "$STAMP.tmp" && mv "$STAMP.tmp" "$STAMP"
say "created $VENV in $(( $(date +%s) - start )) s ($(du -sm "$VENV" | cut -f1) MB)"
