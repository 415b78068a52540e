#pragma once
/// \file normalise/goalposts.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <cmath>
#include <string_view>

namespace chiso::normalise {

/// Goalposts (UNDP HDI technical notes; COINr `n_goalposts` with `trunc2posts = TRUE`): fixed
/// bounds L, U from the indicator (`lower`, `upper`), values capped to them:
///   y = scale · clamp((x − L) / (U − L), 0, 1)     for d = +1,
///   y = scale · clamp((U − x) / (U − L), 0, 1)     for d = −1.
/// With `log`, x, L and U are replaced by their natural logarithms first: the HDI income index is
/// (ln GNIpc − ln 100) / (ln 75000 − ln 100) (UNDP, HDR technical notes: goalposts 100 and
/// 75,000 2017 PPP$). A value ≤ 0 then gives a missing score and an `invalid_value` diagnostic.
/// (A `transform: log` on the indicator does the same and transforms the bounds too.)
struct goalposts {
  static constexpr std::string_view name = "goalposts";
  static constexpr bool elementwise = true;
  double scale = 1.0;
  bool log = false;
  static constexpr std::string_view summary =
      "fixed goalposts from the indicator's bounds, capped; needs bounds";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"scale", &goalposts::scale, "score at the upper goalpost", param::above(0)},
        param::field{"log", &goalposts::log, "take logarithms of values and goalposts first"}};
  }

  void validate(const column_context& c) const {
    if (!c.lower || !c.upper)
      throw framework_error("indicator '" + c.id +
                            "': goalposts needs fixed bounds (lower and upper)");
    if (!(*c.upper > *c.lower))
      throw framework_error("indicator '" + c.id + "': goalposts needs upper > lower (got lower=" +
                            detail::num(*c.lower) + ", upper=" + detail::num(*c.upper) + ")");
    if (log && !(*c.lower > 0))
      throw framework_error("indicator '" + c.id + "': goalposts with log needs lower > 0 (got " +
                            detail::num(*c.lower) + ")");
    if (!(scale > 0) || !std::isfinite(scale))
      throw framework_error("indicator '" + c.id + "': goalposts needs a finite scale > 0");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (detail::none_observed(x)) return detail::mark_empty(out, sink, name);
    const double L = log ? std::log(*c.lower) : *c.lower;
    const double U = log ? std::log(*c.upper) : *c.upper;
    const double inv = 1.0 / (U - L);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      double v = x[i];
      if (log && v <= 0) {
        out[i] = detail::nan;
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                  "goalposts with log: value " + detail::num(v) + " is not positive");
        continue;
      }
      if (log) v = std::log(v);
      const double r = c.direction > 0 ? (v - L) * inv : (U - v) * inv;
      out[i] = scale * detail::clamp_keep_nan(r, 0.0, 1.0);
    }
  }
};

} // namespace chiso::normalise
