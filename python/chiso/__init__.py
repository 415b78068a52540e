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

The package is split by concern, one module per chapter of the API (docs/python.md, "The
package"): _framework (frameworks and presets), _data (data files and frames), _result
(scoring and its Result), _stats (statistics), _robust (uncertainty and sensitivity) and
_periods (several periods), over _common (what they share) and the compiled _chiso. This file
only gathers their public names.
"""

from ._chiso import (
    Aggregation,
    Error,
    Evaluation,
    FrameworkError,
    InputError,
    Method,
    Plan,
    UsageError,
    __version__,
)
# AggregationLike, MethodLike, PathLike and ChoicesLike (argument types) are public but not in
# __all__, as before the split.
from ._common import AggregationLike, MethodLike, PathLike, ScoreWarning
from ._data import read_coinr, read_data
from ._framework import (
    Framework,
    aggregate_forms,
    load,
    methods,
    normalise_forms,
    preset,
    presets,
    presets_dir,
)
from ._periods import Periods, read_panel, score_periods, targets, trend
from ._result import Result, rank, round_decimal, score, whatif
from ._robust import ChoicesLike, Sensitivity, Uncertainty, sensitivity, uncertainty
from ._stats import PCA, Alpha, Stats, correlation, cronbach_alpha, pca, stats, summarise

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
    "methods",
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
    "whatif",
    "trend",
    "uncertainty",
]
