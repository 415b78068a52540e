#pragma once
/// \file impute/by_group.hpp

#include "chiso/impute/centre.hpp"
#include "chiso/impute/changed_cell.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::impute {

/// Group code of a unit that belongs to no group (its cells are neither imputed nor used).
inline constexpr std::uint32_t no_group = std::numeric_limits<std::uint32_t>::max();

/// Imputation by the centre within a group of units (Handbook 2008 §3; COINr `Impute(f_i =
/// "i_mean_grp" / "i_median_grp", use_group = ...)`, e.g. ASEM's `EurAsia_group`): a missing
/// cell of unit i in column j becomes the mean (Σx / n) or type-7 median of column j's observed
/// values among the units with i's group code, `group[i]`.
///
/// No fallback: when i's group has no observed value in column j — or i has code `no_group` —
/// the cell stays missing and is reported with `after` NaN (the caller may follow with
/// `by_column` to fill what is left). COINr behaves the same (R's `mean` of an empty group is
/// NaN) but without saying so; COINr also skips units with an NA group (`skip_f_na`), which is
/// `no_group` here. Observed cells never change. Reports "group_mean" / "group_median".
///
/// `group` holds one code per unit (row of `m`); codes need not be contiguous.
/// Example: x = {1, 3, NaN, 10, NaN, NaN}, groups {a, a, a, b, b, c}: unit 2 → mean of a = 2,
/// unit 4 → 10, unit 5 stays missing (group c has no observation).
inline void by_group(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
                     std::span<const std::uint32_t> group, centre c,
                     std::vector<changed_cell>& out) {
  detail::check_columns("impute::by_group", static_cast<std::size_t>(m.cols()), columns);
  if (group.size() != static_cast<std::size_t>(m.rows()))
    throw usage_error("impute::by_group: " + std::to_string(group.size()) + " group codes for " +
                      std::to_string(m.rows()) + " units (one code per unit needed)");
  const std::string_view method = c == centre::mean ? "group_mean" : "group_median";
  // Dense group index per unit (sorted distinct codes), so each column needs one pass.
  std::vector<std::uint32_t> codes(group.begin(), group.end());
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  if (!codes.empty() && codes.back() == no_group) codes.pop_back();
  const std::size_t n_groups = codes.size();
  std::vector<std::size_t> g(group.size());
  for (std::size_t i = 0; i < group.size(); ++i)
    g[i] = group[i] == no_group
               ? n_groups
               : static_cast<std::size_t>(std::lower_bound(codes.begin(), codes.end(), group[i]) -
                                          codes.begin());
  // Observed (group, value) pairs sorted by group: each group's values are one contiguous run,
  // in unit order (stable), so the mean sums in a fixed order.
  std::vector<std::pair<std::size_t, double>> obs;
  std::vector<double> value(n_groups), run;
  for (std::size_t j : columns) {
    auto x = m.col(static_cast<Eigen::Index>(j));
    obs.clear();
    bool any_missing = false;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i]))
        any_missing = true;
      else if (g[static_cast<std::size_t>(i)] < n_groups)
        obs.emplace_back(g[static_cast<std::size_t>(i)], x[i]);
    }
    if (!any_missing) continue;
    std::stable_sort(obs.begin(), obs.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::fill(value.begin(), value.end(), chiso::detail::nan);
    for (std::size_t k = 0; k < obs.size();) {
      std::size_t e = k;
      run.clear();
      while (e < obs.size() && obs[e].first == obs[k].first)
        run.push_back(obs[e++].second);
      value[obs[k].first] = detail::centre_of(run, c);
      k = e;
    }
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (std::isnan(x[i])) {
        const std::size_t gi = g[static_cast<std::size_t>(i)];
        const double v = gi < n_groups ? value[gi] : chiso::detail::nan;
        x[i] = v;
        out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, v, method});
      }
  }
}

} // namespace chiso::impute
