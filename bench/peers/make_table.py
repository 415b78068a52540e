#!/usr/bin/env python3
"""Prints the one table of bench/run.sh from the Google Benchmark JSON and the numpy results.

Usage: make_table.py <engine.json> <numpy_dir> [--clock cpu|real]

Rows: every case of bench_engine at every size. Columns: chiso median, numpy median (full
recompute; for read_csv, pandas.read_csv timed once), floor median (the sum over the same matrix in the
same process), chiso/floor (cases that pass over the whole matrix), numpy/chiso, and peak
memory (chiso: input + what the case added, as a multiple of the input matrix).
"""

import argparse
import glob
import json
import os
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("engine_json")
    ap.add_argument("numpy_dir")
    ap.add_argument("--clock", choices=("cpu", "real"), default="cpu")
    a = ap.parse_args()

    with open(a.engine_json) as f:
        eng = json.load(f)
    key = "cpu_time" if a.clock == "cpu" else "real_time"
    med = {}  # (case, size) -> benchmark entry (median aggregate)
    for b in eng["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        name = b["run_name"].split("/")
        case, size = name[0], name[1]
        scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[b["time_unit"]]
        med[(case, size)] = dict(b, ms=b[key] * scale)

    peers = {}
    for path in glob.glob(os.path.join(a.numpy_dir, "numpy_*.json")):
        with open(path) as f:
            r = json.load(f)
        peers[f'{r["units"]}x{r["indicators"]}'] = r

    sizes = sorted({s for _, s in med}, key=lambda s: tuple(int(x) for x in s.split("x")))
    cases = ["full", "full2t", "lean", "geometric", "zscore", "compile", "rank", "read_csv", "floor", "floor_copy"]
    whole = {"full", "full2t", "lean", "geometric", "zscore", "read_csv", "floor_copy"}

    def ms(x):
        if x is None:
            return "-"
        return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"

    head = ["case", "units x ind", "chiso ms", "numpy ms", "floor ms", "chiso/floor",
            "numpy/chiso", "peak MB (x input)"]
    rows = []
    for s in sizes:
        floor = med.get(("floor", s), {}).get("ms")
        for c in cases:
            e = med.get((c, s))
            if e is None:
                continue
            p = peers.get(s)
            numpy = None
            if p and c in ("full", "full2t", "lean"):
                numpy = 1e3 * (p["cpu_median_s"] if a.clock == "cpu" else p["median_s"])
            if p and c == "read_csv":
                numpy = 1e3 * (p["read_csv_cpu_s"] if a.clock == "cpu" else p["read_csv_s"])
            ratio_floor = f'{e["ms"] / floor:.1f}' if floor and c in whole else "-"
            ratio_numpy = f'{numpy / e["ms"]:.1f}' if numpy else "-"
            mem = "-"
            if "peak_MB" in e:
                inp = e["input_MB"]
                mem = f'{inp + e["extra_MB"]:.0f} ({e["mem_x_input"]:.2f})'
                if p and c == "full" and p.get("extra_mb") is not None:
                    mem += f'; numpy {inp + p["extra_mb"]:.0f} ({(inp + p["extra_mb"]) / inp:.2f})'
            rows.append([c, s, ms(e["ms"]), ms(numpy), ms(floor), ratio_floor, ratio_numpy, mem])

    widths = [max(len(str(r[k])) for r in rows + [head]) for k in range(len(head))]
    line = lambda r: "| " + " | ".join(str(x).ljust(w) for x, w in zip(r, widths)) + " |"
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    bad = [s for s, p in peers.items() if p["check"] != "ok"]
    for s, p in sorted(peers.items()):
        print(f'numpy check {s}: {p["check"]} (max |score diff| {p["max_abs_diff"]:.1e}, '
              f'ranks equal: {p["ranks_equal"]})')
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
