"""Statistics in Python (chiso.stats, Result.stats, summarise, correlation, cronbach_alpha,
pca): the very numbers of `chiso stats` (its four CSV files, compared exactly: the CLI prints
the shortest text that reads back to the same double), and the functions on their own checked
against hand computations."""

import math

import numpy as np
import pandas as pd
import pytest

import chiso
from conftest import COINR_DIR, parse_cli_csv, same_number

# A framework whose structure checks fire: a and b (children of p) correlate almost perfectly
# (collinear), c runs against p (negative_with_parent). Five units:
#   a = 1, 2, 3, 4, 5;  b = 2, 4, 6, 8, 11;  c = 5, 4, 3, 2, 1;  d = 3, 1, 4, 1, 5
FLAGGED_SPEC = """chiso: 1
id: flagged
indicators:
  - {id: a}
  - {id: b}
  - {id: c}
  - {id: d}
nodes:
  - {id: r, children: {p: 1, d: 1}}
  - {id: p, children: {a: 2, b: 2, c: 1}}
"""
FLAGGED_DATA = "unit,a,b,c,d\nu1,1,2,5,3\nu2,2,4,4,1\nu3,3,6,3,4\nu4,4,8,2,1\nu5,5,11,1,5\n"


def cell_equals(cell, value):
    """A CLI CSV cell equals a Python value: numbers exactly, text as is, None/NaN as ''."""
    if value is None:
        return cell == ""
    if isinstance(value, str):
        return cell == value
    return same_number(cell, float(value))


def check_frame(path, frame, columns):
    """The CSV file at `path` holds `frame` (index as the first column, then `columns`)."""
    header, rows = parse_cli_csv(path.read_text(encoding="utf-8"))
    assert header == [frame.index.name] + columns
    assert [r[0] for r in rows] == [str(i) for i in frame.index]
    for row, (key, values) in zip(rows, frame.iterrows()):
        for cell, col in zip(row[1:], columns):
            assert cell_equals(cell, values[col]), (path.name, key, col, cell, values[col])
    return len(rows)


def check_against_cli(out_dir, s: chiso.Stats):
    n = check_frame(out_dir / "stats.csv", s.indicators, list(s.indicators.columns[:10]))
    assert n == len(s.indicators) > 0
    corr = s.correlation
    assert check_frame(out_dir / "correlation.csv", corr, list(corr.columns)) == len(corr)
    check_frame(out_dir / "nodes.csv", s.nodes, list(s.nodes.columns))
    header, rows = parse_cli_csv((out_dir / "flags.csv").read_text(encoding="utf-8"))
    assert header == ["kind", "node", "child", "sibling", "r", "n"]
    assert len(rows) == len(s.flags)
    for row, (_, f) in zip(rows, s.flags.iterrows()):
        for cell, col in zip(row, header):
            assert cell_equals(cell, f[col]), (col, cell, f[col])


@pytest.mark.parametrize("level", ["raw", "prepared", "normalised", "all"])
@pytest.mark.parametrize("corr", ["pearson", "spearman"])
def test_preset_sample_equals_cli(cli, tmp_path, level, corr):
    rc, _, err = cli("stats", "--preset", "dti-province-922", "--level", level, "--corr", corr,
                     "--out-dir", str(tmp_path))
    assert rc == 0, err
    s = chiso.stats("dti-province-922", level=level, corr=corr, warn=False)
    check_against_cli(tmp_path, s)
    # raw, prepared and normalised describe the 9 indicators; all adds the 4 aggregate nodes.
    assert len(s.indicators) == (13 if level == "all" else 9)
    assert list(s.nodes.index) == ["dti", "pillar_gov", "pillar_econ", "pillar_society"]


