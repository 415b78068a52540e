"""Uncertainty and sensitivity analysis in Python (chiso.uncertainty, chiso.sensitivity): the
very numbers of `chiso uncertainty` and `chiso sensitivity` (their CSV files compared cell by
cell, exactly), the laws of docs/robustness.md (same seed -> the same frames on 1 and 2
threads; no perturbation -> every interval collapses to the nominal rank; an input without
effect has total index 0), a replication re-run alone, and bad input."""

import numpy as np
import pandas as pd
import pytest

import chiso
from conftest import COINR_DIR, SOURCE_DIR, assert_cli_csv

ASEM_META = COINR_DIR / "asem_iMeta.csv"
ASEM_DATA = COINR_DIR / "asem_iData.csv"
ASEM_CHOICES = SOURCE_DIR / "examples" / "asem-robust.yaml"

# tests/cli/cli_fixture.hpp's tiny framework. Every indicator min-max to [0, 1]:
#   a = 0, 32, 64 -> 0, .5, 1;  b = 10, 26, 18 -> 0, 1, .5;  c = 5, 1, 3 (lower is better)
#   -> 0, 1, .5.  p = (a + 3b)/4 = 0, .875, .625;  top = (p + c)/2 = 0, .9375, .5625,
# so the ranks of top (and of p) are u1 3, u2 1, u3 2.
TINY_SPEC = """chiso: 1
id: tiny
name: "Khung thử nghiệm"
bands:
  - {label: high, min: 0.5}
  - {label: low}
indicators:
  - {id: a, name: "Chỉ số A", valid: [0, 100]}
  - {id: b}
  - {id: c, direction: -1}
nodes:
  - {id: top, children: {p: 1, c: 1}}
  - {id: p, children: {a: 1, b: 3}}
"""
TINY_DATA = "unit,name,a,b,c\nu1,Hà Nội,0,10,5\nu2,Huế,32,26,1\nu3,Đà Nẵng,64,18,3\n"

MOVING = """chiso_robustness: 1
replications: 200
seed: 11
inputs:
  - {id: w, type: weights, nodes: all, uniform: 0.9}
  - {id: norm, type: normalisation, alternatives: [minmax:0:1, zscore:0:1]}
  - {id: drop, type: leave_out, indicators: [a, b, c], include_none: true}
"""


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "tiny.yaml").write_text(TINY_SPEC, encoding="utf-8")
    (tmp_path / "data.csv").write_text(TINY_DATA, encoding="utf-8")
    fw = chiso.load(tmp_path / "tiny.yaml")
    return fw, chiso.read_data(tmp_path / "data.csv", fw), tmp_path


@pytest.fixture(scope="module")
def asem():
    return chiso.read_coinr(ASEM_META, ASEM_DATA)


# ---- the CLI's numbers -------------------------------------------------------------------

def test_uncertainty_equals_cli_on_asem(cli, tmp_path, asem):
    # examples/asem-robust.yaml: preparation (impute by EurAsia_group, winmax 1-5), weights of
    # levels 3 and 4, min-max or z-score, arithmetic or geometric mean; Conn and Sust tracked.
    out, draws, samples = tmp_path / "u.csv", tmp_path / "d.csv", tmp_path / "s.csv"
    rc, _, err = cli("uncertainty", "--coinr-meta", str(ASEM_META), "--data", str(ASEM_DATA),
                     "--choices", str(ASEM_CHOICES), "--replications", "300", "--threads", "2",
                     "--out", str(out), "--draws", str(draws), "--samples", str(samples),
                     "--quiet")
    assert rc == 0, err
    fw, df = asem
    with pytest.warns(chiso.ScoreWarning) as record:  # the nominal scoring's, as the CLI's
        u = chiso.uncertainty(fw, df, ASEM_CHOICES, replications=300, threads=1)
    assert [str(w.message) for w in record] == [
        line[len("warning: "):] for line in err.splitlines() if line.startswith("warning: ")]
    assert len(record) > 0
    assert u.inputs == ["winsorisation", "weights", "normalisation", "aggregation"]
    assert u.nodes == ["Index", "Conn", "Sust"]
    assert u.seed == 20240601 and u.replications == 300 and u.threads == 1
    assert assert_cli_csv(out.read_text(encoding="utf-8"), u.summary) == 3 * 51
    assert assert_cli_csv(draws.read_text(encoding="utf-8"), u.draws) == 300
    assert assert_cli_csv(samples.read_text(encoding="utf-8"), u.samples) == 300 * 3 * 51
    # The ranks do move (else the comparison would prove little).
    root = u.summary[u.summary.node == "Index"]
    assert (root.rank_upper > root.rank_lower).sum() > 10
    assert u._gil_released


