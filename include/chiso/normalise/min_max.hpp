#pragma once
/// \file normalise/min_max.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <cstddef>
#include <string_view>

namespace chiso::normalise {

/// Min-max rescaling to [lo, hi] (Handbook 2008, §5.3 "re-scaling"; COINr `n_minmax`):
///   y = lo + (d·x − m) / (M − m) · (hi − lo),
/// with d the direction and m, M the minimum and maximum of d·x — observed, or the indicator's
/// fixed bounds where it has them (for d = −1 the bounds swap: m = −upper, M = −lower), so the
/// best unit scores hi and the worst lo. With `clamp`, values beyond fixed bounds are capped to
/// [lo, hi]. A column with M = m has no spread: its scores are missing and a `constant_column`
/// diagnostic is recorded (COINr returns NaN with a warning). Example: x = {2, 4, 6, 10} →
/// {0, 0.25, 0.5, 1}; with d = −1 → {1, 0.75, 0.5, 0}.
struct min_max {
  static constexpr std::string_view name = "min_max";
  double lo = 0.0;
  double hi = 1.0;
  bool clamp = false;
  static constexpr std::string_view summary =
      "min-max rescaling to [lo, hi]; uses the indicator's bounds when given";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"lo", &min_max::lo, "score of the worst unit"},
        param::field{"hi", &min_max::hi, "score of the best unit (above lo)"},
        param::field{"clamp", &min_max::clamp, "cap values beyond fixed bounds to [lo, hi]"}};
  }

  /// With both bounds fixed a unit's score depends on its own value only.
  bool is_elementwise(const column_context& c) const { return c.lower && c.upper; }

  /// The rule on lo and hi together (chiso/param.hpp).
  std::string params_problem() const { return hi > lo ? "" : "min_max needs hi > lo"; }

  void validate(const column_context& c) const {
    if (const auto problem = params_problem(); !problem.empty())
      throw framework_error("indicator '" + c.id + "': " + problem + " (got lo=" + detail::num(lo) +
                            ", hi=" + detail::num(hi) + ")");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (detail::none_observed(x)) return detail::mark_empty(out, sink, name);
    const double d = c.direction;
    const auto& fixed_lo = d > 0 ? c.lower : c.upper;
    const auto& fixed_hi = d > 0 ? c.upper : c.lower;
    double m, M;
    if (fixed_lo && fixed_hi) {
      m = d * *fixed_lo;
      M = d * *fixed_hi;
    } else {
      // Range of d·x: the range of x, negated and swapped for d = −1 (exact). One pass, no
      // mean or variance (their division per cell made the pass ~10× slower).
      const auto [x_min, x_max] = detail::observed_range(x);
      const double obs_min = d > 0 ? x_min : -x_max, obs_max = d > 0 ? x_max : -x_min;
      m = fixed_lo ? d * *fixed_lo : obs_min;
      M = fixed_hi ? d * *fixed_hi : obs_max;
    }
    if (!(M > m))
      return detail::mark_undefined(out, sink, diagnostic_code::constant_column,
                                    "min_max: no spread (worst = " + detail::num(d * m) +
                                        ", best = " + detail::num(d * M) + "), scores missing");
    const double f = (hi - lo) / (M - m);
    if (clamp)
      for (Eigen::Index i = 0; i < x.size(); ++i)
        out[i] = detail::clamp_keep_nan(lo + (d * x[i] - m) * f, lo, hi);
    else
      for (Eigen::Index i = 0; i < x.size(); ++i)
        out[i] = lo + (d * x[i] - m) * f;
  }
};

} // namespace chiso::normalise
