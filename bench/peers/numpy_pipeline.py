#!/usr/bin/env python3
"""The full recompute of bench/bench_engine.cpp written the way a numpy/pandas user would.

Semantics (docs in /work/shared/PEERS.md, same as chiso's min_max + arithmetic_mean + rank):
  x' = (d*x - min)/(max - min) * 100          per indicator, d the direction, min/max of d*x
  parent = sum_avail w*x' / sum_avail w        one masked matrix product per level
  rank = 1 + number of units strictly higher    (pandas rank method="min", descending)
  missing stays missing.

Usage: numpy_pipeline.py <dir> [--min-repeats N] [--min-seconds S]
<dir> holds data.csv, framework.csv and chiso_root.csv written by bench/dump_scores.
Reading the CSV is timed on its own (once); the pipeline is timed in-process on the matrix
already in memory, repeated, and the median wall-clock and CPU times reported (numpy on
Debian 12 uses the reference BLAS, single-threaded, so CPU time ~ wall time on a quiet
machine). Memory: peak RSS while the pipeline runs (VmHWM reset before), and extra_mb = that
peak minus the RSS before, which already holds the input matrix. The result is checked against
chiso_root.csv: scores to 1e-12 (absolute; scores lie in [0, 100]) and ranks exactly.
Prints one JSON object on stdout; exits 1 if the check fails.
"""

import argparse
import json
import statistics
import sys
import time

import numpy as np
import pandas as pd


def status_mb(key):
    """A memory field of /proc/self/status (VmHWM: peak, VmRSS: current), in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024 / 1e6
    return float("nan")


def reset_hwm():
    """Resets VmHWM to the current RSS (Linux >= 4.0); False if not permitted."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def levels_of(meta, columns):
    """Weight matrices W (children x parents), bottom level first, and the directions."""
    ind = meta[meta.kind == "indicator"].set_index("id").loc[columns]
    direction = ind.direction.to_numpy(dtype=float)
    levels = []
    child_ids = list(columns)
    for kind in ("sub_pillar", "pillar", "index"):
        parent_ids = list(meta.id[meta.kind == kind])
        rows = meta.set_index("id").loc[child_ids]
        W = np.zeros((len(child_ids), len(parent_ids)))
        col = {p: k for k, p in enumerate(parent_ids)}
        W[np.arange(len(child_ids)), rows.parent.map(col).to_numpy()] = rows.weight.to_numpy()
        levels.append(W)
        child_ids = parent_ids
    return direction, levels


def pipeline(X, direction, levels):
    """Root scores and competition ranks for all units."""
    Xd = X * direction
    lo = np.nanmin(Xd, axis=0)
    hi = np.nanmax(Xd, axis=0)
    Y = (Xd - lo) / (hi - lo) * 100.0
    for W in levels:
        present = ~np.isnan(Y)
        num = np.where(present, Y, 0.0) @ W
        den = present.astype(float) @ W
        with np.errstate(invalid="ignore", divide="ignore"):
            Y = num / den
        Y[den == 0] = np.nan
    root = Y[:, 0]
    rank = pd.Series(root).rank(method="min", ascending=False).to_numpy()
    return root, rank


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--min-repeats", type=int, default=5)
    ap.add_argument("--min-seconds", type=float, default=1.0)
    a = ap.parse_args()

    t0, c0 = time.perf_counter(), time.process_time()
    df = pd.read_csv(f"{a.dir}/data.csv")
    read_s, read_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    meta = pd.read_csv(f"{a.dir}/framework.csv", keep_default_na=False)
    meta["weight"] = meta.weight.astype(float)
    columns = [c for c in df.columns if c != "unit"]
    X = df[columns].to_numpy(dtype=float)
    units = df.unit.to_numpy()
    del df
    direction, levels = levels_of(meta, columns)

    rss_before = status_mb("VmRSS")
    reset_ok = reset_hwm()
    times, cpu_times = [], []
    start = time.perf_counter()
    while len(times) < a.min_repeats or time.perf_counter() - start < a.min_seconds:
        t, c = time.perf_counter(), time.process_time()
        root, rank = pipeline(X, direction, levels)
        times.append(time.perf_counter() - t)
        cpu_times.append(time.process_time() - c)
        if len(times) >= 200:
            break
    peak_mb = status_mb("VmHWM")

    ref = pd.read_csv(f"{a.dir}/chiso_root.csv")
    ok = list(ref.unit) == list(units)
    s_ref = ref.score.to_numpy(dtype=float)
    r_ref = ref["rank"].to_numpy(dtype=float)
    both_nan = np.isnan(s_ref) & np.isnan(root)
    diff = np.where(both_nan, 0.0, np.abs(s_ref - root))
    max_diff = float(np.nanmax(diff)) if diff.size else 0.0
    ok = ok and bool(np.all(np.isfinite(diff))) and max_diff <= 1e-12
    rank_same = bool(np.array_equal(np.isnan(r_ref), np.isnan(rank)) and
                     np.array_equal(r_ref[~np.isnan(r_ref)], rank[~np.isnan(rank)]))
    ok = ok and rank_same

    out = {
        "units": int(X.shape[0]),
        "indicators": int(X.shape[1]),
        "median_s": statistics.median(times),
        "cpu_median_s": statistics.median(cpu_times),
        "min_s": min(times),
        "repeats": len(times),
        "read_csv_s": read_s,
        "read_csv_cpu_s": read_cpu_s,
        "input_mb": X.nbytes / 1e6,
        "peak_mb": peak_mb if reset_ok else None,
        "extra_mb": peak_mb - rss_before if reset_ok else None,
        "max_abs_diff": max_diff,
        "ranks_equal": rank_same,
        "check": "ok" if ok else "FAILED",
        "numpy": np.__version__,
        "pandas": pd.__version__,
    }
    print(json.dumps(out))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
