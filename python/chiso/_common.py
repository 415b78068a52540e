"""What the modules of the chiso package share: the warning class, the argument types, the
warnings helper and the JSON writer used to hand dicts to the library's readers."""

from __future__ import annotations

import json
import os
import sys
import warnings
from collections.abc import Mapping
from typing import Any, Optional, Union

import numpy as np

from ._chiso import Aggregation, Method, UsageError

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
