"""Several periods as ``chiso score`` on periods, ``chiso trend`` and ``chiso targets``
compute them (chiso/panel.hpp, chiso/time/*.hpp, docs/time.md): read_panel, score_periods and
its Periods, trend and targets."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, Optional

import numpy as np
import pandas as pd

from . import _chiso
from ._chiso import InputError, Plan, UsageError
from ._common import _MAX_WARNINGS, AggregateArg, NormaliseArg, PanelData, PathLike, _warn
from ._data import _Data, _data_from_frame, _frame_from_read
from ._framework import Framework, FrameworkArg
from ._result import Result, _framework_argument


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

    def __init__(self, framework: Framework, plan: Plan, panel: "_chiso.Panel", keys: list[Any],
                 data: list[Any], warn: bool = True) -> None:
        self.framework: Framework = framework
        self._plan = plan
        self._panel = panel
        self.periods: list[Any] = list(keys)
        self._labels: list = list(panel.labels)
        self.results: dict[Any, Result] = {key: Result(framework, plan, panel.evaluation(t), d, warn=False)
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

    def __iter__(self) -> Iterator[Any]:
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

    def _unit_rows(self) -> "_chiso.UnitRows":
        """The unit columns of the library's per-unit tables: unit, [name], [group column]."""
        return _chiso.UnitRows([str(u) for u in self.units],
                               None if self.names is None else list(self.names),
                               None if self.group is None else str(self.group.name),
                               None if self.group is None else list(self.group))

    def trend(self, nodes: Optional[Sequence[str]] = None, start: Any = None, end: Any = None,
              base: Literal["exact", "last_observed"] = "exact") -> pd.DataFrame:
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
        # The library's table (chiso/io/result_tables.hpp), the one the CLI writes; its
        # period labels (from, to, base) become the periods' keys, and no base None.
        key_of = dict(zip(self._labels, self.periods))
        rows = self._unit_rows()
        frames = []
        for k in ks:
            raw = self._panel.trend(k, s, e, base, rows)
            f = raw["table"]
            seen = np.asarray(raw["base_period"]).reshape(-1, order="F") >= 0  # rows' order
            for c in ("from", "to", "base"):
                keys = np.empty(len(f[c]), dtype=object)
                keys[:] = [key_of[x] if c != "base" or ok else None for x, ok in zip(f[c], seen)]
                f[c] = keys
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
        try:
            f = self._panel.targets_table(self._unit_rows(), bool(summary))
        except InputError as e:
            raise InputError(f"targets: {e}") from None
        if f is None:
            raise InputError(f"targets: {self.framework.label} declares no targets (add "
                             f"'targets: [{{value: ..., deadline: ...}}]' to an indicator or "
                             f"node; docs/spec.md)")
        # The library's table (chiso/io/result_tables.hpp), the one the CLI writes; its period
        # labels become the periods' keys (a list: int keys make an int column).
        key_of = dict(zip(self._labels, self.periods))
        f["period"] = [key_of[x] for x in f["period"]]
        return pd.DataFrame(f)

    def __repr__(self) -> str:
        return (f"<chiso.Periods '{self.framework.id}': {len(self.periods)} periods "
                f"({', '.join(self._labels)}), {len(self.units)} units>")


def score_periods(framework: FrameworkArg, data: PanelData, normalise: NormaliseArg = None,
                  aggregate: AggregateArg = None, *, period: str = "period",
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


def trend(framework: FrameworkArg, data: PanelData, nodes: Optional[Sequence[str]] = None, *,
          start: Any = None, end: Any = None, base: Literal["exact", "last_observed"] = "exact",
          normalise: NormaliseArg = None, aggregate: AggregateArg = None, period: str = "period",
          warn: bool = True) -> pd.DataFrame:
    """``chiso trend`` in Python: :func:`score_periods` then :meth:`Periods.trend` — score
    changes s_to − s_from and rank changes r_from − r_to (> 0: moved up) of every unit,
    between consecutive periods or from ``start`` to ``end``; the CLI's CSV columns."""
    return score_periods(framework, data, normalise, aggregate, period=period,
                         warn=warn).trend(nodes, start, end, base)


def targets(framework: FrameworkArg, data: PanelData, *, summary: bool = False,
            normalise: NormaliseArg = None, aggregate: AggregateArg = None,
            period: str = "period", warn: bool = True) -> pd.DataFrame:
    """``chiso targets`` in Python: :func:`score_periods` then :meth:`Periods.targets` — every
    unit against every target the spec declares (attainment, gap, progress, required growth,
    projections, status), or with ``summary`` the units per status; the CLI's CSV columns."""
    return score_periods(framework, data, normalise, aggregate, period=period,
                         warn=warn).targets(summary)
