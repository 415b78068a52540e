"""chiso (chỉ số, "index"): composite indicators in Python, over the same compiled library as
the ``chiso`` command line.

Load a framework (a spec file, a preset, a dict, COINr metadata), score a pandas DataFrame
(units as index, indicators as columns) or a numpy array, and get DataFrames back: scores of
every aggregate node, each indicator's normalised score, ranks, bands, contributions,
diagnostics. Results are bit-for-bit those of ``chiso score``.

    >>> import chiso
    >>> fw = chiso.preset("dti-province-922")
    >>> r = chiso.score(fw, fw.sample_data())
    >>> r.table(digits=4).head()

Override methods per call with the CLI's shorthands (``normalise="zscore:10:2"``,
``aggregate="gmean"``) or the spec file's form (``{"type": "min_max", "lo": 0, "hi": 100}``).
Formulas: docs/methods-normalise.md and docs/methods-aggregate.md; guide: docs/python.md.

Statistics as ``chiso stats`` computes them: ``result.stats()`` (or ``chiso.stats(fw, data)``)
gives per-indicator summaries and flags, the correlation matrix, Cronbach's alpha and PCA per
aggregate node, and the structure flags, as DataFrames; ``chiso.summarise``,
``chiso.correlation``, ``chiso.cronbach_alpha`` and ``chiso.pca`` work on any DataFrame.

Robustness as ``chiso uncertainty`` and ``chiso sensitivity`` compute it:
``chiso.uncertainty(fw, data, choices)`` (Monte Carlo rank intervals: ``.summary``, ``.draws``,
``.samples``) and ``chiso.sensitivity(fw, data, choices)`` (first-order and total indices with
bootstrap intervals). Several periods as ``chiso score``, ``chiso trend`` and ``chiso targets``
compute them: ``chiso.score_periods(fw, {2023: df23, 2024: df24})`` (a :class:`Periods`),
``chiso.trend(...)``, ``chiso.targets(...)``.

Errors are ``chiso.Error`` (a ``ValueError``) subclasses with the CLI's messages:
``InputError`` (a file or data breaks a rule; file:line:column when there is a file),
``FrameworkError`` (a framework breaks a rule), ``UsageError`` (misuse: unknown method
shorthand, preset, node...).
"""

from __future__ import annotations

import json
import math
import os
import re
import sys
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, Optional, Union

import numpy as np
import pandas as pd

from . import _chiso
from ._chiso import (
    Aggregation,
    Error,
    Evaluation,
    FrameworkError,
    InputError,
    Method,
    Plan,
    UsageError,
)

__version__: str = _chiso.__version__

__all__ = [
    "Aggregation",
    "Alpha",
    "Error",
    "Evaluation",
    "Framework",
    "FrameworkError",
    "InputError",
    "Method",
    "PCA",
    "Periods",
    "Plan",
    "Result",
    "ScoreWarning",
    "Sensitivity",
    "Stats",
    "Uncertainty",
    "UsageError",
    "aggregate_forms",
    "correlation",
    "cronbach_alpha",
    "load",
    "normalise_forms",
    "pca",
    "preset",
    "presets",
    "presets_dir",
    "rank",
    "read_coinr",
    "read_data",
    "read_panel",
    "round_decimal",
    "score",
    "score_periods",
    "sensitivity",
    "stats",
    "summarise",
    "targets",
    "trend",
    "uncertainty",
]


def _near_presets() -> list:
    """<ancestor>/share/chiso/presets for the package's first ancestors: <build>/python/chiso
    -> <build>/share/chiso/presets; <prefix>/lib/pythonX.Y/dist-packages/chiso ->
    <prefix>/share/chiso/presets (as the CLI looks next to its program)."""
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for _ in range(5):
        here = os.path.dirname(here)
        out.append(os.path.join(here, "share", "chiso", "presets"))
    return out


_chiso._set_near_presets(_near_presets())


class ScoreWarning(UserWarning):
    """An expected non-success while scoring (a constant column, a unit below coverage, a
    non-positive value fed to a geometric mean...), as the CLI prints on stderr. Every one is
    also in ``Result.diagnostics``."""


PathLike = Union[str, "os.PathLike[str]"]
MethodLike = Union[str, Mapping, Method]
AggregationLike = Union[str, Mapping, Aggregation]

_MAX_WARNINGS = 50  # as the CLI
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _warn(message: str) -> None:
    """A ScoreWarning attributed to the first caller outside this package."""
    frame, level = sys._getframe(1), 2  # stacklevel 2: the caller of _warn
    while frame is not None and os.path.dirname(os.path.abspath(frame.f_code.co_filename)) \
            == _PACKAGE_DIR:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, ScoreWarning, stacklevel=level)


def _json_default(x: Any) -> Any:
    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray):
        return x.tolist()
    if isinstance(x, os.PathLike):
        return os.fspath(x)
    raise TypeError(f"cannot write {type(x).__name__} {x!r} in a spec")


def _to_json(obj: Any, label: str, indent: Optional[int] = None) -> str:
    try:
        return json.dumps(obj, indent=indent, ensure_ascii=False, allow_nan=False,
                          default=_json_default)
    except (TypeError, ValueError) as e:
        raise UsageError(f"{label}: {e}") from None


# ---------------------------------------------------------------------------------------------
# Method overrides
# ---------------------------------------------------------------------------------------------

def _method(value: MethodLike, label: str) -> Method:
    if isinstance(value, Method):
        return value
    if isinstance(value, str):
        return _chiso.parse_normalise(value)
    if isinstance(value, Mapping):
        return _chiso.normalise_from_spec(_to_json(dict(value), label), f"{label}={dict(value)!r}")
    raise TypeError(f"{label}: expected a shorthand string ('minmax:0:100'), a spec-file method "
                    f"({{'type': 'min_max', ...}}) or a mapping of ids to those, got "
                    f"{type(value).__name__}")


def _aggregation(value: AggregationLike, label: str) -> Aggregation:
    if isinstance(value, Aggregation):
        return value
    if isinstance(value, str):
        return _chiso.parse_aggregate(value)
    if isinstance(value, Mapping):
        return _chiso.aggregate_from_spec(_to_json(dict(value), label), f"{label}={dict(value)!r}")
    raise TypeError(f"{label}: expected a shorthand string ('gmean'), a spec-file method "
                    f"({{'type': 'generalised_mean', 'p': 0.5}}) or a mapping of ids to those, "
                    f"got {type(value).__name__}")


def _split(value: Any, parse, label: str):
    """(method for every id or None, [(id, method)]) from an override argument: a method, or
    a mapping {id: method} where the key "*" means every other id. A mapping with a "type"
    key is one method in the spec file's form."""
    if value is None:
        return None, []
    if isinstance(value, Mapping) and "type" not in value:
        every = None
        per_id = []
        for k, v in value.items():
            if k == "*":
                every = parse(v, label)
            else:
                per_id.append((str(k), parse(v, f"{label}[{k!r}]")))
        return every, per_id
    return parse(value, label), []


# ---------------------------------------------------------------------------------------------
# Framework
# ---------------------------------------------------------------------------------------------

