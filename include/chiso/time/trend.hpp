#pragma once
/// \file time/trend.hpp
/// Score and rank changes of units over periods, for one node (the index, a pillar, a main
/// indicator): between consecutive periods and between any two periods.
///
/// Input: `scores` and `ranks` of the node, units × periods (Eigen, column-major, NaN =
/// missing), ranks as `chiso::rank` gives them (1 = best). A rank is missing exactly when its
/// score is. Sign conventions:
///   score change = s_to − s_from                 (> 0: the score went up)
///   rank change  = r_from − r_to                 (> 0: moved up, e.g. 27th → 20th = +7)
/// Missing data is explicit: every change cell comes with a `change_status`, and with the
/// `last_observed` policy the period actually compared against is reported. docs/time.md §2.

#include "chiso/error.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace chiso::time {

/// What a change cell compares.
enum class change_status : std::uint8_t {
  observed,       ///< both ends observed: change computed
  missing_before, ///< the earlier end is missing (unit entered / came back): change missing
  missing_after,  ///< the later end is missing (unit dropped out): change missing
  missing_both,   ///< both ends missing: change missing
};

/// Stable names (for CSV / JSON output).
inline constexpr std::string_view to_string(change_status s) noexcept {
  switch (s) {
  case change_status::observed: return "observed";
  case change_status::missing_before: return "missing_before";
  case change_status::missing_after: return "missing_after";
  case change_status::missing_both: return "missing_both";
  }
  return "missing_both";
}

/// Which earlier value a change is measured from.
enum class base_policy : std::uint8_t {
  exact,         ///< the value at the earlier period itself; missing there → missing change
  last_observed, ///< the unit's latest observed value at or before the earlier period
};

struct trend_options {
  base_policy base = base_policy::exact;
};

/// Changes, units × comparisons. `base_period(i, c)` is the period index the change of unit i
/// in comparison c was measured from (−1 when none was observed); it differs from the nominal
/// earlier period only under `base_policy::last_observed`.
struct trend_result {
  Eigen::MatrixXd score_change{};
  Eigen::MatrixXd rank_change{};
  Eigen::MatrixXi base_period{};
  std::vector<change_status> status{}; ///< column-major units × comparisons

  change_status status_at(Eigen::Index unit, Eigen::Index comparison) const {
    return status[static_cast<std::size_t>(comparison * score_change.rows() + unit)];
  }
};

/// Changes between consecutive periods: column c (0 ≤ c < periods − 1) is the change from
/// period c to period c + 1 (under `last_observed`, from the unit's latest observed period
/// ≤ c). Throws `usage_error` when shapes differ, a rank is missing without its score (or the
/// reverse), or a rank is below 1. O(units × periods).
trend_result consecutive_changes(Eigen::Ref<const Eigen::MatrixXd> scores,
                                 Eigen::Ref<const Eigen::MatrixXd> ranks,
                                 const trend_options& opt = {});

/// Change from period `from` to period `to` (from < to; for the reverse direction negate the
/// result): one column. Under `last_observed` the change is measured from the unit's latest
/// observed period ≤ `from`. Throws `usage_error` as `consecutive_changes`, and when the
/// periods are out of range or not in order.
trend_result changes_between(Eigen::Ref<const Eigen::MatrixXd> scores,
                             Eigen::Ref<const Eigen::MatrixXd> ranks, Eigen::Index from,
                             Eigen::Index to, const trend_options& opt = {});

} // namespace chiso::time
