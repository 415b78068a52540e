"""Data: reading a framework's data file (read_data, read_coinr) and turning what is scored
(a DataFrame, a numpy array) into the units × columns matrix the library reads."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from . import _chiso
from ._chiso import InputError, UsageError
from ._common import PathLike
from ._framework import Framework

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
    """Reads a wide data file for ``framework`` exactly as the CLI does — a CSV file, or a sheet
    of an Excel workbook (``data.xlsx``: the first sheet; ``data.xlsx#SHEET``): the unit column
    (index), the name column and group columns (text), and the columns the framework uses
    (float64; empty or NA = NaN). Every cell is checked — a number, inside its indicator's
    ``valid`` range — and every problem is reported at once as an InputError with
    ``file:line:column: column 'x': rule`` (a workbook: ``data.xlsx[SHEET]!C7: ...``). Other
    columns of the file are ignored."""
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
