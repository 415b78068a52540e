"""Statistics as ``chiso stats`` computes them (include/chiso/analysis): chiso.Stats of a
scoring, and summarise, correlation, cronbach_alpha and pca on any DataFrame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, NamedTuple, Optional, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from . import _chiso
from ._chiso import UsageError
from ._common import AggregateArg, DataArg, GroupsArg, NormaliseArg
from ._framework import FrameworkArg
from ._result import Result, score

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


def summarise(data: Union[pd.DataFrame, pd.Series, npt.ArrayLike], *, min_coverage: float = 0.65,
              max_abs_skew: float = 2.0, max_kurtosis: float = 3.5, min_nonzero: float = 0.5,
              min_unique: float = 0.5, iqr_factor: float = 1.5) -> pd.DataFrame:
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


@overload
def correlation(x: Union[pd.DataFrame, npt.ArrayLike],
                y: Union[pd.DataFrame, npt.ArrayLike, None] = ..., method: str = ..., *,
                counts: Literal[False] = ...) -> pd.DataFrame: ...
@overload
def correlation(x: Union[pd.DataFrame, npt.ArrayLike],
                y: Union[pd.DataFrame, npt.ArrayLike, None] = ..., method: str = ..., *,
                counts: Literal[True]) -> tuple[pd.DataFrame, pd.DataFrame]: ...
def correlation(x: Union[pd.DataFrame, npt.ArrayLike],
                y: Union[pd.DataFrame, npt.ArrayLike, None] = None, method: str = "pearson", *,
                counts: bool = False) -> Union[pd.DataFrame, tuple[pd.DataFrame, pd.DataFrame]]:
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


def cronbach_alpha(items: Union[pd.DataFrame, npt.ArrayLike], rows: str = "pairwise") -> Alpha:
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


def pca(data: Union[pd.DataFrame, npt.ArrayLike]) -> PCA:
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
        raw = _chiso.stats_report(result._plan, result._raw,
                                  np.asfortranarray(np.asarray(result._data.values,
                                                               dtype=np.float64)),
                                  level, corr)
        self.level: str = level
        self.method: str = corr
        frame = pd.DataFrame(raw["indicators"]).set_index("id")
        frame["flags"] = frame["flags"].fillna("")
        units = list(result._index)
        frame["outliers"] = [[units[i] for i in rows] for rows in raw["outlier_rows"]]
        self.indicators: pd.DataFrame = frame
        labels = list(frame.index)
        self.correlation: pd.DataFrame = pd.DataFrame(raw["correlation"]).set_index("id")
        self.correlation_n: pd.DataFrame = pd.DataFrame(raw["correlation_n"]).set_index("id")
        self.pca: PCA = _pca_of(raw["pca"], labels)
        self.nodes: pd.DataFrame = pd.DataFrame(raw["nodes"]).set_index("node")
        self.with_parent: pd.DataFrame = pd.DataFrame(raw["with_parent"])
        self.flags: pd.DataFrame = pd.DataFrame(raw["flags"])

    def __repr__(self) -> str:
        return (f"<chiso.Stats {self.level}, {self.method}: {len(self.indicators)} columns, "
                f"{len(self.nodes)} nodes, {len(self.flags)} structure flags>")


def stats(framework: FrameworkArg, data: DataArg = None, normalise: NormaliseArg = None,
          aggregate: AggregateArg = None, *, level: str = "raw", corr: str = "pearson",
          columns: Optional[Sequence[str]] = None, units: Optional[Sequence[Any]] = None,
          groups: GroupsArg = None, warn: bool = True) -> Stats:
    """``chiso stats`` in Python: scores ``data`` on ``framework`` (as :func:`score`, with the
    same arguments) and returns its :class:`Stats` at ``level`` (raw, normalised or all) with
    ``corr`` (pearson or spearman) correlations."""
    return score(framework, data, normalise, aggregate, columns=columns, units=units,
                 groups=groups, warn=warn).stats(level, corr)
