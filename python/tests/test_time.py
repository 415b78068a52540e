"""Several periods in Python (chiso.score_periods, chiso.trend, chiso.targets, read_panel):
the very numbers of `chiso score` on periods, `chiso trend` and `chiso targets` (CSV files
compared cell by cell, exactly), periods given as a long file, a mapping of DataFrames or one
DataFrame with a period column, hand-worked trends and targets, and bad input."""

import math

import numpy as np
import pandas as pd
import pytest

import chiso
from conftest import assert_cli_csv

# tests/cli/time_test.cpp's panel: two identity indicators (score = value) and their mean.
# Targets: a's value 1 by 2027, the root's score 0.75 by 2026 (least squares).
PANEL_SPEC = """chiso: 1
id: panel
indicators:
  - {id: a, method: identity, targets: [{value: 1, deadline: 2027}]}
  - {id: b, method: identity}
nodes:
  - id: top
    children: {a: 1, b: 1}
    targets: [{value: 0.75, deadline: 2026}]
"""

# Periods written 2024 first (they sort by value); u2 has no row in 2025.
#   2023: u1 a .5  b .25 -> top .375   u2 a .25 b .75 -> .5   u3 a 1  b .75 -> .875
#   2024: u1 a .75 b .75 -> .75        u2 a .5  b .5  -> .5   u3 a .5 b .5  -> .5
#   2025: u1 a .875 b .875 -> .875                            u3 a .625 b .375 -> .5
# Ranks (descending, competition): 2023 u3 1, u2 2, u1 3; 2024 u1 1, u2 2, u3 2 (tie);
# 2025 u1 1, u3 2.
PANEL_DATA = """unit,period,indicator,value
u1,2024,a,0.75
u1,2024,b,0.75
u2,2024,a,0.5
u2,2024,b,0.5
u3,2024,a,0.5
u3,2024,b,0.5
u1,2023,a,0.5
u1,2023,b,0.25
u2,2023,a,0.25
u2,2023,b,0.75
u3,2023,a,1
u3,2023,b,0.75
u1,2025,a,0.875
u1,2025,b,0.875
u3,2025,a,0.625
u3,2025,b,0.375
"""

WIDE = {2023: "unit,a,b\nu1,0.5,0.25\nu2,0.25,0.75\nu3,1,0.75\n",
        2024: "unit,a,b\nu1,0.75,0.75\nu2,0.5,0.5\nu3,0.5,0.5\n",
        2025: "unit,a,b\nu1,0.875,0.875\nu3,0.625,0.375\n"}


@pytest.fixture
def panel(tmp_path):
    (tmp_path / "panel.yaml").write_text(PANEL_SPEC, encoding="utf-8")
    (tmp_path / "panel.csv").write_text(PANEL_DATA, encoding="utf-8")
    fw = chiso.load(tmp_path / "panel.yaml")
    return fw, chiso.read_panel(tmp_path / "panel.csv", fw), tmp_path


def args(d, *more):
    return ("--framework", str(d / "panel.yaml"), "--data", str(d / "panel.csv")) + more


# ---- scores ------------------------------------------------------------------------------

def test_read_panel_keeps_the_files_periods(panel):
    fw, data, _ = panel
    assert list(data) == ["2024", "2023", "2025"]  # as in the file; scoring sorts them
    assert list(data["2025"].index) == ["u1", "u3"]
    assert data["2023"].loc["u3", "a"] == 1


def test_score_periods_equals_cli(cli, panel):
    fw, data, d = panel
    rc, out, err = cli("score", *args(d, "--all"))
    assert rc == 0, err
    p = chiso.score_periods(fw, data)
    assert p.periods == ["2023", "2024", "2025"]
    assert assert_cli_csv(out, p.table(indicators=True).reset_index()) == 8
    # By hand (header comment).
    s = p.scores()
    assert s.loc["u1"].tolist() == [0.375, 0.75, 0.875]
    assert s.loc["u3"].tolist() == [0.875, 0.5, 0.5]
    assert s.loc["u2", "2023"] == 0.5 and math.isnan(s.loc["u2", "2025"])
    r = p.ranks()
    assert r["2024"].tolist() == [1, 2, 2]
    assert r["2025"].tolist()[0::2] == [1, 2]
    # Indicator a ranked like the root: 2023 a = .5, .25, 1 -> 2, 3, 1.
    assert p.ranks("a")["2023"].tolist() == [2, 3, 1]


