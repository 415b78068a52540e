#!/usr/bin/env bash
# scripts/check_headers.sh -- every public header compiles on its own, twice in one translation
# unit (include guard), with the project's warnings as errors. Syntax only (no code generated):
# part of CI's lint phase, not of the build. Then the model headers a user includes
# (framework, indicator, dataset, fwd) must not reach the analysis, time, robust or live layers
# nor Eigen's decompositions (docs/building.md): their include closure is listed with -M.
#
#   scripts/check_headers.sh            all of include/chiso/**/*.hpp, CHISO_JOBS at a time
#   scripts/check_headers.sh FILE...    just these headers (paths under include/)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cxx=${CXX:-g++}
jobs=${CHISO_JOBS:-2}
eigen=$(pkg-config --cflags eigen3 2>/dev/null || echo -I/usr/include/eigen3)
if (($# > 0)); then
  headers=("$@")
else
  mapfile -t headers < <(cd include && find chiso -name '*.hpp' | sort)
fi

check_one() {
  local header=${1#include/}
  if ! printf '#include <%s>\n#include <%s>\n' "$header" "$header" |
    $cxx -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -Iinclude $eigen \
      -x c++ - 2>"$tmp/$(echo "$header" | tr / _).err"; then
    echo "header check: $header does not compile on its own:" >&2
    cat "$tmp/$(echo "$header" | tr / _).err" >&2
    return 1
  fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export -f check_one
export cxx eigen tmp
echo "header check: ${#headers[@]} headers, $jobs at a time"
printf '%s\n' "${headers[@]}" | xargs -P "$jobs" -I{} bash -c 'check_one "$1"' _ {}
echo "header check: all ${#headers[@]} headers compile on their own"

# The model headers stay lean: no analysis/, time/, robust/, live/ header and no Eigen
# decomposition module in what they include, directly or not.
model_headers=(chiso/framework.hpp chiso/indicator.hpp chiso/dataset.hpp chiso/fwd.hpp)
forbidden='include/chiso/(analysis|time|robust|live)/|Eigen/(Eigenvalues|SVD|QR|Cholesky|LU|Dense|Eigen)$|Eigen/src/(Eigenvalues|SVD|QR|Cholesky|LU)/'
reach_failed=0
for header in "${model_headers[@]}"; do
  [[ -f include/$header ]] || continue
  reached=$(printf '#include <%s>\n' "$header" |
    $cxx -std=c++20 -M -Iinclude $eigen -x c++ - | tr ' \\' '\n\n' | grep -E "$forbidden" | sort -u || true)
  if [[ -n $reached ]]; then
    echo "header check: $header reaches what a model header must not:" >&2
    printf '  %s\n' $reached >&2
    reach_failed=1
  fi
done
((reach_failed == 0)) || exit 1
echo "header check: ${model_headers[*]} reach no analysis/time/robust/live header nor Eigen decomposition"
