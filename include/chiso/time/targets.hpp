#pragma once
/// \file time/targets.hpp
/// Tracking units against a national target with a deadline ("70% of adults using online public
/// services by 2030"): attainment, gap, progress from a baseline, required compound growth,
/// projections to the deadline from each unit's own history, and a status per unit and period.
///
/// Bulk: every quantity is computed for all units at once, as a units × periods matrix (Eigen,
/// column-major, NaN = missing). Formulas and status rules: docs/time.md §1.

#include "chiso/error.hpp"
#include "chiso/time/detail.hpp"

#include <Eigen/Core>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::time {

/// A target: reach `value` by `deadline`. The deadline is on the same scale as the periods of
/// the series it is applied to (a year such as 2030, or a period index). `baseline` is an
/// optional reference level (the level the target was set from) for `progress`.
struct target {
  double value = std::numeric_limits<double>::quiet_NaN();
  double deadline = std::numeric_limits<double>::quiet_NaN();
  std::optional<double> baseline{};
};

/// How a unit's history is projected to the deadline (docs/time.md §1.4). Every projection uses
/// only the unit's observed values at or before the current period.
enum class projection_method : std::uint8_t {
  least_squares, ///< ordinary least-squares line through all observed periods
  last_two,      ///< straight line through the last two observed periods
  compound,      ///< constant growth rate between the first and last observed (CAGR)
};

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
inline constexpr std::string_view to_string(projection_method m) noexcept {
  switch (m) {
  case projection_method::least_squares: return "least_squares";
  case projection_method::last_two: return "last_two";
  case projection_method::compound: return "compound";
  }
  return "least_squares";
}
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

/// How to track a target.
struct target_options {
  int direction = 1; ///< +1 higher is better, −1 lower is better
  bool cap = false;  ///< cap attainment and progress at 1 (a unit beyond the target scores 1)
  projection_method projection = projection_method::least_squares; ///< used for the status
  /// Observed periods (at or before the current one) needed to project; at least 2.
  std::size_t min_observations = 2;
};

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

/// What a target declared on a framework's indicator tracks (spec key `targets`, `of`).
enum class target_of : std::uint8_t {
  value, ///< the indicator's raw value: column [/ denominator] · scale, before any transform
  score, ///< the indicator's (or node's) score
};
inline constexpr std::string_view to_string(target_of o) noexcept {
  return o == target_of::score ? "score" : "value";
}

/// A target declared on an indicator or aggregate node of a framework (spec key `targets`):
/// the target, how it is tracked, and what it is applied to (a node's target is always on its
/// score). `options.direction` is resolved when the framework is read: the indicator's direction
/// for `of = value`, +1 for scores, unless the target sets it.
struct tracked_target {
  target goal{};
  target_options options{};
  target_of of = target_of::value;
};

