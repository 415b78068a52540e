#pragma once
/// \file points/graded.hpp

#include "chiso/param.hpp"
#include "chiso/points/rule.hpp"

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::points {

/// One category of a graded rule: a numeric code in the data, the share of max points it earns,
/// and an optional label (e.g. code 2 "chairman" → 1.0, 1 "deputy" → 0.5, 0 "none" → 0).
struct grade {
  double code;
  double fraction;
  std::string label;
  static constexpr auto parameters() {
    return std::tuple{param::field{"code", &grade::code, "the value as recorded"}.need(),
                      param::field{"fraction", &grade::fraction, "share of the points it earns",
                                   param::between(0, 1)}
                          .need(),
                      param::field{"label", &grade::label, "what the code means (optional)"}};
  }
};

/// Graded rule (DTI, Decision 922/QĐ-BTTTT: e.g. the head of the steering committee is the
/// chairman → full points, a deputy → half, none → 0): y = max · fraction(code).
/// A code the rule does not list gives a missing score and an `unknown_category` diagnostic.
struct graded {
  static constexpr std::string_view name = "graded";
  static constexpr bool is_point_rule = true;
  std::vector<grade> grades;
  static constexpr std::string_view summary = "point rule: a share of the points per recorded code";
  static constexpr auto parameters() {
    return std::tuple{param::field{"grades", &graded::grades,
                                   "the recorded codes and the share of points each earns"}
                          .need()};
  }

  void validate(const column_context& c) const {
    detail::require_points(c, name);
    detail::require_direction_up(c, name);
    if (grades.empty())
      throw framework_error("indicator '" + c.id + "': graded rule needs at least one grade");
    for (std::size_t k = 0; k < grades.size(); ++k) {
      if (!std::isfinite(grades[k].code))
        throw framework_error("indicator '" + c.id +
                              "': graded rule: codes must be finite numbers");
      if (!(grades[k].fraction >= 0 && grades[k].fraction <= 1))
        throw framework_error("indicator '" + c.id + "': graded rule: fraction of code " +
                              chiso::detail::num(grades[k].code) + " must be in [0, 1] (got " +
                              chiso::detail::num(grades[k].fraction) + ")");
      for (std::size_t t = 0; t < k; ++t)
        if (grades[t].code == grades[k].code)
          throw framework_error("indicator '" + c.id + "': graded rule lists code " +
                                chiso::detail::num(grades[k].code) + " twice");
    }
  }

  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (chiso::detail::none_observed(x)) return chiso::detail::mark_empty(out, sink, name);
    const double m = *c.max_points;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      out[i] = x[i];
      if (std::isnan(x[i])) continue;
      std::size_t k = 0;
      while (k < grades.size() && grades[k].code != x[i])
        ++k;
      if (k < grades.size()) {
        out[i] = m * grades[k].fraction;
      } else {
        out[i] = chiso::detail::nan;
        sink.cell(static_cast<std::size_t>(i), diagnostic_code::unknown_category,
                  "graded rule: code " + chiso::detail::num(x[i]) + " is not one of its grades");
      }
    }
  }
};

} // namespace chiso::points