def test_asem_with_a_negative_child_equals_cli(cli, tmp_path):
    meta, data = COINR_DIR / "asem_iMeta.csv", COINR_DIR / "asem_iData.csv"
    rc, _, err = cli("stats", "--coinr-meta", str(meta), "--data", str(data), "--level", "all",
                     "--corr", "spearman", "--out-dir", str(tmp_path))
    assert rc == 0, err
    fw, df = chiso.read_coinr(meta, data)
    s = chiso.score(fw, df, warn=False).stats(level="all", corr="spearman")
    check_against_cli(tmp_path, s)
    assert list(s.flags.kind) == ["negative_with_parent"]
    assert "negative_with:Instit" in s.indicators.loc["TBTs", "flags"].split(";")


def test_structure_flags_equal_cli_and_hand_counts(cli, tmp_path):
    (tmp_path / "f.yaml").write_text(FLAGGED_SPEC, encoding="utf-8")
    (tmp_path / "d.csv").write_text(FLAGGED_DATA, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    rc, _, err = cli("stats", "--framework", str(tmp_path / "f.yaml"), "--data",
                     str(tmp_path / "d.csv"), "--out-dir", str(out))
    assert rc == 0, err
    fw = chiso.load(tmp_path / "f.yaml")
    s = chiso.stats(fw, fw.read_data(tmp_path / "d.csv"))
    check_against_cli(out, s)
    # a and b: dx = -2..2, b - 6.2 = -4.2, -2.2, -0.2, 1.8, 4.8: Σdxdb = 8.4+2.2+0+1.8+9.6 = 22,
    # Σdx² = 10, Σdb² = 17.64+4.84+0.04+3.24+23.04 = 48.8, r = 22/√488 ≈ 0.9959 >= 0.9.
    collinear = s.flags[s.flags.kind == "collinear"]
    assert list(collinear[["node", "child", "sibling"]].itertuples(index=False)) == [
        ("p", "a", "b")]
    assert collinear.r.item() == pytest.approx(22 / math.sqrt(488), rel=1e-12)
    assert collinear.n.item() == 5
    assert s.indicators.loc["a", "flags"] == "collinear_with:b"
    assert s.indicators.loc["b", "flags"] == "collinear_with:a"
    # c falls as a rises: on min-max scores p = (2a' + 2b' + c')/5 rises with a, so c
    # correlates negatively with p.
    negative = s.flags[s.flags.kind == "negative_with_parent"]
    assert list(negative[["node", "child"]].itertuples(index=False)) == [("p", "c")]
    assert negative.r.item() < -0.4
    assert s.indicators.loc["c", "flags"] == "negative_with:p"
    # nodes: levels (p over indicators = 2, r over p = 3) and children counts.
    assert s.nodes.loc["p", ["level", "children"]].tolist() == [2, 3]
    assert s.nodes.loc["r", ["level", "children"]].tolist() == [3, 2]
    assert list(s.with_parent[s.with_parent.node == "p"].child) == ["a", "b", "c"]


def test_levels_and_bad_arguments():
    r = chiso.score("dti-province-922", warn=False)
    raw = r.stats()
    assert raw.level == "raw" and raw.method == "pearson"
    # raw describes the data as read, normalised the indicators' scores (identity here, so the
    # same numbers), all adds every aggregate node.
    assert list(r.stats("all").indicators.index[-4:]) == ["dti", "pillar_gov", "pillar_econ",
                                                          "pillar_society"]
    assert r.stats("normalized").level == "normalised"
    with pytest.raises(chiso.UsageError, match="level must be raw, prepared, normalised or all"):
        r.stats("raws")
    with pytest.raises(chiso.UsageError, match="method must be pearson or spearman"):
        r.stats(corr="kendall")


def test_prepared_level_after_imputation_and_treatment(cli, tmp_path):
    # x imputed by its region's mean, y Box-Cox (lambda 0.5: 2(sqrt(y) - 1)), as in
    # tests/cli/prepare_test.cpp. Prepared x = 2, 6, 10, 3 (u4 <- north mean (2 + 4)/2), 4:
    # coverage 1, mean 5; y = 0, 4, 2, 0, 0: mean 1.2. Raw x: 4 of 5 observed, mean 5.5.
    spec = tmp_path / "p.yaml"
    spec.write_text("chiso: 1\nid: prep\nimpute: {method: group_mean, group: region}\n"
                    "indicators:\n  - {id: x, method: {type: min_max, lo: 0, hi: 1}}\n"
                    "  - {id: y, method: {type: min_max, lo: 0, hi: 1}, impute: false,\n"
                    "     treat: {method: box_cox, lambda: 0.5}}\n"
                    "nodes:\n  - {id: top, children: [x, y]}\n", encoding="utf-8")
    data = tmp_path / "d.csv"
    data.write_text("unit,region,x,y\nu1,north,2,1\nu2,south,6,9\nu3,south,10,4\n"
                    "u4,north,,1\nu5,north,4,1\n", encoding="utf-8")
    fw = chiso.load(spec)
    r = fw.score(fw.read_data(data), warn=False)
    s = r.stats("prepared")
    assert s.indicators.loc["x", "coverage"] == 1 and s.indicators.loc["x", "mean"] == 5
    assert s.indicators.loc["y", "mean"] == pytest.approx(1.2, abs=1e-15)
    assert r.stats("raw").indicators.loc["x", "mean"] == 5.5
    (tmp_path / "out").mkdir()
    rc, _, err = cli("stats", "--framework", str(spec), "--data", str(data), "--level",
                     "prepared", "--out-dir", str(tmp_path / "out"))
    assert rc == 0, err
    check_against_cli(tmp_path / "out", s)


# -- the functions on their own, against hand computations -----------------------------------

def test_summarise_by_hand():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 10.0, np.nan],
                       "flat": [5.0, 5.0, 5.0, np.nan, np.nan],
                       "label": list("abcde")})  # text: left out
    s = chiso.summarise(df)
    assert list(s.index) == ["x", "flat"]
    assert list(s.columns[:10]) == ["coverage", "n", "min", "max", "mean", "sd", "skew",
                                    "kurtosis", "n_outliers", "flags"]
    x = s.loc["x"]
    # x: 4 of 5 observed; mean 4; d = -3, -2, -1, 6: Σd² = 50, Σd³ = 180, Σd⁴ = 1394.
    assert x["coverage"] == pytest.approx(0.8) and x["n"] == 4
    assert (x["min"], x["max"], x["mean"]) == (1.0, 10.0, 4.0)
    assert x["sd"] == pytest.approx(math.sqrt(50 / 3), rel=1e-15)
    # G1 = g1·√(n(n−1))/(n−2), g1 = 2·180/50^1.5 = 0.72√2 -> 0.72√6.
    assert x["skew"] == pytest.approx(0.72 * math.sqrt(6), rel=1e-13)
    # r = 4·1394/2500 = 2.2304; G2 = (5·(−0.7696) + 6)·3/2 = 3.228.
    assert x["kurtosis"] == pytest.approx(3.228, rel=1e-12)
    # Type-7 quartiles of 1, 2, 3, 10: Q1 = 1 + 0.75 = 1.75, median 2.5, Q3 = 3 + 0.25·7 = 4.75;
    # fences 1.75 − 4.5 = −2.75 and 4.75 + 4.5 = 9.25: 10 is the one outlier.
    assert (x["q1"], x["median"], x["q3"]) == (1.75, 2.5, 4.75)
    assert (x["lower_fence"], x["upper_fence"]) == (-2.75, 9.25)
    assert x["n_outliers"] == 1 and x["flags"] == "outliers"
    flat = s.loc["flat"]
    # 3 of 5 observed (0.6 < 0.65), all equal: no spread, 1 distinct of 3 (< 0.5).
    assert flat["coverage"] == pytest.approx(0.6) and flat["sd"] == 0.0
    assert math.isnan(flat["skew"]) and math.isnan(flat["kurtosis"])
    assert flat["flags"] == "no_spread;low_coverage;low_unique"
    # Thresholds are arguments: with min_coverage 0.5 the flat column is no longer flagged low.
    assert chiso.summarise(df, min_coverage=0.5).loc["flat", "flags"] == "no_spread;low_unique"


