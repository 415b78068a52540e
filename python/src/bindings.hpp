#pragma once
/// \file python/src/bindings.hpp
/// The `chiso._chiso` extension: a thin pybind11 layer over the compiled library. It exposes
/// frameworks (spec files, text, presets, COINr metadata), method overrides, the compiled plan
/// and its evaluation on numpy arrays, ranks and contributions, statistics, uncertainty and
/// sensitivity runs (robust.cpp), and several periods: scores, trends, targets (periods.cpp);
/// the Python package `chiso` (python/chiso/__init__.py) turns these into pandas DataFrames.
/// Nothing here re-implements a formula: every number comes from include/chiso.

#include <chiso/dataset.hpp>
#include <chiso/framework.hpp>
#include <chiso/io/result_tables.hpp>
#include <chiso/io/spec.hpp>
#include <chiso/method.hpp>
#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <pybind11/pybind11.h>

#include <Eigen/Core>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chiso::python {

namespace py = pybind11;

/// What crosses from numpy into the library: a column-major float64 matrix with any outer
/// stride. pybind11 passes a Fortran-ordered float64 array (or a column slice of one) as a
/// view, without copying; any other layout or dtype is converted to a temporary copy.
using matrix_in = Eigen::Ref<const Eigen::MatrixXd>;

/// A framework with the sections of its spec file (sample, data layout) and where it came
/// from. Immutable once made: overrides return a new one.
struct spec_holder {
  io::spec spec_{};
  bool coinr_ = false;  ///< read from COINr iMeta (its data: uCode, uName, *_group columns)
  std::string label_{}; ///< for messages and repr: a path, "preset 'x'", "<dict>"
};

/// A normalisation (or point rule) given by the user, with the text it was parsed from.
struct method_holder {
  chiso::method method_{};
  std::string text_{};
};

/// An aggregation given by the user, with the text it was parsed from.
struct aggregation_holder {
  chiso::aggregation aggregation_{};
  std::string text_{};
};

/// A framework compiled against the data's columns (the framework is inside the plan).
struct plan_holder {
  chiso::plan plan_{};
};

/// One evaluation's result, reusable across evaluations (Monte Carlo loops: pass it as `out`).
struct result_holder {
  chiso::result result_{};
  std::uintptr_t values_address_ = 0; ///< address of the values the library read (tests)
  bool gil_released_ = false;         ///< whether the GIL was free during the computation
};

/// Python exception classes: Error(ValueError) and its subclasses InputError, FrameworkError
/// and UsageError, registered so chiso's C++ exceptions arrive as these.
void bind_errors(py::module_& m);
/// Spec, Method, Aggregation, presets.
void bind_framework(py::module_& m);
/// Plan, Result, rank, round_decimal.
void bind_evaluate(py::module_& m);
/// read_data (wide CSV for a framework, checked as the CLI checks it).
void bind_data(py::module_& m);
/// Statistics (include/chiso/analysis): summaries, correlations, Cronbach's alpha, PCA and
/// the structure flags of a scored framework.
void bind_analysis(py::module_& m);
/// Uncertainty and sensitivity analysis (include/chiso/robust): Choices, RobustModel.
void bind_robust(py::module_& m);
/// Several periods (panel.hpp, time/): Panel (scores, ranks, trends, targets), read_panel,
/// period_order, period_times.
void bind_periods(py::module_& m);
/// whatif.cpp: gap (what moves a unit up) and whatif (scenarios).
void bind_whatif(py::module_& m);

/// A dataset as the dict `read_data` returns (units, names, columns, values, groups, source,
/// lines), its parts moved out: the values move into numpy without a copy.
py::dict dataset_dict(dataset&& ds);

/// A result table (chiso/io/table.hpp) as {column name: values}, in column order: text
/// columns as lists of str (None: missing), number and rank columns as float64 arrays (NaN:
/// missing; a number column with `digits` rounded as published, `round_decimal`), integer
/// columns as int64 arrays (float64 with NaN if a cell is missing).
py::dict table_dict(const io::table& t);

/// The unit columns of a per-unit table as Python gives them (`_chiso.UnitRows`): ids, names
/// (None: no name column), the ranking group column and its labels (None: not grouped).
class unit_rows_arg {
public:
  unit_rows_arg(std::vector<std::string> ids, std::optional<std::vector<std::string>> names,
                std::optional<std::string> group_by,
                std::optional<std::vector<std::string>> groups);
  /// A view valid while this lives.
  io::unit_rows rows() const;

private:
  std::vector<std::string> ids_;
  std::optional<std::vector<std::string>> names_;
  std::optional<std::string> group_by_;
  std::optional<std::vector<std::string>> groups_;
};

/// Result tables and the method catalogue: score_table, methods, UnitRows.
void bind_tables(py::module_& m);

/// Throws the Python UsageError with `message` (the C++ usage_error is translated to it).
[[noreturn]] void throw_usage(const std::string& message);

} // namespace chiso::python
