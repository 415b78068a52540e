"""Robustness as ``chiso uncertainty`` and ``chiso sensitivity`` compute it
(include/chiso/robust, docs/robustness.md): Monte Carlo rank intervals and variance-based
sensitivity indices."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

import numpy as np
import pandas as pd

from . import _chiso
from ._chiso import UsageError
from ._common import AggregateArg, DataArg, GroupsArg, NormaliseArg, _to_json
from ._framework import Framework, FrameworkArg
from ._result import Result, score

#: An uncertain-choices file (path), its YAML/JSON text, or a dict shaped like it.
ChoicesLike = Union[str, "os.PathLike[str]", Mapping[str, Any]]

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

    def __init__(self, nominal: "Result", model: "_chiso.RobustModel", raw: dict[str, Any],
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
        self.inputs: list[str] = list(raw["inputs"])
        self.interval: tuple[float, float] = tuple(raw["interval"])
        self._gil_released: bool = raw["_gil_released"]
        ids = [t["id"] for t in self._nodes]
        self.nodes: list[str] = ids
        # The library's table (chiso/io/result_tables.hpp), the one the CLI writes.
        self.summary: pd.DataFrame = pd.DataFrame(raw["summary"])
        shift = np.asarray(raw["mean_abs_rank_shift"], dtype=np.float64)
        index = pd.RangeIndex(self.replications, name="replication")
        self.mean_abs_rank_shift: pd.Series = pd.Series(shift, index=index,
                                                        name="mean_abs_rank_shift")
        self.draws: pd.DataFrame = pd.DataFrame(raw["draws"])

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

    def __init__(self, nominal: "Result", raw: dict[str, Any]) -> None:
        self.nominal: Result = nominal
        self.inputs: list[str] = list(raw["inputs"])
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
        # The library's tables (chiso/io/result_tables.hpp), the ones the CLI writes.
        self.indices: pd.DataFrame = pd.DataFrame(raw["table"])
        index = pd.RangeIndex(self.n, name="k")
        self.y_a: pd.Series = pd.Series(np.asarray(raw["y_a"]), index=index, name="y_a")
        self.y_b: pd.Series = pd.Series(np.asarray(raw["y_b"]), index=index, name="y_b")
        self.y_ab: pd.DataFrame = pd.DataFrame(np.asarray(raw["y_ab"]), index=index,
                                               columns=self.inputs)
        self.units: Optional[pd.DataFrame] = None
        if raw["unit_table"] is not None:
            self.units = pd.DataFrame(raw["unit_table"])

    def __repr__(self) -> str:
        return (f"<chiso.Sensitivity '{self.nominal.framework.id}': N = {self.n}, "
                f"{len(self.inputs)} inputs, {self.runs} runs, seed {self.seed}>")


def uncertainty(framework: FrameworkArg, data: DataArg = None,
                choices: Optional[ChoicesLike] = None, *, normalise: NormaliseArg = None,
                aggregate: AggregateArg = None, replications: Optional[int] = None,
                seed: Optional[int] = None, track: Union[str, Sequence[str], None] = None,
                interval: Optional[Sequence[float]] = None, threads: int = 0,
                samples: bool = True, columns: Optional[Sequence[str]] = None,
                units: Optional[Sequence[Any]] = None, groups: GroupsArg = None,
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
                            bool(samples), nominal._unit_rows())
    return Uncertainty(nominal, model, raw, bool(samples))


def sensitivity(framework: FrameworkArg, data: DataArg = None,
                choices: Optional[ChoicesLike] = None, *, normalise: NormaliseArg = None,
                aggregate: AggregateArg = None, n: Optional[int] = None,
                seed: Optional[int] = None, bootstrap: Optional[int] = None,
                confidence: Optional[float] = None, per_unit: Optional[bool] = None,
                threads: int = 0, columns: Optional[Sequence[str]] = None,
                units: Optional[Sequence[Any]] = None, groups: GroupsArg = None,
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
    raw = model.sensitivity(N, sd, b, c, u, _whole(threads, "sensitivity: threads", 0, 1024),
                            nominal._unit_rows())
    return Sensitivity(nominal, raw)
