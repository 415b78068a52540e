"""Excel workbooks as a person opens them: `--format xlsx` and `Result.to_excel` read back by an
independent reader (openpyxl, Debian python3-openpyxl), checked against the CSV output of the
same command (full-precision text) and against hand-worked values from the preset spec.

libxlsxwriter stores a number with 16 significant digits (`%.16G`), so a cell holds the double
nearest that decimal: `as_stored` gives that double from the CSV's exact text, and the cells
must equal it exactly (and lie within 1e-15 relative of the CSV value)."""

import math
import os
import pathlib

import pytest

import chiso
from conftest import SOURCE_DIR, parse_cli_csv

openpyxl = pytest.importorskip("openpyxl")

PRESET = "dti-province-922"
SAMPLE = SOURCE_DIR / "presets" / f"{PRESET}.sample.csv"
SCORE_SHEETS = ["scores", "ranks", "indicators", "diagnostics", "methods"]
STATS_SHEETS = ["indicators", "correlation", "nodes", "children", "flags", "methods"]


def as_stored(text: str) -> float:
    """The double a workbook holds for the CSV cell `text` (16 significant digits)."""
    return float("%.16G" % float(text))


def assert_cell(cell, text: str, where):
    """A workbook cell holds the CSV cell `text`: empty for '', the same text, or the number."""
    v = cell.value
    if text == "":
        assert v is None, (where, v)
        return
    if isinstance(v, str):  # a text column (ids, names, period labels)
        assert v == text, (where, v, text)
        return
    x = float(text)
    assert isinstance(v, (int, float)) and not isinstance(v, bool), (where, v)
    assert v == as_stored(text), (where, v, text)
    assert math.isclose(v, x, rel_tol=1e-15, abs_tol=0.0), (where, v, text)


def sample_result() -> chiso.Result:
    fw = chiso.preset(PRESET)
    return chiso.score(fw, fw.sample_data(), warn=False)


def sheet_rows(ws, first_row):
    return list(ws.iter_rows(min_row=first_row))


def written(cli, tmp_path, *args, name="out.xlsx"):
    out = tmp_path / name
    rc, _, err = cli(*args, "--format", "xlsx", "--out", str(out))
    assert rc == 0, err
    return out


def test_score_workbook_sheets_headers_names_and_frozen_panes(cli, tmp_path):
    wb = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))
    assert wb.sheetnames == SCORE_SHEETS
    ws = wb["scores"]
    rc, csv_text, _ = cli("score", "--preset", PRESET)
    header, _ = parse_cli_csv(csv_text)
    assert [c.value for c in ws[1]] == header
    # Second header row: the spec's names (Vietnamese, UTF-8) above the node ids.
    labels = {h: c.value for h, c in zip(header, ws[2])}
    assert labels["pillar_gov"] == "Trụ cột chính quyền số"
    assert labels["unit"] is None and labels["rank"] is None
    # Header rows and the unit columns (unit, name) stay in view.
    assert ws.freeze_panes == "C3"
    assert wb["ranks"].freeze_panes == "C3"
    assert wb["diagnostics"].freeze_panes == "A2"
    assert wb["methods"].freeze_panes == "D2"
    assert ws["B3"].value == "Hà Nội"
    assert wb["indicators"]["F2"].value == "Nhân lực số"


def test_score_cells_equal_the_csv_output(cli, tmp_path):
    ws = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))["scores"]
    rc, csv_text, _ = cli("score", "--preset", PRESET)
    assert rc == 0
    header, rows = parse_cli_csv(csv_text)
    cells = sheet_rows(ws, 3)
    assert len(cells) == len(rows) == 34
    numbers = 0
    for r, (row, xrow) in enumerate(zip(rows, cells)):
        assert len(xrow) == len(row)
        for text, cell, col in zip(row, xrow, header):
            assert_cell(cell, text, (r, col))
            numbers += cell.data_type == "n" and cell.value is not None
    assert numbers == 34 * 5  # dti, three pillars, rank


def test_indicator_sheet_equals_csv_all_and_keeps_missing_cells_empty(cli, tmp_path):
    ws = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))["indicators"]
    rc, csv_text, _ = cli("score", "--preset", PRESET, "--all")
    header, rows = parse_cli_csv(csv_text)
    xheader = [c.value for c in ws[1]]
    assert xheader[:2] == ["unit", "name"]
    cells = sheet_rows(ws, 3)
    for row, xrow in zip(rows, cells):
        by_col = dict(zip(header, row))
        for col, cell in zip(xheader, xrow):
            assert_cell(cell, by_col[col], (row[0], col))
    # Cao Bằng has no smart_city value: an empty cell, neither 0 nor "NaN".
    cao = next(x for x in cells if x[0].value == "cao-bang")
    smart = cao[xheader.index("smart_city")]
    assert smart.value is None