def test_inputs_in_every_shape_give_the_same_scores(tmp_path, panel):
    fw, data, _ = panel
    base = chiso.score_periods(fw, data).table(indicators=True)
    frames = {}
    for year, text in WIDE.items():
        path = tmp_path / f"y{year}.csv"
        path.write_text(text, encoding="utf-8")
        frames[year] = chiso.read_data(path, fw)
    # A mapping with int keys, given out of order: keys kept, sorted by value.
    p = fw.score_periods({2025: frames[2025], 2023: frames[2023], 2024: frames[2024]})
    assert p.periods == [2023, 2024, 2025]
    t = p.table(indicators=True)
    assert np.array_equal(t.to_numpy(dtype=float), base.to_numpy(dtype=float), equal_nan=True)
    # One DataFrame with a period column, and one with a (period, unit) index.
    long = pd.concat([f.assign(year=y) for y, f in frames.items()])
    q = chiso.score_periods(fw, long, period="year")
    assert np.array_equal(q.scores().to_numpy(), p.scores().to_numpy(), equal_nan=True)
    stacked = pd.concat(frames, names=["period", "unit"])
    m = chiso.score_periods(fw, stacked)
    assert np.array_equal(m.scores().to_numpy(), p.scores().to_numpy(), equal_nan=True)
    assert m[2024].rank.tolist() == [1, 2, 2]
    assert m["2024"].rank.tolist() == [1, 2, 2]


def test_pooled_scaling_takes_statistics_over_all_periods():
    # min_max on x: per period 2023 {0, 10} -> A 0, B 1 and 2024 {10, 20} -> A 0, B 1;
    # pooled over {0, 10, 10, 20}: (x - 0) / 20 -> 2023 A 0, B .5; 2024 A .5, B 1.
    spec = {"id": "p", "indicators": [{"id": "x"}], "nodes": [{"id": "n", "children": ["x"]}]}
    data = {2023: pd.DataFrame({"x": [0.0, 10.0]}, index=["A", "B"]),
            2024: pd.DataFrame({"x": [10.0, 20.0]}, index=["A", "B"])}
    per = chiso.score_periods(chiso.Framework.from_dict(spec), data).scores()
    pooled = chiso.score_periods(
        chiso.Framework.from_dict({**spec, "periods": {"scaling": "pooled"}}), data).scores()
    assert per.to_numpy().tolist() == [[0, 0], [1, 1]]
    assert pooled.to_numpy().tolist() == [[0, 0.5], [0.5, 1]]


def test_imputation_along_the_periods_weighs_the_years():
    # periods: impute: interpolate, years 2019, 2020, 2022; x min-max to [0, 1] per period.
    # A: 10, -, 16 -> 2020 = 10 + (1/3)*6 = 12; B: 0, -, 4 -> 4/3; C observed 6.
    # 2020 min-max over 12, 4/3, 6: A 1, B 0, C (6 - 4/3)/(12 - 4/3) = 14/32 = 0.4375
    # (with period indices instead of years it would be (6 - 2)/(13 - 2) = 4/11).
    spec = {"id": "p", "indicators": [{"id": "x", "method": {"type": "min_max", "lo": 0, "hi": 1}}],
            "nodes": [{"id": "n", "children": ["x"]}],
            "periods": {"impute": "interpolate"}}
    data = {2019: pd.DataFrame({"x": [10.0, 0.0, 5.0]}, index=["A", "B", "C"]),
            2020: pd.DataFrame({"x": [np.nan, np.nan, 6.0]}, index=["A", "B", "C"]),
            2022: pd.DataFrame({"x": [16.0, 4.0, 7.0]}, index=["A", "B", "C"])}
    scores = chiso.score_periods(chiso.Framework.from_dict(spec), data).scores()
    assert scores[2020].tolist() == [1.0, 0.0, 0.4375]
    # Without it only C is observed in 2020: no spread, so no scores that year.
    del spec["periods"]
    bare = chiso.score_periods(chiso.Framework.from_dict(spec), data).scores()
    assert bare[2020].isna().all()


