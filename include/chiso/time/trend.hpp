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
#include "chiso/time/detail.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
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

namespace detail {

inline void check_trend_input(const Eigen::Ref<const Eigen::MatrixXd>& scores,
                              const Eigen::Ref<const Eigen::MatrixXd>& ranks, const char* fn) {
  if (scores.rows() != ranks.rows() || scores.cols() != ranks.cols())
    throw usage_error(std::string(fn) + ": scores are " + std::to_string(scores.rows()) + " × " +
                      std::to_string(scores.cols()) + " but ranks are " +
                      std::to_string(ranks.rows()) + " × " + std::to_string(ranks.cols()));
  for (Eigen::Index k = 0; k < scores.cols(); ++k)
    for (Eigen::Index i = 0; i < scores.rows(); ++i) {
      const double s = scores(i, k), r = ranks(i, k);
      if (std::isnan(s) != std::isnan(r))
        throw usage_error(std::string(fn) + ": unit " + std::to_string(i) + ", period " +
                          std::to_string(k) + ": the score is " +
                          (std::isnan(s) ? "missing" : "present") + " but the rank is " +
                          (std::isnan(r) ? "missing" : "present") +
                          " (a rank is missing exactly when its score is)");
      if (!std::isnan(r) && !(r >= 1))
        throw usage_error(std::string(fn) + ": unit " + std::to_string(i) + ", period " +
                          std::to_string(k) + ": rank " + num(r) + " is below 1");
    }
}

// One comparison column c: from period `from` (or the last observed at or before it) to `to`.
// `last_seen[i]` is unit i's latest observed period at or before `from` (−1 if none).
inline void fill_change(const Eigen::Ref<const Eigen::MatrixXd>& scores,
                        const Eigen::Ref<const Eigen::MatrixXd>& ranks, Eigen::Index from,
                        Eigen::Index to, const std::vector<Eigen::Index>* last_seen,
                        trend_result& out, Eigen::Index c) {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::Index n = scores.rows();
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index base = last_seen ? (*last_seen)[static_cast<std::size_t>(i)]
                                        : (std::isnan(scores(i, from)) ? Eigen::Index{-1} : from);
    const bool before = base >= 0;
    const bool after = !std::isnan(scores(i, to));
    change_status st = before && after ? change_status::observed
                       : after         ? change_status::missing_before
                       : before        ? change_status::missing_after
                                       : change_status::missing_both;
    out.status[static_cast<std::size_t>(c * n + i)] = st;
    out.base_period(i, c) = static_cast<int>(base);
    if (st == change_status::observed) {
      out.score_change(i, c) = scores(i, to) - scores(i, base);
      out.rank_change(i, c) = ranks(i, base) - ranks(i, to);
    } else {
      out.score_change(i, c) = nan;
      out.rank_change(i, c) = nan;
    }
  }
}

inline trend_result make_trend(Eigen::Index n, Eigen::Index cols) {
  trend_result r;
  r.score_change.resize(n, cols);
  r.rank_change.resize(n, cols);
  r.base_period.resize(n, cols);
  r.status.resize(static_cast<std::size_t>(n * cols));
  return r;
}

} // namespace detail

/// Changes between consecutive periods: column c (0 ≤ c < periods − 1) is the change from
/// period c to period c + 1 (under `last_observed`, from the unit's latest observed period
/// ≤ c). Throws `usage_error` when shapes differ, a rank is missing without its score (or the
/// reverse), or a rank is below 1. O(units × periods).
inline trend_result consecutive_changes(Eigen::Ref<const Eigen::MatrixXd> scores,
                                        Eigen::Ref<const Eigen::MatrixXd> ranks,
                                        const trend_options& opt = {}) {
  detail::check_trend_input(scores, ranks, "consecutive_changes");
  const Eigen::Index n = scores.rows();
  const Eigen::Index m = scores.cols() > 0 ? scores.cols() - 1 : 0;
  auto out = detail::make_trend(n, m);
  std::vector<Eigen::Index> last(static_cast<std::size_t>(n), -1);
  const bool carry = opt.base == base_policy::last_observed;
  for (Eigen::Index c = 0; c < m; ++c) {
    if (carry)
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(scores(i, c))) last[static_cast<std::size_t>(i)] = c;
    detail::fill_change(scores, ranks, c, c + 1, carry ? &last : nullptr, out, c);
  }
  return out;
}

/// Change from period `from` to period `to` (from < to; for the reverse direction negate the
/// result): one column. Under `last_observed` the change is measured from the unit's latest
/// observed period ≤ `from`. Throws `usage_error` as `consecutive_changes`, and when the
/// periods are out of range or not in order.
inline trend_result changes_between(Eigen::Ref<const Eigen::MatrixXd> scores,
                                    Eigen::Ref<const Eigen::MatrixXd> ranks, Eigen::Index from,
                                    Eigen::Index to, const trend_options& opt = {}) {
  detail::check_trend_input(scores, ranks, "changes_between");
  if (from < 0 || to >= scores.cols() || !(from < to))
    throw usage_error("changes_between: need 0 <= from < to < " + std::to_string(scores.cols()) +
                      " (periods), got from = " + std::to_string(from) +
                      ", to = " + std::to_string(to));
  const Eigen::Index n = scores.rows();
  auto out = detail::make_trend(n, 1);
  if (opt.base == base_policy::last_observed) {
    std::vector<Eigen::Index> last(static_cast<std::size_t>(n), -1);
    for (Eigen::Index k = 0; k <= from; ++k)
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(scores(i, k))) last[static_cast<std::size_t>(i)] = k;
    detail::fill_change(scores, ranks, from, to, &last, out, 0);
  } else {
    detail::fill_change(scores, ranks, from, to, nullptr, out, 0);
  }
  return out;
}

} // namespace chiso::time