class Framework:
    """A composite-indicator framework: indicators, aggregate nodes (a DAG), ranking, bands,
    plus its spec file's sample and data-layout sections. Immutable: overrides return a new
    framework.

    Make one with :func:`load` (spec file), :func:`preset` (by name), :meth:`from_dict`,
    :meth:`from_yaml` or :func:`read_coinr` (COINr iMeta).
    """

    __slots__ = ("_spec",)

    def __init__(self, spec: _chiso.Spec) -> None:
        if not isinstance(spec, _chiso.Spec):
            raise TypeError("Framework(...) wraps a compiled spec; use chiso.load(path), "
                            "chiso.preset(name), Framework.from_dict(d) or Framework.from_yaml(text)")
        self._spec = spec

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def load(cls, path: PathLike) -> "Framework":
        """Reads a spec file (YAML, or JSON). Raises InputError naming file:line:column and
        the rule broken (every structural error at once), or the framework's problems."""
        return cls(_chiso.Spec.load(os.fspath(path)))

    @classmethod
    def from_yaml(cls, text: str, source: str = "<text>", base_dir: PathLike = "") -> "Framework":
        """Reads spec text (YAML or JSON); ``source`` names it in messages; ``sample.file`` is
        resolved against ``base_dir``."""
        return cls(_chiso.Spec.parse(text, source, os.fspath(base_dir)))

    @classmethod
    def from_dict(cls, spec: Mapping, source: str = "<dict>", base_dir: PathLike = "") -> "Framework":
        """Builds a framework from a dict shaped like a spec file (docs/spec.md)::

            Framework.from_dict({
                "id": "mini",
                "indicators": [{"id": "a"}, {"id": "b", "direction": -1}],
                "nodes": [{"id": "index", "children": {"a": 2, "b": 1}}],
            })

        ``"chiso": 1`` (the schema version) may be left out. The dict is read by the spec
        reader, so the rules and messages are a spec file's; positions in messages refer to
        the dict written as JSON with ``json.dumps(d, indent=2)``.
        """
        if not isinstance(spec, Mapping):
            raise TypeError(f"from_dict: expected a mapping, got {type(spec).__name__}")
        d = dict(spec)
        if "chiso" not in d:
            d = {"chiso": 1, **d}
        return cls(_chiso.Spec.parse(_to_json(d, source, indent=2), source, os.fspath(base_dir)))

    @classmethod
    def preset(cls, name: str, presets_dir: Optional[PathLike] = None) -> "Framework":
        """The bundled framework ``name`` (see :func:`presets`)."""
        return cls(_chiso.Spec.preset(name, None if presets_dir is None else os.fspath(presets_dir)))

    @classmethod
    def from_coinr(cls, meta: PathLike) -> "Framework":
        """Reads COINr's iMeta table (Indicator rows → indicators normalised min-max to
        [0, 100], Aggregate rows → weighted arithmetic means), as ``chiso score --coinr-meta``."""
        return cls(_chiso.Spec.from_coinr(os.fspath(meta)))

    # -- what it is -------------------------------------------------------------------------
    @property
    def id(self) -> str:
        return self._spec.id

    @property
    def name(self) -> str:
        return self._spec.name

    @property
    def description(self) -> str:
        return self._spec.description

    @property
    def version(self) -> str:
        return self._spec.version

    @property
    def root(self) -> str:
        """The root node's id."""
        return self._spec.root

    @property
    def display_decimals(self) -> Optional[int]:
        """The published precision (display only), or None."""
        return self._spec.display_decimals

    @property
    def source(self) -> str:
        """The spec file read ("" when built from text or a dict)."""
        return self._spec.source

    @property
    def label(self) -> str:
        """Where it came from, for messages: a path, "preset 'x'", "<dict>"."""
        return self._spec.label

    @property
    def sample(self) -> Optional[dict]:
        """The spec's sample section ``{file, synthetic, note}``, or None."""
        return self._spec.sample

    @property
    def data_layout(self) -> dict:
        """How its data file is laid out: ``{unit_column, name_column, groups, group_suffix}``."""
        return self._spec.data_layout

    @property
    def ranking(self) -> dict:
        """``{method, order, group_by, round_to}``."""
        return self._spec.ranking

    @property
    def bands(self) -> list:
        """``[(label, min), ...]`` by decreasing min, classifying the root score."""
        return self._spec.bands

    @property
    def columns(self) -> list:
        """The data columns it reads (values, then denominators), in first-use order."""
        return self._spec.columns

    @property
    def indicator_ids(self) -> list:
        return [i["id"] for i in self._spec.indicators]

    @property
    def node_ids(self) -> list:
        return [n["id"] for n in self._spec.nodes]

    @property
    def indicators(self) -> pd.DataFrame:
        """One row per indicator (index: id): name, unit, direction, method, bounds, target,
        points, column, denominator, scale, transform, valid range, empty-denominator
        policies, origin (file:line)."""
        return pd.DataFrame(self._spec.indicators).set_index("id")

    @property
    def nodes(self) -> pd.DataFrame:
        """One row per aggregate node (index: id): name, method, min_coverage, cap,
        children ``[(id, weight)]``, origin."""
        rows = self._spec.nodes
        if not rows:
            return pd.DataFrame(columns=["name", "method", "min_coverage", "cap", "children",
                                         "origin"], index=pd.Index([], name="id"))
        return pd.DataFrame(rows).set_index("id")

    @property
    def weights(self) -> pd.DataFrame:
        """The edges of the DAG as a tidy frame: node, child, weight (spec order)."""
        rows = [(n["id"], c, w) for n in self._spec.nodes for c, w in n["children"]]
        return pd.DataFrame(rows, columns=["node", "child", "weight"])

    @property
    def effective_weights(self) -> pd.DataFrame:
        """Nominal weight of every indicator (columns) in every node (rows, indicators then
        aggregate nodes): E(k) = Σ_j ŵ_j E(child_j), ŵ_j = w_j / Σ w for means and w_j for
        sums; E(indicator i) = e_i. For non-additive aggregations this is the nominal weight,
        not a contribution."""
        plan = self.compile()
        ids = plan.ids
        return pd.DataFrame(plan.effective_weights, index=pd.Index(ids, name="node"),
                            columns=ids[: plan.n_indicators])

    def compile(self, columns: Optional[Sequence[str]] = None) -> Plan:
        """The framework compiled into a :class:`Plan` bound to ``columns`` (the data's column
        names, default :attr:`columns`): validate once, then ``plan.evaluate(values)`` on many
        value matrices (Monte Carlo loops) without recompiling. Raises InputError naming
        every column a framework needs that ``columns`` lacks."""
        return Plan(self._spec, list(self.columns if columns is None else columns))

    def problems(self) -> list:
        """Every rule the framework breaks (always empty for a framework read by chiso)."""
        return self._spec.problems()

    def to_yaml(self) -> str:
        """The framework as a spec file (YAML) that reads back to an equal framework."""
        return self._spec.to_yaml()

    # -- overrides and data ---------------------------------------------------------------
    def with_methods(self, normalise: Any = None, aggregate: Any = None) -> "Framework":
        """A copy with methods replaced, for quick experiments. Each argument is one method
        for every indicator (node) — a CLI shorthand (``"minmax:0:100"``, ``"zscore:10:2"``,
        ``"prank"``, ``"gmean"``, ``"genmean:0.5"``...; see :func:`normalise_forms`) or a
        spec-file method (``{"type": "min_max", "lo": 0, "hi": 100}``) — or a mapping of ids
        to methods (key ``"*"``: every other id). Raises UsageError for an unknown shorthand
        or id, FrameworkError when the result is invalid (e.g. goalposts without bounds)."""
        n_all, n_ids = _split(normalise, _method, "normalise")
        a_all, a_ids = _split(aggregate, _aggregation, "aggregate")
        if n_all is None and a_all is None and not n_ids and not a_ids:
            return self
        return Framework(self._spec.with_methods(n_all, a_all, n_ids, a_ids))

    def read_data(self, path: PathLike) -> pd.DataFrame:
        """Reads this framework's wide CSV data file as :func:`read_data` does."""
        return read_data(path, self)

    def sample_data(self) -> pd.DataFrame:
        """The sample data file shipped with the spec (presets). Check ``sample["synthetic"]``:
        every bundled sample holds INVENTED values."""
        s = self.sample
        if s is None:
            raise UsageError(f"{self.label} has no sample data file")
        return read_data(s["file"], self)

    def score(self, data: Any = None, normalise: Any = None, aggregate: Any = None,
              **kwargs: Any) -> "Result":
        """``chiso.score(self, data, ...)``."""
        return score(self, data, normalise, aggregate, **kwargs)

    def score_periods(self, data: Any, normalise: Any = None, aggregate: Any = None,
                      **kwargs: Any) -> "Periods":
        """``chiso.score_periods(self, data, ...)``: every period scored (:class:`Periods`)."""
        return score_periods(self, data, normalise, aggregate, **kwargs)

    def uncertainty(self, data: Any = None, choices: Any = None, **kwargs: Any) -> "Uncertainty":
        """``chiso.uncertainty(self, data, choices, ...)``: Monte Carlo rank intervals."""
        return uncertainty(self, data, choices, **kwargs)

    def sensitivity(self, data: Any = None, choices: Any = None, **kwargs: Any) -> "Sensitivity":
        """``chiso.sensitivity(self, data, choices, ...)``: variance-based sensitivity indices."""
        return sensitivity(self, data, choices, **kwargs)

    def __repr__(self) -> str:
        return (f"<chiso.Framework '{self.id}' from {self.label}: {len(self.indicator_ids)} "
                f"indicators, {len(self.node_ids)} nodes, root '{self.root}'>")


def load(path: PathLike) -> Framework:
    """Reads a spec file (YAML or JSON): :meth:`Framework.load`."""
    return Framework.load(path)


def preset(name: str, presets_dir: Optional[PathLike] = None) -> Framework:
    """The bundled framework ``name`` (e.g. ``"dti-province-922"``). The presets directory is
    the first found of: ``presets_dir``, ``$CHISO_PRESETS``, ``share/chiso/presets`` next to
    the package (build tree or install prefix), the configured install location, the source
    tree's ``presets/`` (as the CLI searches next to its program)."""
    return Framework.preset(name, presets_dir)


def presets_dir(presets_dir: Optional[PathLike] = None) -> str:
    """The presets directory (see :func:`preset`). Raises InputError listing the places
    searched when there is none."""
    return _chiso.presets_dir(None if presets_dir is None else os.fspath(presets_dir))


def presets(presets_dir: Optional[PathLike] = None) -> pd.DataFrame:
    """The bundled frameworks, as ``chiso presets`` lists them: index id; name, sample
    (``"synthetic"``, ``"real"`` or None), file, error (why it cannot be read, or "")."""
    rows = []
    for pid, file, spec, error in _chiso.list_presets(
            None if presets_dir is None else os.fspath(presets_dir)):
        sample = None
        name = ""
        if spec is not None:
            name = spec.name or spec.id
            if spec.sample is not None:
                sample = "synthetic" if spec.sample["synthetic"] else "real"
        rows.append((pid, name, sample, file, error))
    return pd.DataFrame(rows, columns=["id", "name", "sample", "file", "error"]).set_index("id")


def normalise_forms() -> str:
    """The accepted normalisation shorthands (as ``chiso score --help`` lists them)."""
    return _chiso.normalise_forms()


def aggregate_forms() -> str:
    """The accepted aggregation shorthands."""
    return _chiso.aggregate_forms()


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------

def _frame_from_read(raw: dict, fw: Framework) -> pd.DataFrame:
    layout = fw.data_layout
    index = pd.Index(raw["units"], name=layout["unit_column"])
    values = raw["values"]  # Fortran order: the frame's float block is its transpose, no copy
    df = pd.DataFrame(values, index=index, columns=raw["columns"], copy=False)
    front = []
    if raw["names"]:
        front.append((layout["name_column"], raw["names"]))
    front.extend(raw["groups"])
    for k, (name, labels) in enumerate(front):
        df.insert(k, name, labels)
    df.attrs["chiso_source"] = raw["source"]
    df.attrs["chiso_lines"] = list(raw["lines"])
    return df


def read_data(path: PathLike, framework: Framework) -> pd.DataFrame:
    """Reads a wide CSV data file for ``framework`` exactly as the CLI does: the unit column
    (index), the name column and group columns (text), and the columns the framework uses
    (float64; empty or NA = NaN). Every cell is checked — a number, inside its indicator's
    ``valid`` range — and every problem is reported at once as an InputError with
    ``file:line:column: column 'x': rule``. Other columns of the file are ignored."""
    if not isinstance(framework, Framework):
        raise TypeError(f"read_data: framework must be a chiso.Framework, got "
                        f"{type(framework).__name__}")
    return _frame_from_read(_chiso.read_data(os.fspath(path), framework._spec), framework)


def read_coinr(meta: PathLike, data: PathLike) -> "tuple[Framework, pd.DataFrame]":
    """Reads COINr's two input tables (``new_coin(iData, iMeta)``): the framework from iMeta
    and the data from iData (index uCode; uName; ``*_group`` columns as text)."""
    fw = Framework.from_coinr(meta)
    return fw, read_data(data, fw)


class _Data:
    """What is scored: units, values (units × columns) and labels."""

    __slots__ = ("units", "names", "columns", "values", "groups", "source", "lines")

    def __init__(self, units, names, columns, values, groups, source, lines):
        self.units = units
        self.names = names
        self.columns = columns
        self.values = values
        self.groups = groups
        self.source = source
        self.lines = lines


def _labels(values: Sequence) -> list:
    return ["" if (v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA)
            else str(v) for v in values]


def _check_units(units: list, source: str) -> None:
    seen: dict = {}
    for k, u in enumerate(units):
        if u in seen:
            raise InputError(f"{source}: duplicate unit id '{u}' (rows {seen[u] + 1} and {k + 1})")
        seen[u] = k


def _data_from_frame(df: pd.DataFrame, fw: Framework, groups: Any) -> _Data:
    source = df.attrs.get("chiso_source") or "data"
    units = [str(u) for u in df.index]
    _check_units(units, source)
    names = [str(c) for c in df.columns]
    seen = set()
    for c in names:
        if c in seen:
            raise InputError(f"{source}: column '{c}' appears twice")
        seen.add(c)
    numeric = [pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_complex_dtype(t)
               for t in df.dtypes]
    users: dict = {}
    for i in fw.indicators.itertuples():
        users.setdefault(i.column, []).append(f"'{i.Index}'")
        if i.denominator is not None:
            users.setdefault(i.denominator, []).append(f"'{i.Index}' (as denominator)")
    bad = [f"column '{c}' (used by indicator{'s' if len(users[c]) > 1 else ''} "
           f"{', '.join(users[c])}) holds {t} values, not numbers"
           for c, t, ok in zip(names, df.dtypes, numeric) if c in users and not ok]
    if bad:
        raise InputError("\n".join(f"{source}: {b}" for b in bad))
    if all(numeric):
        frame, columns = df, names
    else:
        keep = [k for k, ok in enumerate(numeric) if ok]
        frame, columns = df.iloc[:, keep], [names[k] for k in keep]
    if any(pd.api.types.is_extension_array_dtype(t) for t in frame.dtypes):
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    else:
        values = frame.to_numpy(dtype=np.float64)  # a single float64 block: a view, no copy
    text = {c: df.iloc[:, k] for k, c in enumerate(names) if not numeric[k]}
    layout = fw.data_layout
    label_of = {}
    for g in layout["groups"]:
        if g in names:
            label_of[g] = _labels(df.iloc[:, names.index(g)])
    suffix = layout["group_suffix"]
    if suffix:  # COINr's *_group columns, as the CLI reads them (imputation by group)
        for k, c in enumerate(names):
            if c.endswith(suffix) and not numeric[k] and c not in label_of:
                label_of[c] = _labels(df.iloc[:, k])
    if groups is not None:
        label_of.update(_groups_argument(groups, fw, len(units)))
    name_col = layout["name_column"]
    unit_names = [str(x) for x in text[name_col]] if name_col and name_col in text else None
    lines = df.attrs.get("chiso_lines")
    if not isinstance(lines, list) or len(lines) != len(units):
        lines = None
    return _Data(units, unit_names, columns, values, label_of, source, lines)


