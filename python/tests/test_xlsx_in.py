"""Excel in (issue 15, item 3): workbooks written by an independent writer (openpyxl) read with
the rules of CSV. Every expected number comes from the same data written as CSV and read by
the CSV reader (or by hand), never from the workbook reader itself."""

import os
import re
import shutil
import zipfile

import pytest

import chiso

openpyxl = pytest.importorskip("openpyxl")

SPEC = """\
chiso: 1
id: xlsx-in
root: idx
data: {unit_column: unit, name_column: name, groups: [region]}
defaults:
  indicator: {method: identity}
  node: {method: arithmetic_mean}
indicators:
  - id: a
  - id: b
nodes:
  - id: idx
    children: [a, b]
"""

HEADER = ["unit", "name", "region", "a", "b"]
ROWS = [
    ["HN", "Hà Nội", "north", 0.8125, 0.75],
    ["TTH", "Thừa Thiên Huế", "central", None, 0.5],
    ["BRVT", "Bà Rịa, Vũng Tàu", "south", 0.25, 1],
]


@pytest.fixture
def spec(tmp_path):
    p = tmp_path / "spec.yaml"
    p.write_text(SPEC, encoding="utf-8")
    return str(p)


def write_csv(path, header, rows):
    import csv
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
    return str(path)


def write_xlsx(path, sheets):
    """sheets: [(title, [row, ...])]; a row is a list of cell values (None = no cell)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r, row in enumerate(rows, start=1):
            for c, v in enumerate(row, start=1):
                if v is not None:
                    ws.cell(row=r, column=c, value=v)
    wb.save(path)
    return str(path)


def rewrite_part(path, part, edit):
    """Rewrites one XML part of a workbook (what openpyxl cannot write: inline strings, cached
    formula values, hostile content) with Python's zipfile."""
    tmp = str(path) + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    shutil.move(tmp, path)


def score_csv(cli, spec, data, *extra):
    rc, out, err = cli("score", "--framework", spec, "--data", data, *extra)
    assert rc == 0, err
    return out


def test_wide_sheet_scores_as_the_csv(cli, spec, tmp_path):
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, ROWS), "--all")
    book = write_xlsx(tmp_path / "d.xlsx", [("Dữ liệu", [HEADER] + ROWS)])
    rc, out, err = cli("score", "--framework", spec, "--data", book, "--all")
    assert rc == 0, err
    assert out == csv_out
    # Hand check: HN (0.8125 + 0.75) / 2; TTH has a missing a (mean of what is there).
    assert "HN,Hà Nội,north,0.78125" in out or "0.78125" in out
    assert "Thừa Thiên Huế" in out and "Bà Rịa, Vũng Tàu" in out


def test_python_score_takes_a_workbook_path(spec, tmp_path):
    fw = chiso.load(spec)
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + ROWS)])
    r_xl = chiso.score(fw, book, warn=False)
    r_csv = chiso.score(fw, write_csv(tmp_path / "d.csv", HEADER, ROWS), warn=False)
    assert r_xl.table().equals(r_csv.table())
    assert list(r_xl.table()["name"]) == ["Hà Nội", "Thừa Thiên Huế", "Bà Rịa, Vũng Tàu"]
    assert r_xl.scores["idx"]["HN"] == (0.8125 + 0.75) / 2
    df = chiso.read_data(book + "#S", fw)
    assert df.attrs["chiso_source"].endswith("d.xlsx[S]")
    assert df.attrs["chiso_lines"] == [2, 3, 4]


def test_named_sheet_and_missing_sheet(cli, spec, tmp_path):
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, ROWS))
    book = write_xlsx(tmp_path / "d.xlsx",
                      [("Ghi chú", [["a note, not data"]]), ("2024", [HEADER] + ROWS)])
    rc, out, err = cli("score", "--framework", spec, "--data", book + "#2024")
    assert rc == 0, err
    assert out == csv_out
    rc, out, err = cli("score", "--framework", spec, "--data", book + "#2025")
    assert rc != 0 and out == ""
    assert "no sheet named '2025' (sheets: 'Ghi chú', '2024')" in err


def test_every_sheet_is_a_period(cli, spec, tmp_path):
    later = [r[:3] + [None if v is None else min(1, v + 0.125) for v in r[3:]] for r in ROWS]
    a = write_csv(tmp_path / "a.csv", HEADER, ROWS)
    b = write_csv(tmp_path / "b.csv", HEADER, later)
    csv_out = score_csv(cli, spec, f"2023={a},2024={b}")
    # Sheets in the other order: periods are sorted by value, as for CSV files.
    book = write_xlsx(tmp_path / "p.xlsx", [("2024", [HEADER] + later), ("2023", [HEADER] + ROWS)])
    rc, out, err = cli("score", "--framework", spec, "--data", book + "#*")
    assert rc == 0, err
    assert out == csv_out
    panel = chiso.read_panel(book + "#*", chiso.load(spec))
    assert list(panel.keys()) == ["2024", "2023"] or sorted(panel.keys()) == ["2023", "2024"]