/// Throws `framework_error` when a target or its options are unusable: value not finite or
/// ≤ 0 (attainment and growth are ratios to it), deadline or baseline not finite, baseline
/// equal to the value (progress undefined), direction not ±1, min_observations < 2.
inline void validate(const target& t, const target_options& opt) {
  if (!std::isfinite(t.value) || t.value <= 0)
    throw framework_error("target: value must be a finite number > 0, got " + detail::num(t.value));
  if (!std::isfinite(t.deadline))
    throw framework_error("target: deadline must be a finite period, got " +
                          detail::num(t.deadline));
  if (t.baseline && !std::isfinite(*t.baseline))
    throw framework_error("target: baseline must be finite, got " + detail::num(*t.baseline));
  if (t.baseline && *t.baseline == t.value)
    throw framework_error("target: baseline " + detail::num(*t.baseline) +
                          " equals the target value (progress would divide by 0)");
  if (opt.direction != 1 && opt.direction != -1)
    throw framework_error("target: direction must be +1 or -1, got " +
                          std::to_string(opt.direction));
  if (opt.min_observations < 2)
    throw framework_error("target: min_observations must be at least 2 (a projection needs two "
                          "points), got " +
                          std::to_string(opt.min_observations));
}

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
inline target_result track_target(Eigen::Ref<const Eigen::MatrixXd> values,
                                  Eigen::Ref<const Eigen::VectorXd> periods, const target& tgt,
                                  const target_options& opt = {}) {
  validate(tgt, opt);
  const Eigen::Index n = values.rows();
  const Eigen::Index p = values.cols();
  if (periods.size() != p)
    throw usage_error("track_target: " + std::to_string(periods.size()) + " periods for " +
                      std::to_string(p) + " value columns");
  for (Eigen::Index k = 0; k < p; ++k) {
    if (!std::isfinite(periods[k]))
      throw usage_error("track_target: period " + std::to_string(k) + " is not finite");
    if (k > 0 && !(periods[k] > periods[k - 1]))
      throw usage_error("track_target: periods must be strictly increasing, but period " +
                        std::to_string(k) + " (" + detail::num(periods[k]) +
                        ") does not follow period " + std::to_string(k - 1) + " (" +
                        detail::num(periods[k - 1]) + ")");
  }

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr double inf = std::numeric_limits<double>::infinity();
  const double T = tgt.value;
  const double D = tgt.deadline;
  const double d = opt.direction;
  const double t0 = p > 0 ? periods[0] : 0.0; // times are shifted by t0 for the running moments

  target_result r;
  r.attainment.resize(n, p);
  r.gap.resize(n, p);
  r.progress.resize(n, p);
  r.required_growth.resize(n, p);
  r.historical_growth.resize(n, p);
  r.projection_least_squares.resize(n, p);
  r.projection_last_two.resize(n, p);
  r.projection_compound.resize(n, p);
  r.observations.resize(n, p);
  r.status.resize(static_cast<std::size_t>(n * p));
  r.growth_cases.resize(static_cast<std::size_t>(n * p));

  // Per-unit running state over the observed periods so far (one array entry per unit):
  // count, Welford means and co-moments of (τ, v), first and last two observations.
  Eigen::ArrayXi cnt = Eigen::ArrayXi::Zero(n);
  Eigen::ArrayXd mean_t = Eigen::ArrayXd::Zero(n), mean_v = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd c_tt = Eigen::ArrayXd::Zero(n), c_tv = Eigen::ArrayXd::Zero(n);
  Eigen::ArrayXd first_t(n), first_v(n), prev_t(n), prev_v(n), last_t(n), last_v(n);

  const auto min_obs = static_cast<int>(opt.min_observations);
  for (Eigen::Index k = 0; k < p; ++k) {
    const double t = periods[k];
    const double tau = t - t0;
    const std::size_t col = static_cast<std::size_t>(k * n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double v = values(i, k);
      const bool seen = !std::isnan(v);
      if (seen) {
        if (cnt[i] == 0) {
          first_t[i] = t;
          first_v[i] = v;
        } else {
          prev_t[i] = last_t[i];
          prev_v[i] = last_v[i];
        }
        last_t[i] = t;
        last_v[i] = v;
        ++cnt[i];
        const double dt = tau - mean_t[i];
        mean_t[i] += dt / cnt[i];
        const double dv = v - mean_v[i];
        mean_v[i] += dv / cnt[i];
        c_tt[i] += dt * (tau - mean_t[i]);
        c_tv[i] += dt * (v - mean_v[i]);
      }
      r.observations(i, k) = cnt[i];

      // Projections and historical growth: from the observations so far.
      double p_ls = nan, p_l2 = nan, p_cg = nan, hist = nan;
      if (cnt[i] >= 2) {
        if (first_v[i] > 0 && last_v[i] > 0) {
          const double lr = std::log(last_v[i] / first_v[i]) / (last_t[i] - first_t[i]);
          hist = std::expm1(lr);
          if (cnt[i] >= min_obs) p_cg = last_v[i] * std::exp(lr * (D - last_t[i]));
        }
        if (cnt[i] >= min_obs) {
          p_ls = mean_v[i] + c_tv[i] / c_tt[i] * (D - t0 - mean_t[i]);
          p_l2 = last_v[i] + (last_v[i] - prev_v[i]) / (last_t[i] - prev_t[i]) * (D - last_t[i]);
        }
      }
      r.projection_least_squares(i, k) = p_ls;
      r.projection_last_two(i, k) = p_l2;
      r.projection_compound(i, k) = p_cg;
      r.historical_growth(i, k) = hist;

      // Level measures of the current value.
      double att = nan, gap = nan, prog = nan, g = nan;
      growth_case gc = growth_case::missing;
      target_status st = target_status::no_data;
      if (seen) {
        att = d > 0 ? v / T : (v > 0 ? T / v : inf);
        gap = d * (T - v);
        if (tgt.baseline) prog = (v - *tgt.baseline) / (T - *tgt.baseline);
        if (opt.cap) {
          att = att > 1 ? 1.0 : att;
          prog = prog > 1 ? 1.0 : prog; // NaN > 1 is false: missing stays missing
        }
        const bool achieved = d * v >= d * T;
        if (achieved) {
          g = 0;
          gc = growth_case::achieved;
        } else if (t >= D) {
          gc = growth_case::deadline_passed;
        } else if (v <= 0) {
          gc = growth_case::non_positive;
        } else {
          g = std::expm1(std::log(T / v) / (D - t));
          gc = growth_case::computed;
        }
        const double proj = opt.projection == projection_method::least_squares ? p_ls
                            : opt.projection == projection_method::last_two    ? p_l2
                                                                               : p_cg;
        if (achieved)
          st = target_status::achieved;
        else if (t >= D)
          st = target_status::off_track;
        else if (std::isnan(proj))
          st = target_status::no_data;
        else
          st = d * proj >= d * T ? target_status::on_track : target_status::off_track;
      }
      r.attainment(i, k) = att;
      r.gap(i, k) = gap;
      r.progress(i, k) = prog;
      r.required_growth(i, k) = g;
      r.growth_cases[col + static_cast<std::size_t>(i)] = gc;
      r.status[col + static_cast<std::size_t>(i)] = st;
    }
  }
  return r;
}

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
inline status_table count_status(const target_result& r, Eigen::Index period,
                                 std::span<const std::uint32_t> groups = {}) {
  const Eigen::Index n = r.n_units();
  if (period < 0 || period >= r.n_periods())
    throw usage_error("count_status: period " + std::to_string(period) + " out of range (" +
                      std::to_string(r.n_periods()) + " periods)");
  if (!groups.empty() && groups.size() != static_cast<std::size_t>(n))
    throw usage_error("count_status: " + std::to_string(groups.size()) + " group codes for " +
                      std::to_string(n) + " units");
  std::uint32_t n_groups = groups.empty() ? 1 : 0;
  for (auto g : groups)
    n_groups = g + 1 > n_groups ? g + 1 : n_groups;
  status_table out;
  out.counts.assign(n_groups, {});
  for (Eigen::Index i = 0; i < n; ++i) {
    const auto g = groups.empty() ? 0u : groups[static_cast<std::size_t>(i)];
    ++out.counts[g][static_cast<std::size_t>(r.status_at(i, period))];
  }
  return out;
}

} // namespace chiso::time