# ---- trend -------------------------------------------------------------------------------

def test_trend_equals_cli_and_the_hand_calculation(cli, panel):
    fw, data, d = panel
    rc, out, err = cli("trend", *args(d))
    assert rc == 0, err
    t = chiso.trend(fw, data)
    assert assert_cli_csv(out, t) == 6
    # score_change = to - from, rank_change = rank_from - rank_to (> 0: moved up):
    #   u1 2023->2024: .75 - .375 = .375, 3 - 1 = 2;  u3: .5 - .875 = -.375, 1 - 2 = -1;
    #   u2 2024->2025: absent in 2025 -> missing_after, no change.
    row = t[(t.unit == "u1") & (t["from"] == "2023")].iloc[0]
    assert (row.score_change, row.rank_change, row.status) == (0.375, 2, "observed")
    row = t[(t.unit == "u3") & (t["from"] == "2023")].iloc[0]
    assert (row.score_change, row.rank_change) == (-0.375, -1)
    row = t[(t.unit == "u2") & (t["from"] == "2024")].iloc[0]
    assert row.status == "missing_after" and math.isnan(row.score_change)


def test_trend_between_two_periods_for_chosen_nodes(cli, panel):
    # 2023 -> 2025: u1 .875 - .375 = .5, 3 - 1 = 2; indicator a ranked like the root:
    # u1 a .5 -> .875 = .375, rank 2 -> 1 = +1.
    fw, data, d = panel
    rc, out, err = cli("trend", *args(d, "--from", "2023", "--to", "2025", "--nodes", "top,a"))
    assert rc == 0, err
    p = chiso.score_periods(fw, data)
    t = p.trend(["top", "a"], start="2023", end="2025")
    assert assert_cli_csv(out, t) == 6
    u1 = t[t.unit == "u1"].set_index("node")
    assert (u1.loc["top", "score_change"], u1.loc["top", "rank_change"]) == (0.5, 2)
    assert (u1.loc["a", "score_change"], u1.loc["a", "rank_change"]) == (0.375, 1)


def test_trend_base_last_observed_bridges_a_gap(cli, tmp_path):
    # A: .25, .5, .75 in 2023-2025; B: .5 in 2023 and 2025, absent in 2024. Ranks: 2023 B 1,
    # A 2; 2024 A 1; 2025 A 1, B 2. last_observed: B 2024 -> 2025 from 2023: .5 - .5 = 0,
    # rank 1 - 2 = -1.
    (tmp_path / "x.yaml").write_text("chiso: 1\nid: x\nindicators: [{id: x, method: identity}]\n"
                                     "nodes: [{id: n, children: [x]}]\n", encoding="utf-8")
    (tmp_path / "d.csv").write_text("unit,period,indicator,value\nA,2023,x,0.25\nB,2023,x,0.5\n"
                                    "A,2024,x,0.5\nA,2025,x,0.75\nB,2025,x,0.5\n",
                                    encoding="utf-8")
    rc, out, err = cli("trend", "--framework", str(tmp_path / "x.yaml"), "--data",
                       str(tmp_path / "d.csv"), "--base", "last_observed")
    assert rc == 0, err
    fw = chiso.load(tmp_path / "x.yaml")
    t = chiso.trend(fw, chiso.read_panel(tmp_path / "d.csv", fw), base="last_observed")
    assert assert_cli_csv(out, t) == 4
    b = t[(t.unit == "B") & (t["to"] == "2025")].iloc[0]
    assert (b.base, b.score_change, b.rank_change) == ("2023", 0, -1)


# ---- targets -----------------------------------------------------------------------------

