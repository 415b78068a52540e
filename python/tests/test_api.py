"""The Python API: presets by name, frameworks from files and dicts, result frames."""

import shutil

import numpy as np
import pandas as pd
import pytest

import chiso
from conftest import COINR_DIR, PRESETS_DIR


# -- presets ----------------------------------------------------------------------------------

def test_presets_listed_with_their_sample_kind():
    p = chiso.presets()
    assert {"dti-province-922", "dti-ministry-922", "dti-province-1726", "psq-766"} <= set(p.index)
    assert (p["sample"] == "synthetic").all()  # every bundled sample is invented
    assert (p["error"] == "").all()
    assert p.loc["psq-766", "file"].endswith("psq-766.yaml")


def test_presets_dir_search_order(tmp_path, monkeypatch):
    shutil.copy(PRESETS_DIR / "dti-province-1726.yaml", tmp_path / "only-one.yaml")
    monkeypatch.setenv("CHISO_PRESETS", str(tmp_path))
    assert chiso.presets_dir() == str(tmp_path)
    assert list(chiso.presets().index) == ["only-one"]
    assert chiso.preset("only-one").id == "dti-province-1726"
    # An explicit directory wins over the environment.
    assert chiso.preset("psq-766", presets_dir=PRESETS_DIR).id == "psq-766"
    # A wrong environment variable is an error, not a silent fallback.
    monkeypatch.setenv("CHISO_PRESETS", str(tmp_path / "missing"))
    with pytest.raises(chiso.InputError, match="CHISO_PRESETS='.*missing': no such directory"):
        chiso.presets_dir()
    # Without it: the installed directory or the source tree.
    monkeypatch.delenv("CHISO_PRESETS")
    found = chiso.presets_dir()
    assert "psq-766" in chiso.presets(found).index


def test_score_by_preset_name_uses_the_sample_and_warns_it_is_synthetic():
    with pytest.warns(chiso.ScoreWarning, match="SYNTHETIC"):
        r = chiso.score("dti-province-922")
    assert len(r.scores) == 34


# -- frameworks -------------------------------------------------------------------------------

def test_framework_properties():
    fw = chiso.preset("dti-province-922")
    assert fw.id == "dti-province-922"
    assert fw.root == "dti"
    assert fw.display_decimals == 4
    assert fw.ranking == {"method": "competition", "order": "descending", "group_by": None,
                          "round_to": 4}
    assert fw.node_ids == ["dti", "pillar_gov", "pillar_econ", "pillar_society"]
    assert fw.indicators.loc["gov_activity", "method"] == "identity"
    w = fw.weights
    assert w[(w.node == "dti") & (w.child == "gov_activity")]["weight"].item() == 200
    assert w[(w.node == "dti") & (w.child == "smart_city")]["weight"].item() == 0  # not scored
    assert fw.sample["synthetic"] is True


def test_effective_weights_by_hand():
    ew = chiso.preset("dti-province-922").effective_weights
    # dti = (100·(5 foundations) + 0·smart_city + 200·gov + 150·econ + 150·society) / 1000
    assert ew.loc["dti", "awareness"] == pytest.approx(100 / 1000)
    assert ew.loc["dti", "gov_activity"] == pytest.approx(200 / 1000)
    # pillar_gov = (foundation points + 200·gov) / 700
    assert ew.loc["pillar_gov", "awareness"] == pytest.approx(100 / 700)
    assert ew.loc["pillar_gov", "econ_activity"] == 0
    assert ew.loc["dti"].sum() == pytest.approx(1.0)


def test_yaml_round_trip():
    fw = chiso.preset("psq-766")
    again = chiso.Framework.from_yaml(fw.to_yaml(), "<again>")
    assert again.to_yaml() == fw.to_yaml()
    df = fw.sample_data()
    a = chiso.score(fw, df, warn=False)
    b = chiso.score(again, df, warn=False)
    assert np.array_equal(a.all_scores.to_numpy(), b.all_scores.to_numpy(), equal_nan=True)


def test_from_dict_accepts_numpy_numbers():
    fw = chiso.Framework.from_dict({
        "id": "np",
        "indicators": [{"id": "a", "bounds": [np.float64(0), np.int64(10)]}],
        "nodes": [{"id": "i", "children": {"a": np.int32(3)}}],
    })
    assert fw.indicators.loc["a", "upper"] == 10.0
    assert fw.nodes.loc["i", "children"] == [("a", 3.0)]


# -- results ----------------------------------------------------------------------------------

def test_bands_ordered_categorical_best_first():
    fw = chiso.preset("psq-766")
    r = chiso.score(fw, fw.sample_data(), warn=False)
    assert list(r.band.cat.categories) == ["good", "below 80"]
    assert r.band.cat.ordered
    psq = r.scores["psq"]
    # psq >= 80 -> good; below -> "below 80"; missing -> no band (Điện Biên, by design).
    assert (r.band[psq >= 80] == "good").all()
    assert (r.band[psq < 80] == "below 80").all()
    assert r.band[psq.isna()].isna().all()
    assert psq.isna().sum() >= 1


