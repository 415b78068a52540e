"""Result.gap and chiso.whatif, worked by hand (the same cases as tests/whatif/)."""

import math

import numpy as np
import pandas as pd
import pytest

import chiso


def three_units():
    # min-max on observed bounds, index = mean(a, b), ranked on 4 decimals:
    #        a   b    index  rank
    #   A    8   2    0.4    3
    #   B   10   4    0.625  1
    #   C    0  10    0.5    2
    fw = chiso.Framework.from_dict({
        "id": "three",
        "ranking": {"round_to": 4},
        "indicators": [{"id": "a"}, {"id": "b"}],
        "nodes": [{"id": "index", "children": {"a": 1, "b": 1}}],
    })
    data = pd.DataFrame({"a": [8.0, 10.0, 0.0], "b": [2.0, 4.0, 10.0]},
                        index=pd.Index(["A", "B", "C"], name="unit"))
    return fw, data


def test_gap_recomputes_observed_bounds():
    fw, data = three_units()
    r = chiso.score(fw, data)
    g = r.gap("A", to_rank=1)
    # a: beyond 10, A holds the maximum; B's index (10/t + 0.25)/2 must publish 0.5000, i.e.
    # t > 10/0.7501. b: above 4 B holds the minimum; (0.8 + (t - 4)/6)/2 >= 0.49995 <=>
    # t >= 5.1994.
    assert g["target_rank"] == 1 and g["rank_now"] == 3 and not g["already"]
    ind = g["indicators"]
    assert ind.loc["a", "value_needed"] == pytest.approx(10 / 0.7501, abs=1e-9)
    assert ind.loc["b", "value_needed"] == pytest.approx(5.1994, abs=1e-9)
    assert ind.loc["a", "status"] == "reachable"
    assert ind.loc["a", "column"] == "a"
    full = r.gap("A", to_rank=1, full=True)["indicators"]
    assert list(full["value_needed"]) == list(ind["value_needed"])
    # Default: one rank up (2): a tie with C's 0.5: t/20 >= 0.49995 <=> t >= 9.999.
    d = r.gap("A")
    assert d["target_rank"] == 2 and d["score_needed"] == 0.5
    assert d["indicators"].loc["a", "value_needed"] == pytest.approx(9.999, abs=1e-9)
    assert r.gap("B")["already"]
    with pytest.raises(chiso.UsageError):
        r.gap("A", to_rank=1, to_score=0.5)
    with pytest.raises(chiso.InputError):
        r.gap("Z")


def test_whatif_before_and_after():
    fw, data = three_units()
    # A.a = 13.5: A 0.5, B (10/13.5 + 0.25)/2 = 0.495370, C 0.5: A and C 1st, B 3rd.
    w = chiso.whatif(fw, data, set={"A.a": 13.5})
    assert list(w["rank_before"]) == [3, 1, 2]
    assert list(w["rank_after"]) == [1, 3, 1]
    assert w.loc["B", "score_after"] == pytest.approx((10 / 13.5 + 0.25) / 2, abs=1e-15)
    assert list(w["rank_change"]) == [2, -2, 1]
    full = chiso.whatif(fw, data, set={("A", "a"): 13.5}, full=True)
    assert (full["score_after"].to_numpy() == w["score_after"].to_numpy()).all()
    # Weights a 3, b 1: A 0.6, B 0.8125, C 0.25.
    v = chiso.whatif(fw, data, weights={"index.a": 3})
    assert list(v["score_after"]) == pytest.approx([0.6, 0.8125, 0.25], abs=1e-15)
    with pytest.raises(chiso.UsageError):
        chiso.whatif(fw, data, weights={"index.z": 3})


def goalposts_mean():
    # Goalposts [0, 10] (valid [0, 10]), index = mean with weights a 2, b 1:
    #        a  b   index
    #   A    2  4   (0.4 + 0.4)/3 = 0.2667
    #   B    6  6   0.6
    #   C    5  2   (1.0 + 0.2)/3 = 0.4
    ind = {"method": "goalposts", "bounds": [0, 10], "valid": [0, 10]}
    fw = chiso.Framework.from_dict({
        "id": "gp",
        "indicators": [dict(ind, id="a"), dict(ind, id="b")],
        "nodes": [{"id": "index", "children": {"a": 2, "b": 1}}],
    })
    data = pd.DataFrame({"a": [2.0, 6.0, 5.0], "b": [4.0, 6.0, 2.0]},
                        index=pd.Index(["A", "B", "C"], name="unit"))
    return fw, data


def test_cheapest_combination():
    fw, data = goalposts_mean()
    r = chiso.score(fw, data)
    # A to 0.5: (2 y_a + y_b)/3 >= 0.5. Equal cost per unit of score: a gains 2/3 per unit,
    # b 1/3: all on a, y_a = 0.55, a = 5.5, cost 0.35.
    c = r.cheapest("A", to_score=0.5)
    assert c["reachable"] and not c["unit_costs"]
    assert list(c["indicators"].index) == ["a"]
    assert c["indicators"].loc["a", "value_needed"] == pytest.approx(5.5, abs=1e-9)
    assert c["total_cost"] == pytest.approx(0.35, abs=1e-9)
    # Costs per unit of value a 3, b 1: per unit of score a 30, b 10; index per cost a 1/45,
    # b 1/30: b to its limit 10 (cost 6), then 2 y_a + 1 = 1.5, a = 2.5 (cost 1.5): 7.5.
    c = r.cheapest("A", to_score=0.5, cost={"a": 3, "b": 1})
    assert c["unit_costs"]
    assert c["indicators"].loc["a", "value_needed"] == pytest.approx(2.5, abs=1e-9)
    assert c["indicators"].loc["b", "value_needed"] == pytest.approx(10, abs=1e-9)
    assert c["total_cost"] == pytest.approx(7.5, abs=1e-8)
    assert r.cheapest("B", to_rank=1)["already"]
    u = r.cheapest("A", to_score=0.9, cost={"b": 1})  # b alone: at most (0.4 + 1)/3
    assert not u["reachable"] and u["reason"] and u["indicators"].empty
    with pytest.raises(chiso.UsageError):
        r.cheapest("A", to_score=0.5, cost={"z": 1})
    fw2 = chiso.Framework.from_dict({
        "id": "gm",
        "indicators": [{"id": "a", "method": "goalposts", "bounds": [0, 10]},
                       {"id": "b", "method": "goalposts", "bounds": [0, 10]}],
        "nodes": [{"id": "index", "children": {"a": 2, "b": 1},
                   "method": "geometric_mean"}],
    })
    with pytest.raises(chiso.UsageError, match="geometric_mean"):
        chiso.score(fw2, data).cheapest("A", to_score=0.5)
