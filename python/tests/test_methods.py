"""chiso.methods(): the method catalogue read from the methods' declarations
(include/chiso/io/catalogue.hpp), checked against values written out by hand from the
headers (normalise/min_max.hpp, z_score.hpp, ratio_to.hpp)."""

import json

import chiso
from chiso import _chiso


def entry(kind, name):
    return next(m for m in chiso.methods()[kind] if m["name"] == name)


def param(method, key):
    return next(p for p in method["parameters"] if p["key"] == key)


def test_kinds():
    cat = chiso.methods()
    assert sorted(cat) == ["aggregations", "imputation_common", "imputations", "normalisations",
                           "treatments", "weights"]
    names = {k: [m["name"] for m in v] for k, v in cat.items() if k != "imputation_common"}
    assert "min_max" in names["normalisations"]
    assert "arithmetic_mean" in names["aggregations"]
    assert "pca" in names["weights"]
    assert names["imputations"][:2] == ["column_mean", "column_median"]
    assert names["treatments"] == ["winmax", "box_cox", "quantile"]
    assert [p["key"] for p in cat["imputation_common"]] == ["fallback"]


def test_min_max():
    m = entry("normalisations", "min_max")
    assert m["summary"] == "min-max rescaling to [lo, hi]; uses the indicator's bounds when given"
    assert [p["key"] for p in m["parameters"]] == ["lo", "hi", "clamp"]
    lo, hi, clamp = (param(m, k) for k in ("lo", "hi", "clamp"))
    assert lo == {"key": "lo", "type": "number", "default": 0.0, "default_text": "0",
                  "range": None, "choices": None, "allowed": "number",
                  "doc": "score of the worst unit", "required": False, "fields": None}
    assert hi["default"] == 1.0 and isinstance(hi["default"], float)
    assert clamp["default"] is False and clamp["type"] == "true or false"


def test_ranges_and_choices():
    sd = param(entry("normalisations", "z_score"), "sd")
    assert sd["range"] == "> 0" and sd["allowed"] == "number > 0"
    ref = param(entry("normalisations", "ratio_to"), "reference")
    assert ref["choices"] == ["mean", "best", "worst"]
    assert ref["default"] == "best" and ref["type"] == "one of mean, best, worst"


def test_lists_of_maps_list_their_fields():
    steps = param(entry("normalisations", "step_table"), "steps")
    assert steps["required"] and steps["default"] is None and steps["type"] == "list of maps"
    assert [f["key"] for f in steps["fields"]] == ["at_least", "points"]


def test_every_default_reads_back_through_the_spec_reader():
    # Each method with its declared defaults written out is read by the spec reader (the
    # catalogue names what spec files and keyword arguments accept).
    cat = chiso.methods()
    for kind, read in (("normalisations", _chiso.normalise_from_spec),
                       ("aggregations", _chiso.aggregate_from_spec)):
        for m in cat[kind]:
            if any(p["required"] for p in m["parameters"]):
                continue
            spec = {"type": m["name"]}
            spec.update({p["key"]: p["default"] for p in m["parameters"]
                         if p["default"] is not None})
            read(json.dumps(spec), "test")
