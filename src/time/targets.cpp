// Tracking targets (declared in include/chiso/time/targets.hpp), compiled once into libchiso.
#include "chiso/time/targets.hpp"

#include "time/detail.hpp"

#include "chiso/error.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace chiso::time {

void validate(const target& t, const target_options& opt) {
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

target_result track_target(Eigen::Ref<const Eigen::MatrixXd> values,
                           Eigen::Ref<const Eigen::VectorXd> periods, const target& tgt,
                           const target_options& opt) {
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

status_table count_status(const target_result& r, Eigen::Index period,
                          std::span<const std::uint32_t> groups) {
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
