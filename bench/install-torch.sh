#!/usr/bin/env bash
# Installs the benchmark's peer (npm run bench -- --peer torch): Debian's PyTorch and Debian's
# OpenBLAS (pthread build, which python3-torch picks up). Not part of npm ci or npm test.
# As root on Debian/Ubuntu it installs them; elsewhere it prints the command.
set -euo pipefail
PKGS="python3-torch libopenblas0-pthread"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "install-torch: PyTorch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') already importable by /usr/bin/python3"
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends ${PKGS}
  /usr/bin/python3 -c "import torch; print('install-torch: PyTorch', torch.__version__)"
else
  echo "install-torch: run as root: apt-get update && apt-get install -y --no-install-recommends ${PKGS}" >&2
  exit 1
fi
