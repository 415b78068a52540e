"""Type stubs of the chiso package (python/chiso/__init__.py): composite indicators over the
compiled library. Guide: docs/python.md."""

import os
from typing import (
    Any,
    Iterator,
    Literal,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Union,
    overload,
)

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._chiso import (
    Aggregation as Aggregation,
    Error as Error,
    Evaluation as Evaluation,
    FrameworkError as FrameworkError,
    InputError as InputError,
    Method as Method,
    Plan as Plan,
    UsageError as UsageError,
)
from . import _chiso

__version__: str
__all__: list[str]

PathLike = Union[str, os.PathLike[str]]
MethodLike = Union[str, Mapping[str, Any], Method]
AggregationLike = Union[str, Mapping[str, Any], Aggregation]
#: One method for every indicator, or {indicator id (or "*"): method}.
NormaliseArg = Union[MethodLike, Mapping[str, MethodLike], None]
#: One aggregation for every node, or {node id (or "*"): aggregation}.
AggregateArg = Union[AggregationLike, Mapping[str, AggregationLike], None]
#: An uncertain-choices file (path), its YAML/JSON text, or a dict shaped like it.
ChoicesLike = Union[str, os.PathLike[str], Mapping[str, Any]]
#: Several periods: {period: DataFrame}, or a DataFrame with a period column or index level.
PanelData = Union[Mapping[Any, pd.DataFrame], pd.DataFrame]

class ScoreWarning(UserWarning): ...

