#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (Jupyter's headless machinery and the
# classic notebook server for the tslab kernel; Chromium for chart export and browser tests).
# On a Debian/Ubuntu machine as root it installs them; elsewhere it stops with the command.
set -euo pipefail
PKGS="jupyter-nbconvert jupyter-client jupyter-notebook python3-nbclient chromium"
missing=()
[ -x /usr/bin/jupyter-nbconvert ] || missing+=(jupyter-nbconvert)
/usr/bin/python3 -c "import nbclient, jupyter_client" 2>/dev/null || missing+=(python3-nbclient jupyter-client)
[ -x /usr/bin/jupyter-notebook ] || missing+=(jupyter-notebook)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present (${PKGS})"
  exit 0
fi
cmd="apt-get update && apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends ${PKGS}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends ${PKGS}
else
  echo "system-deps: missing ${missing[*]}. Run as root:" >&2
  echo "  ${cmd}" >&2
  exit 1
fi
