#pragma once
/// \file time/targets.hpp
/// Tracking units against a national target with a deadline ("70% of adults using online public
/// services by 2030"): attainment, gap, progress from a baseline, required compound growth,
/// projections to the deadline from each unit's own history, and a status per unit and period.
///
/// Bulk: every quantity is computed for all units at once, as a units × periods matrix (Eigen,
/// column-major, NaN = missing). Formulas and status rules: docs/time.md §1.

#include "chiso/error.hpp"
#include "chiso/tracked_target.hpp"

#include <Eigen/Core>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace chiso::time {

/// Status of a unit at a period (docs/time.md §1.5).
enum class target_status : std::uint8_t {
  achieved,  ///< value at or beyond the target
  on_track,  ///< not achieved, deadline ahead, projection at the deadline reaches the target
  off_track, ///< not achieved and (deadline reached, or projection falls short)
  no_data,   ///< value missing, or too few observations (or values) to project
};
inline constexpr std::size_t n_target_statuses = 4;

/// Why a required-growth cell has the value it has (docs/time.md §1.3).
enum class growth_case : std::uint8_t {
  computed,        ///< g = (T / v)^(1 / (D − t)) − 1
  achieved,        ///< value at or beyond the target: g = 0
  deadline_passed, ///< t ≥ D and not achieved: no time left, g missing
  non_positive,    ///< v ≤ 0: no finite compound rate, g missing
  missing,         ///< value missing: g missing
};

/// Stable names (for CSV / JSON output).
inline constexpr std::string_view to_string(target_status s) noexcept {
  switch (s) {
  case target_status::achieved: return "achieved";
  case target_status::on_track: return "on_track";
  case target_status::off_track: return "off_track";
  case target_status::no_data: return "no_data";
  }
  return "no_data";
}
inline constexpr std::string_view to_string(growth_case c) noexcept {
  switch (c) {
  case growth_case::computed: return "computed";
  case growth_case::achieved: return "achieved";
  case growth_case::deadline_passed: return "deadline_passed";
  case growth_case::non_positive: return "non_positive";
  case growth_case::missing: return "missing";
  }
  return "missing";
}

/// Everything `track_target` computes; every matrix is units × periods, cell (i, k) describes
/// unit i at period k using only what was known at period k.
struct target_result {
  Eigen::MatrixXd attainment{};        ///< v / T (d = +1), T / v (d = −1); capped if declared
  Eigen::MatrixXd gap{};               ///< d · (T − v): > 0 still to go, ≤ 0 achieved
  Eigen::MatrixXd progress{};          ///< (v − b) / (T − b); missing without a baseline
  Eigen::MatrixXd required_growth{};   ///< g per period unit (per year when periods are years)
  Eigen::MatrixXd historical_growth{}; ///< (v_last / v_first)^(1 / (t_last − t_first)) − 1
  Eigen::MatrixXd projection_least_squares{}; ///< value at the deadline, least-squares line
  Eigen::MatrixXd projection_last_two{};      ///< value at the deadline, last-two line
  Eigen::MatrixXd projection_compound{};      ///< value at the deadline, compound growth
  Eigen::MatrixXi observations{};             ///< observed periods up to and including k
  std::vector<target_status> status{};        ///< column-major units × periods
  std::vector<growth_case> growth_cases{};    ///< column-major units × periods

  Eigen::Index n_units() const noexcept { return attainment.rows(); }
  Eigen::Index n_periods() const noexcept { return attainment.cols(); }
  target_status status_at(Eigen::Index unit, Eigen::Index period) const {
    return status[static_cast<std::size_t>(period * n_units() + unit)];
  }
  growth_case growth_case_at(Eigen::Index unit, Eigen::Index period) const {
    return growth_cases[static_cast<std::size_t>(period * n_units() + unit)];
  }
  /// The projection matrix of method m.
  const Eigen::MatrixXd& projection(projection_method m) const noexcept {
    switch (m) {
    case projection_method::last_two: return projection_last_two;
    case projection_method::compound: return projection_compound;
    case projection_method::least_squares: break;
    }
    return projection_least_squares;
  }
};

/// Throws `framework_error` when a target or its options are unusable: value not finite or
/// ≤ 0 (attainment and growth are ratios to it), deadline or baseline not finite, baseline
/// equal to the value (progress undefined), direction not ±1, min_observations < 2.
void validate(const target& t, const target_options& opt);

/// Tracks every unit (row of `values`) against target `tgt` at every period (column; its time
/// `periods[k]`, strictly increasing). With v = values(i, k), t = periods[k], T = tgt.value,
/// D = tgt.deadline, b = tgt.baseline, d = direction:
///   - attainment = v / T (d = +1) or T / v (d = −1; +∞ when v ≤ 0), min(1, ·) when `cap`;
///   - gap = d · (T − v);  progress = (v − b) / (T − b) (min(1, ·) when `cap`);
///   - achieved ⇔ d · v ≥ d · T (⇔ uncapped attainment ≥ 1);
///   - required growth g = (T / v)^(1 / (D − t)) − 1, with the cases of `growth_case`;
///   - projections to D from the observed (t_j, v_j), j ≤ k: least-squares line, line through
///     the last two, and v_last · (1 + r)^(D − t_last) with the compound rate
///     r = (v_last / v_first)^(1 / (t_last − t_first)) − 1 (needs both values > 0);
///     missing with fewer than `min_observations` observations;
///   - status: no_data if v missing; achieved if achieved; off_track if t ≥ D; no_data if the
///     chosen projection is missing; on_track if d · projection ≥ d · T; else off_track.
/// Throws `usage_error` when sizes disagree or periods are not finite and strictly increasing,
/// `framework_error` via `validate`. O(units × periods).
target_result track_target(Eigen::Ref<const Eigen::MatrixXd> values,
                           Eigen::Ref<const Eigen::VectorXd> periods, const target& tgt,
                           const target_options& opt = {});

/// Counts of units per status in each group at one period: `counts[g][s]` is the number of units
/// of group code g with status s (indexed by `target_status`). Group codes are dense, as
/// `chiso::group_codes` makes them; `counts` has max code + 1 rows (one row when no groups).
struct status_table {
  std::vector<std::array<std::size_t, n_target_statuses>> counts{};

  std::size_t count(std::uint32_t group, target_status s) const {
    return group < counts.size() ? counts[group][static_cast<std::size_t>(s)] : 0;
  }
  /// Units of the group with any status.
  std::size_t total(std::uint32_t group) const {
    std::size_t sum = 0;
    if (group < counts.size())
      for (auto c : counts[group])
        sum += c;
    return sum;
  }
};

/// Aggregate view of `r` at `period`: how many units of each group are achieved / on track /
/// off track / without data (`groups[i]` is unit i's group code; empty means one group 0).
/// Throws `usage_error` on a period out of range or a group vector of the wrong size.
status_table count_status(const target_result& r, Eigen::Index period,
                          std::span<const std::uint32_t> groups = {});

} // namespace chiso::time