def test_targets_equal_cli_and_the_hand_calculation(cli, panel):
    fw, data, d = panel
    rc, out, err = cli("targets", *args(d))
    assert rc == 0, err
    t = chiso.targets(fw, data)
    assert assert_cli_csv(out, t) == 2 * 8
    # Indicator a's value against T = 1 by D = 2027, u1 in 2024 (.5 then .75): attainment .75,
    # gap .25, g = (4/3)^(1/3) - 1; line through (2023, .5), (2024, .75) gives 1.5 at 2027;
    # compound .75 * 1.5^3 = 2.53125: on_track.
    row = t[(t.id == "a") & (t.period == "2024") & (t.unit == "u1")].iloc[0]
    assert row.attainment == 0.75 and row.gap == 0.25
    assert row.required_growth == pytest.approx((4 / 3) ** (1 / 3) - 1, abs=1e-15)
    assert row.projection_least_squares == pytest.approx(1.5, abs=1e-12)
    assert row.projection_compound == pytest.approx(2.53125, abs=1e-12)
    assert (row.observations, row.status) == (2, "on_track")
    # u3 in 2023 (a = 1): achieved.
    row = t[(t.id == "a") & (t.period == "2023") & (t.unit == "u3")].iloc[0]
    assert (row.growth_case, row.status, row.gap) == ("achieved", "achieved", 0)
    assert t[(t.period == "2025") & (t.unit == "u2")].empty  # absent from 2025


def test_targets_summary_equals_cli(cli, panel):
    # a, 2024: u1 and u2 on_track, u3 (.5 + 3 * (-.5) = -1 at 2027) off_track.
    fw, data, d = panel
    rc, out, err = cli("targets", *args(d, "--summary"))
    assert rc == 0, err
    s = chiso.targets(fw, data, summary=True)
    assert assert_cli_csv(out, s) == 6
    row = s[(s.id == "a") & (s.period == "2024")].iloc[0]
    assert (row.achieved, row.on_track, row.off_track, row.no_data, row.total) == (0, 2, 1, 0, 3)
    assert s[(s.id == "a") & (s.period == "2025")].iloc[0].total == 2


def test_targets_summary_per_group_equals_cli(cli, tmp_path):
    # Ranking groups g1 = {u1, u2}, g2 = {u3}; a in 2024: g1 2 on_track, g2 1 off_track.
    (tmp_path / "g.yaml").write_text(PANEL_SPEC + "ranking: {group_by: region}\n",
                                     encoding="utf-8")
    lines = PANEL_DATA.strip().split("\n")
    text = "unit,region,period,indicator,value\n" + "".join(
        f"{l[:2]},{'g2' if l[1] == '3' else 'g1'}{l[2:]}\n" for l in lines[1:])
    (tmp_path / "g.csv").write_text(text, encoding="utf-8")
    fw = chiso.load(tmp_path / "g.yaml")
    data = chiso.read_panel(tmp_path / "g.csv", fw)
    for extra in ((), ("--summary",)):
        rc, out, err = cli("targets", "--framework", str(tmp_path / "g.yaml"), "--data",
                           str(tmp_path / "g.csv"), *extra)
        assert rc == 0, err
        assert assert_cli_csv(out, chiso.targets(fw, data, summary=bool(extra))) > 0
    s = chiso.targets(fw, data, summary=True)
    g = s[(s.id == "a") & (s.period == "2024")].set_index("region")
    assert (g.loc["g1", "on_track"], g.loc["g2", "off_track"], g.loc["g2", "total"]) == (2, 1, 1)


# ---- bad input ---------------------------------------------------------------------------

def test_trend_and_targets_need_what_they_track(tmp_path, panel):
    fw, data, _ = panel
    one = {"2023": data["2023"]}
    with pytest.raises(chiso.InputError, match="the data has one period; a trend needs two"):
        chiso.trend(fw, one)
    quarters = {"Q1": data["2023"], "Q2": data["2024"]}
    with pytest.raises(chiso.InputError, match="targets: period 'Q1' is not a number"):
        chiso.targets(fw, quarters)
    none = chiso.Framework.from_dict({"id": "none", "indicators": [{"id": "a"}, {"id": "b"}],
                                      "nodes": [{"id": "n", "children": ["a", "b"]}]})
    with pytest.raises(chiso.InputError, match="declares no targets"):
        chiso.targets(none, data)