def _groups_argument(groups: Any, fw: Framework, n: int) -> dict:
    if isinstance(groups, Mapping):
        out = {str(k): _labels(list(v)) for k, v in groups.items()}
    else:
        by = fw.ranking["group_by"]
        if by is None:
            raise UsageError(f"groups: {fw.label} does not rank within groups (no ranking.group_by); "
                             f"pass a mapping {{name: labels}} to keep label columns")
        out = {by: _labels(list(groups))}
    for k, v in out.items():
        if len(v) != n:
            raise UsageError(f"groups: '{k}' has {len(v)} labels for {n} units")
    return out


def _data_from_array(values: Any, fw: Framework, columns: Any, units: Any, groups: Any) -> _Data:
    arr = values if isinstance(values, np.ndarray) else np.asarray(values)
    if arr.ndim != 2:
        raise UsageError(f"data: expected a 2-d array (units × columns), got {arr.ndim} dimension"
                         f"{'' if arr.ndim == 1 else 's'}")
    if arr.dtype.kind not in "fiub":
        raise UsageError(f"data: expected numbers, got an array of dtype {arr.dtype}")
    n, m = arr.shape
    if columns is None:
        columns = fw.columns
        if m != len(columns):
            raise UsageError(f"data: {m} columns but {fw.label} reads {len(columns)} "
                             f"({', '.join(columns)}); pass columns=[...] to name them")
    columns = [str(c) for c in columns]
    if len(columns) != m:
        raise UsageError(f"data: {len(columns)} column names for {m} columns")
    units = [str(u) for u in (range(n) if units is None else units)]
    if len(units) != n:
        raise UsageError(f"data: {len(units)} unit ids for {n} rows")
    _check_units(units, "data")
    label_of = {} if groups is None else _groups_argument(groups, fw, n)
    return _Data(units, None, columns, arr, label_of, "data", None)


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

def score(framework: Union[Framework, str], data: Any = None, normalise: Any = None,
          aggregate: Any = None, *, columns: Optional[Sequence] = None,
          units: Optional[Sequence] = None, groups: Any = None, warn: bool = True) -> "Result":
    """Scores every unit of ``data`` on ``framework``, as ``chiso score`` does.

    framework
        A :class:`Framework`, or a preset name or spec file path.
    data
        A DataFrame — index: unit ids; numeric columns: the data columns (NaN = missing);
        text columns: the unit names (the layout's name column) and group labels — or a 2-d
        numpy array (units × columns) with ``columns`` (default: ``framework.columns``) and
        ``units``. None: the framework's sample data (presets; their values are invented).
        A Fortran-ordered float64 array (and a DataFrame holding one float64 block) is read
        in place, without a copy.
    normalise, aggregate
        Method overrides for this call (see :meth:`Framework.with_methods`): e.g.
        ``"minmax:0:100"`` y = lo + (d·x − m)/(M − m)·(hi − lo); ``"zscore:10:2"``
        y = mean + sd·(d·x − μ)/σ (σ with n − 1); ``"prank"`` (r − 1)/(n − 1);
        ``"gmean"`` exp(Σ w ln x / Σ w); ``"genmean:p"`` (Σ w x^p / Σ w)^(1/p);
        or ``{"type": ..., ...}``, or ``{id: method, "*": method}``.
    groups
        Group labels for ranking within groups: a sequence (for ``ranking.group_by``) or a
        mapping ``{column: labels}``; by default the DataFrame's columns of those names.
    warn
        Emit each diagnostic as a :class:`ScoreWarning` (at most 50), as the CLI prints them.

    Raises InputError (missing or non-numeric columns, values outside an indicator's
    ``valid`` range, infinite values), FrameworkError, UsageError. The GIL is released while
    the library computes.
    """
    fw = _framework_argument(framework)
    fw = fw.with_methods(normalise, aggregate)
    if data is None:
        s = fw.sample
        if s is None:
            raise UsageError(f"score: data is required ({fw.label} has no sample data file)")
        if warn and s["synthetic"]:
            _warn(f"no data given: using the sample data of {fw.label}, whose values are "
                  f"SYNTHETIC (invented for demonstration): {s['file']}")
        data = fw.sample_data()
    if isinstance(data, pd.DataFrame):
        if columns is not None or units is not None:
            raise UsageError("score: columns= and units= are for arrays; a DataFrame names its "
                             "columns and index")
        d = _data_from_frame(data, fw, groups)
    else:
        d = _data_from_array(data, fw, columns, units, groups)
    return _evaluate(fw, d, warn)


def _framework_argument(framework: Any) -> Framework:
    if isinstance(framework, Framework):
        return framework
    if isinstance(framework, (str, os.PathLike)):
        p = os.fspath(framework)
        if os.path.isfile(p):
            return load(p)
        if os.sep in p or p.endswith((".yaml", ".yml", ".json")):
            return load(p)  # raises InputError naming the file
        return preset(p)
    raise TypeError(f"score: framework must be a chiso.Framework, a preset name or a spec file "
                    f"path, got {type(framework).__name__}")


def _evaluate(fw: Framework, d: _Data, warn: bool) -> "Result":
    plan = fw.compile(d.columns)
    plan.check(d.values, d.units, d.columns, d.source)
    by = fw.ranking["group_by"]
    group_labels = None
    if by is not None:
        if by not in d.groups:
            raise InputError(f"{d.source}: ranking is by group column '{by}', which the data lacks")
        group_labels = d.groups[by]
    impute_labels = None
    ig = plan.imputation_group
    if ig is not None:
        if ig not in d.groups:
            raise InputError(f"{d.source}: imputation is by group column '{ig}', which the data "
                             f"lacks")
        impute_labels = d.groups[ig]
    raw = plan.evaluate(d.values, group_labels, impute_groups=impute_labels)
    return Result(fw, plan, raw, d, warn)


class Result:
    """One scoring: scores of every node for every unit, ranks, bands, diagnostics.

    Attributes (pandas, index: unit ids named "unit"):

    - ``scores``: aggregate nodes' scores (root first, then spec order), NaN = missing;
    - ``indicators``: every indicator's score (normalised value or points);
    - ``rank``: the root's rank within its group (framework's ranking options; NaN when
      the score is missing);
    - ``band``: the root's band label (ordered Categorical, best first), or None without bands;
    - ``names``, ``group``: unit names and ranking group labels, or None;
    - ``diagnostics``: one row per expected non-success (code, node, unit, message).

    ``stats(level, corr)`` gives the statistics of ``chiso stats`` (:class:`Stats`).
    """

    def __init__(self, framework: Framework, plan: Plan, raw: Evaluation, data: _Data,
                 warn: bool = True) -> None:
        self.framework = framework
        self._plan = plan
        self._raw = raw
        self._data = data
        ids = list(plan.ids)
        ni = plan.n_indicators
        self._ids = ids
        self._n_indicators = ni
        root = plan.root
        nodes = [root] + [k for k in range(ni, len(ids)) if k != root] if len(ids) > ni \
            else list(range(ni))
        self._node_columns = nodes
        index = pd.Index(data.units, name="unit")
        self._index = index
        all_scores = np.array(raw.scores)  # a copy: the frames own their memory
        self.scores: pd.DataFrame = pd.DataFrame(all_scores[:, nodes], index=index,
                                                 columns=[ids[k] for k in nodes])
        self.indicators: pd.DataFrame = pd.DataFrame(all_scores[:, :ni], index=index,
                                                     columns=ids[:ni])
        self.rank: pd.Series = pd.Series(np.array(raw.rank), index=index, name="rank")
        bands = framework.bands
        if bands:
            labels = [b[0] for b in bands]
            codes = np.asarray(raw.band, dtype=np.int64)
            self.band: Optional[pd.Series] = pd.Series(
                pd.Categorical.from_codes(codes, categories=pd.Index(labels), ordered=True),
                index=index, name="band")
        else:
            self.band = None
        self.names: Optional[pd.Series] = (pd.Series(data.names, index=index, name="name")
                                           if data.names is not None else None)
        by = framework.ranking["group_by"]
        self.group: Optional[pd.Series] = (pd.Series(data.groups[by], index=index, name=by)
                                           if by is not None else None)
        self._group_labels = data.groups.get(by) if by is not None else None
        # The data column each indicator read, as scored (a copy), for stats(level="raw").
        self._raw_values = np.asfortranarray(
            np.asarray(data.values, dtype=np.float64)[:, list(plan.indicator_columns)])
        rows = []
        for code, node, unit, message in raw.diagnostics:
            uid = data.units[unit] if unit is not None else None
            if uid is None:
                text = message
            else:
                where = f" ({data.source}:{data.lines[unit]})" if data.lines else ""
                text = f"unit '{uid}'{where}: {message}"
            rows.append((code, ids[node], uid, text))
        self.diagnostics: pd.DataFrame = pd.DataFrame(rows, columns=["code", "node", "unit",
                                                                     "message"])
        if warn and rows:
            for r in rows[:_MAX_WARNINGS]:
                _warn(r[3])
            if len(rows) > _MAX_WARNINGS:
                _warn(f"... and {len(rows) - _MAX_WARNINGS} more warnings (see Result.diagnostics)")

    @property
    def root(self) -> str:
        """The root node's id."""
        return self._ids[self._plan.root]

    @property
    def all_scores(self) -> pd.DataFrame:
        """Every node's score, indicators then aggregate nodes (plan order)."""
        return pd.DataFrame(np.array(self._raw.scores), index=self._index, columns=self._ids)

    def _node_index(self, node: str, what: str) -> int:
        try:
            return self._ids.index(node)
        except ValueError:
            raise UsageError(f"{what}: unknown node '{node}' (nodes: "
                             f"{', '.join(repr(i) for i in self._ids)})") from None

    def table(self, indicators: bool = False, digits: Optional[int] = None) -> pd.DataFrame:
        """The CLI's ``chiso score`` output as a frame: name (when the data has names), the
        ranking group column, every aggregate node (root first), with ``indicators`` every
        indicator's score, then rank and band. ``digits`` rounds scores for display as
        published tables do (:func:`round_decimal`); ranks are unaffected."""
        parts = []
        if self.names is not None:
            parts.append(self.names)
        if self.group is not None:
            parts.append(self.group)
        s = self.scores
        if indicators and len(self._ids) > self._n_indicators:
            s = pd.concat([s, self.indicators], axis=1)
        if digits is not None:
            s = pd.DataFrame(round_decimal(s.to_numpy(), digits), index=s.index, columns=s.columns)
        parts.append(s)
        parts.append(self.rank)
        if self.band is not None:
            parts.append(self.band)
        return pd.concat(parts, axis=1)

    def contributions(self, node: Optional[str] = None) -> pd.DataFrame:
        """Each indicator's contribution to every unit's score at ``node`` (default: the
        root), units × indicators: c_i = Σ_paths Π share_j · score_i with share_j =
        w_j / Σ_avail w (× Σ_all w for sums) over the children present, so each row adds up
        to the unit's score; missing indicators contribute 0. Raises UsageError when an
        aggregate under ``node`` is not additive (only arithmetic means and sums are)."""
        k = self._plan.root if node is None else self._node_index(node, "contributions")
        c = self._plan.contributions(self._raw, k)
        return pd.DataFrame(c, index=self._index, columns=self._ids[: self._n_indicators])

    def ranks(self, nodes: Optional[Sequence[str]] = None) -> pd.DataFrame:
        """Every node's and indicator's rank (or those of ``nodes``), with the framework's
        ranking options and groups: "27th of 63" overall, per pillar, per indicator."""
        r = self.framework.ranking
        ids = self._ids if nodes is None else list(nodes)
        raw = np.asarray(self._raw.scores)
        out = {}
        for node in ids:
            k = self._node_index(node, "ranks")
            out[node] = rank(raw[:, k], r["method"], r["order"], r["round_to"],
                             self._group_labels)
        return pd.DataFrame(out, index=self._index)

    def tidy(self, nodes: Optional[Sequence[str]] = None, indicators: bool = False) -> pd.DataFrame:
        """Scores in long form, ready for plotting or ``pd.concat`` across runs: one row per
        (node, unit) with columns unit, [name], [group], node, level ("root", "node" or
        "indicator"), score, rank (within the node, framework's ranking options). Default
        nodes: every aggregate node, plus every indicator with ``indicators``."""
        if nodes is None:
            nodes = [self._ids[k] for k in self._node_columns]
            if indicators and len(self._ids) > self._n_indicators:
                nodes += self._ids[: self._n_indicators]
        ranks = self.ranks(nodes)
        raw = np.asarray(self._raw.scores)
        frames = []
        for node in nodes:
            k = self._node_index(node, "tidy")
            level = "root" if k == self._plan.root else (
                "indicator" if k < self._n_indicators else "node")
            f = pd.DataFrame({"unit": self._index.to_numpy()})
            if self.names is not None:
                f["name"] = self.names.to_numpy()
            if self.group is not None:
                f["group"] = self.group.to_numpy()
            f["node"] = node
            f["level"] = level
            f["score"] = raw[:, k]
            f["rank"] = ranks[node].to_numpy()
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def stats(self, level: str = "raw", corr: str = "pearson") -> "Stats":
        """Statistics of this scoring, as ``chiso stats`` computes them (see :class:`Stats`).

        level
            ``"raw"``: the indicators' data columns as read; ``"prepared"``: the values the
            methods normalise (after denominators, transforms, imputation and outlier
            treatment); ``"normalised"``: the indicators' scores; ``"all"``: the scores of every indicator and aggregate node (plan order).
        corr
            ``"pearson"`` or ``"spearman"``, for the correlation matrix and the structure
            checks.
        """
        return Stats(self, level, corr)

    def __repr__(self) -> str:
        return (f"<chiso.Result '{self.framework.id}': {len(self._index)} units, "
                f"{len(self._ids)} nodes, {len(self.diagnostics)} diagnostics>")


