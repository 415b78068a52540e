#!/usr/bin/env bash
# Bulk recalculation benchmarks in one run: chiso (Google Benchmark, with the memory floor in
# the same process) against an idiomatic numpy/pandas pipeline on the same data, as one table.
# See docs/PERFORMANCE.md for what each case measures and a table from a real run.
#
# Usage: bench/run.sh [--quick]
#   --quick          sizes 1000x200 and 10000x200 only, 3 repetitions (about 2 minutes)
# Environment:
#   BUILD_DIR        build directory (default: build-bench at the repository root)
#   SIZES            chiso sizes, UxI comma-separated (default: all nine)
#   NUMPY_SIZES      numpy sizes (default: all but 100000x1000, whose CSV would be ~1.5 GB)
#   CLOCK            cpu (default) or real: which median the table shows
#   PYTHON           interpreter with numpy and pandas (default: /usr/bin/python3)
#   REPS, MIN_TIME   repetitions (median of) and minimum seconds per repetition (5, 0.1)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build-bench}
all="1000x50,1000x200,1000x1000,10000x50,10000x200,10000x1000,100000x50,100000x200,100000x1000"
sizes=${SIZES:-$all}
numpy_sizes=${NUMPY_SIZES:-${all%,100000x1000}}
reps=${REPS:-5}
min_time=${MIN_TIME:-0.1}
clock=${CLOCK:-cpu}
python=${PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3
if [ "${1:-}" = "--quick" ]; then
  sizes=${SIZES:-1000x200,10000x200}
  numpy_sizes=${NUMPY_SIZES:-$sizes}
  reps=${REPS:-3}
fi

data=$build/bench-data
out=$build/bench-results
mkdir -p "$data" "$out"
rm -f "$out"/numpy_*.json
start=$(date +%s)

echo "== build (Release) in $build"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[ -f "$build/CMakeCache.txt" ] && generator=()  # keep the generator it was made with
cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCHISO_BENCH=ON \
  -DCHISO_TESTS=OFF -DCHISO_EXAMPLES=OFF -DCHISO_CLI=OFF -DCHISO_INSTALL=OFF >/dev/null
cmake --build "$build" --target bench_bench_engine bench_dump_scores >/dev/null
engine=$build/bench/bench_engine
dump=$build/bench/dump_scores

echo "== machine"
lscpu | sed -n 's/^Model name: *//p' | head -1
echo "$(nproc) cores; $(free -g | awk '/^Mem:/ {print $2}') GiB; $(c++ --version | head -1)"
echo "flags: $(sed -n 's/^CMAKE_CXX_FLAGS_RELEASE:STRING=//p' "$build/CMakeCache.txt") (CMake Release)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== data (generated once per size; CSV for the numpy peer)"
for s in ${numpy_sizes//,/ }; do
  d=$data/$s
  if [ ! -f "$d/chiso_root.csv" ] || [ "$dump" -nt "$d/chiso_root.csv" ]; then
    "$dump" "${s%x*}" "${s#*x}" "$d"
  else
    echo "$s: reusing $d"
  fi
done

echo "== chiso benchmarks (reps $reps, min time ${min_time}s)"
"$engine" --sizes="$sizes" --reps="$reps" --min-time="$min_time" --data-dir="$data" \
  --benchmark_out="$out/engine.json" --benchmark_out_format=json >"$out/engine.txt"
grep -E '_median' "$out/engine.txt" | sed 's|/min_time:[^ ]*_median||' | awk '{print "  " $0}' \
  | cut -c1-110

echo "== numpy peer"
for s in ${numpy_sizes//,/ }; do
  "$python" "$here/peers/numpy_pipeline.py" "$data/$s" >"$out/numpy_$s.json"
  echo "  $s: $(cat "$out/numpy_$s.json")" | cut -c1-160
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - start )) s in all"
echo
echo "== table (medians of $clock time; floor = sum of the same matrix in the same process)"
"$python" "$here/peers/make_table.py" "$out/engine.json" "$out" --clock "$clock"
