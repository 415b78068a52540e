"""Bad input raises a chiso.Error subclass (a ValueError) with the CLI's clear message:
file:line:column, the field, the rule broken."""

import numpy as np
import pandas as pd
import pytest

import chiso


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


GOOD_SPEC = """chiso: 1
id: mini
indicators:
  - {id: a, valid: [0, 1]}
  - {id: b, direction: -1}
nodes:
  - {id: index, children: {a: 2, b: 1}}
"""


def test_exception_hierarchy():
    for cls in (chiso.InputError, chiso.FrameworkError, chiso.UsageError):
        assert issubclass(cls, chiso.Error)
    assert issubclass(chiso.Error, ValueError)


def test_spec_file_error_names_file_line_column(tmp_path, cli):
    p = write(tmp_path, "bad.yaml", GOOD_SPEC.replace("direction: -1", "directon: -1"))
    with pytest.raises(chiso.InputError) as e:
        chiso.load(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}:5:")
    assert "indicator 'b': unknown key 'directon'" in msg
    assert "did you mean 'direction'?" in msg
    # The CLI says the same thing.
    rc, out, _ = cli("validate", "--framework", str(p))
    assert rc == 2
    assert msg in out


def test_every_spec_error_at_once(tmp_path):
    p = write(tmp_path, "bad.yaml", GOOD_SPEC.replace("id: a,", "id: a, nmae: x,")
              .replace("{a: 2, b: 1}", "{a: 2, ghost: 1}"))
    with pytest.raises(chiso.InputError) as e:
        chiso.load(p)
    msg = str(e.value)
    assert msg.startswith(f"{p}: 2 errors in the spec:")
    assert f"{p}:4:" in msg and "unknown key 'nmae'" in msg
    assert f"{p}:7:" in msg and "unknown child 'ghost'" in msg


def test_framework_rule_broken(tmp_path):
    p = write(tmp_path, "cycle.yaml", GOOD_SPEC + "  - {id: n1, children: [n2]}\n"
                                                  "  - {id: n2, children: [n1]}\n"
                                                  "root: index\n")
    with pytest.raises(chiso.Error, match="cycle: n1 -> n2 -> n1"):
        chiso.load(p)


def test_missing_spec_file():
    with pytest.raises(chiso.InputError, match="nope.yaml: cannot open the spec file"):
        chiso.load("/nonexistent/nope.yaml")


def test_dict_spec_errors_name_the_rule():
    with pytest.raises(chiso.InputError) as e:
        chiso.Framework.from_dict({"id": "x", "indicators": [{"id": "a", "method": "minmax"}],
                                   "nodes": [{"id": "n", "children": ["a"]}]})
    assert "<dict>:" in str(e.value)
    assert "indicator 'a': unknown method 'minmax'" in str(e.value)
    assert "did you mean 'min_max'?" in str(e.value)
    with pytest.raises(chiso.UsageError, match="<dict>: Out of range float"):
        chiso.Framework.from_dict({"id": "x", "indicators": [{"id": "a", "target": float("nan")}]})


def test_data_file_errors_as_the_cli(tmp_path, cli):
    spec = write(tmp_path, "mini.yaml", GOOD_SPEC)
    data = write(tmp_path, "d.csv", "unit,a,b\nu1,0.5,3\nu2,abc,4\nu3,1.5,\nu2,0.1,1\n")
    fw = chiso.load(spec)
    with pytest.raises(chiso.InputError) as e:
        chiso.read_data(data, fw)
    msg = str(e.value)
    lines = msg.splitlines()
    assert lines[0].startswith(f"{data}:3:2: column 'a': 'abc' is not a number")
    assert f"{data}:4:2: column 'a': value 1.5 is outside the valid range of indicator 'a' " \
           f"(between 0 and 1)" in lines
    assert any(line.startswith(f"{data}:5:1: column 'unit': duplicate unit id 'u2'")
               for line in lines)
    rc, _, err = cli("score", "--framework", str(spec), "--data", str(data))
    assert rc == 2
    assert msg in err


def test_missing_column():
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    df = pd.DataFrame({"a": [0.1, 0.2]}, index=["u1", "u2"])
    with pytest.raises(chiso.InputError, match="the data lacks column 'b' \\(indicator 'b'\\)"):
        chiso.score(fw, df)


def test_text_column_used_by_an_indicator():
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    df = pd.DataFrame({"a": [0.1, 0.2], "b": ["3", "x"]}, index=["u1", "u2"])
    with pytest.raises(chiso.InputError,
                       match="data: column 'b' \\(used by indicator 'b'\\) holds object values, "
                             "not numbers"):
        chiso.score(fw, df)


def test_values_outside_valid_range_and_infinite():
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    df = pd.DataFrame({"a": [0.1, 1.2, 0.3], "b": [1.0, 2.0, np.inf]},
                      index=pd.Index(["u1", "u2", "u3"], name="unit"))
    with pytest.raises(chiso.InputError) as e:
        chiso.score(fw, df)
    lines = str(e.value).splitlines()
    assert "data: unit 'u3': column 'b': inf is not a number chiso accepts (missing values are " \
           "NaN)" in lines
    assert "data: unit 'u2': column 'a': value 1.2 is outside the valid range: indicator 'a' " \
           "must lie in [0, 1]" in lines


def test_duplicate_units():
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    df = pd.DataFrame({"a": [0.1, 0.2], "b": [1.0, 2.0]}, index=["u1", "u1"])
    with pytest.raises(chiso.InputError, match="duplicate unit id 'u1' \\(rows 1 and 2\\)"):
        chiso.score(fw, df)


def test_group_column_absent():
    fw = chiso.preset("dti-ministry-922")
    df = fw.sample_data().drop(columns=["group"])
    with pytest.raises(chiso.InputError,
                       match="ranking is by group column 'group', which the data lacks"):
        chiso.score(fw, df)


def test_array_shape_and_names():
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    with pytest.raises(chiso.UsageError, match="expected a 2-d array"):
        chiso.score(fw, np.zeros(3))
    with pytest.raises(chiso.UsageError, match="3 columns but <text> reads 2 \\(a, b\\)"):
        chiso.score(fw, np.zeros((2, 3)))
    with pytest.raises(chiso.UsageError, match="expected numbers, got an array of dtype <U1"):
        chiso.score(fw, np.array([["a", "b"]]))
    with pytest.raises(chiso.UsageError, match="1 unit ids for 2 rows"):
        chiso.score(fw, np.zeros((2, 2)), units=["u1"])


def test_unknown_preset_lists_presets():
    with pytest.raises(chiso.UsageError,
                       match="unknown preset 'dti' in .* \\(presets: .*'dti-province-922'"):
        chiso.preset("dti")


def test_unknown_node():
    r = chiso.score("dti-province-922", warn=False)
    with pytest.raises(chiso.UsageError, match="contributions: unknown node 'gdp'"):
        r.contributions("gdp")


def test_errors_carry_over_to_threads_and_back():
    # An exception thrown while the GIL is released still arrives as the Python class.
    fw = chiso.Framework.from_yaml(GOOD_SPEC)
    plan = fw.compile(["a", "b"])
    with pytest.raises(chiso.UsageError, match="evaluate: 1 group labels for 2 units"):
        plan.evaluate(np.zeros((2, 2), order="F"), ["g"])
    with pytest.raises(chiso.UsageError, match="rank: method must be competition"):
        chiso.rank([1.0, 2.0], method="olympic")
