#pragma once
/// \file treat/box_cox.hpp

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

/// Settings of `box_cox`.
struct box_cox_options {
  static constexpr std::string_view name = "box_cox";
  static constexpr std::string_view summary = "the Box-Cox power transform with a given lambda";
  double lambda = 0.0; ///< λ (no estimation: given)
  /// Shift each column to x − min + 1 first (COINr `boxcox(makepos = TRUE)`, its default).
  /// Off by default here: a value ≤ 0 is then an error rather than silently shifted.
  bool make_positive = false;
  double max_abs_skew = 2.0; ///< thresholds for `column_treatment::passes` only
  double max_kurtosis = 3.5;

  static constexpr auto parameters() {
    return std::tuple_cat(
        std::tuple{
            param::field{"lambda", &box_cox_options::lambda, "the power (0 = ln)"}.need(),
            param::field{"make_positive", &box_cox_options::make_positive,
                         "shift each column to x - min + 1 first (else values must be > 0)"}},
        test_parameters(&box_cox_options::max_abs_skew, &box_cox_options::max_kurtosis));
  }
};

/// Box-Cox power transform with a given λ (Box & Cox 1964; COINr `boxcox`; Handbook 2008 §5.1):
///   x' = (x^λ − 1)/λ   for λ ≠ 0,        x' = ln x   for λ = 0,
/// on the observed values of each column (missing stays missing). Needs x > 0: a value ≤ 0
/// throws `cell_error` naming the unit row and column, before any column is changed (unless
/// `make_positive`, which first maps x → x − min + 1 so the minimum becomes 1). Every observed
/// cell is reported as "box_cox"; the report gives skew and kurtosis before and after, with
/// λ in `lower` and the shift added (0 or 1 − min) in `upper`.
/// Example: λ = 0.5, x = {1, 4, 9} → {0, 2, 4} (2·(√x − 1)); λ = 0, x = {1, e} → {0, 1}.
inline std::vector<column_treatment> box_cox(Eigen::Ref<Eigen::MatrixXd> m,
                                             std::span<const std::size_t> columns,
                                             const box_cox_options& options,
                                             std::vector<changed_cell>& out) {
  impute::detail::check_columns("treat::box_cox", static_cast<std::size_t>(m.cols()), columns);
  const double lambda = options.lambda;
  if (!std::isfinite(lambda))
    throw framework_error("treat::box_cox: lambda must be a finite number (got " +
                          chiso::detail::num(lambda) + ")");
  std::vector<double> shift(columns.size(), 0.0);
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const auto x = m.col(static_cast<Eigen::Index>(columns[k]));
    if (options.make_positive) {
      const auto st = chiso::detail::stats_of(x);
      if (st.n > 0) shift[k] = 1.0 - st.min;
      continue;
    }
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i]) && !(x[i] > 0))
        throw cell_error("treat::box_cox: unit row " + std::to_string(i) + ", column " +
                             std::to_string(columns[k]) + ": value " + chiso::detail::num(x[i]) +
                             " is not > 0 (Box-Cox with lambda " + chiso::detail::num(lambda) +
                             " needs positive values; shift the column or use make_positive)",
                         static_cast<std::size_t>(i), columns[k]);
  }
  std::vector<column_treatment> report;
  report.reserve(columns.size());
  for (std::size_t k = 0; k < columns.size(); ++k) {
    const std::size_t j = columns[k];
    auto x = m.col(static_cast<Eigen::Index>(j));
    column_treatment r;
    r.column = j;
    r.taken = branch::box_cox;
    r.lower = lambda;
    r.upper = shift[k];
    const auto s0 = detail::moments_of(x);
    r.skew_before = s0.skew;
    r.kurtosis_before = s0.kurtosis;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) continue;
      ++r.n;
      const double v = x[i] + shift[k];
      const double y = lambda == 0 ? std::log(v) : (std::pow(v, lambda) - 1.0) / lambda;
      out.push_back({static_cast<std::size_t>(i), j, x[i], y, "box_cox"});
      x[i] = y;
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
