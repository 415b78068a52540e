#pragma once
/// \file normalise/difference_from.hpp

#include "chiso/normalise/ratio_to.hpp"
#include "chiso/param.hpp"

#include <cmath>
#include <string>
#include <string_view>

namespace chiso::normalise {

/// Relative difference from a reference (Handbook 2008 §5.3, y = (x − x_ref) / x_ref):
///   y = d · (x − r) / |r|,
/// r the column mean or the worst observed value (min for d = +1, max for d = −1), so the
/// reference unit scores 0 and better units score above it; |r| keeps the order when r < 0.
/// r = 0 leaves the column missing with one `invalid_value` diagnostic.
/// Example: x = {2, 4, 6, 10}, worst, d = +1 → r = 2, y = {0, 1, 2, 4}.
struct difference_from {
  static constexpr std::string_view name = "difference_from";
  normalise::reference reference = reference::mean;
  static constexpr std::string_view summary = "difference from a reference value of the column";
  static constexpr auto parameters() {
    return std::tuple{param::field{"reference",
                                   &difference_from::reference,
                                   "the reference",
                                   {{"mean", reference::mean}, {"worst", reference::worst}}}};
  }

  void validate(const column_context& c) const {
    if (reference == reference::best)
      throw framework_error("indicator '" + c.id +
                            "': difference_from takes reference 'mean' or 'worst'");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    const auto s = detail::stats_of(x);
    if (s.n == 0) return detail::mark_empty(out, sink, name);
    const double d = c.direction;
    const double r = reference == reference::mean ? s.mean : (d > 0 ? s.min : s.max);
    if (r == 0)
      return detail::mark_undefined(out, sink, diagnostic_code::invalid_value,
                                    "difference_from: the reference value (" +
                                        std::string(to_string(reference)) +
                                        ") is 0, relative differences are undefined");
    const double f = d / std::abs(r);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      out[i] = (x[i] - r) * f;
  }
};

} // namespace chiso::normalise
