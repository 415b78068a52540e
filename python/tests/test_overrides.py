"""Method overrides per call, checked against hand computations.

The framework: indicators a (higher is better) and b (lower is better), index = weighted
arithmetic mean with weights a: 2, b: 1. Three units:

    unit   a    b
    u1     2    5
    u2     4    3
    u3    10    9
"""

import math

import numpy as np
import pandas as pd
import pytest

import chiso

SPEC = {
    "id": "mini",
    "indicators": [{"id": "a"}, {"id": "b", "direction": -1}],
    "nodes": [{"id": "index", "children": {"a": 2, "b": 1}}],
}


@pytest.fixture
def fw():
    return chiso.Framework.from_dict(SPEC)


@pytest.fixture
def data():
    return pd.DataFrame({"a": [2.0, 4.0, 10.0], "b": [5.0, 3.0, 9.0]},
                        index=pd.Index(["u1", "u2", "u3"], name="unit"))


def approx(x):
    return pytest.approx(x, rel=1e-12, abs=1e-12)


def test_minmax_0_100_by_hand(fw, data):
    r = chiso.score(fw, data, normalise="minmax:0:100")
    # a: min 2, max 10 -> (x - 2) / 8 * 100 = 0, 25, 100
    assert list(r.indicators["a"]) == approx([0.0, 25.0, 100.0])
    # b, lower is better: d·x = -5, -3, -9; m = -9, M = -3 -> (d·x + 9) / 6 * 100
    #   = 4/6·100, 6/6·100, 0 = 66.666..., 100, 0
    assert list(r.indicators["b"]) == approx([400 / 6, 100.0, 0.0])
    # index = (2a + b) / 3 = (0 + 66.67)/3, (50 + 100)/3, (200 + 0)/3
    assert list(r.scores["index"]) == approx([400 / 18, 50.0, 200 / 3])
    assert list(r.rank) == [3.0, 2.0, 1.0]
    # Contributions: 2/3·a and 1/3·b; each row adds up to the score.
    c = r.contributions()
    assert list(c["a"]) == approx([0.0, 50 / 3, 200 / 3])
    assert list(c["b"]) == approx([400 / 18, 100 / 3, 0.0])
    assert list(c.sum(axis=1)) == approx(list(r.scores["index"]))


def test_default_minmax_is_0_1(fw, data):
    # Without an override the spec's default method (min_max to [0, 1]) applies.
    r = chiso.score(fw, data)
    assert list(r.indicators["a"]) == approx([0.0, 0.25, 1.0])


def test_zscore_10_2_by_hand(fw, data):
    r = chiso.score(fw, data, normalise="zscore:10:2")
    # a: mean = 16/3; deviations -10/3, -4/3, 14/3; sample variance
    #   = (100/9 + 16/9 + 196/9) / 2 = 312/18 = 52/3; sd = sqrt(52/3)
    sd_a = math.sqrt(52 / 3)
    za = [(-10 / 3) / sd_a, (-4 / 3) / sd_a, (14 / 3) / sd_a]
    assert list(r.indicators["a"]) == approx([10 + 2 * z for z in za])
    # b, negated: -5, -3, -9; mean -17/3; deviations 2/3, 8/3, -10/3;
    #   variance = (4/9 + 64/9 + 100/9) / 2 = 168/18 = 28/3
    sd_b = math.sqrt(28 / 3)
    zb = [(2 / 3) / sd_b, (8 / 3) / sd_b, (-10 / 3) / sd_b]
    assert list(r.indicators["b"]) == approx([10 + 2 * z for z in zb])
    assert list(r.scores["index"]) == approx(
        [(2 * (10 + 2 * x) + (10 + 2 * y)) / 3 for x, y in zip(za, zb)])


def test_geometric_mean_by_hand(fw, data):
    r = chiso.score(fw, data, normalise="minmax:1:2", aggregate="gmean")
    # a -> 1, 1.25, 2; b -> 1 + 4/6, 2, 1; index = (a^2 · b)^(1/3)
    a = [1.0, 1.25, 2.0]
    b = [1 + 4 / 6, 2.0, 1.0]
    assert list(r.scores["index"]) == approx([(x * x * y) ** (1 / 3) for x, y in zip(a, b)])
    # Not additive: contributions are refused with the library's message.
    with pytest.raises(chiso.UsageError, match="'index' is not additive \\(geometric_mean\\)"):
        r.contributions()


