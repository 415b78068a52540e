#pragma once
// src/engine/locality.hpp -- private to the compiled library: which steps of a plan compute a
// unit's score from that unit's own values alone, so that one changed cell can be rescored
// for its unit only (the live scoreboard, the gap search, the cheapest combination).

#include "chiso/method.hpp"
#include "chiso/plan.hpp"

#include <type_traits>
#include <variant>

namespace chiso::detail {

/// Whether indicator step `s`'s method scores each unit from its own value (min-max with fixed
/// bounds, goalposts, point rules...; not one that reads the column: observed bounds, ranks).
inline bool scores_units_alone(const plan::indicator_step& s) {
  return std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (requires { m.is_elementwise(s.context); })
          return m.is_elementwise(s.context);
        else if constexpr (requires { M::elementwise; })
          return M::elementwise;
        else
          return point_rule<M>;
      },
      s.method);
}

/// Whether aggregation `a` computes each unit's parent from that unit's children alone (not
/// Copeland, benefit of the doubt, Mazziotta-Pareto or a custom aggregation).
inline bool aggregates_units_alone(const aggregation& a) {
  return std::visit(
      [](const auto& x) {
        using A = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<A, custom_aggregation>)
          return false;
        else if constexpr (requires { A::across_units; })
          return !A::across_units;
        else
          return true;
      },
      a);
}

} // namespace chiso::detail
