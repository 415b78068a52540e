#pragma once
/// \file normalise/ratio_to.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <cmath>
#include <string>
#include <string_view>

namespace chiso::normalise {

/// Which reference value a ratio or difference is taken against.
enum class reference { mean, best, worst };

/// Name of a reference as written in spec files.
inline constexpr std::string_view to_string(reference r) noexcept {
  return r == reference::mean ? "mean" : r == reference::best ? "best" : "worst";
}

/// Ratio to a reference (Handbook 2008 §5.3 "distance to a reference", y = x / x_ref):
///   d = +1: y = x / r,   d = −1: y = r / x,
/// r the column mean, or the best (max for d = +1, min for d = −1) or worst (min, resp. max)
/// observed value. The reciprocal for d = −1 keeps "higher is better" on a ratio scale, where
/// negating would not; so with reference `best` the best unit scores 1 in both directions.
/// Ratios need positive values: a reference r ≤ 0 leaves the whole column missing with one
/// `invalid_value` diagnostic; with d = −1 a value ≤ 0 has no meaningful reciprocal and its
/// score is missing with an `invalid_value` diagnostic for that cell.
/// Example: x = {2, 4, 6, 10}, best, d = −1 → r = 2, y = {1, 0.5, 1/3, 0.2}.
struct ratio_to {
  static constexpr std::string_view name = "ratio_to";
  normalise::reference reference = reference::best;
  static constexpr std::string_view summary = "ratio to a reference value of the column";
  static constexpr auto parameters() {
    return std::tuple{param::field{
        "reference",
        &ratio_to::reference,
        "the reference",
        {{"mean", reference::mean}, {"best", reference::best}, {"worst", reference::worst}}}};
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    const auto s = detail::stats_of(x);
    if (s.n == 0) return detail::mark_empty(out, sink, name);
    const bool up = c.direction > 0;
    const double r = reference == reference::mean   ? s.mean
                     : reference == reference::best ? (up ? s.max : s.min)
                                                    : (up ? s.min : s.max);
    if (!(r > 0))
      return detail::mark_undefined(out, sink, diagnostic_code::invalid_value,
                                    "ratio_to: the reference value (" +
                                        std::string(to_string(reference)) + " = " + detail::num(r) +
                                        ") is not positive; ratios need positive values");
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double v = x[i];
      if (up || std::isnan(v)) {
        out[i] = v / r;
      } else if (v > 0) {
        out[i] = r / v;
      } else {
        out[i] = detail::nan;
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::invalid_value,
                  "ratio_to with direction -1: value " + detail::num(v) +
                      " is not positive, so its reciprocal ratio is undefined");
      }
    }
  }
};

} // namespace chiso::normalise
