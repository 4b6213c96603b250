#!/usr/bin/env bash
# Installs the benchmark's peer (npm run bench -- --peer torch): Debian's PyTorch for
# /usr/bin/python3 with the pthread OpenBLAS it picks up. The project's system packages include it
# (scripts/system-deps.sh, which `npm test` runs, so the ONNX export's PyTorch parity test runs in
# CI); this script is that install, for a machine that runs the bench without the tests.
set -euo pipefail
exec bash "$(dirname "$0")/../scripts/system-deps.sh"
