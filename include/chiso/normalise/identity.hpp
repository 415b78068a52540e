#pragma once
/// \file normalise/identity.hpp

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"

#include <string_view>

namespace chiso::normalise {

/// Identity: y = x, for values already on the scale of the index (shares in [0,1], points;
/// COINr's f_n = "none"). Direction must be +1: a value to be flipped needs a method that flips it.
struct identity {
  static constexpr std::string_view name = "identity";
  static constexpr bool elementwise = true;
  static constexpr std::string_view summary = "values as they are (direction must be 1)";

  void validate(const column_context& c) const {
    if (c.direction != 1)
      throw framework_error(
          "indicator '" + c.id +
          "': method 'identity' keeps values as they are, so direction must be +1");
  }
  void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& c,
                  Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const {
    validate(c);
    if (detail::none_observed(x)) return detail::mark_empty(out, sink, name);
    out = x;
  }
};

} // namespace chiso::normalise
