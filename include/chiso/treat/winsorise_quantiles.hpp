#pragma once
/// \file treat/winsorise_quantiles.hpp

#include "chiso/detail/column_stats.hpp"
#include "chiso/treat/column_treatment.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace chiso::treat {

/// Settings of `winsorise_quantiles`.
struct quantile_options {
  static constexpr std::string_view name = "quantile";
  static constexpr std::string_view summary =
      "clamp at the lower and upper quantiles of each column (type 7)";
  double lower_p = 0.05;     ///< clamp below the type-7 quantile at this probability
  double upper_p = 0.95;     ///< clamp above the type-7 quantile at this probability
  double max_abs_skew = 2.0; ///< thresholds for `column_treatment::passes` only
  double max_kurtosis = 3.5;

  static constexpr auto parameters() {
    return std::tuple_cat(
        std::tuple{
            param::field{"lower", &quantile_options::lower_p,
                         "clamp below the quantile at this probability", param::between(0, 1)},
            param::field{"upper", &quantile_options::upper_p,
                         "clamp above the quantile at this probability", param::between(0, 1)}},
        test_parameters(&quantile_options::max_abs_skew, &quantile_options::max_kurtosis));
  }
};

/// Winsorisation at given quantiles (Dixon 1960; Stata `winsor`, DescTools `Winsorize`): with
/// q_lo, q_hi the type-7 quantiles (R's default; `detail::quantile7`) of each column's observed
/// values at `lower_p` and `upper_p`,
///   x' = q_lo if x < q_lo,   q_hi if x > q_hi,   x otherwise.
/// `lower_p` = 0 (or `upper_p` = 1) leaves that side alone. Needs 0 ≤ lower_p < upper_p ≤ 1.
/// Every clamped cell is reported as "winsorise_quantile"; the report gives the bounds in
/// `lower`/`upper` and the number of clamped cells in `n_winsorised`.
/// Example: x = {1, 2, 3, 4, 100}, p = 0.05/0.95: h = 4·0.05 = 0.2 → q_lo = 1 + 0.2·1 = 1.2;
/// h = 3.8 → q_hi = 4 + 0.8·96 = 80.8, so x' = {1.2, 2, 3, 4, 80.8}.
inline std::vector<column_treatment> winsorise_quantiles(Eigen::Ref<Eigen::MatrixXd> m,
                                                         std::span<const std::size_t> columns,
                                                         const quantile_options& options,
                                                         std::vector<changed_cell>& out) {
  impute::detail::check_columns("treat::winsorise_quantiles", static_cast<std::size_t>(m.cols()),
                                columns);
  if (!(options.lower_p >= 0 && options.lower_p < options.upper_p && options.upper_p <= 1))
    throw framework_error("treat::winsorise_quantiles: needs 0 <= lower_p < upper_p <= 1 (got " +
                          chiso::detail::num(options.lower_p) + " and " +
                          chiso::detail::num(options.upper_p) + ")");
  std::vector<column_treatment> report;
  report.reserve(columns.size());
  for (std::size_t j : columns) {
    auto x = m.col(static_cast<Eigen::Index>(j));
    column_treatment r;
    r.column = j;
    r.taken = branch::quantile;
    const auto s0 = detail::moments_of(x);
    r.skew_before = r.skew_after = s0.skew;
    r.kurtosis_before = r.kurtosis_after = s0.kurtosis;
    const auto v = chiso::detail::sorted_observed(x);
    r.n = v.size();
    if (v.empty()) {
      report.push_back(r);
      continue;
    }
    const double lo = chiso::detail::quantile7(v, options.lower_p);
    const double hi = chiso::detail::quantile7(v, options.upper_p);
    r.lower = lo;
    r.upper = hi;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (!(x[i] < lo || x[i] > hi)) continue; // NaN and values inside stay
      const double y = x[i] < lo ? lo : hi;
      out.push_back({static_cast<std::size_t>(i), j, x[i], y, "winsorise_quantile"});
      x[i] = y;
      ++r.n_winsorised;
    }
    const auto s1 = detail::moments_of(x);
    r.skew_after = s1.skew;
    r.kurtosis_after = s1.kurtosis;
    r.passes = !detail::fails(s1, options.max_abs_skew, options.max_kurtosis);
    report.push_back(r);
  }
  return report;
}

} // namespace chiso::treat
