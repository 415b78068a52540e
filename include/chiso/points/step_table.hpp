#pragma once
/// \file points/step_table.hpp

#include "chiso/param.hpp"
#include "chiso/points/rule.hpp"

#include <cmath>
#include <string_view>
#include <vector>

namespace chiso::points {

/// One step: a value of at least `at_least` earns `points`.
struct step {
  double at_least;
  double points;
  static constexpr auto parameters() {
    return std::tuple{param::field{"at_least", &step::at_least, "lowest value of the step"}.need(),
                      param::field{"points", &step::points, "points earned"}.need()};
  }
};

/// Step table (DTI 922, e.g. steering-committee meetings: 4 → 20, 3 → 15, 2 → 10, 1 → 5):
///   y = points of the highest step with x ≥ at_least, or `below` (default 0) under all steps.
/// Steps are listed with strictly increasing `at_least`; their points and `below` lie in
/// [0, max] but need not increase (fewer points for more of a bad thing).
struct step_table {
  static constexpr std::string_view name = "step_table";
  static constexpr bool is_point_rule = true;
  std::vector<step> steps;
  double below = 0.0;
  static constexpr std::string_view summary = "point rule: points by steps of the value";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"steps", &step_table::steps, "the steps, by increasing at_least"}.need(),
        param::field{"below", &step_table::below, "points below the first step"}};
  }

  void validate(const column_context& c) const {
    detail::require_points(c, name);
    detail::require_direction_up(c, name);
    if (steps.empty()) throw framework_error("indicator '" + c.id + "': step_table needs steps");
    const double m = *c.max_points;
    auto in_range = [&](double p) { return p >= 0 && p <= m; };
    for (std::size_t k = 0; k < steps.size(); ++k) {
      if (!std::isfinite(steps[k].at_least))
        throw framework_error("indicator '" + c.id + "': step_table 'at_least' must be finite");
      if (k > 0 && !(steps[k].at_least > steps[k - 1].at_least))
        throw framework_error("indicator '" + c.id +
                              "': step_table steps must have strictly increasing 'at_least' (" +
                              chiso::detail::num(steps[k - 1].at_least) + " then " +
                              chiso::detail::num(steps[k].at_least) + ")");
      if (!in_range(steps[k].points))
        throw framework_error("indicator '" + c.id + "': step_table points must be in [0, " +
                              chiso::detail::num(m) + "] (step at_least " +
                              chiso::detail::num(steps[k].at_least) + " has " +
                              chiso::detail::num(steps[k].points) + ")");
    }
    if (!in_range(below))
      throw framework_error("indicator '" + c.id + "': step_table 'below' must be in [0, " +
                            chiso::detail::num(m) + "]");
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (chiso::detail::none_observed(x)) return chiso::detail::mark_empty(out, sink, name);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double v = x[i];
      if (std::isnan(v)) {
        out[i] = v;
        continue;
      }
      double p = below;
      for (const auto& s : steps) {
        if (!(v >= s.at_least)) break; // steps are increasing
        p = s.points;
      }
      out[i] = p;
    }
  }
};

} // namespace chiso::points
