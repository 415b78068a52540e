#pragma once
/// \file treat/winmax.hpp

#include "chiso/detail/column_stats.hpp"
#include "chiso/treat/column_treatment.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace chiso::treat {

/// Which log transform `winmax` falls back to.
enum class log_variant {
  /// By the sign of the column's skew (COINr `log_CT_plus`): skew > 0 → ln(x − min + a),
  /// otherwise −ln(max + a − x); both keep the order of the units.
  skew_sign,
  /// Always ln(x − min + a) (COINr's default `f2 = "log_CT"`), which worsens a negative skew.
  positive,
  /// No fallback: a column that still fails after winsorising is kept winsorised.
  none,
};

/// Settings of `winmax`; defaults are COINr's `Treat()` defaults (winmax 5, |skew| 2,
/// kurtosis 3.5, log fallback on the original column).
struct winmax_options {
  static constexpr std::string_view name = "winmax";
  static constexpr std::string_view summary =
      "COINr's rule: winsorise the extreme point on the skewed side one step at a time while "
      "|skew| >= skew and kurtosis >= kurtosis, up to winmax points; if still failing, "
      "log-transform";
  double max_abs_skew = 2.0; ///< a column fails when |skew| ≥ this ...
  double max_kurtosis = 3.5; ///< ... and excess kurtosis ≥ this (COINr `check_SkewKurt`)
  std::size_t winmax = 5;    ///< winsorise while fewer than this many points are changed
  log_variant log = log_variant::skew_sign; ///< if winsorising is not enough: which log, or none
  bool log_after_winsorising = false;       ///< log the winsorised column, not the original
                                            ///< (COINr `combine_treat = TRUE`)

  static constexpr auto parameters() {
    return std::tuple_cat(
        test_parameters(&winmax_options::max_abs_skew, &winmax_options::max_kurtosis),
        std::tuple{param::field{"winmax", &winmax_options::winmax, "most points winsorised"},
                   param::field{"log",
                                &winmax_options::log,
                                "the fallback transform: skew_sign (ln(x - min + a) for a positive "
                                "skew, its mirror image for a negative one, a = 0.01(max - min)), "
                                "positive (always the first, COINr's log_CT), none (no fallback)",
                                {{"skew_sign", log_variant::skew_sign},
                                 {"positive", log_variant::positive},
                                 {"none", log_variant::none}}},
                   param::field{"log_after_winsorising", &winmax_options::log_after_winsorising,
                                "log the winsorised column instead of the original"}});
  }
};