# ---------------------------------------------------------------------------------------------
# Statistics (include/chiso/analysis; the CLI's `chiso stats`)
# ---------------------------------------------------------------------------------------------

#: The columns of ``chiso stats``' per-indicator CSV (stats.csv), in its order.
_STATS_CSV = ["coverage", "n", "min", "max", "mean", "sd", "skew", "kurtosis", "n_outliers",
              "flags"]
_COUNTS = ("n", "n_outliers", "n_nonzero", "n_unique", "n_rows")


class Alpha(NamedTuple):
    """Cronbach's alpha of a group of items (:func:`cronbach_alpha`)."""

    alpha: float  #: NaN when undefined (k < 2, a pair sharing < 2 rows, no variance)
    k: int        #: items (columns)
    n: int        #: complete rows ("complete"), or the fewest rows a pair shared ("pairwise")


class PCA(NamedTuple):
    """A principal component analysis summary (:func:`pca`)."""

    status: str                #: "ok", "no_columns", "too_few_rows" or "no_spread"
    n: int                     #: complete rows used
    column: Optional[str]      #: with "no_spread": the first column without spread
    components: pd.DataFrame   #: PC1..PCk: eigenvalue, explained, cumulative (empty unless ok)
    pc1: pd.Series             #: loadings of PC1 per column, sign fixed (empty unless ok)


def _method_name(corr: str, what: str) -> str:
    if corr not in ("pearson", "spearman"):
        raise UsageError(f"{what}: method must be pearson or spearman, got {corr!r}")
    return corr


def _numeric(data: Any, what: str) -> "tuple[np.ndarray, list]":
    """(units × columns float64 Fortran array, column labels) of a DataFrame's numeric columns
    (others are left out, as ``DataFrame.describe`` does), a Series, or a 1-d/2-d array."""
    if isinstance(data, pd.DataFrame):
        keep = [k for k, t in enumerate(data.dtypes)
                if pd.api.types.is_numeric_dtype(t) and not pd.api.types.is_complex_dtype(t)]
        frame = data.iloc[:, keep]
        labels = [str(c) for c in frame.columns]
        values = frame.to_numpy(dtype=np.float64, na_value=np.nan)
    elif isinstance(data, pd.Series):
        labels = [str(data.name) if data.name is not None else "0"]
        values = data.to_numpy(dtype=np.float64, na_value=np.nan).reshape(-1, 1)
    else:
        arr = np.asarray(data)
        if arr.dtype.kind not in "fiub":
            raise UsageError(f"{what}: expected numbers, got an array of dtype {arr.dtype}")
        if arr.ndim == 1:
            arr = arr.reshape(-1, 1)
        if arr.ndim != 2:
            raise UsageError(f"{what}: expected a 2-d array (units × columns), got {arr.ndim} "
                             f"dimensions")
        labels = [str(j) for j in range(arr.shape[1])]
        values = arr.astype(np.float64, copy=False)
    return np.asfortranarray(values), labels


def _summary_frame(raw: dict, labels: list) -> pd.DataFrame:
    cols = {}
    for name in ("coverage", "n", "min", "max", "mean", "sd", "skew", "kurtosis", "n_outliers",
                 "median", "q1", "q3", "lower_fence", "upper_fence", "n_nonzero", "n_unique",
                 "n_rows"):
        v = np.asarray(raw[name])
        cols[name] = v.astype(np.int64) if name in _COUNTS else v
    cols["flags"] = [";".join(f) for f in raw["flags"]]
    order = _STATS_CSV + ["median", "q1", "q3", "lower_fence", "upper_fence", "n_nonzero",
                          "n_unique", "n_rows"]
    return pd.DataFrame(cols, index=pd.Index(labels, name="id"))[order]


def summarise(data: Any, *, min_coverage: float = 0.65, max_abs_skew: float = 2.0,
              max_kurtosis: float = 3.5, min_nonzero: float = 0.5, min_unique: float = 0.5,
              iqr_factor: float = 1.5) -> pd.DataFrame:
    """Descriptive statistics of every numeric column of ``data`` (a DataFrame, a Series or an
    array; NaN = missing), over its observed values, one row per column (index ``id``):

    - ``coverage`` = n / n_rows; ``n`` observed values; ``min``, ``max``;
      ``mean`` x̄ = Σx / n; ``sd`` = √(Σ(x − x̄)² / (n − 1));
    - ``skew``: bias-corrected skewness G1 = g1·√(n(n − 1))/(n − 2), g1 = √n·Σd³/(Σd²)^{3/2}
      (Excel SKEW; NaN when n < 3 or no spread);
    - ``kurtosis``: bias-corrected excess kurtosis G2 = ((n + 1)(r − 3) + 6)(n − 1)/((n − 2)(n − 3)),
      r = n·Σd⁴/(Σd²)² (Excel KURT; NaN when n < 4 or no spread);
    - ``n_outliers``: values beyond Tukey's fences Q1 − f·IQR, Q3 + f·IQR (f = ``iqr_factor``);
    - ``flags`` (';'-separated, COINr ``get_stats``): no_data, no_spread, low_coverage
      (coverage < ``min_coverage``), skew_kurtosis (|skew| > ``max_abs_skew`` and kurtosis >
      ``max_kurtosis``), low_nonzero (non-zero share < ``min_nonzero``), low_unique (distinct
      share < ``min_unique``), outliers;
    - then ``median``, ``q1``, ``q3`` (type-7 quantiles, R's default), ``lower_fence``,
      ``upper_fence``, ``n_nonzero``, ``n_unique``, ``n_rows``.

    The first ten columns are those of ``chiso stats --format csv``. Formulas and sources:
    docs/methods.md (Part III)."""
    values, labels = _numeric(data, "summarise")
    raw = _chiso.summarise(values, min_coverage, max_abs_skew, max_kurtosis, min_nonzero,
                           min_unique, iqr_factor)
    return _summary_frame(raw, labels)


def correlation(x: Any, y: Any = None, method: str = "pearson", *,
                counts: bool = False) -> Any:
    """Correlations of the numeric columns of ``x`` with each other (or with those of ``y``,
    same rows), each pair over the rows where both are observed (pairwise-complete, R's
    ``use = "pairwise.complete.obs"``, COINr's ``get_corr``):

    - ``"pearson"``: r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²), means over those rows;
    - ``"spearman"``: Pearson's r of the average ranks (ties share their mean rank).

    NaN when fewer than 2 rows are shared or a column has no spread over them. Returns the
    matrix as a DataFrame, or ``(r, n)`` with ``counts=True`` (n: the rows each entry used)."""
    _method_name(method, "correlation")
    a, la = _numeric(x, "correlation")
    if y is None:
        r, n = _chiso.correlation_matrix(a, method)
        lb = la
    else:
        b, lb = _numeric(y, "correlation")
        if b.shape[0] != a.shape[0]:
            raise UsageError(f"correlation: x has {a.shape[0]} rows but y has {b.shape[0]}")
        r, n = _chiso.cross_correlation(a, b, method)
    rf = pd.DataFrame(r, index=pd.Index(la, name="id"), columns=lb)
    if not counts:
        return rf
    return rf, pd.DataFrame(n, index=pd.Index(la, name="id"), columns=lb)


def cronbach_alpha(items: Any, rows: str = "pairwise") -> Alpha:
    """Cronbach's alpha of the numeric columns of ``items`` (units × k items; Cronbach 1951,
    COINr ``get_cronbach``): α = k/(k − 1)·(1 − Σᵢ Cᵢᵢ / Σᵢⱼ Cᵢⱼ), C the sample covariance
    matrix; on complete rows α = k/(k − 1)·(1 − Σσᵢ²/σ²_total). ``rows``: ``"pairwise"`` (each
    Cᵢⱼ over the rows both items share, as COINr) or ``"complete"`` (rows with every item)."""
    values, _ = _numeric(items, "cronbach_alpha")
    alpha, k, n = _chiso.cronbach_alpha(values, rows)
    return Alpha(alpha, k, n)


def _pca_of(raw: dict, labels: list) -> PCA:
    column = raw["column"]
    if raw["status"] != "ok":
        return PCA(raw["status"], raw["n"], labels[column] if column is not None else None,
                   pd.DataFrame(columns=["eigenvalue", "explained", "cumulative"],
                                dtype=np.float64),
                   pd.Series([], dtype=np.float64, name="pc1"))
    k = len(labels)
    comps = pd.DataFrame({"eigenvalue": np.asarray(raw["eigenvalues"]),
                          "explained": np.asarray(raw["explained"]),
                          "cumulative": np.asarray(raw["cumulative"])},
                         index=pd.Index([f"PC{j + 1}" for j in range(k)], name="component"))
    return PCA("ok", raw["n"], None, comps,
               pd.Series(np.asarray(raw["pc1"]), index=pd.Index(labels, name="id"), name="pc1"))


