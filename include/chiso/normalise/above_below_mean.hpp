#pragma once
/// \file normalise/above_below_mean.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <cmath>
#include <string_view>

namespace chiso::normalise {

/// Indicators above or below the mean (Handbook 2008 §5.3, with w = x / μ: 1 if w > 1 + p,
/// −1 if w < 1 − p, else 0), μ the column mean and p the tolerance:
///   s = 1 if x > μ + p·|μ|,  −1 if x < μ − p·|μ|,  else 0;   y = d · s.
/// For μ > 0 this is the Handbook's rule; writing it with |μ| keeps "above" meaning above when
/// the mean is negative (the ratio x / μ would flip it). Example: x = {2, 4, 6, 10}, p = 0.2:
/// μ = 5.5, band [4.4, 6.6] → {−1, −1, 0, 1}.
struct above_below_mean {
  static constexpr std::string_view name = "above_below_mean";
  double p = 0.2;
  static constexpr std::string_view summary = "1 / 0 / -1 above, near or below the mean";
  static constexpr auto parameters() {
    return std::tuple{param::field{"p", &above_below_mean::p,
                                   "half-width of the band around the mean, as a fraction of it",
                                   param::range{0, 1, false, true}}};
  }

  void validate(const column_context& c) const {
    if (!(p >= 0 && p < 1))
      throw framework_error("indicator '" + c.id + "': above_below_mean needs 0 <= p < 1 (got " +
                            detail::num(p) + ")");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    const auto s = detail::stats_of(x);
    if (s.n == 0) return detail::mark_empty(out, sink, name);
    const double band = p * std::abs(s.mean);
    const double hi = s.mean + band, lo = s.mean - band, d = c.direction;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double v = x[i];
      out[i] = std::isnan(v) ? detail::nan : v > hi ? d : v < lo ? -d : 0.0;
    }
  }
};

} // namespace chiso::normalise
