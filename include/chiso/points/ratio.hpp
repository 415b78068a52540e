#pragma once
/// \file points/ratio.hpp

#include "chiso/param.hpp"
#include "chiso/points/rule.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

namespace chiso::points {

/// Ratio rule (DTI 922 "a/b · max"; Decision 766/QĐ-TTg "full marks at ≥ threshold"):
///   y = max · min(1, r / threshold)     (without `cap`: max · r / threshold),
/// r the indicator's value — usually a share numerator/denominator prepared by the engine from
/// the indicator's `denominator` column. The threshold defaults to the indicator's target, else 1
/// (plain a/b · max). Decision 766, procedures offered online (6 points, full at ≥ 80%): a share
/// of 60% earns 6 · 0.6 / 0.8 = 4.5. A negative ratio is invalid (`invalid_value`, missing).
struct ratio {
  static constexpr std::string_view name = "ratio";
  static constexpr bool is_point_rule = true;
  std::optional<double> threshold;
  bool cap = true;
  static constexpr std::string_view summary =
      "point rule: points in proportion to value / threshold";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"threshold", &ratio::threshold,
                     "value that earns all points (default: the indicator's target, else 1)"},
        param::field{"cap", &ratio::cap, "cap at the indicator's points"}};
  }

  /// The threshold in use: `threshold`, else the indicator's target, else 1.
  double threshold_for(const column_context& c) const {
    return threshold.value_or(c.target.value_or(1.0));
  }

  void validate(const column_context& c) const {
    detail::require_points(c, name);
    detail::require_direction_up(c, name);
    const double t = threshold_for(c);
    if (!(t > 0) || !std::isfinite(t))
      throw framework_error("indicator '" + c.id +
                            "': ratio rule needs a finite threshold > 0 (got " +
                            chiso::detail::num(t) +
                            (threshold  ? ")"
                             : c.target ? ", from the target)"
                                        : ")"));
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (chiso::detail::none_observed(x)) return chiso::detail::mark_empty(out, sink, name);
    const double m = *c.max_points;
    const double t = threshold_for(c);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double r = x[i];
      if (std::isnan(r)) {
        out[i] = r; // before min(): std::min(1, NaN) would give 1
      } else if (r < 0) {
        out[i] = chiso::detail::nan;
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                  "ratio rule: negative ratio " + chiso::detail::num(r));
      } else {
        const double s = r / t;
        out[i] = m * (cap ? std::min(1.0, s) : s);
      }
    }
  }
};

} // namespace chiso::points
