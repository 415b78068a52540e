#!/usr/bin/env python3
"""Writes the COINr iMeta.csv of a bench problem from bench/dump_scores's framework.csv
(id, kind, parent, weight, direction): indicators at Level 1, sub-pillars 2, pillars 3,
the index 4. Usage: coinr_files.py framework.csv iMeta.csv"""

import csv
import sys

LEVEL = {"indicator": 1, "sub_pillar": 2, "pillar": 3, "index": 4}

with open(sys.argv[1]) as f, open(sys.argv[2], "w", newline="") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["iCode", "iName", "Level", "Direction", "Weight", "Type", "Parent"])
    for r in csv.DictReader(f):
        ind = r["kind"] == "indicator"
        w.writerow([r["id"], r["id"], LEVEL[r["kind"]], r["direction"] if ind else "NA",
                    r["weight"] or "1", "Indicator" if ind else "Aggregate", r["parent"] or "NA"])