def test_correlation_by_hand():
    # Pearson, pairwise-complete: rows 1-3 complete; Σdxdy = 3, Σdx² = 2, Σdy² = 14/3,
    # r = 3/√(28/3) = √(27/28), over n = 3 rows.
    df = pd.DataFrame({"x": [1, 2, 3, 4, np.nan], "y": [2, 4, 5, np.nan, 9]})
    r, n = chiso.correlation(df, counts=True)
    assert r.loc["x", "y"] == pytest.approx(math.sqrt(27 / 28), rel=1e-14)
    assert r.loc["y", "x"] == r.loc["x", "y"] and r.loc["x", "x"] == 1.0
    assert n.loc["x", "y"] == 3 and n.loc["x", "x"] == 4 and n.loc["y", "y"] == 4
    # Spearman: ranks {1, 2.5, 2.5, 4, 5} and {1, 2, 3.5, 3.5, 5}, rho = 8.75/9.5 = 35/38.
    sp = pd.DataFrame({"x": [1, 2, 2, 3, 4], "y": [10, 20, 30, 30, 50]})
    assert chiso.correlation(sp, method="spearman").loc["x", "y"] == pytest.approx(35 / 38)
    # Cross-correlation: x's columns against y's (same rows).
    c = chiso.correlation(sp[["x"]], sp[["y"]], method="spearman")
    assert c.shape == (1, 1) and c.iloc[0, 0] == pytest.approx(35 / 38)
    with pytest.raises(chiso.UsageError, match="method must be pearson or spearman"):
        chiso.correlation(sp, method="kendall")