def test_diagnostics_name_unit_and_file_line():
    fw = chiso.preset("psq-766")
    with pytest.warns(chiso.ScoreWarning, match="unit 'dien-bien' \\(.*psq-766.sample.csv:5\\)"):
        r = chiso.score(fw, fw.sample_data())
    d = r.diagnostics
    assert {"code", "node", "unit", "message"} == set(d.columns)
    # Warnings point at the caller's line, not inside the package.
    with pytest.warns(chiso.ScoreWarning) as record:
        fw.score(fw.sample_data())
    assert {w.filename for w in record} == {__file__}
    row = d[(d.unit == "dien-bien") & (d.code == "zero_denominator")].iloc[0]
    assert row.node == "dossiers_synchronised"


def test_ranks_tidy_and_table():
    fw = chiso.preset("dti-province-922")
    r = chiso.score(fw, fw.sample_data(), warn=False)
    ranks = r.ranks()
    assert np.array_equal(ranks["dti"].to_numpy(), r.rank.to_numpy())
    assert ranks["pillar_gov"].min() == 1 and ranks["pillar_gov"].max() <= 34
    t = r.tidy(indicators=True)
    assert len(t) == 34 * (4 + 9)
    assert set(t.level) == {"root", "node", "indicator"}
    assert {"unit", "name", "node", "level", "score", "rank"} <= set(t.columns)
    assert t[t.node == "dti"].set_index("unit")["score"].equals(
        r.scores["dti"].rename("score"))
    tab = r.table(digits=4)
    assert list(tab.columns) == ["name", "dti", "pillar_gov", "pillar_econ", "pillar_society",
                                 "rank"]
    # Rounded for display as published (half away from zero on the decimal text).
    assert (tab["dti"] == chiso.round_decimal(r.scores["dti"], 4)).all()
    # Two provinces tie at 4 decimals in the sample and share a rank (competition: 1,2,2,4).
    assert r.rank.duplicated().any()


def test_rank_methods_on_a_textbook_case():
    s = [9.0, 8.0, 8.0, 7.0]
    assert list(chiso.rank(s)) == [1, 2, 2, 4]
    assert list(chiso.rank(s, "dense")) == [1, 2, 2, 3]
    assert list(chiso.rank(s, "average")) == [1, 2.5, 2.5, 4]
    assert list(chiso.rank(s, "ordinal")) == [1, 2, 3, 4]
    assert list(chiso.rank(s, order="ascending")) == [4, 2, 2, 1]
    # Within groups, missing scores get no rank.
    r = chiso.rank(pd.Series([3.0, np.nan, 1.0, 2.0], name="x"), groups=["g", "g", "h", "h"])
    assert list(r.iloc[[0, 2, 3]]) == [1, 2, 1] and np.isnan(r.iloc[1])
    # Rounded to 1 decimal, 0.84 and 0.76 both read 0.8 and tie.
    assert list(chiso.rank([0.84, 0.76, 0.5], round_to=1)) == [1, 1, 3]


def test_round_decimal_as_published():
    # 0.50045 and 1.005 are stored just below the half; tables round their decimal text.
    assert chiso.round_decimal(0.50045, 4) == 0.5005
    assert chiso.round_decimal(1.005, 2) == 1.01
    assert chiso.round_decimal(-0.125, 2) == -0.13
    out = chiso.round_decimal(np.array([[0.99995, np.nan]]), 4)
    assert out[0, 0] == 1.0 and np.isnan(out[0, 1])


def test_read_coinr_layout():
    fw, df = chiso.read_coinr(COINR_DIR / "asem_iMeta.csv", COINR_DIR / "asem_iData.csv")
    assert df.index.name == "uCode" and len(df) == 51
    assert df.columns[0] == "uName"
    assert {"GDP_group", "EurAsia_group"} <= set(df.columns)
    assert df["LPI"].dtype == np.float64
    assert fw.data_layout["group_suffix"] == "_group"
    assert len(fw.indicator_ids) == 49


# -- data preparation declared in the spec ------------------------------------------------------

def test_imputation_by_group_from_a_data_frame(tmp_path):
    spec = tmp_path / "p.yaml"
    spec.write_text("chiso: 1\nid: p\nimpute: {method: group_mean, group: region}\n"
                    "indicators:\n  - {id: x, method: {type: min_max, lo: 0, hi: 1}}\n"
                    "nodes:\n  - {id: top, children: [x]}\n")
    fw = chiso.load(spec)
    df = pd.DataFrame({"region": ["n", "n", "s", "n"], "x": [2.0, np.nan, 10.0, 4.0]},
                      index=["u1", "u2", "u3", "u4"])
    r = chiso.score(fw, df)
    # u2 (region n) <- (2 + 4)/2 = 3; min-max over 2, 3, 10, 4: (3 - 2)/(10 - 2) = 0.125.
    assert r.indicators.loc["u2", "x"] == 0.125
    # Without the group column the error names it.
    with pytest.raises(chiso.InputError, match="region"):
        chiso.score(fw, df.drop(columns="region"))
