#pragma once
/// \file impute/panel.hpp
/// Imputation along the periods of a panel: one units × columns matrix per period, the same units
/// in the same rows and the same columns in every period. A unit's series in column j is
/// x_t = periods[t](i, j), t = 0, 1, …, T − 1, at positions p_t (the period indices 0, 1, …, or
/// e.g. the years when given: strictly increasing, so unequal spacing is allowed).

#include "chiso/detail/column_stats.hpp"
#include "chiso/impute/changed_cell.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace chiso::impute {

namespace detail {

/// Checks the panel and returns the positions (given, or 0, 1, …, T − 1).
inline std::vector<double> panel_positions(std::string_view who,
                                           std::span<const Eigen::MatrixXd> periods,
                                           std::span<const std::size_t> columns,
                                           std::span<const double> positions) {
  const std::string w(who);
  if (periods.empty()) return {};
  for (std::size_t t = 1; t < periods.size(); ++t)
    if (periods[t].rows() != periods[0].rows() || periods[t].cols() != periods[0].cols())
      throw usage_error(w + ": period " + std::to_string(t) + " is " +
                        std::to_string(periods[t].rows()) + " × " +
                        std::to_string(periods[t].cols()) + " but period 0 is " +
                        std::to_string(periods[0].rows()) + " × " +
                        std::to_string(periods[0].cols()) + " (same units × columns needed)");
  check_columns(who, static_cast<std::size_t>(periods[0].cols()), columns);
  if (positions.empty()) {
    std::vector<double> p(periods.size());
    for (std::size_t t = 0; t < p.size(); ++t)
      p[t] = static_cast<double>(t);
    return p;
  }
  if (positions.size() != periods.size())
    throw usage_error(w + ": " + std::to_string(positions.size()) + " positions for " +
                      std::to_string(periods.size()) + " periods");
  for (std::size_t t = 0; t < positions.size(); ++t) {
    if (!std::isfinite(positions[t]))
      throw framework_error(w + ": position of period " + std::to_string(t) + " is not finite");
    if (t > 0 && !(positions[t] > positions[t - 1]))
      throw framework_error(w + ": positions must increase strictly (period " + std::to_string(t) +
                            " at " + chiso::detail::num(positions[t]) + " after " +
                            chiso::detail::num(positions[t - 1]) + ")");
  }
  return {positions.begin(), positions.end()};
}

} // namespace detail

/// Last observation carried forward with a maximum gap (COINr `impute_panel(imp_type =
/// "latest", max_time = ...)`): a missing x_t takes the value of the unit's last *observed*
/// x_s (s < t; never a value carried itself) when p_t − p_s ≤ `max_gap` — in periods when no
/// positions are given. Cells with no earlier observation, or whose last observation is further
/// back than `max_gap`, stay missing (reported with `after` NaN). Observed cells never change.
/// Reports "carry_forward" with `period` = t.
/// Example: series {NaN, 4, NaN, NaN, 7}, max_gap 1 → {NaN, 4, 4, NaN, 7} (period 3 is 2 periods
/// after the 4); max_gap 2 (or infinite, the default) → {NaN, 4, 4, 4, 7}.
/// COINr counts `max_time` in periods too (over the years present in the panel).
inline void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                          double max_gap, std::vector<changed_cell>& out,
                          std::span<const double> positions = {}) {
  if (std::isnan(max_gap) || max_gap < 0)
    throw framework_error("impute::carry_forward: max_gap must be >= 0 (got " +
                          chiso::detail::num(max_gap) + ")");
  const auto p = detail::panel_positions("impute::carry_forward", periods, columns, positions);
  if (periods.empty()) return;
  const Eigen::Index n = periods[0].rows();
  for (std::size_t j : columns) {
    const auto jj = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < n; ++i) {
      std::size_t last = periods.size(); // none yet
      for (std::size_t t = 0; t < periods.size(); ++t) {
        double& cell = periods[t](i, jj);
        if (!std::isnan(cell)) {
          last = t;
          continue;
        }
        double v = chiso::detail::nan;
        if (last < periods.size() && p[t] - p[last] <= max_gap) v = periods[last](i, jj);
        cell = v;
        out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, v, "carry_forward", t});
      }
    }
  }
}

/// Carry forward without a limit on the gap.
inline void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                          std::vector<changed_cell>& out) {
  carry_forward(periods, columns, std::numeric_limits<double>::infinity(), out);
}

/// Linear interpolation between a unit's observed periods (COINr `impute_panel(imp_type =
/// "linear")`, `stats::approx`): a missing x_t between the observed x_s and x_e (s < t < e,
/// nothing observed in between) becomes
///   x_t = x_s + (p_t − p_s)/(p_e − p_s)·(x_e − x_s).
/// No extrapolation: cells before the first or after the last observation stay missing
/// (reported with `after` NaN). COINr instead fills them with the nearest observation
/// (`approx(rule = 2)`). Observed cells never change. Reports "interpolate" with `period` = t.
/// Example: positions {2019, 2020, 2022}, series {10, NaN, 16} → 10 + (1/3)·6 = 12.
inline void interpolate(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                        std::vector<changed_cell>& out, std::span<const double> positions = {}) {
  const auto p = detail::panel_positions("impute::interpolate", periods, columns, positions);
  if (periods.empty()) return;
  const Eigen::Index n = periods[0].rows();
  const std::size_t T = periods.size();
  for (std::size_t j : columns) {
    const auto jj = static_cast<Eigen::Index>(j);
    for (Eigen::Index i = 0; i < n; ++i) {
      std::size_t prev = T; // last observed period so far
      for (std::size_t t = 0; t < T; ++t) {
        if (!std::isnan(periods[t](i, jj))) {
          prev = t;
          continue;
        }
        std::size_t next = t + 1;
        while (next < T && std::isnan(periods[next](i, jj)))
          ++next;
        // Fill the whole run t .. next − 1 at once.
        for (std::size_t u = t; u < next; ++u) {
          double v = chiso::detail::nan;
          if (prev < T && next < T) {
            const double a = periods[prev](i, jj), b = periods[next](i, jj);
            v = a + (p[u] - p[prev]) / (p[next] - p[prev]) * (b - a);
          }
          periods[u](i, jj) = v;
          out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, v, "interpolate", u});
        }
        t = next; // next is observed (or T): the loop's ++t moves past it
        prev = next;
      }
    }
  }
}

} // namespace chiso::impute
