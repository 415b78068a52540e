"""The package's public face: `import chiso; chiso.X` works for the same names, and
`from chiso import *` brings the same ones, whatever files the package is made of."""

import chiso

#: sorted(n for n in dir(chiso) if not n.startswith("_")), recorded at 66473e0 (one
#: 1,943-line __init__.py), plus `methods` (the method catalogue, added since).
PUBLIC = [
    "Aggregation", "AggregationLike", "Alpha", "Any", "ChoicesLike", "Error", "Evaluation",
    "Framework", "FrameworkError", "InputError", "Mapping", "Method", "MethodLike",
    "NamedTuple", "Optional", "PCA", "PathLike", "Periods", "Plan", "Result", "ScoreWarning",
    "Sensitivity", "Sequence", "Stats", "Uncertainty", "Union", "UsageError",
    "aggregate_forms", "annotations", "correlation", "cronbach_alpha", "json", "load", "math",
    "methods", "normalise_forms", "np", "os", "pca", "pd", "preset", "presets", "presets_dir",
    "rank", "re",
    "read_coinr", "read_data", "read_panel", "round_decimal", "score", "score_periods",
    "sensitivity", "stats", "summarise", "sys", "targets", "trend", "uncertainty", "warnings",
    "whatif",
]

#: Of those, the modules and typing helpers the single file imported for itself, which `dir`
#: showed as chiso.np, chiso.json...: not the package's API, and gone since the split.
LEAKED = [
    "Any", "Mapping", "NamedTuple", "Optional", "Sequence", "Union", "annotations", "json",
    "math", "np", "os", "pd", "re", "sys", "warnings",
]

#: chiso.__all__, recorded at the same commit.
ALL = [
    "Aggregation", "Alpha", "Error", "Evaluation", "Framework", "FrameworkError", "InputError",
    "Method", "PCA", "Periods", "Plan", "Result", "ScoreWarning", "Sensitivity", "Stats",
    "Uncertainty", "UsageError", "aggregate_forms", "correlation", "cronbach_alpha", "load",
    "methods", "normalise_forms", "pca", "preset", "presets", "presets_dir", "rank", "read_coinr",
    "read_data", "read_panel", "round_decimal", "score", "score_periods", "sensitivity",
    "stats", "summarise", "targets", "trend", "uncertainty", "whatif",
]


def test_public_names_are_the_recorded_ones():
    assert set(LEAKED) <= set(PUBLIC)
    assert sorted(n for n in dir(chiso) if not n.startswith("_")) == sorted(
        set(PUBLIC) - set(LEAKED))


def test_star_import_brings_the_recorded_names():
    assert sorted(chiso.__all__) == ALL
    ns: dict = {}
    exec("from chiso import *", ns)  # noqa: S102 - the statement under test
    assert sorted(n for n in ns if n != "__builtins__") == ALL
