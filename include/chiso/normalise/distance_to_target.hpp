#pragma once
/// \file normalise/distance_to_target.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <string_view>

namespace chiso::normalise {

/// Distance to target (COINr `n_dist2targ`; Handbook 2008 §5.3 "distance to a reference"):
///   y = (d·x − m) / (d·t − m),  capped at 1 when `cap` (a unit at or beyond the target scores 1),
/// t the indicator's target, m the minimum of d·x: the fixed bound on the bad side (lower for
/// d = +1, upper for d = −1) when given, else observed. For d = −1 this is (M − x) / (M − t),
/// M the maximum of x (as COINr's direction −1). The worst unit scores 0; there is no floor below
/// a fixed bad-side bound. A target not better than m makes the scale undefined: scores missing,
/// `constant_column`. Example: x = {2, 4, 6, 10}, t = 8 → {0, 1/3, 2/3, 1 (4/3 capped)}.
struct distance_to_target {
  static constexpr std::string_view name = "distance_to_target";
  bool cap = true;
  static constexpr std::string_view summary = "distance to the indicator's target; needs target";
  static constexpr auto parameters() {
    return std::tuple{param::field{"cap", &distance_to_target::cap,
                                   "cap scores at 1 (values beyond the target)"}};
  }

  void validate(const column_context& c) const {
    if (!c.target)
      throw framework_error("indicator '" + c.id + "': distance_to_target needs a target");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (detail::none_observed(x)) return detail::mark_empty(out, sink, name);
    const double d = c.direction;
    const auto& bad = d > 0 ? c.lower : c.upper;
    const double m = bad ? d * *bad : detail::stats_of(x, d).min;
    const double t = d * *c.target;
    if (!(t > m))
      return detail::mark_undefined(out, sink, diagnostic_code::constant_column,
                                    "distance_to_target: target " + detail::num(*c.target) +
                                        " is not better than the worst value " +
                                        detail::num(d * m));
    const double inv = 1.0 / (t - m);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double r = (d * x[i] - m) * inv;
      out[i] = cap && r > 1.0 ? 1.0 : r; // NaN > 1 is false: missing stays missing
    }
  }
};

} // namespace chiso::normalise