def test_number_formats_follow_digits_else_the_framework(cli, tmp_path):
    wb = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))
    # The preset declares display_decimals: 4.
    assert "display_decimals: 4" in (SOURCE_DIR / "presets" / f"{PRESET}.yaml").read_text()
    ws = wb["scores"]
    assert ws["C3"].number_format == "0.0000"
    assert ws["G3"].number_format == "General"  # rank: ties may give x.5
    assert ws["A3"].number_format == "General"
    wb = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET,
                                        "--digits", "2", name="d2.xlsx"))
    assert wb["scores"]["C3"].number_format == "0.00"
    assert wb["indicators"]["C3"].number_format == "0.00"
    # Unrounded values whatever the display: Hà Nội's DTI is 0.65366 (CSV: full precision).
    rc, csv_text, _ = cli("score", "--preset", PRESET)
    _, rows = parse_cli_csv(csv_text)
    assert wb["scores"]["C3"].value == as_stored(rows[0][2])
    assert wb["methods"]["A3"].number_format == "0"  # depth: an integer column
    assert wb["methods"]["F3"].number_format == "General"  # weights as declared


def test_methods_sheet_is_the_framework_tree_with_hand_worked_shares(cli, tmp_path):
    ws = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))["methods"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet_rows(ws, 2)]
    root = rows[0]
    assert (root["depth"], root["parent"], root["id"], root["kind"]) == (0, None, "dti", "node")
    assert root["method"] == "arithmetic_mean"
    under_root = {r["id"]: r for r in rows if r["parent"] == "dti"}
    # dti's weights: five foundations 100 each, smart_city 0, gov 200, econ 150, society 150
    # (sum 1000), so awareness has 100/1000 and gov_activity 200/1000.
    assert under_root["awareness"]["weight"] == 100
    assert under_root["awareness"]["share"] == pytest.approx(0.1, abs=1e-15)
    assert under_root["gov_activity"]["share"] == pytest.approx(0.2, abs=1e-15)
    assert under_root["smart_city"]["share"] == 0
    assert under_root["awareness"]["name"] == "Nhận thức số"
    assert under_root["awareness"]["direction"] == 1


def test_several_periods_get_a_period_column(cli, tmp_path):
    arg = f"2023={SAMPLE},2024={SAMPLE}"
    wb = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET,
                                        "--data", arg))
    rc, csv_text, _ = cli("score", "--preset", PRESET, "--data", arg)
    header, rows = parse_cli_csv(csv_text)
    ws = wb["scores"]
    assert [c.value for c in ws[1]] == header
    assert header[0] == "period"
    assert ws.freeze_panes == "D3"
    cells = sheet_rows(ws, 3)
    assert len(cells) == len(rows) == 68
    for row, xrow in zip(rows, cells):
        for text, cell, col in zip(row, xrow, header):
            assert_cell(cell, text, (row[0], row[1], col))
    assert [c.value for c in wb["ranks"][1]][:3] == ["period", "unit", "name"]


def test_stats_workbook_equals_the_csv_files(cli, tmp_path):
    wb = openpyxl.load_workbook(written(cli, tmp_path, "stats", "--preset", PRESET))
    assert wb.sheetnames == STATS_SHEETS
    rc, _, err = cli("stats", "--preset", PRESET, "--out-dir", str(tmp_path))
    assert rc == 0, err
    for sheet, csv_name, first in [("indicators", "stats.csv", 2), ("correlation",
                                   "correlation.csv", 3), ("nodes", "nodes.csv", 2)]:
        header, rows = parse_cli_csv((tmp_path / csv_name).read_text(encoding="utf-8"))
        ws = wb[sheet]
        xheader = [c.value for c in ws[1]]
        assert xheader[0] == header[0] and xheader[1] == "name"
        cells = sheet_rows(ws, first)
        assert len(cells) == len(rows)
        for row, xrow in zip(rows, cells):
            xs = dict(zip(xheader, xrow))
            for col, text in zip(header, row):
                assert_cell(xs[col], text, (sheet, row[0], col))
    ind = wb["indicators"]
    assert ind.freeze_panes == "C2"
    assert ind["B2"].value == "Nhận thức số"
    corr = wb["correlation"]
    assert corr.freeze_panes == "C3"
    assert corr["C2"].value == "Nhận thức số"  # awareness's name above its column


def test_xlsx_without_out_is_a_usage_error(cli):
    for cmd in (["score"], ["stats"], ["explain", "--unit", "ha-noi"]):
        rc, out, err = cli(*cmd, "--preset", PRESET, "--format", "xlsx")
        assert rc != 0
        assert out == ""
        assert "--format xlsx" in err and "--out FILE.xlsx" in err, err


