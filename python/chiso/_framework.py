"""Frameworks: chiso.Framework (a spec file read, immutable), how to get one (load, preset,
from_dict, from_yaml, from_coinr), the bundled presets and the method-override arguments."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, TypedDict, Union

import pandas as pd

from . import _chiso
from ._chiso import Aggregation, Method, Plan, UsageError
from ._common import (
    AggregateArg,
    AggregationLike,
    DataArg,
    GroupsArg,
    MethodLike,
    NormaliseArg,
    PanelData,
    PathLike,
    _to_json,
)

if TYPE_CHECKING:
    from ._periods import Periods
    from ._result import Result
    from ._robust import ChoicesLike, Sensitivity, Uncertainty

# The methods that hand a framework to the other concerns import them when called: those
# modules build on Framework, so importing them here would be circular.

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
    def from_dict(cls, spec: Mapping[str, Any], source: str = "<dict>",
                  base_dir: PathLike = "") -> "Framework":
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
    def sample(self) -> Optional[dict[str, Any]]:
        """The spec's sample section ``{file, synthetic, note}``, or None."""
        return self._spec.sample

    @property
    def data_layout(self) -> dict[str, Any]:
        """How its data file is laid out: ``{unit_column, name_column, groups, group_suffix}``."""
        return self._spec.data_layout

    @property
    def ranking(self) -> dict[str, Any]:
        """``{method, order, group_by, round_to}``."""
        return self._spec.ranking

    @property
    def bands(self) -> list[tuple[str, float]]:
        """``[(label, min), ...]`` by decreasing min, classifying the root score."""
        return self._spec.bands

    @property
    def columns(self) -> list[str]:
        """The data columns it reads (values, then denominators), in first-use order."""
        return self._spec.columns

    @property
    def indicator_ids(self) -> list[str]:
        return [i["id"] for i in self._spec.indicators]

    @property
    def node_ids(self) -> list[str]:
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

    def problems(self) -> list[str]:
        """Every rule the framework breaks (always empty for a framework read by chiso)."""
        return self._spec.problems()

    def to_yaml(self) -> str:
        """The framework as a spec file (YAML) that reads back to an equal framework."""
        return self._spec.to_yaml()

    # -- overrides and data ---------------------------------------------------------------
    def with_methods(self, normalise: NormaliseArg = None,
                     aggregate: AggregateArg = None) -> "Framework":
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
        from ._data import read_data
        return read_data(path, self)

    def sample_data(self) -> pd.DataFrame:
        """The sample data file shipped with the spec (presets). Check ``sample["synthetic"]``:
        every bundled sample holds INVENTED values."""
        s = self.sample
        if s is None:
            raise UsageError(f"{self.label} has no sample data file")
        from ._data import read_data
        return read_data(s["file"], self)

    def score(self, data: DataArg = None, normalise: NormaliseArg = None,
              aggregate: AggregateArg = None, *, columns: Optional[Sequence[str]] = None,
              units: Optional[Sequence[Any]] = None, groups: GroupsArg = None,
              warn: bool = True) -> "Result":
        """``chiso.score(self, data, ...)``."""
        from ._result import score
        return score(self, data, normalise, aggregate, columns=columns, units=units,
                     groups=groups, warn=warn)

    def score_periods(self, data: PanelData, normalise: NormaliseArg = None,
                      aggregate: AggregateArg = None, *, period: str = "period",
                      warn: bool = True) -> "Periods":
        """``chiso.score_periods(self, data, ...)``: every period scored (:class:`Periods`)."""
        from ._periods import score_periods
        return score_periods(self, data, normalise, aggregate, period=period, warn=warn)

    def uncertainty(self, data: DataArg = None, choices: Optional[ChoicesLike] = None,
                    **kwargs: Any) -> "Uncertainty":
        """``chiso.uncertainty(self, data, choices, ...)``: Monte Carlo rank intervals."""
        from ._robust import uncertainty
        return uncertainty(self, data, choices, **kwargs)

    def sensitivity(self, data: DataArg = None, choices: Optional[ChoicesLike] = None,
                    **kwargs: Any) -> "Sensitivity":
        """``chiso.sensitivity(self, data, choices, ...)``: variance-based sensitivity indices."""
        from ._robust import sensitivity
        return sensitivity(self, data, choices, **kwargs)

    def __repr__(self) -> str:
        return (f"<chiso.Framework '{self.id}' from {self.label}: {len(self.indicator_ids)} "
                f"indicators, {len(self.node_ids)} nodes, root '{self.root}'>")


#: A framework, or a preset name or spec file path (as :func:`score` takes it).
FrameworkArg = Union[Framework, str, "os.PathLike[str]"]


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


class MethodParameter(TypedDict):
    """One declared parameter of a built-in method (see :func:`methods`)."""

    key: str
    type: str
    default: Any
    default_text: str
    range: Optional[str]
    choices: Optional[list[str]]
    allowed: str
    doc: str
    required: bool
    fields: Optional[list["MethodParameter"]]


class MethodEntry(TypedDict):
    """One built-in method (see :func:`methods`)."""

    name: str
    summary: str
    parameters: list[MethodParameter]


def methods() -> dict[str, list[MethodEntry]]:
    """The built-in methods and their parameters, from the methods' own declarations (the same
    source as spec files, the CLI shorthands and the parameter tables of docs/spec.md).

    Returns ``{"normalisations": [...], "aggregations": [...], "weights": [...]}``:
    normalisations include the point rules (an indicator's ``method``), aggregations are a
    node's ``method``, weights the rules of a node's ``weights: {type: ...}``. Each entry is
    ``{"name", "summary", "parameters"}`` and each parameter a dict:

    - ``key``: as spec files and keyword arguments write it;
    - ``type``: "number", "true or false", "whole number", "text", "list of numbers",
      "list of maps", or "one of a, b, c";
    - ``default``: the default as a Python value (float, bool, int, str, list), None when
      required or unset; ``default_text``: as docs/spec.md writes it;
    - ``range``: allowed numbers ("> 0", "in [0, 1]") or None; ``choices``: allowed names or
      None; ``allowed``: type and range as docs/spec.md writes them;
    - ``doc``: one line; ``required``: must be given; ``fields``: for a list of maps, the
      parameters of each item (else None).

    >>> [p["key"] for p in next(m for m in chiso.methods()["normalisations"]
    ...                         if m["name"] == "min_max")["parameters"]]
    ['lo', 'hi', 'clamp']
    """
    raw: Any = _chiso.methods()
    return raw
