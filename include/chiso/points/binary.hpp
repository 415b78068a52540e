#pragma once
/// \file points/binary.hpp

#include "chiso/param.hpp"
#include "chiso/points/rule.hpp"

#include <cmath>
#include <string_view>

namespace chiso::points {

/// Binary rule (DTI, Decision 922/QĐ-BTTTT): condition met → max points, else 0:
///   y = max if x ≥ threshold, else 0,
/// threshold 1 by default, for data coded 1 = yes / 0 = no.
struct binary {
  static constexpr std::string_view name = "binary";
  static constexpr bool is_point_rule = true;
  double threshold = 1.0;
  static constexpr std::string_view summary =
      "point rule: all points at or above the threshold, else 0";
  static constexpr auto parameters() {
    return std::tuple{param::field{"threshold", &binary::threshold, "value that earns the points"}};
  }

  void validate(const column_context& c) const {
    detail::require_points(c, name);
    detail::require_direction_up(c, name);
    if (!std::isfinite(threshold))
      throw framework_error("indicator '" + c.id + "': binary rule needs a finite threshold");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (chiso::detail::none_observed(x)) return chiso::detail::mark_empty(out, sink, name);
    const double m = *c.max_points;
    for (Eigen::Index i = 0; i < x.size(); ++i)
      out[i] = std::isnan(x[i]) ? x[i] : x[i] >= threshold ? m : 0.0;
  }
};

} // namespace chiso::points
