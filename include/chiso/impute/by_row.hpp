#pragma once
/// \file impute/by_row.hpp

#include "chiso/impute/centre.hpp"
#include "chiso/impute/changed_cell.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::impute {

/// Imputation across a unit's row within a group of columns, e.g. the indicators of one pillar
/// (COINr `Impute(impute_by = "row", group_level = ..., normalise_first = TRUE)` with
/// `f_i = "i_mean"` or `"i_median"`). For each column group G and each column j ∈ G, with
/// d_j the column's direction (+1 or −1) and m_j, M_j the minimum and maximum of the observed
/// values of d_j·x_j:
///   z_ij = (d_j·x_ij − m_j) / (M_j − m_j) ∈ [0, 1]            (min-max, direction applied)
///   c_i  = mean (or type-7 median) of unit i's observed z_ij over j ∈ G with M_j > m_j
///   x_ij = d_j·(m_j + c_i·(M_j − m_j))   for each missing cell of i in G,
/// i.e. x = min + c·(max − min) for d = +1 and x = max − c·(max − min) for d = −1: a unit that is
/// good on the group's other indicators gets a good value, on each column's own scale.
///
/// Cells left missing (reported with `after` NaN): the column has no observed value; the unit has
/// no observed value in G (on columns with spread). A column without spread (M = m) takes no
/// part in c_i, and its missing cells get its constant value m_j·d_j whenever c_i exists.
/// Everything is computed from the values observed before the call; a column may appear in at
/// most one group. Observed cells never change. Reports "row_mean" / "row_median".
///
/// `directions` holds one ±1 per column of `m` (entries of columns in no group are ignored), or
/// is empty for all +1. Differences from COINr: COINr stops with an error on a column without
/// spread or without observations (its check of unchanged observed values fails on the NaN
/// the division by zero produces); here they are handled as above.
/// Example (one group {0, 1}, both +1): column 0 = {0, 10, 5}, column 1 = {0, 100, NaN}:
/// unit 2 has z = 0.5 on column 0, so column 1 gets 0 + 0.5·100 = 50.
inline void by_row(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::vector<std::size_t>> groups,
                   std::span<const int> directions, centre c, std::vector<changed_cell>& out) {
  const auto n_cols = static_cast<std::size_t>(m.cols());
  if (!directions.empty() && directions.size() != n_cols)
    throw usage_error("impute::by_row: " + std::to_string(directions.size()) +
                      " directions for a matrix of " + std::to_string(n_cols) +
                      " columns (one per column, or none for all +1)");
  {
    std::vector<std::size_t> all;
    for (const auto& g : groups)
      all.insert(all.end(), g.begin(), g.end());
    detail::check_columns("impute::by_row", n_cols, all); // also: one group per column
  }
  for (const auto& g : groups)
    for (std::size_t j : g)
      if (!directions.empty() && directions[j] != 1 && directions[j] != -1)
        throw framework_error("impute::by_row: column " + std::to_string(j) + " has direction " +
                              std::to_string(directions[j]) + " (must be +1 or -1)");
  const std::string_view method = c == centre::mean ? "row_mean" : "row_median";
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> lo, hi, d, z;
  for (const auto& g : groups) {
    const std::size_t k = g.size();
    lo.assign(k, inf);
    hi.assign(k, -inf);
    d.assign(k, 1.0);
    for (std::size_t t = 0; t < k; ++t) {
      if (!directions.empty()) d[t] = directions[g[t]];
      const auto x = m.col(static_cast<Eigen::Index>(g[t]));
      for (Eigen::Index i = 0; i < x.size(); ++i)
        if (!std::isnan(x[i])) {
          lo[t] = std::min(lo[t], d[t] * x[i]);
          hi[t] = std::max(hi[t], d[t] * x[i]);
        }
    }
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
      bool any_missing = false;
      z.clear();
      for (std::size_t t = 0; t < k; ++t) {
        const double v = m(i, static_cast<Eigen::Index>(g[t]));
        if (std::isnan(v))
          any_missing = true;
        else if (hi[t] > lo[t])
          z.push_back((d[t] * v - lo[t]) / (hi[t] - lo[t]));
      }
      if (!any_missing) continue;
      const double ci = detail::centre_of(z, c);
      for (std::size_t t = 0; t < k; ++t) {
        double& cell = m(i, static_cast<Eigen::Index>(g[t]));
        if (!std::isnan(cell)) continue;
        // lo > hi only when the column has no observed value (both still ±inf).
        const double v =
            lo[t] <= hi[t] ? d[t] * (lo[t] + ci * (hi[t] - lo[t])) : chiso::detail::nan;
        cell = v;
        out.push_back({static_cast<std::size_t>(i), g[t], chiso::detail::nan, v, method});
      }
    }
  }
}

} // namespace chiso::impute