def to_shared_strings(book):
    """Moves the inline strings openpyxl writes into a shared strings part, as Excel saves them
    (the part, its relationship and its content type), with Python's zipfile."""
    with zipfile.ZipFile(book) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    strings = []

    def shared(m):
        strings.append(m[3])
        return f'<c r="{m[1]}"{m[2]} t="s"><v>{len(strings) - 1}</v></c>'

    sheet = re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is><t>(.*?)</t></is></c>',
                   shared, sheet)
    sst = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">' +
           "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")
    rel = ('<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    ct = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
          'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rewrite_part(book, "xl/worksheets/sheet1.xml", lambda x: sheet)
    rewrite_part(book, "xl/_rels/workbook.xml.rels", lambda x: x.replace("</Relationships>", rel))
    rewrite_part(book, "[Content_Types].xml", lambda x: x.replace("</Types>", ct))
    with zipfile.ZipFile(book, "a") as z:
        z.writestr("xl/sharedStrings.xml", sst)
    return strings


def test_shared_and_inline_strings_read_the_same(cli, spec, tmp_path):
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, ROWS))
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + ROWS)])
    with zipfile.ZipFile(book) as z:  # this openpyxl writes inline strings
        assert 't="inlineStr"' in z.read("xl/worksheets/sheet1.xml").decode()
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out
    strings = to_shared_strings(book)
    assert "Thừa Thiên Huế" in strings or "Th&#7915;a Thi&#234;n Hu&#7871;" in strings
    with zipfile.ZipFile(book) as z:
        assert 't="inlineStr"' not in z.read("xl/worksheets/sheet1.xml").decode()
        assert 't="s"' in z.read("xl/worksheets/sheet1.xml").decode()
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out


def test_numbers_stored_as_text_follow_the_csv_rules(cli, spec, tmp_path):
    rows = [r[:3] + ["" if v is None else str(v) for v in r[3:]] for r in ROWS]
    rows[0][3] = " 0.8125 "  # trimmed, as a CSV cell
    rows[1][3] = "NA"        # missing, as in a CSV file
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, ROWS))
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out
    rows[2][4] = "0,5"
    book = write_xlsx(tmp_path / "bad.xlsx", [("S", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert f"{book}[S]!E4: column 'b': '0,5' contains a comma (decimal commas" in err


def test_formulas_use_their_cached_value(cli, spec, tmp_path):
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, ROWS))
    rows = [list(r) for r in ROWS]
    rows[0][4] = "=0.5+0.25"  # openpyxl writes the formula without a value
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert f"{book}[S]!E2: column 'b': holds a formula without a cached value" in err
    # What a spreadsheet program saves: the formula and its value.
    rewrite_part(book, "xl/worksheets/sheet1.xml",
                 lambda x: x.replace("<f>0.5+0.25</f><v></v>", "<f>0.5+0.25</f><v>0.75</v>")
                            .replace("<f>0.5+0.25</f><v />", "<f>0.5+0.25</f><v>0.75</v>")
                            .replace("<f>0.5+0.25</f></c>", "<f>0.5+0.25</f><v>0.75</v></c>"))
    with zipfile.ZipFile(book) as z:
        assert "<v>0.75</v>" in z.read("xl/worksheets/sheet1.xml").decode()
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out


def test_empty_cells_are_missing(cli, spec, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][3] = None
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "d.csv", HEADER, rows))
    # A blank row inside and trailing empty header cells change nothing, as blank lines.
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + rows[:1] + [[]] + rows[1:])])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out


@pytest.mark.parametrize("value,message", [
    (True, "holds the boolean TRUE"),
    ("#N/A", "holds the Excel error #N/A; an error value is not a missing value"),
    ("#DIV/0!", "holds the Excel error #DIV/0!"),
])
def test_booleans_and_errors_are_refused_naming_the_cell(cli, spec, tmp_path, value, message):
    rows = [list(r) for r in ROWS]
    rows[1][3] = value
    book = write_xlsx(tmp_path / "d.xlsx", [("2024", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert f"{book}[2024]!D3: column 'a': {message}" in err


def test_dates_are_refused_by_their_number_format(cli, spec, tmp_path):
    import datetime
    rows = [list(r) for r in ROWS]
    rows[2][4] = datetime.date(2024, 5, 1)
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + rows)])
    with zipfile.ZipFile(book) as z:  # openpyxl stores a date as a number with a date format
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="E4" s="[1-9][0-9]*"[^>]*><v>45413</v>', sheet), sheet
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert f"{book}[S]!E4: column 'b': looks like a date or time" in err
    assert "45413" in err