def test_cronbach_alpha_by_hand():
    # Items {1,2,3,4}, {2,1,4,3}, {1,3,2,4}: each variance 5/3; row totals 4, 6, 9, 11 with
    # variance 29/3; alpha = 3/2·(1 − 5/(29/3)) = 21/29.
    items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [2, 1, 4, 3], "c": [1, 3, 2, 4]})
    a = chiso.cronbach_alpha(items)
    assert a.alpha == pytest.approx(21 / 29, rel=1e-14)
    assert (a.k, a.n) == (3, 4)
    assert chiso.cronbach_alpha(items, rows="complete").alpha == pytest.approx(21 / 29)
    assert math.isnan(chiso.cronbach_alpha(items[["a"]]).alpha)  # k < 2


def test_pca_by_hand():
    # x = 1, 2, 3, 4 and y = 2, 1, 4, 3: Σdxdy = 3, Σdx² = Σdy² = 5, r = 0.6.
    # R = [[1, r], [r, 1]]: eigenvalues 1.6 and 0.4, explained 0.8 and 0.2, PC1 = (1, 1)/√2.
    p = chiso.pca(pd.DataFrame({"x": [1, 2, 3, 4], "y": [2, 1, 4, 3]}))
    assert p.status == "ok" and p.n == 4 and p.column is None
    assert p.components["eigenvalue"].tolist() == pytest.approx([1.6, 0.4], rel=1e-12)
    assert p.components["explained"].tolist() == pytest.approx([0.8, 0.2], rel=1e-12)
    assert p.components["cumulative"].tolist() == pytest.approx([0.8, 1.0], rel=1e-12)
    assert p.pc1.tolist() == pytest.approx([math.sqrt(0.5)] * 2, rel=1e-12)
    # r = −0.6: PC1 = (1, −1)/√2 (loadings sum to 0: the first one is made positive).
    q = chiso.pca(pd.DataFrame({"x": [1, 2, 3, 4], "y": [3, 4, 1, 2]}))
    assert q.pc1.tolist() == pytest.approx([math.sqrt(0.5), -math.sqrt(0.5)], rel=1e-12)
    # A constant column: nothing computed, and which column says why.
    z = chiso.pca(pd.DataFrame({"x": [1, 2, 3], "k": [7, 7, 7]}))
    assert (z.status, z.column, len(z.components)) == ("no_spread", "k", 0)
    assert chiso.pca(pd.DataFrame({"x": [1.0, np.nan], "y": [np.nan, 2.0]})).status == \
        "too_few_rows"
