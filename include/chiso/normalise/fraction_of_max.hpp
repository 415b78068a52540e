#pragma once
/// \file normalise/fraction_of_max.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"

#include <cmath>
#include <string_view>

namespace chiso::normalise {

/// Fraction of the maximum (COINr `n_fracmax`, y = x / max x): for d = +1, y = x / M with M the
/// indicator's fixed upper bound when given (e.g. the maximum attainable), else the observed
/// maximum; for d = −1, y = m / x with m the fixed lower bound or the observed minimum, so the
/// best unit scores 1 either way. (COINr negates x for d = −1, which gives x / min x ≥ 1 and
/// ranks the best unit lowest; the reciprocal avoids that.) Like `ratio_to`, it needs positive
/// values: a reference ≤ 0 leaves the column missing (`invalid_value`), and with d = −1 a value
/// ≤ 0 gives a missing score (`invalid_value` for that cell).
/// Example: x = {2, 4, 6, 10}, upper = 20 → {0.1, 0.2, 0.3, 0.5}.
struct fraction_of_max {
  static constexpr std::string_view name = "fraction_of_max";
  static constexpr std::string_view summary = "fraction of the column's maximum";

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    if (detail::none_observed(x)) return detail::mark_empty(out, sink, name);
    const bool up = c.direction > 0;
    const auto& fixed = up ? c.upper : c.lower;
    double r;
    if (fixed) {
      r = *fixed;
    } else {
      const auto s = detail::stats_of(x);
      r = up ? s.max : s.min;
    }
    if (!(r > 0))
      return detail::mark_undefined(
          out, sink, diagnostic_code::invalid_value,
          std::string("fraction_of_max: the reference value (") +
              (fixed ? (up ? "upper bound" : "lower bound") : (up ? "maximum" : "minimum")) +
              " = " + detail::num(r) + ") is not positive; fractions need positive values");
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double v = x[i];
      if (up || std::isnan(v)) {
        out[i] = v / r;
      } else if (v > 0) {
        out[i] = r / v;
      } else {
        out[i] = detail::nan;
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                  "fraction_of_max with direction -1: value " + detail::num(v) +
                      " is not positive, so its reciprocal is undefined");
      }
    }
  }
};

} // namespace chiso::normalise
