"""Scoring: chiso.score, its Result (scores, ranks, bands, contributions, diagnostics as
DataFrames), and ranks and published rounding on their own."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _chiso
from ._chiso import Evaluation, InputError, Plan, UsageError
from ._common import _MAX_WARNINGS, AggregateArg, DataArg, GroupsArg, NormaliseArg, _warn
from ._data import _Data, _data_from_array, _data_from_frame, _labels, read_data
from ._framework import Framework, FrameworkArg, load, preset

if TYPE_CHECKING:
    from ._stats import Stats


def score(framework: FrameworkArg, data: DataArg = None, normalise: NormaliseArg = None,
          aggregate: AggregateArg = None, *, columns: Optional[Sequence[str]] = None,
          units: Optional[Sequence[Any]] = None, groups: GroupsArg = None,
          warn: bool = True) -> "Result":
    """Scores every unit of ``data`` on ``framework``, as ``chiso score`` does.

    framework
        A :class:`Framework`, or a preset name or spec file path.
    data
        A DataFrame — index: unit ids; numeric columns: the data columns (NaN = missing);
        text columns: the unit names (the layout's name column) and group labels — or a 2-d
        numpy array (units × columns) with ``columns`` (default: ``framework.columns``) and
        ``units``. A path: the data file, read as :func:`read_data` reads it (a CSV file, or
        an Excel workbook: ``"data.xlsx"`` for its first sheet, ``"data.xlsx#2024"`` for a
        named one). None: the framework's sample data (presets; their values are invented).
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
    if isinstance(data, (str, os.PathLike)):
        data = read_data(data, fw)
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
        self.framework: Framework = framework
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
        published tables do (:func:`round_decimal`); ranks are unaffected. The columns are the
        library's score table (``chiso/io/result_tables.hpp``, the one the CLI writes), its
        ``unit`` column made the index and its band an ordered Categorical."""
        ni = self._n_indicators
        extra = list(range(ni)) if indicators and len(self._ids) > ni else []
        bands = [b[0] for b in self.framework.bands or []]
        cols = _chiso.score_table(self._plan, self._raw, self._unit_rows(), bands,
                                  self._node_columns, extra, digits)
        del cols["unit"]
        if bands:
            cols["band"] = pd.Categorical(cols["band"], categories=pd.Index(bands), ordered=True)
        return pd.DataFrame(cols, index=self._index)

    def to_excel(self, path: Union[str, "os.PathLike[str]"], digits: Optional[int] = None) -> None:
        """Writes the workbook of ``chiso score --format xlsx`` to ``path`` (the same library
        code, ``chiso/io/workbooks.hpp``): sheets ``scores`` (unit, name, group, every
        aggregate node, rank, band; the spec's node names in a second header row),
        ``ranks``, ``indicators``, ``diagnostics`` and ``methods`` (the framework tree with
        weights and methods). Numbers are stored unrounded and shown with ``digits``
        decimals, else the framework's ``display_decimals``; a missing value is an empty
        cell. Written under a temporary name and renamed into place: a failure leaves no
        file. Raises ``chiso.Error`` when the file cannot be written."""
        bands = [b[0] for b in self.framework.bands or []]
        by = self.framework.ranking["group_by"]
        _chiso.write_score_workbook(self._plan, self._raw, self._unit_rows(), bands,
                                    os.fspath(path), self._groups(by), digits)

    def _unit_rows(self) -> "_chiso.UnitRows":
        """The unit columns of the library's per-unit tables: unit, [name], [group column]."""
        return _chiso.UnitRows(list(self._data.units), self._data.names,
                               self.framework.ranking["group_by"], self._group_labels)

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
        from ._stats import Stats  # _stats builds on Result: imported when called
        return Stats(self, level, corr)

    def _groups(self, by: Optional[str]) -> Optional[list]:
        if by is None:
            return None
        return list(self._data.groups[by])

    def gap(self, unit: Any, to_rank: Optional[float] = None, to_score: Optional[float] = None,
            to_band: Optional[str] = None, *, full: bool = False) -> dict:
        """What moves ``unit`` up: for every indicator, the value that alone (everything else
        unchanged) brings it to rank ``to_rank`` or better within its group (default: one rank
        up), to root score ``to_score`` (as published: rounded), or to band ``to_band`` — under
        the framework's own evaluation (observed bounds recomputed, rounding before ranking,
        caps, ties), as ``chiso explain --to-rank`` gives it (docs/methods.md).

        Returns a dict: ``score_now``, ``rank_now``, ``of``, ``target_rank``, ``score_needed``,
        ``score_needed_strict``, ``already`` and ``indicators``, a DataFrame indexed by indicator
        id with ``column`` (the data column to change), ``status`` (reachable, already,
        unreachable, not_applicable), ``reason``, ``value_now``, ``value_needed`` (minimal: a
        step less does not reach; whole for counts), ``limit``, ``whole``, ``rate_now``,
        ``rate_needed``, ``score_after``, ``rank_after``. ``full=True`` evaluates everything at
        every probe (same numbers, slower)."""
        units = list(self._data.units)
        kind, number, band = self._goal("gap", unit, to_rank, to_score, to_band)
        by = self.framework.ranking["group_by"]
        ig = self._plan.imputation_group
        out = _chiso.gap(self._plan, self._data.values, units.index(unit),
                         self._groups(by), self._groups(ig), kind, number, band, full)
        cols = list(self._data.columns)
        rows = out.pop("indicators")
        frame = pd.DataFrame(rows).set_index("indicator")
        frame["column"] = [cols[c] for c in frame["column"]]
        out["unit"] = unit
        out["indicators"] = frame
        return out

    def cheapest(self, unit: Any, to_rank: Optional[float] = None,
                 to_score: Optional[float] = None, to_band: Optional[str] = None, *,
                 cost: Optional[Mapping[str, float]] = None) -> dict:
        """The least-cost combination of changes across indicators that brings ``unit`` to the
        target of :meth:`gap` (same ``to_rank`` / ``to_score`` / ``to_band``), as ``chiso
        explain --cost`` gives it: a linear programme over the indicators' scores (GLPK), then
        re-scored with the framework's own evaluation so that the combination reaches the
        target (docs/methods.md, "The cheapest combination"). Needs every aggregate under the
        root to be an arithmetic mean or a weighted sum with fixed weights (UsageError
        otherwise).

        ``cost``: indicator id → cost per unit of its data value (> 0); indicators not listed
        stay as they are. None: every indicator may change, at equal cost per unit of
        normalised score.

        Returns a dict: ``unit``, ``already``, ``reachable``, ``reason``, ``unit_costs``,
        ``total_cost``, ``score_reached``, ``rank_reached``, ``lp_cost`` (the programme's
        optimum), ``step`` (where the re-scoring put the answer along the programme's
        direction: 1 = as solved), ``along_limits`` and ``indicators``, a DataFrame of the
        indicators that change, indexed by id, with ``column``, ``value_now``,
        ``value_needed``, ``score_now``, ``score_after``, ``cost``, ``whole``."""
        units = list(self._data.units)
        kind, number, band = self._goal("cheapest", unit, to_rank, to_score, to_band)
        costs = [] if cost is None else [(str(k), float(v)) for k, v in cost.items()]
        by = self.framework.ranking["group_by"]
        ig = self._plan.imputation_group
        out = _chiso.cheapest(self._plan, self._data.values, units.index(unit),
                              self._groups(by), self._groups(ig), kind, number, band, costs)
        cols = list(self._data.columns)
        rows = out.pop("indicators")
        frame = pd.DataFrame(rows, columns=["indicator", "column", "value_now", "value_needed",
                                            "score_now", "score_after", "cost", "whole"])
        frame = frame.set_index("indicator")
        frame["column"] = [cols[c] for c in frame["column"]]
        out["unit"] = unit
        out["indicators"] = frame
        return out

    def _goal(self, what: str, unit: Any, to_rank: Optional[float], to_score: Optional[float],
              to_band: Optional[str]) -> tuple[str, float, str]:
        """(kind, number, band) for the binding, after checking the unit and the target."""
        given = [x is not None for x in (to_rank, to_score, to_band)]
        if sum(given) > 1:
            raise UsageError(f"{what}: give at most one of to_rank, to_score and to_band")
        units = list(self._data.units)
        if unit not in units:
            raise InputError(f"{what}: unit {unit!r} is not among the {len(units)} units")
        if to_rank is not None:
            if not to_rank >= 1:
                raise UsageError(f"{what}: to_rank must be 1 or more, got {to_rank}")
            return "rank", float(to_rank), ""
        if to_score is not None:
            return "score", float(to_score), ""
        if to_band is not None:
            return "band", 0.0, str(to_band)
        return "rank", 0.0, ""

    def __repr__(self) -> str:
        return (f"<chiso.Result '{self.framework.id}': {len(self._index)} units, "
                f"{len(self._ids)} nodes, {len(self.diagnostics)} diagnostics>")


# ---------------------------------------------------------------------------------------------
# Ranks and rounding on their own
# ---------------------------------------------------------------------------------------------

@overload
def rank(scores: pd.Series, method: str = ..., order: str = ..., round_to: Optional[int] = ...,
         groups: Optional[Sequence[Any]] = ...) -> pd.Series: ...
@overload
def rank(scores: npt.ArrayLike, method: str = ..., order: str = ...,
         round_to: Optional[int] = ..., groups: Optional[Sequence[Any]] = ...) -> np.ndarray: ...
def rank(scores: Union[pd.Series, npt.ArrayLike], method: str = "competition",
         order: str = "descending", round_to: Optional[int] = None,
         groups: Optional[Sequence[Any]] = None) -> Union[pd.Series, np.ndarray]:
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


@overload
def round_decimal(x: pd.DataFrame, digits: int) -> pd.DataFrame: ...
@overload
def round_decimal(x: pd.Series, digits: int) -> pd.Series: ...
@overload
def round_decimal(x: float, digits: int) -> float: ...
@overload
def round_decimal(x: npt.ArrayLike, digits: int) -> Any: ...
def round_decimal(x: Union[pd.DataFrame, pd.Series, npt.ArrayLike], digits: int) -> Any:
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


def whatif(framework: FrameworkArg, data: DataArg = None, set: Optional[dict] = None,
           weights: Optional[dict] = None, *, full: bool = False) -> pd.DataFrame:
    """Every unit's root score and rank before and after changes, as ``chiso whatif`` gives
    them: ``set`` maps ``(unit, indicator_or_column)`` or ``"unit.indicator"`` to a value (NaN =
    missing); ``weights`` maps ``(node, child)`` or ``"node.child"`` to a weight. Returns a
    DataFrame indexed by unit: score_before, rank_before, score_after, rank_after,
    rank_change (positive: moved up). Data changes alone use live single-cell updates where
    the framework allows them (``full=True``: full evaluations; the same numbers)."""
    r = score(framework, data, warn=False)
    d = r._data
    fw = r.framework
    units = list(d.units)
    cols = list(d.columns)

    def split(key: Any, what: str) -> tuple:
        if isinstance(key, tuple) and len(key) == 2:
            return key
        if isinstance(key, str) and "." in key:
            a, b = key.rsplit(".", 1)
            return a, b
        raise UsageError(f"whatif: {what} key {key!r} must be a (left, right) pair or 'left.right'")

    cells = []
    for key, value in (set or {}).items():
        u, ind = split(key, "set")
        if u not in units:
            raise InputError(f"whatif: unit {u!r} is not among the {len(units)} units")
        col = ind
        for i in fw._spec.indicators:
            if i["id"] == ind:
                col = i.get("column") or ind
        if col not in cols:
            raise InputError(f"whatif: {ind!r} is neither an indicator nor a data column")
        cells.append((units.index(u), cols.index(col), float(value)))
    wts = []
    for key, value in (weights or {}).items():
        n, c = split(key, "weights")
        wts.append((str(n), str(c), float(value)))
    by = fw.ranking["group_by"]
    ig = r._plan.imputation_group
    sb, rb, sa, ra, _ = _chiso.whatif(r._plan, cols, d.values, r._groups(by), r._groups(ig),
                                      cells, wts, full)
    index = pd.Index(units, name="unit")
    out = pd.DataFrame({"score_before": sb, "rank_before": rb, "score_after": sa,
                        "rank_after": ra}, index=index)
    out["rank_change"] = out["rank_before"] - out["rank_after"]
    return out