def test_sensitivity_equals_cli_on_asem(cli, tmp_path, asem):
    out, units = tmp_path / "sa.csv", tmp_path / "units.csv"
    rc, _, err = cli("sensitivity", "--coinr-meta", str(ASEM_META), "--data", str(ASEM_DATA),
                     "--choices", str(ASEM_CHOICES), "--n", "40", "--bootstrap", "200",
                     "--out", str(out), "--units", str(units), "--quiet")
    assert rc == 0, err
    fw, df = asem
    s = chiso.sensitivity(fw, df, ASEM_CHOICES, n=40, bootstrap=200, warn=False)
    assert (s.n, s.runs, s.bootstrap, s.confidence) == (40, 40 * 6, 200, 0.95)
    assert assert_cli_csv(out.read_text(encoding="utf-8"), s.indices) == 4
    assert assert_cli_csv(units.read_text(encoding="utf-8"), s.units) == 51 * 4
    assert list(s.y_ab.columns) == s.inputs and s.y_ab.shape == (40, 4)
    assert s._gil_released


def test_tiny_summary_and_units_carry_names(cli, tiny):
    fw, df, d = tiny
    (d / "m.yaml").write_text(MOVING, encoding="utf-8")
    rc, out, err = cli("uncertainty", "--framework", str(d / "tiny.yaml"), "--data",
                       str(d / "data.csv"), "--choices", str(d / "m.yaml"), "--track", "p,a",
                       "--quiet")
    assert rc == 0, err
    u = chiso.uncertainty(fw, df, d / "m.yaml", track=["p", "a"])
    assert list(u.summary.columns[:3]) == ["unit", "name", "node"]
    assert assert_cli_csv(out, u.summary) == 9


# ---- laws and hand-worked cases ----------------------------------------------------------

def test_same_seed_identical_frames_on_one_and_two_threads(tiny):
    fw, df, _ = tiny
    one = chiso.uncertainty(fw, df, MOVING, threads=1)
    two = chiso.uncertainty(fw, df, MOVING, threads=2)
    assert (one.threads, two.threads) == (1, 2)
    for a, b in ((one.summary, two.summary), (one.draws, two.draws),
                 (one.samples, two.samples)):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
    # Another seed draws differently (the comparison above is not vacuous).
    other = chiso.uncertainty(fw, df, MOVING, seed=12)
    assert not one.draws.equals(other.draws)
    s1 = chiso.sensitivity(fw, df, MOVING, n=60, bootstrap=50, threads=1)
    s2 = chiso.sensitivity(fw, df, MOVING, n=60, bootstrap=50, threads=2)
    pd.testing.assert_frame_equal(s1.indices, s2.indices, check_exact=True)
    pd.testing.assert_frame_equal(s1.units, s2.units, check_exact=True)


def test_zero_perturbation_collapses_every_interval(tiny):
    # Weights x U(1 - 0, 1 + 0) are the nominal weights: every replication is the nominal
    # model (scores and ranks in the header comment: top 0, .9375, .5625 and p 0, .875, .625;
    # ranks 3, 1, 2 for both).
    fw, df, _ = tiny
    choices = {"replications": 50, "seed": 7, "track": ["p"],
               "inputs": [{"id": "w", "type": "weights", "nodes": "all", "uniform": 0}]}
    u = chiso.uncertainty(fw, df, choices)
    s = u.summary.set_index(["node", "unit"])
    want_score = {("top", "u1"): 0, ("top", "u2"): 0.9375, ("top", "u3"): 0.5625,
                  ("p", "u1"): 0, ("p", "u2"): 0.875, ("p", "u3"): 0.625}
    want_rank = {"u1": 3, "u2": 1, "u3": 2}
    assert len(s) == 6
    for (node, unit), row in s.iterrows():
        assert row.nominal_score == want_score[(node, unit)]
        assert row.nominal_rank == want_rank[unit]
        for k in ("rank_mean", "rank_median", "rank_lower", "rank_upper"):
            assert row[k] == want_rank[unit], (node, unit, k)
        for k in ("score_mean", "score_median", "score_lower", "score_upper"):
            assert row[k] == want_score[(node, unit)], (node, unit, k)
        assert row.missing == 0
    assert (u.mean_abs_rank_shift == 0).all()


def test_replicate_reproduces_a_replication(tiny):
    # A replication that left out b: p = a, top = (a + c)/2 = 0, .75, .75 -> u2 and u3 tie at
    # rank 1 (competition ranks), u1 3.
    fw, df, _ = tiny
    choices = ("chiso_robustness: 1\nreplications: 40\nseed: 3\n"
               "inputs:\n  - {id: drop, type: leave_out, indicators: [b, c]}\n")
    u = chiso.uncertainty(fw, df, choices)
    left_b = u.draws.index[u.draws["drop"] == "b"]
    assert len(left_b) > 0
    k = int(left_b[0])
    r = u.replicate(k)
    assert list(r.scores["top"]) == [0, 0.75, 0.75]
    assert list(r.rank) == [3, 1, 1]
    run = u.samples[u.samples.replication == k]
    assert list(run.score) == list(r.scores["top"])
    assert list(run["rank"]) == list(r.rank)
    # Its framework is the model drawn: b has weight 0 in p.
    assert (("p", "b", 0.0) in set(map(tuple, r.framework.weights.to_numpy().tolist())))
    with pytest.raises(chiso.UsageError, match="0 to 39"):
        u.replicate(40)