def test_bad_trend_arguments(panel):
    fw, data, _ = panel
    p = chiso.score_periods(fw, data)
    with pytest.raises(chiso.UsageError, match="give both start= and end="):
        p.trend(start="2023")
    with pytest.raises(chiso.UsageError, match="start '2025' must come before end '2023'"):
        p.trend(start="2025", end="2023")
    with pytest.raises(chiso.UsageError,
                       match=r"'2019' is not a period of the data \(periods: '2023', '2024', "
                             r"'2025'\)"):
        p.trend(start="2019", end="2023")
    with pytest.raises(chiso.UsageError, match="'ghost' is not a node or indicator"):
        p.trend(["ghost"])
    with pytest.raises(chiso.UsageError, match="period '2023' is given twice"):
        chiso.score_periods(fw, {2023: data["2023"], "2023": data["2024"]})


def test_bad_long_file_names_file_line_column(tmp_path, panel):
    fw, _, _ = panel
    bad = tmp_path / "bad.csv"
    bad.write_text(PANEL_DATA.replace("u2,2024,b,0.5", "u2,2024,b,x.5"), encoding="utf-8")
    with pytest.raises(chiso.InputError, match=f"{bad}:5:4: column 'value': 'x.5'"):
        chiso.read_panel(bad, fw)
    rep = tmp_path / "rep.csv"
    rep.write_text(PANEL_DATA + "u1,2023,a,0.5\n", encoding="utf-8")
    with pytest.raises(chiso.InputError,
                       match="unit 'u1', indicator 'a', period '2023' repeats line 8"):
        chiso.read_panel(rep, fw)


def test_bad_value_in_one_period_names_the_period(panel):
    fw, data, _ = panel
    frames = dict(data)
    frames["2024"] = frames["2024"].copy()
    frames["2024"].loc["u2", "a"] = np.inf
    with pytest.raises(chiso.InputError, match="period '2024': unit 'u2': column 'a'"):
        chiso.score_periods(fw, frames)
    frames["2024"] = data["2024"].drop(columns="b")
    with pytest.raises(chiso.InputError, match="period '2024': "):
        chiso.score_periods(fw, frames)


def test_diagnostics_are_the_clis_warnings_prefixed_by_period(cli, tmp_path):
    # x (min-max) is constant in 2023: a column diagnostic; r = num / pop has a zero
    # denominator for u1 in 2024: a cell diagnostic naming the unit and its line (11).
    (tmp_path / "w.yaml").write_text(
        "chiso: 1\nid: w\nindicators:\n  - {id: x}\n"
        "  - {id: r, column: num, denominator: pop, method: identity}\n"
        "nodes:\n  - {id: n, children: [x, r]}\n", encoding="utf-8")
    (tmp_path / "w.csv").write_text(
        "unit,period,indicator,value\nu1,2023,x,1\nu2,2023,x,1\nu1,2023,num,1\nu1,2023,pop,2\n"
        "u2,2023,num,1\nu2,2023,pop,2\nu1,2024,x,1\nu2,2024,x,2\nu1,2024,num,1\nu1,2024,pop,0\n"
        "u2,2024,num,1\nu2,2024,pop,4\n", encoding="utf-8")
    rc, _, err = cli("score", "--framework", str(tmp_path / "w.yaml"), "--data",
                     str(tmp_path / "w.csv"))
    assert rc == 0, err
    cli_warnings = [l[len("warning: "):] for l in err.splitlines() if l.startswith("warning: ")]
    fw = chiso.load(tmp_path / "w.yaml")
    with pytest.warns(chiso.ScoreWarning) as record:
        p = chiso.score_periods(fw, chiso.read_panel(tmp_path / "w.csv", fw))
    assert [str(w.message) for w in record] == cli_warnings
    assert len(cli_warnings) == 2
    assert cli_warnings[0].startswith("period 2023: ")
    assert cli_warnings[1].startswith(f"period 2024: unit 'u1' ({tmp_path / 'w.csv'}:")
    assert list(p.diagnostics.period) == ["2023", "2024"]