def test_failing_run_leaves_no_file(cli, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(SAMPLE.read_text(encoding="utf-8").replace("0.7427", "abc", 1),
                   encoding="utf-8")
    out = tmp_path / "out.xlsx"
    rc, _, err = cli("score", "--preset", PRESET, "--data", str(bad), "--format", "xlsx",
                     "--out", str(out))
    assert rc != 0 and "abc" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]
    # An existing workbook is left as it was.
    out.write_bytes(b"old")
    rc, _, _ = cli("score", "--preset", PRESET, "--data", str(bad), "--format", "xlsx",
                   "--out", str(out))
    assert rc != 0 and out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "out.xlsx"]
    rc, _, err = cli("score", "--preset", PRESET, "--format", "xlsx", "--out",
                     str(tmp_path / "missing" / "x.xlsx"))
    assert rc != 0 and "does not exist" in err


def test_same_inputs_give_the_same_bytes(cli, tmp_path):
    a = written(cli, tmp_path, "score", "--preset", PRESET, name="a.xlsx")
    b = written(cli, tmp_path, "score", "--preset", PRESET, name="b.xlsx")
    assert a.read_bytes() == b.read_bytes()


def test_result_to_excel_is_the_cli_workbook(cli, tmp_path):
    out = tmp_path / "py.xlsx"
    sample_result().to_excel(out)
    mine = openpyxl.load_workbook(out)
    theirs = openpyxl.load_workbook(written(cli, tmp_path, "score", "--preset", PRESET))
    assert mine.sheetnames == theirs.sheetnames == SCORE_SHEETS
    for name in SCORE_SHEETS:
        a, b = mine[name], theirs[name]
        assert a.freeze_panes == b.freeze_panes
        va = [[(c.value, c.number_format) for c in r] for r in a.iter_rows()]
        vb = [[(c.value, c.number_format) for c in r] for r in b.iter_rows()]
        if name == "diagnostics":
            assert va[0] == vb[0]
            continue
        assert va == vb, name


def test_result_to_excel_digits_and_errors(tmp_path):
    r = sample_result()
    r.to_excel(str(tmp_path / "d3.xlsx"), digits=3)
    ws = openpyxl.load_workbook(tmp_path / "d3.xlsx")["scores"]
    assert ws["C3"].number_format == "0.000"
    assert ws["C3"].value == as_stored(repr(float(r.scores.iloc[0, 0])))
    with pytest.raises(chiso.Error, match="does not exist"):
        r.to_excel(tmp_path / "missing" / "x.xlsx")
    assert not os.path.exists(tmp_path / "missing")
    assert sorted(p.name for p in pathlib.Path(tmp_path).iterdir()) == ["d3.xlsx"]


def test_explain_workbook_equals_score_csv_and_json_ranks(cli, tmp_path):
    import json
    wb = openpyxl.load_workbook(written(cli, tmp_path, "explain", "--preset", PRESET,
                                        "--unit", "cao-bang"))
    assert wb.sheetnames == ["unit", "nodes", "indicators", "methods"]
    rc, js, _ = cli("explain", "--preset", PRESET, "--unit", "cao-bang", "--format", "json")
    doc = json.loads(js)
    rc, csv_text, _ = cli("score", "--preset", PRESET, "--all")
    header, rows = parse_cli_csv(csv_text)
    cao = dict(zip(header, next(r for r in rows if r[0] == "cao-bang")))
    ws = wb["indicators"]
    assert ws.freeze_panes == "C2"
    xheader = [c.value for c in ws[1]]
    assert xheader == ["indicator", "name", "raw", "score", "rank", "of", "contribution"]
    by_id = {r[0].value: dict(zip(xheader, r)) for r in sheet_rows(ws, 2)}
    for ind in doc["indicators"]:
        x = by_id[ind["id"]]
        assert x["name"].value == ind["name"]
        assert_cell(x["score"], cao[ind["id"]], ind["id"])
        assert x["rank"].value == ind["rank"] and x["of"].value == ind["of"]
        if x["score"].value is not None:
            assert x["score"].number_format == "0.0000"
    # Cao Bằng lacks smart_city: raw, score and rank are empty cells.
    assert by_id["smart_city"]["raw"].value is None
    assert by_id["smart_city"]["score"].value is None
    unit = dict(zip([c.value for c in wb["unit"][1]], wb["unit"][2]))
    assert unit["name"].value == "Cao Bằng"
    assert_cell(unit["score"], cao["dti"], "dti")
    # Contributions add up to the unit's score (hand law of additive aggregation).
    total = sum(x["contribution"].value or 0 for x in by_id.values())
    assert total == pytest.approx(unit["score"].value, rel=1e-12)
    assert unit["contributions"].value == pytest.approx(total, rel=1e-12)
    nodes = {r[0].value: r for r in sheet_rows(wb["nodes"], 2)}
    assert nodes["pillar_gov"][1].value == "Trụ cột chính quyền số"
    for n in doc["nodes"]:
        assert nodes[n["id"]][3].value == n["rank"]


