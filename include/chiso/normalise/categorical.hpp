#pragma once
/// \file normalise/categorical.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::normalise {

/// Categorical scale on percentiles (Handbook 2008 §5.3, "categorical scales"):
/// with q_k the sample quantile (type 7, R's default) of the observed d·x at cuts[k] percent,
///   y = values[k] for the first k with d·x < q_k, else values.back(),
/// so a value equal to a cut's quantile falls in the upper category. The default is the example
/// in DOMAIN.md §4: below the 5th percentile 0, below the 15th 20, below the 35th 40, below the
/// 65th 50, below the 85th 60, below the 95th 80, else 100. Values must not decrease (the scale
/// runs from worst to best; direction flips it). A constant column scores values.back()
/// everywhere (no unit is below any percentile).
/// Example: x = {2, 4, 6, 10}: q = {2.3, 2.9, 4.1, 5.9, 8.2, 9.4} → {0, 40, 60, 100}.
///
/// With `basis: ranks` the cuts apply to each unit's percentile rank instead (the Handbook's
/// form, Table 15): p = 100·r/n, r the unit's rank from the worst (ties share the lowest rank)
/// among the n observed units, and y = values[k] for the first k with p < cuts[k]. The best
/// unit has p = 100 and scores values.back(). Example: x = {2, 4, 6, 10}: p = {25, 50, 75, 100}
/// → {40, 50, 60, 100}.
struct categorical {
  /// What the cuts are percentiles of.
  enum class cut_basis {
    values, ///< the quantiles of the observed values (type 7)
    ranks,  ///< the units' percentile ranks r/n·100 (Handbook 2008, Table 15)
  };
  static constexpr std::string_view name = "categorical";
  std::vector<double> cuts{5, 15, 35, 65, 85, 95};
  std::vector<double> values{0, 20, 40, 50, 60, 80, 100};
  cut_basis basis = cut_basis::values;
  static constexpr std::string_view summary =
      "categories cut at percentiles; one more value than cuts";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"cuts", &categorical::cuts, "increasing percentages", param::inside(0, 100)},
        param::field{"values", &categorical::values, "score of each category, worst first"},
        param::field{"basis",
                     &categorical::basis,
                     "cut the values' quantiles, or the units' percentile ranks r/n·100",
                     {{"values", cut_basis::values}, {"ranks", cut_basis::ranks}}}};
  }

  void validate(const column_context& c) const {
    if (values.size() != cuts.size() + 1)
      throw framework_error(
          "indicator '" + c.id + "': categorical needs one more value than cuts (" +
          std::to_string(cuts.size()) + " cuts, " + std::to_string(values.size()) + " values)");
    for (std::size_t k = 0; k < cuts.size(); ++k)
      if (!(cuts[k] > 0 && cuts[k] < 100) || (k > 0 && !(cuts[k] > cuts[k - 1])))
        throw framework_error("indicator '" + c.id +
                              "': categorical cuts must be increasing percentages in (0, 100)");
    for (std::size_t k = 0; k < values.size(); ++k)
      if (!std::isfinite(values[k]) || (k > 0 && values[k] < values[k - 1]))
        throw framework_error("indicator '" + c.id +
                              "': categorical values must be finite and non-decreasing "
                              "(worst category first; use direction -1 to flip)");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    const double d = c.direction;
    const auto sorted = detail::sorted_observed(x, d);
    if (sorted.empty()) return detail::mark_empty(out, sink, name);
    const bool ranks = basis == cut_basis::ranks;
    std::vector<double> q(cuts.size());
    for (std::size_t k = 0; k < cuts.size(); ++k)
      q[k] = ranks ? cuts[k] : detail::quantile7(sorted, cuts[k] / 100.0);
    const double n = static_cast<double>(sorted.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      double v = d * x[i];
      if (std::isnan(v)) {
        out[i] = detail::nan;
        continue;
      }
      if (ranks) { // 100·r/n with r = 1 + the number of observed values below v
        const auto below = std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin();
        v = 100.0 * static_cast<double>(below + 1) / n;
      }
      std::size_t k = 0;
      while (k < q.size() && !(v < q[k]))
        ++k;
      out[i] = values[k];
    }
  }
};

} // namespace chiso::normalise
