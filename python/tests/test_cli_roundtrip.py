"""Python gives the very numbers of `chiso score`: same framework, same data, same overrides
-> every score, rank and band identical bit for bit (the CLI prints the shortest text that
reads back to the same double, so float(cell) == value is an exact comparison)."""

import math

import numpy as np
import pandas as pd
import pytest

import chiso
from conftest import COINR_DIR, PRESETS_DIR, parse_cli_csv, same_number

PRESETS = sorted(p.stem for p in PRESETS_DIR.glob("*.yaml"))


def test_every_preset_is_exercised():
    # The four presets of presets/README.md at least; a new one joins automatically.
    assert {"dti-province-922", "dti-ministry-922", "dti-province-1726", "psq-766"} <= set(PRESETS)


def compare(header, rows, result: chiso.Result, indicators: bool):
    table = result.table(indicators=indicators)
    # Same columns in the same order (the index is the CLI's first column, "unit").
    assert header == ["unit"] + list(table.columns)
    assert [r[0] for r in rows] == list(table.index)
    checked = 0
    for row, (unit, values) in zip(rows, table.iterrows()):
        for cell, col in zip(row[1:], table.columns):
            v = values[col]
            if col in ("name", "band") or (result.group is not None and col == result.group.name):
                assert cell == ("" if pd.isna(v) else v), (unit, col)
            else:
                assert same_number(cell, float(v)), (unit, col, cell, repr(v))
                checked += 1
    return checked


@pytest.mark.parametrize("name", PRESETS)
def test_preset_sample_equals_cli(cli, name):
    rc, out, err = cli("score", "--preset", name, "--all")
    assert rc == 0, err
    header, rows = parse_cli_csv(out)
    fw = chiso.preset(name)
    r = chiso.score(fw, fw.sample_data(), warn=False)
    checked = compare(header, rows, r, indicators=True)
    assert checked >= len(rows) * (len(fw.node_ids) + 1)
    # The CLI's warnings are the Python diagnostics, same text, same order.
    warnings = [line[len("warning: "):] for line in err.splitlines()
                if line.startswith("warning: ")]
    assert warnings == list(r.diagnostics["message"])[: len(warnings)]
    assert len(warnings) == min(50, len(r.diagnostics))


@pytest.mark.parametrize("normalise,aggregate", [
    ("minmax:0:100", None),
    ("zscore:10:2", "gmean"),
    ("prank", "genmean:0.5"),
    ("rank", "min"),
])
def test_overrides_equal_cli(cli, normalise, aggregate):
    args = ["score", "--preset", "dti-province-922", "--all", "--normalise", normalise]
    if aggregate:
        args += ["--aggregate", aggregate]
    rc, out, err = cli(*args)
    assert rc == 0, err
    header, rows = parse_cli_csv(out)
    fw = chiso.preset("dti-province-922")
    r = chiso.score(fw, fw.sample_data(), normalise=normalise, aggregate=aggregate, warn=False)
    compare(header, rows, r, indicators=True)
    # The override did change something (else this test would prove nothing).
    plain = chiso.score(fw, fw.sample_data(), warn=False)
    assert not np.array_equal(plain.scores.to_numpy(), r.scores.to_numpy(), equal_nan=True)


def test_ministries_ranked_within_groups_equal_cli(cli):
    rc, out, err = cli("score", "--preset", "dti-ministry-922")
    assert rc == 0, err
    header, rows = parse_cli_csv(out)
    r = chiso.score("dti-ministry-922", warn=False)
    assert "group" in header
    compare(header, rows, r, indicators=False)
    # Two groups, each with its own rank 1.
    assert sorted(r.rank[r.rank == 1].index.map(r.group)) == sorted(r.group.unique())


@pytest.mark.parametrize("normalise,aggregate", [(None, None), ("zscore:10:2", "gmean"),
                                                 ("prank", None)])
def test_coinr_asem_equals_cli(cli, normalise, aggregate):
    meta, data = COINR_DIR / "asem_iMeta.csv", COINR_DIR / "asem_iData.csv"
    args = ["score", "--coinr-meta", str(meta), "--data", str(data), "--all"]
    if normalise:
        args += ["--normalise", normalise]
    if aggregate:
        args += ["--aggregate", aggregate]
    rc, out, err = cli(*args)
    assert rc == 0, err
    header, rows = parse_cli_csv(out)
    fw, df = chiso.read_coinr(meta, data)
    r = chiso.score(fw, df, normalise=normalise, aggregate=aggregate, warn=False)
    assert len(rows) == 51
    compare(header, rows, r, indicators=True)


def test_numpy_path_equals_dataframe_path():
    # The same values as a Fortran array, a C array and a DataFrame: identical results.
    fw = chiso.preset("dti-province-922")
    df = fw.sample_data()
    a = chiso.score(fw, df, warn=False)
    values = df[fw.columns].to_numpy()
    for arr in (np.asfortranarray(values), np.ascontiguousarray(values)):
        b = chiso.score(fw, arr, units=df.index, warn=False)
        assert np.array_equal(a.all_scores.to_numpy(), b.all_scores.to_numpy(), equal_nan=True)
        assert np.array_equal(a.rank.to_numpy(), b.rank.to_numpy(), equal_nan=True)
    assert not math.isnan(a.scores["dti"].iloc[0])