def pca(data: Any) -> PCA:
    """Principal components of the correlation matrix of the numeric columns of ``data``, over
    the rows where every column is observed (as COINr's ``get_PCA``, R's ``prcomp(scale =
    TRUE)``): zᵢⱼ = (xᵢⱼ − x̄ⱼ)/sⱼ, R = ZᵀZ/(n − 1), R vⱼ = λⱼ vⱼ with λ descending;
    explained = λⱼ / k. ``pc1`` holds v₁ with Σ v₁ⱼ > 0 (the correlation of column j with PC1
    is v₁ⱼ·√λ₁). ``status`` says why nothing was computed (too_few_rows, no_spread)."""
    values, labels = _numeric(data, "pca")
    return _pca_of(_chiso.pca(values), labels)


class Stats:
    """The statistics of one scoring, as ``chiso stats`` computes them (docs/cli.md; formulas
    in docs/methods.md, Part III). Frames, whose names and columns are the CLI's CSV files:

    - ``indicators`` (stats.csv; index ``id``): coverage, n, min, max, mean, sd, skew,
      kurtosis, n_outliers, flags (see :func:`summarise`; plus ``negative_with:PARENT`` and
      ``collinear_with:SIBLING`` from the structure checks), then level, median, q1, q3,
      n_nonzero, n_unique, outliers (unit ids), as in the CLI's JSON;
    - ``correlation`` (correlation.csv): the level's columns correlated pairwise-complete;
      ``correlation_n``: the rows each entry used;
    - ``nodes`` (nodes.csv; index ``node``): level, children, alpha (Cronbach, of the
      children's scores), alpha_n, pc1_explained (λ₁/k of the children's PCA), pca_n;
    - ``with_parent``: node, child, r, n — each child's correlation with its node;
    - ``flags`` (flags.csv): kind (negative_with_parent: r ≤ −0.4 with the node it feeds;
      collinear: siblings with r ≥ 0.9), node, child, sibling, r, n, message;
    - ``pca``: a :class:`PCA` of the level's columns.

    The structure checks (``nodes``, ``with_parent``, ``flags``) always use the scores, whatever
    the level.
    """

    def __init__(self, result: "Result", level: str = "raw", corr: str = "pearson") -> None:
        if level == "normalized":
            level = "normalised"
        if level not in ("raw", "prepared", "normalised", "all"):
            raise UsageError(
                f"stats: level must be raw, prepared, normalised or all, got {level!r}")
        _method_name(corr, "stats")
        plan = result._plan
        ids = result._ids
        ni = result._n_indicators
        self.level: str = level
        self.method: str = corr
        if level == "raw":
            values = result._raw_values
            cols = list(range(ni))
        elif level == "prepared":
            prepared = result._raw.prepared
            if prepared is None:
                prepared = plan.prepared_columns(
                    np.asfortranarray(np.asarray(result._data.values, dtype=np.float64)))
            values = np.asfortranarray(prepared)
            cols = list(range(ni))
        else:
            count = ni if level == "normalised" else len(ids)
            values = np.asfortranarray(np.array(result._raw.scores)[:, :count])
            cols = list(range(count))
        labels = [ids[k] for k in cols]
        levels = _chiso.node_levels(plan)
        report = _chiso.correlation_flags(plan, result._raw, corr)
        raw = _chiso.summarise(values)
        frame = _summary_frame(raw, labels)[_STATS_CSV + ["median", "q1", "q3", "n_nonzero",
                                                         "n_unique"]].copy()
        flags = []
        for c, k in enumerate(cols):
            names = list(raw["flags"][c])
            for kind, node, a, b, _r, _n, _m in report["flags"]:
                if kind == "negative_with_parent":
                    if a == k:
                        names.append("negative_with:" + ids[node])
                elif a == k:
                    names.append("collinear_with:" + ids[b])
                elif b == k:
                    names.append("collinear_with:" + ids[a])
            flags.append(";".join(names))
        frame["flags"] = flags
        frame.insert(len(_STATS_CSV), "level", [levels[k] for k in cols])
        units = list(result._index)
        frame["outliers"] = [[units[i] for i in _chiso.outlier_rows(values[:, c])]
                             for c in range(len(cols))]
        self.indicators: pd.DataFrame = frame
        r, n = _chiso.correlation_matrix(values, corr)
        self.correlation: pd.DataFrame = pd.DataFrame(r, index=pd.Index(labels, name="id"),
                                                      columns=labels)
        self.correlation_n: pd.DataFrame = pd.DataFrame(n, index=pd.Index(labels, name="id"),
                                                        columns=labels)
        self.pca: PCA = _pca_of(_chiso.pca(values), labels)
        node_rows, parent_rows = [], []
        for d in report["nodes"]:
            p = d["pca"]
            node_rows.append((ids[d["node"]], d["level"], len(d["children"]), d["alpha"],
                              d["alpha_n"],
                              p["explained"][0] if p["status"] == "ok" else math.nan, p["n"]))
            for child, cr, cn in zip(d["children"], d["r_with_parent"], d["n_with_parent"]):
                parent_rows.append((ids[d["node"]], ids[child], cr, cn))
        self.nodes: pd.DataFrame = pd.DataFrame(
            node_rows, columns=["node", "level", "children", "alpha", "alpha_n",
                                "pc1_explained", "pca_n"]).set_index("node")
        self.with_parent: pd.DataFrame = pd.DataFrame(parent_rows,
                                                      columns=["node", "child", "r", "n"])
        self.flags: pd.DataFrame = pd.DataFrame(
            [(kind, ids[node], ids[a], None if b is None else ids[b], r_, n_, msg)
             for kind, node, a, b, r_, n_, msg in report["flags"]],
            columns=["kind", "node", "child", "sibling", "r", "n", "message"])

    def __repr__(self) -> str:
        return (f"<chiso.Stats {self.level}, {self.method}: {len(self.indicators)} columns, "
                f"{len(self.nodes)} nodes, {len(self.flags)} structure flags>")


def stats(framework: Union[Framework, str], data: Any = None, normalise: Any = None,
          aggregate: Any = None, *, level: str = "raw", corr: str = "pearson",
          columns: Optional[Sequence] = None, units: Optional[Sequence] = None,
          groups: Any = None, warn: bool = True) -> Stats:
    """``chiso stats`` in Python: scores ``data`` on ``framework`` (as :func:`score`, with the
    same arguments) and returns its :class:`Stats` at ``level`` (raw, normalised or all) with
    ``corr`` (pearson or spearman) correlations."""
    return score(framework, data, normalise, aggregate, columns=columns, units=units,
                 groups=groups, warn=warn).stats(level, corr)


# ---------------------------------------------------------------------------------------------
# Ranks and rounding on their own
# ---------------------------------------------------------------------------------------------

def rank(scores: Any, method: str = "competition", order: str = "descending",
         round_to: Optional[int] = None, groups: Optional[Sequence] = None) -> Any:
    """Ranks ``scores`` within ``groups`` (one label per unit; None: one group), NaN scores
    getting NaN ranks. ``method``: competition 1,2,2,4 (DTI tables); dense 1,2,2,3; average
    1,2.5,2.5,4; ordinal 1,2,3,4 (ties by order). ``order``: descending (rank 1 = highest)
    or ascending. ``round_to``: compare scores rounded to that many decimals, as official
    tables rank published values. Returns a Series for a Series, else an ndarray."""
    labels = None if groups is None else _labels(list(groups))
    arr = np.asarray(scores, dtype=np.float64)
    if arr.ndim != 1:
        raise UsageError(f"rank: expected one score per unit (1-d), got shape {arr.shape}")
    out = _chiso.rank(arr, method, order, round_to, labels)
    if isinstance(scores, pd.Series):
        return pd.Series(out, index=scores.index, name=scores.name)
    return out


def round_decimal(x: Any, digits: int) -> Any:
    """Rounds to ``digits`` decimals half away from zero on each value's shortest decimal
    text, as published tables do: 0.50045 → 0.5005 at 4 decimals, 1.005 → 1.01 at 2
    (``round`` and ``np.round`` give 0.5004 and 1.0). NaN stays NaN. Same shape as ``x``
    (a Series or DataFrame stays one)."""
    arr = np.asarray(x, dtype=np.float64)
    out = _chiso.round_decimal(arr.reshape(-1, 1), digits).reshape(arr.shape)
    if isinstance(x, pd.DataFrame):
        return pd.DataFrame(out, index=x.index, columns=x.columns)
    if isinstance(x, pd.Series):
        return pd.Series(out, index=x.index, name=x.name)
    if arr.ndim == 0:
        return float(out)
    return out


# ---------------------------------------------------------------------------------------------
# Robustness: uncertainty and sensitivity analysis (include/chiso/robust, docs/robustness.md;
# the CLI's `chiso uncertainty` and `chiso sensitivity`)
# ---------------------------------------------------------------------------------------------

ChoicesLike = Union[str, "os.PathLike[str]", Mapping]

#: Columns of ``chiso uncertainty``'s main CSV after the unit columns, in its order.
_UNCERTAINTY_CSV = ["node", "nominal_score", "nominal_rank", "rank_mean", "rank_median",
                    "rank_lower", "rank_upper", "score_mean", "score_median", "score_lower",
                    "score_upper", "missing"]
#: Columns of ``chiso sensitivity``'s main CSV, in its order.
_INDICES_CSV = ["input", "first", "first_lower", "first_upper", "total", "total_lower",
                "total_upper"]


def _load_choices(fw: Framework, choices: Any, what: str) -> "_chiso.Choices":
    """The uncertain-choices file (a path), its YAML or JSON text, or a dict shaped like it, read
    by the library's reader and checked against ``fw``."""
    if choices is None:
        raise UsageError(f"{what}: choices= is required: an uncertain-choices file, its YAML "
                         f"text or a dict shaped like it (docs/robustness.md)")
    if isinstance(choices, Mapping):
        d = dict(choices)
        if "chiso_robustness" not in d:
            d = {"chiso_robustness": 1, **d}
        # The file's keyword `all` (nodes: all) is a plain word, not the quoted text "all".
        text = re.sub(r'(?<![\\])"all"(?=\s*[,\]}\n]|\s*$)', "all",
                      _to_json(d, "choices", indent=2))
        return _chiso.Choices.parse(text, "<choices>", fw._spec)
    if isinstance(choices, os.PathLike):
        return _chiso.Choices.load(os.fspath(choices), fw._spec)
    if isinstance(choices, str):
        text = choices.lstrip()
        if "\n" in choices or text.startswith(("chiso_robustness", "{")):
            return _chiso.Choices.parse(choices, "<choices>", fw._spec)
        return _chiso.Choices.load(choices, fw._spec)
    raise TypeError(f"{what}: choices must be a file path, YAML text or a dict, got "
                    f"{type(choices).__name__}")


def _robust_model(framework: Any, data: Any, choices: Any, normalise: Any, aggregate: Any,
                  columns: Any, units: Any, groups: Any, warn: bool,
                  what: str) -> "tuple[Result, _chiso.Choices, _chiso.RobustModel]":
    """What both analyses start from, in the CLI's order: the nominal scoring (its warnings),
    the choices file checked against the framework, the model compiled once."""
    nominal = score(framework, data, normalise, aggregate, columns=columns, units=units,
                    groups=groups, warn=warn)
    fw = nominal.framework
    ch = _load_choices(fw, choices, what)
    d = nominal._data
    model = _chiso.RobustModel(fw._spec, nominal._plan, d.values, nominal._group_labels,
                               list(d.groups.items()), ch)
    return nominal, ch, model


