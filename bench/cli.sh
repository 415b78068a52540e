#!/usr/bin/env bash
# The command line end to end, as a user runs it, against the pandas peer on the same files in
# the same run: `chiso score --coinr-meta iMeta.csv --data iData.csv --out OUT` and
# bench/peers/cli_pipeline.py (pandas: read, min-max, weighted means, ranks, write). Also the
# CSV reader alone (bench/read_speed) in MB/s next to `cat FILE > /dev/null`, and the peak
# resident memory of each process. See docs/PERFORMANCE.md ("The command line").
#
# Usage: bench/cli.sh
# Environment:
#   BUILD_DIR   build directory (default: build-bench at the repository root)
#   SIZES       UxI comma-separated (default: 10000x200,1000000x100)
#   DATA_DIR    where the generated files go (default: /tmp/chiso-cli-bench; the 1,000,000 x 100
#               iData.csv is ~1.7 GB and stays out of the repository)
#   REPS        runs of each command, the median reported (default: 3)
#   PYTHON      interpreter with numpy and pandas (default: /usr/bin/python3)
#   SKIP_BUILD  1: use the binaries already in BUILD_DIR (bin/chiso, bench/dump_scores,
#               bench/read_speed) without configuring or building
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${BUILD_DIR:-$root/build-bench}
sizes=${SIZES:-10000x200,1000000x100}
data=${DATA_DIR:-/tmp/chiso-cli-bench}
reps=${REPS:-3}
python=${PYTHON:-/usr/bin/python3}
[ -x "$python" ] || python=python3

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "== build (Release) in $build"
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  [ -f "$build/CMakeCache.txt" ] && generator=()
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DCHISO_BENCH=ON \
    -DCHISO_TESTS=OFF -DCHISO_EXAMPLES=OFF -DCHISO_CLI=ON -DCHISO_INSTALL=OFF -DCHISO_PYTHON=OFF \
    >/dev/null
  cmake --build "$build" --target chiso_cli bench_dump_scores bench_read_speed >/dev/null
fi
chiso=$(find "$build" -maxdepth 2 -name chiso -type f -perm -u+x | head -1)
mkdir -p "$data"
echo "$(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# wall seconds, peak RSS (MB) and CPU seconds (user + system) of one command: "<s> <MB> <cpu>"
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$data/.time" "$@" >/dev/null
  awk '{printf "%s %.0f %.2f\n", $1, $2 / 1024, $3 + $4}' "$data/.time"
}
median() { sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

printf '%-12s %-8s %6s %7s %9s %8s %9s %8s %9s %12s %10s %10s\n' size file_MB cat_s read_s \
  read_MB/s chiso_s chiso_cpu pandas_s pandas_cpu pandas/chiso chiso_peak pandas_pk
for s in ${sizes//,/ }; do
  d=$data/$s
  mkdir -p "$d"
  if [ ! -f "$d/iData.csv" ]; then
    "$build/bench/dump_scores" "${s%x*}" "${s#*x}" "$d" >/dev/null
    "$python" "$here/peers/coinr_files.py" "$d/framework.csv" "$d/iMeta.csv"
    { printf 'uCode'; head -1 "$d/data.csv" | cut -c5-; tail -n +2 "$d/data.csv"; } >"$d/iData.csv"
    rm -f "$d/data.csv"
  fi
  f=$d/iData.csv
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN {printf "%.0f", b / 1e6}')
  cat_t=() chiso_t=() pandas_t=() chiso_m=() pandas_m=() chiso_c=() pandas_c=()
  for _ in $(seq "$reps"); do
    read -r t _ _ < <(measure sh -c "cat '$f' > /dev/null"); cat_t+=("$t")
    read -r t m c < <(measure "$chiso" score --coinr-meta "$d/iMeta.csv" --data "$f" --out "$d/out_chiso.csv")
    chiso_t+=("$t"); chiso_m+=("$m"); chiso_c+=("$c")
    read -r t m c < <(measure "$python" "$here/peers/cli_pipeline.py" "$d/iMeta.csv" "$f" "$d/out_pandas.csv")
    pandas_t+=("$t"); pandas_m+=("$m"); pandas_c+=("$c")
  done
  reader=$("$build/bench/read_speed" "$f" uCode 0 "$reps")
  read_s=$(echo "$reader" | sed 's/.*"best_s": \([0-9.]*\).*/\1/')
  read_mbs=$(echo "$reader" | sed 's/.*"mb_per_s": \([0-9.]*\).*/\1/')
  ct=$(printf '%s\n' "${cat_t[@]}" | median)
  cs=$(printf '%s\n' "${chiso_t[@]}" | median)
  ps=$(printf '%s\n' "${pandas_t[@]}" | median)
  cm=$(printf '%s\n' "${chiso_m[@]}" | median)
  pm=$(printf '%s\n' "${pandas_m[@]}" | median)
  cc=$(printf '%s\n' "${chiso_c[@]}" | median)
  pc=$(printf '%s\n' "${pandas_c[@]}" | median)
  ratio=$(awk -v a="$ps" -v b="$cs" -v c="$pc" -v d="$cc" 'BEGIN {printf "%.1f (cpu %.1f)", a / b, c / d}')
  printf '%-12s %-8s %6s %7s %9s %8s %9s %8s %9s %12s %10s %10s\n' "$s" "$mb" "$ct" "$read_s" \
    "$read_mbs" "$cs" "$cc" "$ps" "$pc" "$ratio" "${cm}MB" "${pm}MB"
  "$python" - "$d/out_chiso.csv" "$d/out_pandas.csv" <<'PY'
import sys
import numpy as np
import pandas as pd
a, b = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
assert list(a.columns) == list(b.columns), (list(a.columns), list(b.columns))
assert (a.unit.astype(str) == b.unit.astype(str)).all()
diff = np.nanmax(np.abs(a.iloc[:, 1:-1].to_numpy() - b.iloc[:, 1:-1].to_numpy()))
assert diff <= 1e-9, diff
assert (a["rank"].to_numpy() == b["rank"].to_numpy()).all()
print(f"             outputs agree: max |chiso - pandas| = {diff:.1e}, ranks identical")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
