#!/usr/bin/env bash
# Installs the Debian packages the project needs that PyPI and npm do not provide: Chromium (chart
# export and the browser tests), python3-venv (to create the pinned Jupyter environment .venv/,
# scripts/venv.sh; everything Jupyter itself comes from PyPI into that environment), qemu-user
# (qemu-x86_64 runs the native kernels' test on emulated CPUs without AVX-512 or AVX,
# test/kernels/nativeKernel.test.ts), redis-server (the sweep queue's tests, scripts/redis.sh) and
# Debian's PyTorch for /usr/bin/python3 (python3-torch with the pthread OpenBLAS: the ONNX export's
# parity test against torch.nn.GRU/LSTM/RNN, notebook 06's PyTorch section, and the bench's peer).
# On a Debian/Ubuntu machine as root it installs what is missing; elsewhere it stops with the command.
set -euo pipefail
PKGS="python3-venv chromium qemu-user redis-server python3-torch libopenblas0-pthread"
missing=()
/usr/bin/python3 -c "import venv, ensurepip" 2>/dev/null || missing+=(python3-venv)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v qemu-x86_64 >/dev/null 2>&1 || missing+=(qemu-user)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)  # the sweep queue (BullMQ) tests and scripts/redis.sh
/usr/bin/python3 -c "import torch" 2>/dev/null || missing+=(python3-torch libopenblas0-pthread)  # ONNX parity against PyTorch
if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present (${PKGS})"
  exit 0
fi
cmd="apt-get update && apt-get -o DPkg::Lock::Timeout=900 install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing ${missing[*]} with apt-get"
  apt-get update -qq  # a fresh machine has no package lists
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "system-deps: missing ${missing[*]}. Run as root:" >&2
  echo "  ${cmd}" >&2
  exit 1
fi
