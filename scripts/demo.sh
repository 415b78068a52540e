#!/usr/bin/env bash
# scripts/demo.sh -- build the chiso CLI and score the bundled 34-province DTI sample.
#
#   scripts/demo.sh               chiso score --preset dti-province-922 --digits 4 --table
#   scripts/demo.sh --all ...     extra arguments are passed on to `chiso score`
#
# Environment: CHISO_BUILD_DIR (default build), CHISO_JOBS (default 2).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh

build_dir="${CHISO_BUILD_DIR:-build}"
jobs="${CHISO_JOBS:-2}"

chiso_ensure_deps

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "$jobs" --target chiso_cli

echo
exec "$build_dir/bin/chiso" score --preset dti-province-922 --digits 4 --table "$@"
