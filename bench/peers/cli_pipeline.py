#!/usr/bin/env python3
"""What `chiso score --coinr-meta iMeta.csv --data iData.csv --out OUT` does, written the way a
pandas user would, end to end: read both files, min-max [0, 100] per indicator (direction
applied), weighted arithmetic mean per level with missing children skipped (one masked matrix
product per level), competition ranks of the root, and write one CSV row per unit with the
root, every other aggregate and the rank (the columns `chiso score` writes).

Usage: cli_pipeline.py iMeta.csv iData.csv OUT.csv
Timed from outside (bench/cli.sh), like the command line, in a fresh process.
"""

import sys

import numpy as np
import pandas as pd


def main():
    meta_path, data_path, out_path = sys.argv[1:4]
    meta = pd.read_csv(meta_path)
    df = pd.read_csv(data_path)
    ind = meta[meta.Type == "Indicator"].set_index("iCode")
    columns = list(ind.index)
    X = df[columns].to_numpy(dtype=float)
    d = ind.Direction.to_numpy(dtype=float)
    Xd = X * d
    lo = np.nanmin(Xd, axis=0)
    hi = np.nanmax(Xd, axis=0)
    Y = (Xd - lo) / (hi - lo) * 100.0
    scores = {}
    child_ids = columns
    top = int(meta.Level.max())
    for level in range(2, top + 1):
        parents = list(meta.iCode[(meta.Type == "Aggregate") & (meta.Level == level)])
        rows = meta.set_index("iCode").loc[child_ids]
        col = {p: k for k, p in enumerate(parents)}
        W = np.zeros((len(child_ids), len(parents)))
        W[np.arange(len(child_ids)), rows.Parent.map(col).to_numpy()] = rows.Weight.to_numpy()
        present = ~np.isnan(Y)
        num = np.where(present, Y, 0.0) @ W
        den = present.astype(float) @ W
        with np.errstate(invalid="ignore", divide="ignore"):
            Y = num / den
        Y[den == 0] = np.nan
        for k, p in enumerate(parents):
            scores[p] = Y[:, k]
        child_ids = parents
    root = child_ids[0]
    out = pd.DataFrame({"unit": df.uCode})
    out[root] = scores[root]
    for p in meta.iCode[meta.Type == "Aggregate"]:
        if p != root:
            out[p] = scores[p]
    out["rank"] = out[root].rank(method="min", ascending=False)
    out.to_csv(out_path, index=False)


if __name__ == "__main__":
    main()
