#pragma once
/// \file impute/changed_cell.hpp
/// What imputation and outlier treatment report: every cell they touch, and the error they throw
/// for a bad cell.
///
/// **The data-preparation concept.** An imputation (`include/chiso/impute/`) or a treatment
/// (`include/chiso/treat/`) is a function acting *in place* on a raw data matrix
/// `Eigen::Ref<Eigen::MatrixXd>` (units × columns, column-major, NaN = missing) over a given set
/// of column indices, before normalisation. It leaves every other column bit-identical and
/// appends one `changed_cell` to a caller's vector for each cell it changed — and, for
/// imputations, also for each missing cell it could not fill (`after` NaN: nothing is filled
/// silently with 0 or anything else). Imputations never change an observed cell.

#include "chiso/error.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::impute {

/// One cell changed (or left missing) by an imputation or a treatment.
/// `before` is NaN for a cell that was missing; `after` is NaN for a missing cell the method
/// could not impute (it says why in its documentation). `method` names the rule applied
/// ("column_mean", "group_median", "row_mean", "carry_forward", "interpolate", "em",
/// "winsorise_high", "winsorise_low", "log_ct", "log_ct_reflected", "box_cox",
/// "winsorise_quantile"); it points to a string literal. `period` is the period index for the
/// panel imputations (`carry_forward`, `interpolate`), 0 otherwise.
struct changed_cell {
  std::size_t unit = 0;   ///< row of the unit in the matrix
  std::size_t column = 0; ///< column index in the matrix
  double before = std::numeric_limits<double>::quiet_NaN();
  double after = std::numeric_limits<double>::quiet_NaN();
  std::string_view method{};
  std::size_t period = 0;

  /// Whether the cell holds a value now (false: an imputation left it missing).
  bool filled() const noexcept { return !std::isnan(after); }
};

/// Bad input in one cell or one column of the data matrix (a value outside a transform's domain,
/// a column without any observation). Carries the 0-based unit row and column so that a caller
/// holding a `dataset` can name the unit id, the column name and the file line; `unit` is
/// `npos` when the whole column is at fault.
class cell_error : public input_error {
public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  cell_error(const std::string& what, std::size_t unit, std::size_t column)
      : input_error(what), unit_(unit), column_(column) {}
  std::size_t unit() const noexcept { return unit_; }
  std::size_t column() const noexcept { return column_; }

private:
  std::size_t unit_;
  std::size_t column_;
};

/// The indices 0, 1, …, cols − 1 of every column of `m` (for "all columns").
inline std::vector<std::size_t> all_columns(Eigen::Ref<const Eigen::MatrixXd> m) {
  std::vector<std::size_t> c(static_cast<std::size_t>(m.cols()));
  for (std::size_t j = 0; j < c.size(); ++j)
    c[j] = j;
  return c;
}

namespace detail {

/// Throws usage_error if a column index is out of range or repeated.
inline void check_columns(std::string_view who, std::size_t n_cols,
                          std::span<const std::size_t> columns) {
  std::vector<bool> seen(n_cols, false);
  for (std::size_t j : columns) {
    if (j >= n_cols)
      throw usage_error(std::string(who) + ": column index " + std::to_string(j) +
                        " is out of range (the matrix has " + std::to_string(n_cols) + " columns)");
    if (seen[j])
      throw usage_error(std::string(who) + ": column index " + std::to_string(j) +
                        " is listed twice");
    seen[j] = true;
  }
}

/// "<who>: " + "column j".
inline std::string col_name(std::size_t j) {
  return "column " + std::to_string(j);
}

} // namespace detail

} // namespace chiso::impute