/// COINr's default outlier treatment (`Treat()` / `qTreat()`; Handbook 2008 §5.1 on skewed
/// indicators), per column:
///  1. Test: the column fails when |G1| ≥ `max_abs_skew` and G2 ≥ `max_kurtosis`
///     (bias-corrected skewness and excess kurtosis, `analysis::skewness`/`excess_kurtosis`).
///     A passing column is `untreated`; one with fewer than 4 observed values or no spread is
///     `undefined` (COINr returns NA from its test and leaves the column untreated).
///  2. Winsorise while it fails and fewer than `winmax` points have been changed: on the side of
///     the current skew (G1 ≥ 0: high, else low; re-computed at each step, so the side may
///     change), every point at the current maximum is set to the next-highest distinct value
///     (the minimum is raised to the next-lowest), then re-test. Tied extremes move together
///     and all count, so a step may end above `winmax` (as COINr, whose count is the number of
///     points at the winsorised extreme). A step that would leave a single distinct value is not
///     taken (winsorising is then exhausted; COINr stops with an error there).
///  3. If it still fails (and `log` is not `none`), discard the winsorising and log-transform the
///     original column (or the winsorised one, `log_after_winsorising`) with
///     a = 0.01·(max − min) over its observed values:
///       skew > 0: x' = ln(x − min + a)                       → branch `log`
///       else:     x' = −ln(max + a − x)                      → branch `log_reflected`
///     (`log_variant::positive`: always the first, COINr's default `log_CT`). The result is
///     re-tested; `passes` says whether it now passes (it is kept either way, as COINr).
/// Winsorised cells are reported as "winsorise_high"/"winsorise_low"; with a log branch every
/// observed cell as "log_ct"/"log_ct_reflected". Columns not listed, and cells of untreated
/// columns, are left bit-identical. For `winsorised`, `lower`/`upper` are the treated column's
/// min and max (winsorising is clamping to them).
/// Example (COINr's `winsorise` help page): x = {1, …, 10, 30, 100} fails (G1 ≈ 3.06, G2 ≈ 9.74);
/// one step sets 100 → 30 and then passes: {1, …, 10, 30, 30}, n_winsorised 1.
inline std::vector<column_treatment> winmax(Eigen::Ref<Eigen::MatrixXd> m,
                                            std::span<const std::size_t> columns,
                                            const winmax_options& options,
                                            std::vector<changed_cell>& out) {
  impute::detail::check_columns("treat::winmax", static_cast<std::size_t>(m.cols()), columns);
  if (std::isnan(options.max_abs_skew) || std::isnan(options.max_kurtosis))
    throw framework_error("treat::winmax: the skew and kurtosis thresholds must be numbers");
  const double t_skew = options.max_abs_skew, t_kurt = options.max_kurtosis;
  std::vector<column_treatment> report;
  report.reserve(columns.size());
  Eigen::VectorXd w;
  std::vector<signed char> side; // per unit: +1 winsorised high, −1 low, 0 not changed
  for (std::size_t j : columns) {
    auto x = m.col(static_cast<Eigen::Index>(j));
    column_treatment r;
    r.column = j;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      r.n += !std::isnan(x[i]);
    const auto s0 = detail::moments_of(x);
    r.skew_before = r.skew_after = s0.skew;
    r.kurtosis_before = r.kurtosis_after = s0.kurtosis;
    if (std::isnan(s0.skew) || std::isnan(s0.kurtosis)) {
      r.taken = branch::undefined;
      report.push_back(r);
      continue;
    }
    if (!detail::fails(s0, t_skew, t_kurt)) {
      report.push_back(r);
      continue;
    }
    // 2. Winsorise a working copy.
    w = x;
    side.assign(static_cast<std::size_t>(x.size()), 0);
    std::size_t count = 0;
    auto s = s0;
    constexpr double inf = std::numeric_limits<double>::infinity();
    while (detail::fails(s, t_skew, t_kurt) && count < options.winmax) {
      const bool high = s.skew >= 0;
      const double sg = high ? 1.0 : -1.0; // work on sg·w: always lower the maximum
      double e = -inf, nx = -inf, third = -inf;
      for (Eigen::Index i = 0; i < w.size(); ++i) {
        const double v = sg * w[i];
        if (std::isnan(v)) continue;
        if (v > e) {
          third = nx;
          nx = e;
          e = v;
        } else if (v < e && v > nx) {
          third = nx;
          nx = v;
        } else if (v < nx && v > third) {
          third = v;
        }
      }
      if (third == -inf) break; // fewer than 3 distinct values: a step would leave one
      for (Eigen::Index i = 0; i < w.size(); ++i)
        if (sg * w[i] == e) {
          w[i] = sg * nx;
          auto& sd = side[static_cast<std::size_t>(i)];
          if (sd == 0) ++count;
          sd = static_cast<signed char>(sg);
        }
      s = detail::moments_of(w);
    }
    r.n_winsorised = count;
    if (!detail::fails(s, t_skew, t_kurt) || options.log == log_variant::none) {
      r.taken = branch::winsorised;
      r.skew_after = s.skew;
      r.kurtosis_after = s.kurtosis;
      r.passes = !detail::fails(s, t_skew, t_kurt);
      const auto st = chiso::detail::stats_of(w);
      r.lower = st.min;
      r.upper = st.max;
      for (Eigen::Index i = 0; i < x.size(); ++i) {
        const auto sd = side[static_cast<std::size_t>(i)];
        if (sd == 0) continue;
        out.push_back({static_cast<std::size_t>(i), j, x[i], w[i],
                       sd > 0 ? "winsorise_high" : "winsorise_low"});
        x[i] = w[i];
      }
      report.push_back(r);
      continue;
    }
    // 3. Log transform of the original (or winsorised) column.
    if (!options.log_after_winsorising) w = x;
    const auto st = chiso::detail::stats_of(w);
    const double a = 0.01 * (st.max - st.min);
    const bool positive = options.log == log_variant::positive || detail::moments_of(w).skew > 0;
    r.taken = positive ? branch::log : branch::log_reflected;
    r.lower = st.min;
    r.upper = st.max;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      if (std::isnan(x[i])) continue;
      const double v = positive ? std::log(w[i] - st.min + a) : -std::log(st.max + a - w[i]);
      out.push_back(
          {static_cast<std::size_t>(i), j, x[i], v, positive ? "log_ct" : "log_ct_reflected"});
      x[i] = v;
    }
    const auto s2 = detail::moments_of(x);
    r.skew_after = s2.skew;
    r.kurtosis_after = s2.kurtosis;
    r.passes = !detail::fails(s2, t_skew, t_kurt);
    report.push_back(r);
  }
  return report;
}

/// `winmax` with COINr's default settings.
inline std::vector<column_treatment> winmax(Eigen::Ref<Eigen::MatrixXd> m,
                                            std::span<const std::size_t> columns,
                                            std::vector<changed_cell>& out) {
  return winmax(m, columns, winmax_options{}, out);
}

} // namespace chiso::treat
