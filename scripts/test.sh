#!/usr/bin/env bash
# The whole test suite: system packages, the pinned Jupyter environment .venv/ (created from
# PyPI on first use: prints its time and size), a fresh build, then node's test runner over
# every compiled test file. Ends with the runner's summary (tests / pass / fail).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh
bash scripts/venv.sh
npm run --silent build
mapfile -t files < <(find dist/test -name '*.test.js' | sort)
exec node --test --test-reporter=spec --test-concurrency=1 "${files[@]}"
