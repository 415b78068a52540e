#pragma once
/// \file treat/column_treatment.hpp
/// What an outlier treatment reports for each column it was asked to treat (the cells it
/// changed are reported as `impute::changed_cell`s, see impute/changed_cell.hpp).

#include "chiso/detail/moments.hpp"
#include "chiso/impute/changed_cell.hpp"
#include "chiso/param.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string_view>
#include <tuple>

namespace chiso::treat {

using impute::cell_error;
using impute::changed_cell;

/// The declarations (chiso/param.hpp) of a treatment's skew and kurtosis thresholds, which
/// every treatment has (COINr `check_SkewKurt`; for box_cox and quantile they only set
/// `column_treatment::passes`).
template <class T> constexpr auto test_parameters(double T::*skew, double T::*kurtosis) {
  return std::tuple{param::field{"skew", skew, "a column fails the test when |skew| >= this ..."},
                    param::field{"kurtosis", kurtosis, "... and excess kurtosis >= this"}};
}

/// What was done to a column.
enum class branch {
  untreated,     ///< passed the skew/kurtosis test as it was: unchanged
  undefined,     ///< skew or kurtosis undefined (< 4 observed values, or no spread): unchanged
  winsorised,    ///< points winsorised (`winmax`; see `passes` for whether that was enough)
  log,           ///< ln(x − min + a), a = 0.01·(max − min), of the original column
  log_reflected, ///< −ln(max + a − x), the mirror image for a negatively skewed column
  box_cox,       ///< Box-Cox with a given λ
  quantile,      ///< winsorised at given quantiles
};

/// "untreated", "undefined", "winsorised", "log", "log_reflected", "box_cox", "quantile".
constexpr std::string_view to_string(branch b) noexcept {
  switch (b) {
  case branch::untreated: return "untreated";
  case branch::undefined: return "undefined";
  case branch::winsorised: return "winsorised";
  case branch::log: return "log";
  case branch::log_reflected: return "log_reflected";
  case branch::box_cox: return "box_cox";
  case branch::quantile: return "quantile";
  }
  return "unknown";
}

/// One column's treatment. Skew and kurtosis are `analysis::skewness` (G1) and
/// `analysis::excess_kurtosis` (G2) of the observed values, before and after (NaN when
/// undefined).
struct column_treatment {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::size_t column = 0; ///< column index in the matrix
  branch taken = branch::untreated;
  std::size_t n = 0; ///< observed values
  double skew_before = nan;
  double kurtosis_before = nan;
  double skew_after = nan;
  double kurtosis_after = nan;
  /// Points changed by winsorisation (`winmax`: counted even when the log branch then replaced
  /// the winsorised column; `quantile`: points clamped).
  std::size_t n_winsorised = 0;
  bool passes = true; ///< the result passes the skew/kurtosis test (or it is undefined)
  /// Parameters of the transform, so it can be applied again (to goalposts, a new period):
  /// log branches: min and max of the original column; quantile: the two clamp bounds;
  /// box_cox: λ in `lower` (and the shift added, 0 or 1 − min, in `upper`).
  double lower = nan;
  double upper = nan;
};

namespace detail {

/// G1 and G2 of the observed values of x, from one set of central sums (statistics.hpp).
struct moments {
  double skew, kurtosis;
};
inline moments moments_of(Eigen::Ref<const Eigen::VectorXd> x) {
  const auto c = analysis::detail::central_sums_of(x);
  return {analysis::detail::skewness_of(c), analysis::detail::excess_kurtosis_of(c)};
}

/// COINr's `check_SkewKurt` failure: |skew| ≥ t_skew and kurtosis ≥ t_kurt. NaN never fails.
inline bool fails(moments s, double t_skew, double t_kurt) noexcept {
  return std::abs(s.skew) >= t_skew && s.kurtosis >= t_kurt;
}

} // namespace detail

} // namespace chiso::treat