def assert_sheet_equals_csv(ws, csv_text, first_row, names=()):
    """Every CSV cell is in the sheet's column of the same header (`names`: extra columns)."""
    header, rows = parse_cli_csv(csv_text)
    xheader = [c.value for c in ws[1]]
    assert [h for h in xheader if h not in names] == header
    cells = sheet_rows(ws, first_row)
    assert len(cells) == len(rows) > 0
    for k, (row, xrow) in enumerate(zip(rows, cells)):
        xs = dict(zip(xheader, xrow))
        for col, text in zip(header, row):
            assert_cell(xs[col], text, (ws.title, k, col))
    return xheader, cells


def test_trend_workbook_equals_the_csv(cli, tmp_path):
    arg = f"2023={SAMPLE},2024={SAMPLE}"
    wb = openpyxl.load_workbook(written(cli, tmp_path, "trend", "--preset", PRESET, "--data", arg))
    assert wb.sheetnames == ["changes", "methods"]
    rc, csv_text, _ = cli("trend", "--preset", PRESET, "--data", arg)
    xheader, cells = assert_sheet_equals_csv(wb["changes"], csv_text, 2, names=("node_name",))
    assert xheader[:3] == ["node", "node_name", "unit"]
    gov = next(r for r in cells if r[0].value == "pillar_gov")
    assert gov[1].value == "Trụ cột chính quyền số"
    assert wb["changes"].freeze_panes == "D2"


CHOICES = """chiso_robustness: 1
replications: 20
seed: 3
inputs:
  - {id: w, type: weights, nodes: all, uniform: 0.25}
  - {id: agg, type: aggregation, nodes: all, alternatives: [arithmetic_mean, geometric_mean]}
"""


@pytest.mark.parametrize("command, sheets, main", [
    ("uncertainty", ["units", "draws", "methods"], "units"),
    ("sensitivity", ["indices", "units", "methods"], "indices"),
])
def test_robustness_workbooks_equal_the_csv(cli, tmp_path, command, sheets, main):
    choices = tmp_path / "choices.yaml"
    choices.write_text(CHOICES, encoding="utf-8")
    args = [command, "--preset", PRESET, "--choices", str(choices), "--quiet", "--threads", "1"]
    if command == "sensitivity":
        args += ["--n", "8"]
    wb = openpyxl.load_workbook(written(cli, tmp_path, *args))
    assert wb.sheetnames == sheets
    rc, csv_text, err = cli(*args)
    assert rc == 0, err
    assert_sheet_equals_csv(wb[main], csv_text, 2, names=("node_name",))
    if command == "sensitivity":
        rc, _, err = cli(*args, "--out", str(tmp_path / "s.csv"), "--units",
                         str(tmp_path / "u.csv"))
        assert rc == 0, err
        assert_sheet_equals_csv(wb["units"], (tmp_path / "u.csv").read_text(encoding="utf-8"), 2)


PANEL_SPEC = """chiso: 1
id: panel
name: "Bảng thử"
indicators:
  - {id: a, name: "Chỉ tiêu Ạ", method: identity, targets: [{value: 1, deadline: 2027}]}
  - {id: b, method: identity}
nodes:
  - id: top
    name: "Tổng"
    children: {a: 1, b: 1}
    targets: [{value: 0.75, deadline: 2026}]
"""
PANEL_DATA = """unit,period,indicator,value
u1,2023,a,0.5
u1,2023,b,0.25
u2,2023,a,0.25
u2,2023,b,0.75
u1,2024,a,0.75
u1,2024,b,0.75
u2,2024,a,0.5
"""


@pytest.mark.parametrize("summary", [False, True])
def test_targets_workbook_equals_the_csv(cli, tmp_path, summary):
    (tmp_path / "p.yaml").write_text(PANEL_SPEC, encoding="utf-8")
    (tmp_path / "p.csv").write_text(PANEL_DATA, encoding="utf-8")
    args = ["targets", "--framework", str(tmp_path / "p.yaml"), "--data", str(tmp_path / "p.csv")]
    args += ["--summary"] if summary else []
    wb = openpyxl.load_workbook(written(cli, tmp_path, *args))
    sheet = "summary" if summary else "targets"
    assert wb.sheetnames == [sheet, "methods"]
    rc, csv_text, err = cli(*args)
    assert rc == 0, err
    xheader, cells = assert_sheet_equals_csv(wb[sheet], csv_text, 2, names=("name",))
    assert xheader[:2] == ["id", "name"]
    names = {r[0].value: r[1].value for r in cells}
    assert names == {"a": "Chỉ tiêu Ạ", "top": "Tổng"}