class Framework:
    def __init__(self, spec: _chiso.Spec) -> None: ...
    @classmethod
    def load(cls, path: PathLike) -> Framework: ...
    @classmethod
    def from_yaml(cls, text: str, source: str = ..., base_dir: PathLike = ...) -> Framework: ...
    @classmethod
    def from_dict(
        cls, spec: Mapping[str, Any], source: str = ..., base_dir: PathLike = ...
    ) -> Framework: ...
    @classmethod
    def preset(cls, name: str, presets_dir: Optional[PathLike] = ...) -> Framework: ...
    @classmethod
    def from_coinr(cls, meta: PathLike) -> Framework: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def root(self) -> str: ...
    @property
    def display_decimals(self) -> Optional[int]: ...
    @property
    def source(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def sample(self) -> Optional[dict[str, Any]]: ...
    @property
    def data_layout(self) -> dict[str, Any]: ...
    @property
    def ranking(self) -> dict[str, Any]: ...
    @property
    def bands(self) -> list[tuple[str, float]]: ...
    @property
    def columns(self) -> list[str]: ...
    @property
    def indicator_ids(self) -> list[str]: ...
    @property
    def node_ids(self) -> list[str]: ...
    @property
    def indicators(self) -> pd.DataFrame: ...
    @property
    def nodes(self) -> pd.DataFrame: ...
    @property
    def weights(self) -> pd.DataFrame: ...
    @property
    def effective_weights(self) -> pd.DataFrame: ...
    def compile(self, columns: Optional[Sequence[str]] = ...) -> Plan: ...
    def problems(self) -> list[str]: ...
    def to_yaml(self) -> str: ...
    def with_methods(
        self, normalise: NormaliseArg = ..., aggregate: AggregateArg = ...
    ) -> Framework: ...
    def read_data(self, path: PathLike) -> pd.DataFrame: ...
    def sample_data(self) -> pd.DataFrame: ...
    def score(
        self,
        data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
        normalise: NormaliseArg = ...,
        aggregate: AggregateArg = ...,
        *,
        columns: Optional[Sequence[str]] = ...,
        units: Optional[Sequence[Any]] = ...,
        groups: Union[Sequence[Any], Mapping[str, Sequence[Any]], None] = ...,
        warn: bool = ...,
    ) -> Result: ...
    def score_periods(
        self,
        data: PanelData,
        normalise: NormaliseArg = ...,
        aggregate: AggregateArg = ...,
        *,
        period: str = ...,
        warn: bool = ...,
    ) -> Periods: ...
    def uncertainty(
        self,
        data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
        choices: Optional[ChoicesLike] = ...,
        **kwargs: Any,
    ) -> Uncertainty: ...
    def sensitivity(
        self,
        data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
        choices: Optional[ChoicesLike] = ...,
        **kwargs: Any,
    ) -> Sensitivity: ...

class Result:
    framework: Framework
    scores: pd.DataFrame
    indicators: pd.DataFrame
    rank: pd.Series
    band: Optional[pd.Series]
    names: Optional[pd.Series]
    group: Optional[pd.Series]
    diagnostics: pd.DataFrame
    @property
    def root(self) -> str: ...
    @property
    def all_scores(self) -> pd.DataFrame: ...
    def table(self, indicators: bool = ..., digits: Optional[int] = ...) -> pd.DataFrame: ...
    def contributions(self, node: Optional[str] = ...) -> pd.DataFrame: ...
    def ranks(self, nodes: Optional[Sequence[str]] = ...) -> pd.DataFrame: ...
    def tidy(
        self, nodes: Optional[Sequence[str]] = ..., indicators: bool = ...
    ) -> pd.DataFrame: ...
    def stats(self, level: str = ..., corr: str = ...) -> Stats: ...

class Alpha(NamedTuple):
    alpha: float
    k: int
    n: int

class PCA(NamedTuple):
    status: str
    n: int
    column: Optional[str]
    components: pd.DataFrame
    pc1: pd.Series

class Stats:
    level: str
    method: str
    indicators: pd.DataFrame
    correlation: pd.DataFrame
    correlation_n: pd.DataFrame
    pca: PCA
    nodes: pd.DataFrame
    with_parent: pd.DataFrame
    flags: pd.DataFrame
    def __init__(self, result: Result, level: str = ..., corr: str = ...) -> None: ...

def load(path: PathLike) -> Framework: ...
def preset(name: str, presets_dir: Optional[PathLike] = ...) -> Framework: ...
def presets_dir(presets_dir: Optional[PathLike] = ...) -> str: ...
def presets(presets_dir: Optional[PathLike] = ...) -> pd.DataFrame: ...
def normalise_forms() -> str: ...
def aggregate_forms() -> str: ...
def read_data(path: PathLike, framework: Framework) -> pd.DataFrame: ...
def read_coinr(meta: PathLike, data: PathLike) -> tuple[Framework, pd.DataFrame]: ...
def score(
    framework: Union[Framework, str, os.PathLike[str]],
    data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    *,
    columns: Optional[Sequence[str]] = ...,
    units: Optional[Sequence[Any]] = ...,
    groups: Union[Sequence[Any], Mapping[str, Sequence[Any]], None] = ...,
    warn: bool = ...,
) -> Result: ...
def stats(
    framework: Union[Framework, str, os.PathLike[str]],
    data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    *,
    level: str = ...,
    corr: str = ...,
    columns: Optional[Sequence[str]] = ...,
    units: Optional[Sequence[Any]] = ...,
    groups: Union[Sequence[Any], Mapping[str, Sequence[Any]], None] = ...,
    warn: bool = ...,
) -> Stats: ...
def summarise(
    data: Union[pd.DataFrame, pd.Series, npt.ArrayLike],
    *,
    min_coverage: float = ...,
    max_abs_skew: float = ...,
    max_kurtosis: float = ...,
    min_nonzero: float = ...,
    min_unique: float = ...,
    iqr_factor: float = ...,
) -> pd.DataFrame: ...
@overload
def correlation(
    x: Union[pd.DataFrame, npt.ArrayLike],
    y: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    method: str = ...,
    *,
    counts: Literal[False] = ...,
) -> pd.DataFrame: ...
@overload
def correlation(
    x: Union[pd.DataFrame, npt.ArrayLike],
    y: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    method: str = ...,
    *,
    counts: Literal[True],
) -> tuple[pd.DataFrame, pd.DataFrame]: ...
def cronbach_alpha(items: Union[pd.DataFrame, npt.ArrayLike], rows: str = ...) -> Alpha: ...
def pca(data: Union[pd.DataFrame, npt.ArrayLike]) -> PCA: ...
@overload
def rank(
    scores: pd.Series,
    method: str = ...,
    order: str = ...,
    round_to: Optional[int] = ...,
    groups: Optional[Sequence[Any]] = ...,
) -> pd.Series: ...
@overload
def rank(
    scores: npt.ArrayLike,
    method: str = ...,
    order: str = ...,
    round_to: Optional[int] = ...,
    groups: Optional[Sequence[Any]] = ...,
) -> np.ndarray: ...
@overload
def round_decimal(x: pd.DataFrame, digits: int) -> pd.DataFrame: ...
@overload
def round_decimal(x: pd.Series, digits: int) -> pd.Series: ...
@overload
def round_decimal(x: float, digits: int) -> float: ...
@overload
def round_decimal(x: npt.ArrayLike, digits: int) -> Any: ...

# Robustness (include/chiso/robust; docs/robustness.md).
class Uncertainty:
    nominal: Result
    seed: int
    replications: int
    threads: int
    seconds: float
    inputs: list[str]
    interval: tuple[float, float]
    nodes: list[str]
    summary: pd.DataFrame
    draws: pd.DataFrame
    mean_abs_rank_shift: pd.Series
    def __init__(
        self, nominal: Result, model: _chiso.RobustModel, raw: dict[str, Any], samples: bool
    ) -> None: ...
    @property
    def samples(self) -> pd.DataFrame: ...
    def replicate(self, k: int) -> Result: ...

class Sensitivity:
    nominal: Result
    inputs: list[str]
    n: int
    runs: int
    seed: int
    threads: int
    seconds: float
    bootstrap: int
    confidence: float
    mean: float
    variance: float
    indices: pd.DataFrame
    units: Optional[pd.DataFrame]
    y_a: pd.Series
    y_b: pd.Series
    y_ab: pd.DataFrame
    def __init__(self, nominal: Result, raw: dict[str, Any]) -> None: ...

def uncertainty(
    framework: Union[Framework, str, os.PathLike[str]],
    data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    choices: Optional[ChoicesLike] = ...,
    *,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    replications: Optional[int] = ...,
    seed: Optional[int] = ...,
    track: Union[str, Sequence[str], None] = ...,
    interval: Optional[Sequence[float]] = ...,
    threads: int = ...,
    samples: bool = ...,
    columns: Optional[Sequence[str]] = ...,
    units: Optional[Sequence[Any]] = ...,
    groups: Union[Sequence[Any], Mapping[str, Sequence[Any]], None] = ...,
    warn: bool = ...,
) -> Uncertainty: ...
def sensitivity(
    framework: Union[Framework, str, os.PathLike[str]],
    data: Union[pd.DataFrame, npt.ArrayLike, None] = ...,
    choices: Optional[ChoicesLike] = ...,
    *,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    n: Optional[int] = ...,
    seed: Optional[int] = ...,
    bootstrap: Optional[int] = ...,
    confidence: Optional[float] = ...,
    per_unit: Optional[bool] = ...,
    threads: int = ...,
    columns: Optional[Sequence[str]] = ...,
    units: Optional[Sequence[Any]] = ...,
    groups: Union[Sequence[Any], Mapping[str, Sequence[Any]], None] = ...,
    warn: bool = ...,
) -> Sensitivity: ...

# Several periods (chiso/panel.hpp, chiso/time; docs/time.md).
class Periods:
    framework: Framework
    periods: list[Any]
    results: dict[Any, Result]
    units: pd.Index
    names: Optional[pd.Series]
    group: Optional[pd.Series]
    diagnostics: pd.DataFrame
    def __init__(
        self,
        framework: Framework,
        plan: Plan,
        panel: _chiso.Panel,
        keys: list[Any],
        data: list[Any],
        warn: bool = ...,
    ) -> None: ...
    def __getitem__(self, key: Any) -> Result: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Any]: ...
    def table(self, indicators: bool = ..., digits: Optional[int] = ...) -> pd.DataFrame: ...
    def tidy(
        self, nodes: Optional[Sequence[str]] = ..., indicators: bool = ...
    ) -> pd.DataFrame: ...
    def scores(self, node: Optional[str] = ...) -> pd.DataFrame: ...
    def ranks(self, node: Optional[str] = ...) -> pd.DataFrame: ...
    def trend(
        self,
        nodes: Optional[Sequence[str]] = ...,
        start: Any = ...,
        end: Any = ...,
        base: Literal["exact", "last_observed"] = ...,
    ) -> pd.DataFrame: ...
    def targets(self, summary: bool = ...) -> pd.DataFrame: ...

def read_panel(path: PathLike, framework: Framework) -> dict[str, pd.DataFrame]: ...
def score_periods(
    framework: Union[Framework, str, os.PathLike[str]],
    data: PanelData,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    *,
    period: str = ...,
    warn: bool = ...,
) -> Periods: ...
def trend(
    framework: Union[Framework, str, os.PathLike[str]],
    data: PanelData,
    nodes: Optional[Sequence[str]] = ...,
    *,
    start: Any = ...,
    end: Any = ...,
    base: Literal["exact", "last_observed"] = ...,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    period: str = ...,
    warn: bool = ...,
) -> pd.DataFrame: ...
def targets(
    framework: Union[Framework, str, os.PathLike[str]],
    data: PanelData,
    *,
    summary: bool = ...,
    normalise: NormaliseArg = ...,
    aggregate: AggregateArg = ...,
    period: str = ...,
    warn: bool = ...,
) -> pd.DataFrame: ...