def test_spec_form_equals_shorthand(fw, data):
    a = chiso.score(fw, data, normalise={"type": "min_max", "lo": 0, "hi": 100},
                    aggregate={"type": "generalised_mean", "p": 0.5})
    b = chiso.score(fw, data, normalise="minmax:0:100", aggregate="genmean:0.5")
    assert np.array_equal(a.all_scores.to_numpy(), b.all_scores.to_numpy())
    # generalised mean of order 0.5 by hand: ((2·sqrt(a) + sqrt(b)) / 3)^2
    av, bv = [0.0, 25.0, 100.0], [400 / 6, 100.0, 0.0]
    assert list(a.scores["index"]) == approx(
        [((2 * math.sqrt(x) + math.sqrt(y)) / 3) ** 2 for x, y in zip(av, bv)])


def test_per_indicator_overrides(fw, data):
    r = chiso.score(fw, data, normalise={"a": "rank", "*": "minmax:0:100"})
    # a ranked ascending (worst 1, best 3): 1, 2, 3; b min-max to [0, 100] as above.
    assert list(r.indicators["a"]) == [1.0, 2.0, 3.0]
    assert list(r.indicators["b"]) == approx([400 / 6, 100.0, 0.0])
    assert list(r.scores["index"]) == approx(
        [(2 * 1 + 400 / 6) / 3, (2 * 2 + 100) / 3, (2 * 3 + 0) / 3])
    # The framework itself is unchanged (overrides are per call).
    assert list(fw.indicators["method"]) == ["min_max", "min_max"]


def test_per_node_override_and_methods_reported(fw):
    g = fw.with_methods(aggregate={"index": "min"})
    assert g.nodes.loc["index", "method"] == "minimum"
    assert fw.nodes.loc["index", "method"] == "arithmetic_mean"
    assert fw.with_methods() is fw


def test_override_keeps_bounds_goalposts(data):
    spec = {**SPEC, "indicators": [{"id": "a", "bounds": [0, 20]},
                                   {"id": "b", "direction": -1, "bounds": [0, 10]}]}
    r = chiso.score(chiso.Framework.from_dict(spec), data, normalise="goalposts:100")
    # a: 100·(x - 0)/20 = 10, 20, 50; b: 100·(10 - x)/10 = 50, 70, 10
    assert list(r.indicators["a"]) == approx([10.0, 20.0, 50.0])
    assert list(r.indicators["b"]) == approx([50.0, 70.0, 10.0])


def test_bad_overrides_raise_clean_errors(fw, data):
    with pytest.raises(chiso.UsageError) as e:
        chiso.score(fw, data, normalise="minmax:a")
    assert str(e.value).startswith("normalise='minmax:a': lo must be a finite number, got 'a'")
    assert "zscore[:MEAN[:SD]]" in str(e.value)  # lists the accepted forms
    with pytest.raises(chiso.UsageError, match="unknown aggregation 'mean'"):
        chiso.score(fw, data, aggregate="mean")
    with pytest.raises(chiso.UsageError,
                       match=r"normalise=\{'type': 'min_max', 'low': 0\}:1:21: method 'min_max': "
                             r"unknown parameter 'low'.*did you mean 'lo'\?"):
        chiso.score(fw, data, normalise={"type": "min_max", "low": 0})
    with pytest.raises(chiso.UsageError, match="unknown indicator 'c' \\(indicators: 'a', 'b'\\)"):
        chiso.score(fw, data, normalise={"c": "rank"})
    with pytest.raises(chiso.UsageError, match="point rules cannot replace every indicator"):
        chiso.score(fw, data, normalise={"type": "binary"})
    with pytest.raises(chiso.FrameworkError,
                       match="invalid after the override.*\n.*indicator 'a': goalposts needs "
                             "fixed bounds"):
        chiso.score(fw, data, normalise="goalposts")
    with pytest.raises(TypeError):
        chiso.score(fw, data, normalise=3)