def test_the_csv_rules_name_sheet_cells(cli, spec, tmp_path):
    rows = [list(r) for r in ROWS]
    rows[2][0] = "HN"
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert f"{book}[S]!A4: column 'unit': duplicate unit id 'HN' (first on row 2)" in err
    rows = [list(r) for r in ROWS]
    rows[0] = rows[0] + [None, "stray"]
    book = write_xlsx(tmp_path / "e.xlsx", [("S", [HEADER] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and f"{book}[S]!G2: a value right of the header's last column (E1)" in err


def test_long_sheet_reads_as_the_long_csv(cli, spec, tmp_path):
    header = ["unit", "name", "region", "period", "indicator", "value"]
    rows = []
    for period, scale in (("2023", 1.0), ("2024", 0.5)):
        for u, n, g, a, b in ROWS:
            rows.append([u, n, g, period, "a", None if a is None else a * scale])
            rows.append([u, n, g, period, "b", b * scale])
    csv_out = score_csv(cli, spec, write_csv(tmp_path / "l.csv", header, rows))
    book = write_xlsx(tmp_path / "l.xlsx", [("long", [header] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc == 0, err
    assert out == csv_out
    rows[5][5] = "x"
    book = write_xlsx(tmp_path / "m.xlsx", [("long", [header] + rows)])
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and f"{book}[long]!F7: column 'value': 'x' is not a number" in err


def test_not_a_workbook(cli, spec, tmp_path):
    text = tmp_path / "t.xlsx"
    text.write_text("unit,a\nx,1\n")
    rc, out, err = cli("score", "--framework", spec, "--data", str(text))
    assert rc != 0 and out == ""
    assert f"{text}: not an Excel workbook (.xlsx): the file is not a zip archive" in err
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + ROWS)])
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(open(book, "rb").read()[:300])
    rc, out, err = cli("score", "--framework", spec, "--data", str(cut))
    assert rc != 0 and out == ""
    assert f"{cut}: not an Excel workbook (.xlsx): the zip container is unreadable" in err
    rc, out, err = cli("score", "--framework", spec, "--data", str(tmp_path / "none.xlsx"))
    assert rc != 0 and "none.xlsx: cannot open file" in err


def test_document_type_declarations_are_refused(cli, spec, tmp_path):
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + ROWS)])
    lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    rewrite_part(book, "xl/worksheets/sheet1.xml",
                 lambda x: x.replace("?>", "?>" + lol, 1) if x.startswith("<?xml") else lol + x)
    with zipfile.ZipFile(book) as z:
        assert "<!DOCTYPE" in z.read("xl/worksheets/sheet1.xml").decode()
    rc, out, err = cli("score", "--framework", spec, "--data", book)
    assert rc != 0 and out == ""
    assert "part 'xl/worksheets/sheet1.xml': holds a document type declaration" in err


def test_a_part_declared_larger_than_the_limit_fails_before_inflating(cli, spec, tmp_path):
    book = write_xlsx(tmp_path / "d.xlsx", [("S", [HEADER] + ROWS)])
    # Declare 3 GiB for the sheet in the central directory (what a zip bomb looks like): the
    # reader refuses it from the declaration, without inflating anything.
    raw = bytearray(open(book, "rb").read())
    name = b"xl/worksheets/sheet1.xml"
    at = raw.find(b"PK\x01\x02" + bytes(0))
    while at >= 0:
        n = int.from_bytes(raw[at + 28:at + 30], "little")
        if raw[at + 46:at + 46 + n] == name:
            raw[at + 24:at + 28] = (3 << 30).to_bytes(4, "little")
        at = raw.find(b"PK\x01\x02", at + 4)
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(bytes(raw))
    rc, out, err = cli("score", "--framework", spec, "--data", str(bomb))
    assert rc != 0 and out == ""
    assert "part 'xl/worksheets/sheet1.xml' inflates to 3072 MiB" in err
    assert "possible zip bomb" in err


def test_coinr_data_as_a_workbook_scores_as_the_csv(cli, tmp_path):
    import csv
    from conftest import COINR_DIR
    meta, data = COINR_DIR / "asem_iMeta.csv", COINR_DIR / "asem_iData.csv"
    with open(data, encoding="utf-8") as f:
        rows = list(csv.reader(f))

    def cell(text):  # numbers as numbers (the CSV's text as written: repr gives it back)
        try:
            v = float(text)
        except ValueError:
            return text if text != "" else None
        return v

    book = write_xlsx(tmp_path / "asem.xlsx", [("iData", [rows[0]] + [[cell(t) for t in r]
                                                                    for r in rows[1:]])])
    args = ["score", "--coinr-meta", str(meta), "--all"]
    rc, csv_out, err = cli(*args, "--data", str(data))
    assert rc == 0, err
    rc, out, err = cli(*args, "--data", book)
    assert rc == 0, err
    assert out == csv_out