def _unit_columns(nominal: "Result") -> "dict[str, Any]":
    """The CLI's unit cells: unit, name (when the data has names), the ranking group column."""
    cols: dict = {"unit": nominal._index.to_numpy(dtype=object)}
    if nominal.names is not None:
        cols["name"] = nominal.names.to_numpy(dtype=object)
    if nominal.group is not None:
        cols[str(nominal.group.name)] = nominal.group.to_numpy(dtype=object)
    return cols


def _whole(value: Any, what: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise UsageError(f"{what} must be a whole number from {lo} to {hi}, got {value!r}")
    return int(value)


class Uncertainty:
    """A Monte Carlo uncertainty analysis (``chiso uncertainty``; docs/robustness.md): N
    replications, each drawing every uncertain input of the choices and recomputing the index.
    Replication k draws input i from its own ``mt19937_64`` seeded by splitmix64(seed, k, i), so
    the same seed gives the same numbers on any number of threads.

    Frames (columns as the CLI's CSV files):

    - ``summary`` (the main CSV): per tracked node (the root, then ``track``) and unit: unit,
      [name], [group], node, nominal_score, nominal_rank, and over the replications where the
      unit's score is present, rank_mean, rank_median, rank_lower, rank_upper, score_mean,
      score_median, score_lower, score_upper — lower/upper the type-7 quantiles (Hyndman & Fan
      1996, R's default) at ``interval`` (default 5% and 95%) — and missing (replications in
      which the score was missing);
    - ``draws`` (``--draws``): replication, what each input drew (a label, the indicators
      left out, or the weights drawn as ``node=[w1, w2]``), mean_abs_rank_shift;
    - ``samples`` (``--samples``): replication, unit, node, score, rank — every replication's
      score and rank of every tracked node and unit (kept unless ``samples=False``).

    ``mean_abs_rank_shift`` (per replication) is (1/n) Σᵤ |rankᵤ − nominal rankᵤ| of the root
    over the units ranked in both. ``nominal`` is the :class:`Result` of the nominal model (the
    framework as given); ``replicate(k)`` re-runs replication k alone.
    """

    def __init__(self, nominal: "Result", model: "_chiso.RobustModel", raw: dict,
                 samples: bool) -> None:
        self.nominal: Result = nominal
        self._model = model
        self._nodes = raw["nodes"]
        self._keep = samples
        self._samples: Optional[pd.DataFrame] = None
        self.seed: int = raw["seed"]
        self.replications: int = raw["replications"]
        self.threads: int = raw["threads"]
        self.seconds: float = raw["seconds"]
        self.inputs: list = list(raw["inputs"])
        self.interval: tuple = tuple(raw["interval"])
        self._gil_released: bool = raw["_gil_released"]
        n = len(nominal._index)
        ids = [t["id"] for t in self._nodes]
        self.nodes: list = ids
        cols = {k: np.tile(v, len(ids)) for k, v in _unit_columns(nominal).items()}
        cols["node"] = np.repeat(np.asarray(ids, dtype=object), n)
        for key in _UNCERTAINTY_CSV[1:-1]:
            cols[key] = np.concatenate([np.asarray(t[key], dtype=np.float64)
                                        for t in self._nodes])
        cols["missing"] = np.concatenate([np.asarray(t["missing"], dtype=np.int64)
                                          for t in self._nodes])
        self.summary: pd.DataFrame = pd.DataFrame(cols)
        shift = np.asarray(raw["mean_abs_rank_shift"], dtype=np.float64)
        index = pd.RangeIndex(self.replications, name="replication")
        self.mean_abs_rank_shift: pd.Series = pd.Series(shift, index=index,
                                                        name="mean_abs_rank_shift")
        draws = {"replication": np.arange(self.replications, dtype=np.int64)}
        for name, text in zip(self.inputs, raw["draws"]):
            draws[name] = np.asarray(text, dtype=object)
        draws["mean_abs_rank_shift"] = shift
        self.draws: pd.DataFrame = pd.DataFrame(draws)

    @property
    def samples(self) -> pd.DataFrame:
        """Every replication's score and rank of every tracked node and unit, long: replication,
        unit, node, score, rank (replications in order, then nodes, then units; the CLI's
        ``--samples`` CSV). Built on first use: replications × nodes × units rows."""
        if not self._keep:
            raise UsageError("samples: the run kept no samples (uncertainty(..., samples=False))")
        if self._samples is None:
            units = self.nominal._index.to_numpy(dtype=object)
            n, T, N = len(units), len(self._nodes), self.replications
            scores = np.stack([t["scores"] for t in self._nodes]) if T else np.empty((0, n, N))
            ranks = np.stack([t["ranks"] for t in self._nodes]) if T else np.empty((0, n, N))
            self._samples = pd.DataFrame({
                "replication": np.repeat(np.arange(N, dtype=np.int64), T * n),
                "unit": np.tile(units, N * T),
                "node": np.tile(np.repeat(np.asarray(self.nodes, dtype=object), n), N),
                "score": scores.transpose(2, 0, 1).reshape(-1),
                "rank": ranks.transpose(2, 0, 1).reshape(-1),
            })
        return self._samples

    def replicate(self, k: int) -> "Result":
        """Replication ``k`` (0-based, as ``draws`` numbers them) re-run alone, as a full
        :class:`Result` (every indicator's and node's score, ranks, bands, diagnostics), bit
        for bit what the run computed for it; its ``framework`` is the model that replication
        used (methods, weights and aggregations drawn; a left-out indicator has weight 0)."""
        k = _whole(k, "replicate: k", 0, max(self.replications - 1, 0))
        _text, raw, spec = self._model.replicate(self.seed, k)
        fw = Framework(spec)
        d = self.nominal._data
        return Result(fw, fw.compile(d.columns), raw, d, warn=False)

    def __repr__(self) -> str:
        return (f"<chiso.Uncertainty '{self.nominal.framework.id}': {self.replications} "
                f"replications of {len(self.inputs)} inputs, seed {self.seed}, "
                f"{len(self.nodes)} tracked nodes>")


class Sensitivity:
    """A variance-based sensitivity analysis (``chiso sensitivity``; docs/robustness.md): which
    uncertain input moves the ranking most. Saltelli sample (Saltelli et al. 2010): matrices A
    (rows = replications 0..N−1 of the uncertainty run with the same seed) and B (replications
    N..2N−1), and A_B⁽ⁱ⁾ = A with input i's column from B: N·(d + 2) runs. Jansen's estimators
    of the output y (the root's mean absolute rank shift):

        V = Σ (y − ȳ)² / (2N − 1) over A and B
        S_Ti = 1/(2N) Σⱼ (y_A,j − y_AB,j⁽ⁱ⁾)² / V      (total index)
        S_i = (V − 1/(2N) Σⱼ (y_B,j − y_AB,j⁽ⁱ⁾)²) / V  (first order)

    with percentile bootstrap intervals (rows resampled B times, pairing kept). NaN when the
    output never varies (V = 0).

    - ``indices`` (the CLI's main CSV): input, first, first_lower, first_upper, total,
      total_lower, total_upper;
    - ``units`` (``--units``): the same indices of every unit's rank of the root: unit, [name],
      [group], input, first, ..., total_upper, rank_variance (None with ``per_unit=False``);
    - ``y_a``, ``y_b`` (N runs) and ``y_ab`` (N × inputs): the runs of the output, for custom
      estimators; ``mean`` and ``variance`` (V) of the output.
    """

    def __init__(self, nominal: "Result", raw: dict) -> None:
        self.nominal: Result = nominal
        self.inputs: list = list(raw["inputs"])
        self.n: int = raw["n"]
        self.runs: int = raw["runs"]
        self.seed: int = raw["seed"]
        self.threads: int = raw["threads"]
        self.seconds: float = raw["seconds"]
        self.bootstrap: int = raw["bootstrap"]
        self.confidence: float = raw["confidence"]
        self._gil_released: bool = raw["_gil_released"]
        x = raw["indices"]
        self.mean: float = x["mean"]
        self.variance: float = x["variance"]
        cols = {"input": np.asarray(self.inputs, dtype=object)}
        for key in _INDICES_CSV[1:]:
            cols[key] = np.asarray(x[key], dtype=np.float64)
        self.indices: pd.DataFrame = pd.DataFrame(cols)
        index = pd.RangeIndex(self.n, name="k")
        self.y_a: pd.Series = pd.Series(np.asarray(raw["y_a"]), index=index, name="y_a")
        self.y_b: pd.Series = pd.Series(np.asarray(raw["y_b"]), index=index, name="y_b")
        self.y_ab: pd.DataFrame = pd.DataFrame(np.asarray(raw["y_ab"]), index=index,
                                               columns=self.inputs)
        u = raw["units"]
        self.units: Optional[pd.DataFrame] = None
        if u is not None:
            d = len(self.inputs)
            cols = {k: np.repeat(v, d) for k, v in _unit_columns(nominal).items()}
            cols["input"] = np.tile(np.asarray(self.inputs, dtype=object), len(nominal._index))
            for key in _INDICES_CSV[1:]:
                cols[key] = np.asarray(u[key], dtype=np.float64).reshape(-1)  # unit-major
            cols["rank_variance"] = np.repeat(np.asarray(u["variance"], dtype=np.float64), d)
            self.units = pd.DataFrame(cols)

    def __repr__(self) -> str:
        return (f"<chiso.Sensitivity '{self.nominal.framework.id}': N = {self.n}, "
                f"{len(self.inputs)} inputs, {self.runs} runs, seed {self.seed}>")


def uncertainty(framework: Union[Framework, str], data: Any = None, choices: Any = None, *,
                normalise: Any = None, aggregate: Any = None,
                replications: Optional[int] = None, seed: Optional[int] = None,
                track: Any = None, interval: Optional[Sequence[float]] = None,
                threads: int = 0, samples: bool = True, columns: Optional[Sequence] = None,
                units: Optional[Sequence] = None, groups: Any = None,
                warn: bool = True) -> Uncertainty:
    """``chiso uncertainty`` in Python: Monte Carlo rank and score intervals of every unit
    under the uncertain choices of ``choices`` (see :class:`Uncertainty`).

    framework, data, normalise, aggregate, columns, units, groups, warn
        As :func:`score`, which scores the nominal model first (the framework as given, on the
        data given) and warns about its diagnostics.
    choices
        The uncertain choices (docs/robustness.md, "The file"): a file path, its YAML or JSON
        text, or a dict shaped like it (``"chiso_robustness": 1`` may be left out; positions
        in messages then refer to the dict written as ``json.dumps(d, indent=2)``). Read by
        the CLI's reader: InputError naming file:line:column and the rule for every problem.
    replications, seed, track, interval
        Override the file's ``replications`` (default 1000), ``seed`` (default 1), ``track``
        (nodes or indicators summarised besides the root; ``"all"``: every aggregate node) and
        ``interval`` (``(lower, upper)`` probabilities, default (0.05, 0.95)).
    threads
        Worker threads (0: every core). The numbers do not depend on it.
    samples
        Keep every replication's scores and ranks (``Uncertainty.samples``).

    The run releases the GIL. Raises UsageError for an unknown tracked id or a bad setting.
    """
    nominal, ch, model = _robust_model(framework, data, choices, normalise, aggregate, columns,
                                       units, groups, warn, "uncertainty")
    s = ch.settings
    n = s["replications"] if replications is None else _whole(replications,
                                                              "uncertainty: replications",
                                                              1, 100_000_000)
    sd = s["seed"] if seed is None else _whole(seed, "uncertainty: seed", 0, 2**64 - 1)
    if track is None:
        ids = list(s["track"])
    elif isinstance(track, str):
        ids = nominal.framework.node_ids if track == "all" else [track]
    else:
        ids = [str(t) for t in track]
    known = set(nominal._ids)
    for t in ids:
        if t not in known:
            raise UsageError(f"uncertainty: track: unknown node or indicator '{t}'")
    lo, hi = s["interval"] if interval is None else tuple(float(v) for v in interval)
    raw = model.uncertainty(n, sd, ids, lo, hi, _whole(threads, "uncertainty: threads", 0, 1024),
                            bool(samples))
    return Uncertainty(nominal, model, raw, bool(samples))


def sensitivity(framework: Union[Framework, str], data: Any = None, choices: Any = None, *,
                normalise: Any = None, aggregate: Any = None, n: Optional[int] = None,
                seed: Optional[int] = None, bootstrap: Optional[int] = None,
                confidence: Optional[float] = None, per_unit: Optional[bool] = None,
                threads: int = 0, columns: Optional[Sequence] = None,
                units: Optional[Sequence] = None, groups: Any = None,
                warn: bool = True) -> Sensitivity:
    """``chiso sensitivity`` in Python: Jansen's first-order and total indices of every
    uncertain input of ``choices``, with bootstrap intervals (see :class:`Sensitivity`).

    framework, data, choices, normalise, aggregate, columns, units, groups, warn
        As :func:`uncertainty`.
    n, seed, bootstrap, confidence, per_unit
        Override the file's ``sensitivity`` section: the base sample size N (N·(d + 2) model
        runs; default 500), the seed (default: the file's ``seed``, else 1), the bootstrap
        resamples (default 1000; 0: no intervals), their level (default 0.95) and whether to
        compute every unit's rank indices (``units``, default true; memory: units × N·(d + 2)
        floats).
    threads
        Worker threads (0: every core). The numbers do not depend on it.
    """
    nominal, ch, model = _robust_model(framework, data, choices, normalise, aggregate, columns,
                                       units, groups, warn, "sensitivity")
    s = ch.settings
    N = s["n"] if n is None else _whole(n, "sensitivity: n", 2, 100_000_000)
    sd = s["seed"] if seed is None else _whole(seed, "sensitivity: seed", 0, 2**64 - 1)
    b = s["bootstrap"] if bootstrap is None else _whole(bootstrap, "sensitivity: bootstrap", 0,
                                                        1_000_000)
    c = s["confidence"] if confidence is None else float(confidence)
    if not 0 < c < 1:
        raise UsageError(f"sensitivity: confidence must be a number between 0 and 1 "
                         f"(exclusive), got {confidence!r}")
    u = s["units"] if per_unit is None else bool(per_unit)
    raw = model.sensitivity(N, sd, b, c, u, _whole(threads, "sensitivity: threads", 0, 1024))
    return Sensitivity(nominal, raw)


# ---------------------------------------------------------------------------------------------
# Several periods: scores, trends and targets (chiso/panel.hpp, chiso/time/*.hpp, docs/time.md;
# the CLI's `chiso score` on periods, `chiso trend` and `chiso targets`)
# ---------------------------------------------------------------------------------------------

#: Columns of ``chiso trend``'s CSV after node, unit [, name] [, group], in its order.
_TREND_CSV = ["from", "to", "base", "score_from", "score_to", "score_change", "rank_from",
              "rank_to", "rank_change", "status"]
#: Measures of ``chiso targets``' CSV after the unit columns, in its order.
_TARGETS_CSV = ["value", "attainment", "gap", "progress", "required_growth", "growth_case",
                "historical_growth", "projection_least_squares", "projection_last_two",
                "projection_compound", "observations", "projection", "status"]
_STATUSES = ["achieved", "on_track", "off_track", "no_data"]


def read_panel(path: PathLike, framework: Framework) -> "dict[str, pd.DataFrame]":
    """Reads a data file of one or more periods for ``framework`` exactly as ``chiso score``
    does: a long file (columns unit, [period,] indicator, value, and the name and group
    columns; docs/data-files.md) or a wide one. Returns ``{period label: DataFrame}`` in the
    file's order, each frame as :func:`read_data` returns it (a wide file, or a long one
    without a period column, is one period labelled ``""``). Every problem of the file is
    reported at once as an InputError with file:line:column."""
    if not isinstance(framework, Framework):
        raise TypeError(f"read_panel: framework must be a chiso.Framework, got "
                        f"{type(framework).__name__}")
    raw = _chiso.read_panel(os.fspath(path), framework._spec)
    return {label: _frame_from_read(d, framework) for label, d in zip(raw["labels"], raw["data"])}


def _period_frames(data: Any, period: str) -> list:
    """[(period key, DataFrame)] from a mapping {period: DataFrame}, or a DataFrame with a
    ``period`` column or index level (its other index level, or its index: the unit ids)."""
    if isinstance(data, Mapping):
        items = list(data.items())
        for key, frame in items:
            if not isinstance(frame, pd.DataFrame):
                raise TypeError(f"score_periods: period {key!r}: expected a DataFrame (index: "
                                f"unit ids), got {type(frame).__name__}")
    elif isinstance(data, pd.DataFrame):
        if period in data.columns:
            keys = data[period]
            if keys.isna().any():
                raise InputError(f"data: {int(keys.isna().sum())} rows have no {period}")
            items = [(k, g.drop(columns=period)) for k, g in data.groupby(period, sort=False)]
        elif isinstance(data.index, pd.MultiIndex) and period in data.index.names:
            items = [(k, g.droplevel(period)) for k, g in data.groupby(level=period, sort=False)]
        else:
            raise UsageError(f"score_periods: the DataFrame has no '{period}' column or index "
                             f"level; pass {{period: DataFrame}} or name the column with "
                             f"period=")
        for k, (key, frame) in enumerate(items):
            frame.attrs = {a: v for a, v in data.attrs.items() if a != "chiso_lines"}
            items[k] = (key.item() if isinstance(key, np.generic) else key, frame)
    else:
        raise TypeError(f"score_periods: data must be a mapping {{period: DataFrame}} or a "
                        f"DataFrame with a '{period}' column, got {type(data).__name__}")
    if not items:
        raise UsageError("score_periods: no period given")
    return items


class Periods:
    """A framework scored on every period of a panel (``chiso score`` on a long file or on
    ``--data 2023=a.csv,2024=b.csv``), with the spec's ``periods.scaling``: ``per_period``
    normalises each period alone, ``pooled`` takes data-driven statistics over all periods;
    ranks are always within a period (and ranking group). Periods are in time order: by value
    when every label is a number, else as given.

    - ``periods``: the period keys in time order; ``results[p]`` (or ``periods_result[p]``):
      period p's :class:`Result`;
    - ``units``: the units of all periods in order of first appearance; ``names``, ``group``:
      a unit's first name found, its latest ranking group label (None without them);
    - ``table()``, ``tidy()``: the periods' frames stacked with a ``period`` level/column;
    - ``scores(node)``, ``ranks(node)``: units × periods (NaN where a unit is absent);
    - ``trend(...)``: score and rank changes (``chiso trend``); ``targets(...)``: every target
      the spec declares (``chiso targets``); ``diagnostics``: with a ``period`` column.
    """

    def __init__(self, framework: Framework, plan: Plan, panel: "_chiso.Panel", keys: list,
                 data: list, warn: bool = True) -> None:
        self.framework: Framework = framework
        self._plan = plan
        self._panel = panel
        self.periods: list = list(keys)
        self._labels: list = list(panel.labels)
        self.results: dict = {key: Result(framework, plan, panel.evaluation(t), d, warn=False)
                              for t, (key, d) in enumerate(zip(keys, data))}
        first = self.results[self.periods[0]]
        self._ids = first._ids
        self._n_indicators = first._n_indicators
        self._node_columns = first._node_columns
        self.units: pd.Index = pd.Index(panel.units, name="unit")
        rows = np.asarray(panel.rows)  # periods × units, -1: absent
        self._rows = rows
        names = None
        if any(d.names is not None for d in data):
            names = [""] * len(self.units)
            for t, d in enumerate(data):
                if d.names is None:
                    continue
                for u in np.flatnonzero(rows[t] >= 0):
                    if not names[u]:
                        names[u] = d.names[rows[t, u]]
        self.names: Optional[pd.Series] = (pd.Series(names, index=self.units, name="name")
                                           if names is not None else None)
        by = framework.ranking["group_by"]
        self.group: Optional[pd.Series] = None
        if by is not None:
            labels = [""] * len(self.units)
            for t, d in enumerate(data):  # the latest period's label
                for u in np.flatnonzero(rows[t] >= 0):
                    labels[u] = d.groups[by][rows[t, u]]
            self.group = pd.Series(labels, index=self.units, name=by)
        frames = []
        for key, r in self.results.items():
            f = r.diagnostics.copy()
            f.insert(0, "period", [key] * len(f))
            frames.append(f)
        self.diagnostics: pd.DataFrame = pd.concat(frames, ignore_index=True)
        if warn and len(self.diagnostics):
            messages = [f"period {label}: {m}" for label, key in zip(self._labels, self.periods)
                        for m in self.results[key].diagnostics["message"]]
            for m in messages[:_MAX_WARNINGS]:
                _warn(m)
            if len(messages) > _MAX_WARNINGS:
                _warn(f"... and {len(messages) - _MAX_WARNINGS} more warnings (see "
                      f"Periods.diagnostics)")

    def _period(self, key: Any, what: str) -> int:
        for t, (k, label) in enumerate(zip(self.periods, self._labels)):
            if key == k or (isinstance(key, str) and key == label):
                return t
        raise UsageError(f"{what} {key!r} is not a period of the data (periods: "
                         f"{', '.join(repr(p) for p in self._labels)})")

    def __getitem__(self, key: Any) -> "Result":
        return self.results[self.periods[self._period(key, "period")]]

    def __len__(self) -> int:
        return len(self.periods)

    def __iter__(self):
        return iter(self.periods)

    def _node(self, node: Optional[str], what: str) -> int:
        if node is None:
            return self._plan.root
        try:
            return self._ids.index(node)
        except ValueError:
            raise UsageError(f"{what}: '{node}' is not a node or indicator of the framework "
                             f"(nodes: {', '.join(repr(i) for i in self._ids)})") from None

    def table(self, indicators: bool = False, digits: Optional[int] = None) -> pd.DataFrame:
        """The periods' :meth:`Result.table` stacked, indexed by (period, unit): the CLI's
        ``chiso score`` output for periods (its first columns period, unit)."""
        return pd.concat([self.results[k].table(indicators, digits) for k in self.periods],
                         keys=self.periods, names=["period", "unit"])

    def tidy(self, nodes: Optional[Sequence[str]] = None, indicators: bool = False) -> pd.DataFrame:
        """The periods' :meth:`Result.tidy` stacked, with a first column ``period``."""
        frames = []
        for k in self.periods:
            f = self.results[k].tidy(nodes, indicators)
            f.insert(0, "period", [k] * len(f))
            frames.append(f)
        return pd.concat(frames, ignore_index=True)

    def scores(self, node: Optional[str] = None) -> pd.DataFrame:
        """Scores of ``node`` (default: the root; any node or indicator), units × periods;
        NaN where a unit is absent from a period or its score is missing."""
        m = self._panel.scores(self._node(node, "scores"))
        return pd.DataFrame(m, index=self.units, columns=pd.Index(self.periods, name="period"))

    def ranks(self, node: Optional[str] = None) -> pd.DataFrame:
        """Ranks of ``node`` (default: the root), units × periods: the root's as scored, any
        other node or indicator ranked like the root (the framework's ranking options and
        groups) within each period."""
        m = self._panel.ranks(self._node(node, "ranks"))
        return pd.DataFrame(m, index=self.units, columns=pd.Index(self.periods, name="period"))

    def _unit_columns(self, index: np.ndarray) -> dict:
        cols: dict = {"unit": self.units.to_numpy(dtype=object)[index]}
        if self.names is not None:
            cols["name"] = self.names.to_numpy(dtype=object)[index]
        if self.group is not None:
            cols[str(self.group.name)] = self.group.to_numpy(dtype=object)[index]
        return cols

    def trend(self, nodes: Optional[Sequence[str]] = None, start: Any = None, end: Any = None,
              base: str = "exact") -> pd.DataFrame:
        """Score and rank changes of every unit (``chiso trend``; docs/time.md §2), one row per
        node, comparison and unit (units of all periods): node, unit, [name], [group], from,
        to, base, score_from, score_to, score_change, rank_from, rank_to, rank_change, status.

        - score_change = s_to − s_from; rank_change = r_from − r_to (> 0: moved up, 27th →
          20th is +7); ranks of nodes other than the root are ranked like the root;
        - ``nodes``: nodes or indicators (default: the aggregate nodes, root first);
        - ``start``, ``end``: compare these two periods (default: consecutive periods);
        - ``base``: ``"exact"`` (a change needs the earlier period observed) or
          ``"last_observed"`` (from the unit's latest observed period at or before it;
          ``base`` says which period was used);
        - ``status``: observed, missing_before (entered or came back), missing_after (dropped
          out), missing_both; a change is NaN unless observed.
        """
        if len(self.periods) < 2:
            raise InputError("trend: the data has one period; a trend needs two or more")
        if (start is None) != (end is None):
            raise UsageError("trend: give both start= and end=, or neither (consecutive "
                             "periods)")
        s = e = -1
        if start is not None:
            s, e = self._period(start, "trend: start"), self._period(end, "trend: end")
            if not s < e:
                raise UsageError(f"trend: start {start!r} must come before end {end!r} "
                                 f"(periods in order: the earlier first)")
        if nodes is None:
            ks = list(self._node_columns)
        else:
            ks = []
            for node in ([nodes] if isinstance(nodes, str) else nodes):
                k = self._node(node, "trend: nodes")
                if k not in ks:
                    ks.append(k)
        n = len(self.units)
        keys = np.asarray(self.periods + [None], dtype=object)  # keys[-1]: no base
        frames = []
        for k in ks:
            raw = self._panel.trend(k, s, e, base)
            sc, rk = np.asarray(raw["scores"]), np.asarray(raw["ranks"])
            C = raw["score_change"].shape[1]
            status = np.asarray(raw["status"], dtype=object).reshape(C, n)
            units = np.arange(n)
            for c in range(C):
                t0, t1 = (s, e) if s >= 0 else (c, c + 1)
                b = np.asarray(raw["base_period"])[:, c]
                seen = b >= 0
                bb = np.where(seen, b, 0)
                f = {"node": np.full(n, self._ids[k], dtype=object)}
                f.update(self._unit_columns(units))
                f["from"] = np.full(n, keys[t0], dtype=object)
                f["to"] = np.full(n, keys[t1], dtype=object)
                f["base"] = keys[b]
                f["score_from"] = np.where(seen, sc[units, bb], np.nan)
                f["score_to"] = sc[:, t1]
                f["score_change"] = np.asarray(raw["score_change"])[:, c]
                f["rank_from"] = np.where(seen, rk[units, bb], np.nan)
                f["rank_to"] = rk[:, t1]
                f["rank_change"] = np.asarray(raw["rank_change"])[:, c]
                f["status"] = status[c]
                frames.append(pd.DataFrame(f))
        return pd.concat(frames, ignore_index=True)

    def targets(self, summary: bool = False) -> pd.DataFrame:
        """Every unit against every target the spec declares (``chiso targets``; docs/time.md
        §1): the period labels must be numbers on the deadlines' scale (years, indices), and
        each judgement at period t uses only periods up to t.

        One row per target, period and unit present in it: id, kind (indicator or node), of
        (value: column [/ denominator] × scale; or score), target T, deadline D, period, unit,
        [name], [group], value v, attainment (v/T, or T/v lower-is-better; capped at 1 with
        ``cap``), gap d·(T − v), progress (v − b)/(T − b), required_growth (T/v)^(1/(D − t)) − 1,
        growth_case, historical_growth, projection_least_squares, projection_last_two,
        projection_compound, observations, projection (the method the status uses), status
        (achieved, on_track, off_track, no_data).

        ``summary=True``: units per status for each target, period and ranking group: id,
        kind, of, target, deadline, period, [group], achieved, on_track, off_track, no_data,
        total (units present in the period).
        """
        unit_groups = None if self.group is None else list(self.group)
        try:
            tracked = self._panel.targets(unit_groups)
        except InputError as e:
            raise InputError(f"targets: {e}") from None
        if not tracked:
            raise InputError(f"targets: {self.framework.label} declares no targets (add "
                             f"'targets: [{{value: ..., deadline: ...}}]' to an indicator or "
                             f"node; docs/spec.md)")
        n, T = len(self.units), len(self.periods)
        rows = self._rows
        frames = []
        group_labels = [""] if unit_groups is None else list(dict.fromkeys(unit_groups))
        for x in tracked:
            head = {"id": x["id"], "kind": x["kind"], "of": x["of"], "target": x["target"],
                    "deadline": x["deadline"]}
            if summary:
                for t, key in enumerate(self.periods):
                    counts = np.asarray(x["counts"][t], dtype=np.int64).reshape(-1, 4)
                    f = {h: [v] * len(counts) for h, v in head.items()}
                    f["period"] = [key] * len(counts)
                    if self.group is not None:
                        f[str(self.group.name)] = group_labels[: len(counts)]
                    for j, st in enumerate(_STATUSES):
                        f[st] = counts[:, j]
                    f["total"] = counts.sum(axis=1)
                    frames.append(pd.DataFrame(f))
                continue
            status = np.asarray(x["status"], dtype=object).reshape(T, n)
            growth = np.asarray(x["growth_case"], dtype=object).reshape(T, n)
            for t, key in enumerate(self.periods):
                present = np.flatnonzero(rows[t] >= 0)
                m = len(present)
                f = {h: [v] * m for h, v in head.items()}
                f["period"] = [key] * m
                f.update(self._unit_columns(present))
                for h in _TARGETS_CSV:
                    if h == "growth_case":
                        f[h] = growth[t, present]
                    elif h == "status":
                        f[h] = status[t, present]
                    elif h == "projection":
                        f[h] = [x["projection"]] * m
                    elif h == "observations":
                        f[h] = np.asarray(x[h], dtype=np.int64)[present, t]
                    else:
                        f[h] = np.asarray(x["values" if h == "value" else h],
                                          dtype=np.float64)[present, t]
                frames.append(pd.DataFrame(f))
        return pd.concat(frames, ignore_index=True)

    def __repr__(self) -> str:
        return (f"<chiso.Periods '{self.framework.id}': {len(self.periods)} periods "
                f"({', '.join(self._labels)}), {len(self.units)} units>")


def score_periods(framework: Union[Framework, str], data: Any, normalise: Any = None,
                  aggregate: Any = None, *, period: str = "period",
                  warn: bool = True) -> Periods:
    """Scores every period of a panel as ``chiso score`` does on a long file (or on
    ``--data 2023=a.csv,2024=b.csv``): one compiled framework, every period evaluated with the
    spec's ``periods.scaling`` (``per_period``, or ``pooled``: data-driven normalisations take
    their statistics over all periods' rows), ranks within each period. Returns
    :class:`Periods`.

    data
        ``{period: DataFrame}`` (each frame as for :func:`score`: index unit ids; units may
        enter and leave), as :func:`read_panel` returns it; or one DataFrame with a
        ``period`` column (or index level; name it with ``period=``) whose other rows are as
        for :func:`score`. Period keys are kept in the outputs; they are ordered by value when
        every key (as text) is a number, else as given.
    normalise, aggregate, warn
        As :func:`score`; each diagnostic is emitted once, prefixed ``period P:``.
    """
    fw = _framework_argument(framework).with_methods(normalise, aggregate)
    items = _period_frames(data, period)
    labels = [str(k) for k, _ in items]
    seen: dict = {}
    for k, label in enumerate(labels):
        if label in seen:
            raise UsageError(f"score_periods: period '{label}' is given twice (keys "
                             f"{items[seen[label]][0]!r} and {items[k][0]!r})")
        seen[label] = k
    order = _chiso.period_order(labels)
    items = [items[k] for k in order]
    labels = [labels[k] for k in order]
    cols = fw.columns
    plan = fw.compile(cols)
    by = fw.ranking["group_by"]
    ig = plan.imputation_group
    data_list, periods_in = [], []
    for (key, frame), label in zip(items, labels):
        d = _data_from_frame(frame, fw, None)
        where = f"{d.source}: period '{label}'"
        try:
            fw.compile(d.columns)
        except InputError as e:
            raise InputError(f"period '{label}': {e}") from None
        values = np.asfortranarray(np.asarray(d.values, dtype=np.float64)[
            :, [d.columns.index(c) for c in cols]])
        plan.check(values, d.units, cols, where)
        for g, what in ((by, "ranking"), (ig, "imputation")):
            if g is not None and g not in d.groups:
                raise InputError(f"{where}: {what} is by group column '{g}', which the data "
                                 f"lacks")
        data_list.append(_Data(d.units, d.names, cols, values, d.groups, d.source, d.lines))
        periods_in.append((values, d.units, list(d.groups.items()), where))
    panel = _chiso.Panel(plan, labels, periods_in)
    return Periods(fw, plan, panel, [k for k, _ in items], data_list, warn)


def trend(framework: Union[Framework, str], data: Any, nodes: Optional[Sequence[str]] = None, *,
          start: Any = None, end: Any = None, base: str = "exact", normalise: Any = None,
          aggregate: Any = None, period: str = "period", warn: bool = True) -> pd.DataFrame:
    """``chiso trend`` in Python: :func:`score_periods` then :meth:`Periods.trend` — score
    changes s_to − s_from and rank changes r_from − r_to (> 0: moved up) of every unit,
    between consecutive periods or from ``start`` to ``end``; the CLI's CSV columns."""
    return score_periods(framework, data, normalise, aggregate, period=period,
                         warn=warn).trend(nodes, start, end, base)


def targets(framework: Union[Framework, str], data: Any, *, summary: bool = False,
            normalise: Any = None, aggregate: Any = None, period: str = "period",
            warn: bool = True) -> pd.DataFrame:
    """``chiso targets`` in Python: :func:`score_periods` then :meth:`Periods.targets` — every
    unit against every target the spec declares (attainment, gap, progress, required growth,
    projections, status), or with ``summary`` the units per status; the CLI's CSV columns."""
    return score_periods(framework, data, normalise, aggregate, period=period,
                         warn=warn).targets(summary)
