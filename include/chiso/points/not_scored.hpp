#pragma once
/// \file points/not_scored.hpp

#include "chiso/points/rule.hpp"

#include <cmath>
#include <string_view>

namespace chiso::points {

/// Not scored (DTI 922 smart-city components, Decision 766 average processing time): the value
/// is collected and shown; it earns y = 0 points (missing stays missing). Any direction.
struct not_scored {
  static constexpr std::string_view name = "not_scored";
  static constexpr bool is_point_rule = true;
  static constexpr std::string_view summary = "point rule: 0 points (recorded, not scored)";

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context&,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    if (chiso::detail::none_observed(x)) return chiso::detail::mark_empty(out, sink, name);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      out[i] = std::isnan(x[i]) ? x[i] : 0.0;
  }
};

} // namespace chiso::points
