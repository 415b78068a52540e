"""What the modules of the chiso package share: the warning class, the argument types, the
warnings helper and the JSON writer used to hand dicts to the library's readers.

The package's type annotations are inline (PEP 561: py.typed, no .pyi for the pure-Python
modules), so the types below are what editors and type checkers read."""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Mapping, Sequence
from typing import Any, Optional, Union

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._chiso import Aggregation, Method, UsageError


class ScoreWarning(UserWarning):
    """An expected non-success while scoring (a constant column, a unit below coverage, a
    non-positive value fed to a geometric mean...), as the CLI prints on stderr. Every one is
    also in ``Result.diagnostics``."""


PathLike = Union[str, "os.PathLike[str]"]
#: A normalisation: a CLI shorthand ("minmax:0:100"), a spec-file method ({"type": ...}).
MethodLike = Union[str, Mapping[str, Any], Method]
#: An aggregation: a CLI shorthand ("gmean"), a spec-file method ({"type": ...}).
AggregationLike = Union[str, Mapping[str, Any], Aggregation]
#: One method for every indicator, or {indicator id (or "*"): method}.
NormaliseArg = Union[MethodLike, Mapping[str, MethodLike], None]
#: One aggregation for every node, or {node id (or "*"): aggregation}.
AggregateArg = Union[AggregationLike, Mapping[str, AggregationLike], None]
#: What is scored: a DataFrame (index: unit ids), a 2-d array (units × columns), or None (a
#: preset's sample).
DataArg = Union[pd.DataFrame, npt.ArrayLike, str, "os.PathLike[str]", None]
#: Group labels: one per unit (for ranking.group_by), or {column: labels}.
GroupsArg = Union[Sequence[Any], Mapping[str, Sequence[Any]], None]
#: Several periods: {period: DataFrame}, or a DataFrame with a period column or index level.
PanelData = Union[Mapping[Any, pd.DataFrame], pd.DataFrame]

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