def test_idle_input_has_total_index_zero(tiny):
    # Rescaling every indicator to [0, 100] instead of [0, 1] scales every score by 100 and
    # moves no rank: y_AB^(scale) = y_A exactly, so S_T(scale) = 1/(2N) sum (y_A - y_AB)^2 / V
    # = 0; the weights (x U(0.1, 1.9)) move the ranks and take the rest (S_T near 1).
    fw, df, _ = tiny
    choices = {"seed": 5, "sensitivity": {"n": 400, "bootstrap": 200},
               "inputs": [{"id": "w", "type": "weights", "nodes": "all", "uniform": 0.9},
                          {"id": "scale", "type": "normalisation",
                           "alternatives": ["minmax:0:1", "minmax:0:100"]}]}
    s = chiso.sensitivity(fw, df, choices)
    x = s.indices.set_index("input")
    assert x.loc["scale", "total"] == 0
    assert abs(x.loc["scale", "first"]) < 0.2
    assert x.loc["w", "total"] > 0.8
    assert x.loc["w", "total_lower"] <= x.loc["w", "total"] <= x.loc["w", "total_upper"]
    assert s.variance > 0
    assert (s.y_ab["scale"] == s.y_a).all()


def test_choices_as_path_text_and_dict_agree(tiny):
    fw, df, d = tiny
    (d / "m.yaml").write_text(MOVING, encoding="utf-8")
    from_path = chiso.uncertainty(fw, df, d / "m.yaml", replications=30)
    from_str_path = chiso.uncertainty(fw, df, str(d / "m.yaml"), replications=30)
    from_text = chiso.uncertainty(fw, df, MOVING, replications=30)
    as_dict = {"replications": 30, "seed": 11, "inputs": [
        {"id": "w", "type": "weights", "nodes": "all", "uniform": 0.9},
        {"id": "norm", "type": "normalisation", "alternatives": ["minmax:0:1", "zscore:0:1"]},
        {"id": "drop", "type": "leave_out", "indicators": ["a", "b", "c"],
         "include_none": True}]}
    from_dict = fw.uncertainty(df, as_dict)
    for other in (from_str_path, from_text, from_dict):
        pd.testing.assert_frame_equal(from_path.summary, other.summary, check_exact=True)
        pd.testing.assert_frame_equal(from_path.draws, other.draws, check_exact=True)


def test_samples_can_be_left_out(tiny):
    fw, df, _ = tiny
    u = chiso.uncertainty(fw, df, MOVING, replications=20, samples=False)
    with pytest.raises(chiso.UsageError, match="samples=False"):
        u.samples
    assert len(u.summary) == 3


# ---- bad input ---------------------------------------------------------------------------

def test_bad_choices_file_names_file_line_column(tiny):
    fw, df, d = tiny
    bad = d / "bad.yaml"
    bad.write_text("chiso_robustness: 1\ninputs:\n"
                   "  - {id: w, type: weights, nodes: [top, nope], uniform: 0.2}\n",
                   encoding="utf-8")
    with pytest.raises(chiso.InputError) as e:
        chiso.uncertainty(fw, df, bad)
    assert str(e.value).startswith(f"{bad}:3:")
    assert "unknown node 'nope'" in str(e.value)
    # Unknown key with a hint, in a dict: positions refer to the dict written as JSON.
    with pytest.raises(chiso.InputError) as e:
        chiso.sensitivity(fw, df, {"replicatons": 5, "inputs": [
            {"id": "w", "type": "weights", "uniform": 0.2}]})
    assert str(e.value).startswith("<choices>:3:")
    assert "did you mean 'replications'?" in str(e.value)
    with pytest.raises(chiso.InputError, match="missing.yaml"):
        chiso.uncertainty(fw, df, d / "missing.yaml")


def test_unknown_tracked_node(tiny):
    fw, df, d = tiny
    # In the file: file:line:column and the place.
    with pytest.raises(chiso.InputError) as e:
        chiso.uncertainty(fw, df, "chiso_robustness: 1\ntrack: [p, zz]\n"
                                  "inputs:\n  - {id: w, type: weights, uniform: 0.2}\n")
    assert str(e.value).startswith("<choices>:2:")
    assert "'track'[1]: unknown node or indicator 'zz'" in str(e.value)
    # As an argument: a usage error.
    with pytest.raises(chiso.UsageError, match="unknown node or indicator 'zz'"):
        chiso.uncertainty(fw, df, MOVING, track=["zz"])


def test_bad_arguments(tiny):
    fw, df, _ = tiny
    with pytest.raises(chiso.UsageError, match="choices= is required"):
        chiso.uncertainty(fw, df)
    with pytest.raises(chiso.UsageError, match="replications must be a whole number from 1"):
        chiso.uncertainty(fw, df, MOVING, replications=0)
    with pytest.raises(chiso.UsageError, match="confidence must be a number between 0 and 1"):
        chiso.sensitivity(fw, df, MOVING, confidence=1)
    with pytest.raises(chiso.UsageError, match="interval needs 0 <= lower <= upper <= 1"):
        chiso.uncertainty(fw, df, MOVING, interval=(0.9, 0.1))
    with pytest.raises(TypeError, match="choices must be"):
        chiso.uncertainty(fw, df, 42)
