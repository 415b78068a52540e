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
std::vector<double> panel_positions(std::string_view who, std::span<const Eigen::MatrixXd> periods,
                                    std::span<const std::size_t> columns,
                                    std::span<const double> positions);

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
void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                   double max_gap, std::vector<changed_cell>& out,
                   std::span<const double> positions = {});

/// Carry forward without a limit on the gap.
void carry_forward(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                   std::vector<changed_cell>& out);

/// Linear interpolation between a unit's observed periods (COINr `impute_panel(imp_type =
/// "linear")`, `stats::approx`): a missing x_t between the observed x_s and x_e (s < t < e,
/// nothing observed in between) becomes
///   x_t = x_s + (p_t − p_s)/(p_e − p_s)·(x_e − x_s).
/// No extrapolation: cells before the first or after the last observation stay missing
/// (reported with `after` NaN). COINr instead fills them with the nearest observation
/// (`approx(rule = 2)`). Observed cells never change. Reports "interpolate" with `period` = t.
/// Example: positions {2019, 2020, 2022}, series {10, NaN, 16} → 10 + (1/3)·6 = 12.
void interpolate(std::span<Eigen::MatrixXd> periods, std::span<const std::size_t> columns,
                 std::vector<changed_cell>& out, std::span<const double> positions = {});

} // namespace chiso::impute
