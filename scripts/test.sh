#!/usr/bin/env bash
# scripts/test.sh -- build and test chiso.
#
#   scripts/test.sh               Release build (-Werror) in build/, all tests
#   scripts/test.sh --sanitize    ... then an ASan+UBSan build (-O1) in build-asan/ and its tests
#   scripts/test.sh --lint        ... first the lint phase: clang-format, the test names
#                                 lower_snake_case (scripts/check_test_names.sh) and every
#                                 public header compiled on its own (scripts/check_headers.sh)
#   CI=true scripts/test.sh       lint, Release, ASan+UBSan (as .ci/run does)
#
# Environment: CHISO_BUILD_DIR (default build), CHISO_ASAN_BUILD_DIR (default
# ${CHISO_BUILD_DIR}-asan), CHISO_JOBS (default 2).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/deps.sh
source scripts/deps.sh

sanitize=false
lint=false
if [[ "${CI:-}" == "true" ]]; then
  sanitize=true
  lint=true
fi
for arg in "$@"; do
  case "$arg" in
    --sanitize) sanitize=true ;;
    --lint | --format) lint=true ;;
    -h | --help)
      sed -n '2,13p' "$0"
      exit 0
      ;;
    *)
      echo "test.sh: unknown argument '$arg' (expected --sanitize, --lint or --help)" >&2
      exit 2
      ;;
  esac
done

build_dir="${CHISO_BUILD_DIR:-build}"
asan_dir="${CHISO_ASAN_BUILD_DIR:-${build_dir}-asan}"
jobs="${CHISO_JOBS:-2}"

timings=()
phase_start=0
phase() {
  phase_name="$1"
  phase_start=$SECONDS
  echo
  echo "=== ${phase_name} ==="
}
phase_done() {
  local took=$((SECONDS - phase_start))
  timings+=("$(printf '%-28s %4d s' "$phase_name" "$took")")
  echo "=== ${phase_name}: ${took} s ==="
}
print_timings() {
  local rc=$?
  echo
  echo "=== timings (total ${SECONDS} s) ==="
  local t
  for t in "${timings[@]}"; do echo "  $t"; done
  if ((rc != 0)); then echo "  FAILED in: ${phase_name:-setup}"; fi
}
trap print_timings EXIT

phase "dependencies"
chiso_ensure_deps
phase_done

if [[ "$lint" == "true" ]]; then
  phase "clang-format check"
  dirs=()
  for d in include src tools tests bench examples python/src; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  files=()
  if ((${#dirs[@]} > 0)); then
    mapfile -t files < <(find "${dirs[@]}" -type f \( -name '*.hpp' -o -name '*.cpp' \) | sort)
  fi
  echo "clang-format $(clang-format --version | grep -o '[0-9][0-9.]*' | head -1): ${#files[@]} files"
  unformatted=()
  if ! printf '%s\0' "${files[@]}" |
    xargs -0 -P "$jobs" -n 40 clang-format --dry-run --Werror >/dev/null 2>&1; then
    for f in "${files[@]}"; do
      clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
    done
  fi
  if ((${#unformatted[@]} > 0)); then
    for f in "${unformatted[@]}"; do
      diff -u --label "$f" --label "$f (clang-formatted)" "$f" <(clang-format "$f") || true
    done | head -n 300
    echo "clang-format: ${#unformatted[@]} file(s) need formatting:" >&2
    printf '  %s\n' "${unformatted[@]}" >&2
    echo "fix with: clang-format -i ${unformatted[*]}" >&2
    exit 1
  fi
  phase_done

  phase "test names"
  bash scripts/check_test_names.sh
  phase_done

  phase "header check"
  CHISO_JOBS="$jobs" bash scripts/check_headers.sh
  phase_done
fi

phase "configure release"
# CHISO_PYTHON=ON: the Python module and its pytest suite are part of the check (explicit, so a
# build directory configured before the module existed builds it too).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHISO_WERROR=ON -DCHISO_PYTHON=ON
phase_done

phase "build release"
cmake --build "$build_dir" -j "$jobs"
phase_done

phase "test release"
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
phase_done

if [[ "$sanitize" == "true" ]]; then
  phase "configure asan"
  # Debug with line tables only (-g1): enough for ASan's stack traces; CHISO_SANITIZE adds -O1.
  cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DCHISO_WERROR=ON -DCHISO_SANITIZE=ON -DCHISO_BENCH=OFF -DCHISO_EXAMPLES=OFF
  phase_done

  phase "build asan"
  cmake --build "$asan_dir" -j "$jobs"
  phase_done

  phase "test asan"
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_stack_use_after_return=1:strict_string_checks=1}" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    ctest --test-dir "$asan_dir" --output-on-failure -j "$jobs"
  phase_done
fi

echo
echo "chiso: all checks passed"
