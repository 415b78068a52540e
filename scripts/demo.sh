#!/usr/bin/env bash
# scripts/demo.sh -- build the chiso CLI and score the bundled 34-province DTI sample.
#
#   scripts/demo.sh                 chiso score --preset dti-province-922 --digits 4
#   scripts/demo.sh --top 10 ...    extra arguments are passed on to `chiso score`
#
# Environment: CHISO_BUILD_DIR (default build), CHISO_JOBS (default 2).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh

build_dir="${CHISO_BUILD_DIR:-build}"
jobs="${CHISO_JOBS:-2}"

chiso_ensure_deps

if [[ ! -f tools/chiso/main.cpp ]]; then
  echo "demo.sh: tools/chiso/main.cpp does not exist: the CLI is not in this tree yet" >&2
  exit 1
fi

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "$jobs" --target chiso_cli

echo
exec "$build_dir/bin/chiso" score --preset dti-province-922 --digits 4 "$@"
