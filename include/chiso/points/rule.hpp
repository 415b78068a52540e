#pragma once
/// \file points/rule.hpp
/// What every point rule shares (internal helpers and the rule concept).
///
/// A point rule is a method (see column.hpp) with `is_point_rule = true`: it turns a raw value
/// (or a ratio numerator/denominator, prepared by the engine) into points in [0, max_points],
/// max_points being the indicator's `points`. Rules are the published DTI / Decision 766
/// scoring rules (DOMAIN.md §2–3). An empty denominator is handled by the indicator's policy
/// (full marks, zero, or missing), not by the rule. A rule's own parameters say which values
/// earn points (a step table may give fewer points to larger counts), so the scoring rules take
/// direction +1 only; `not_scored` accepts either direction (it is shown, never scored).
/// Missing in gives missing out; a column with no observed value gives one `empty_column`
/// diagnostic, as for every built-in method.

#include "chiso/column.hpp"
#include "chiso/detail/column_stats.hpp"

#include <string>
#include <string_view>

namespace chiso::points::detail {

/// Checks that the indicator has maximum points (>= 0, finite); throws `framework_error`.
inline void require_points(const column_context& c, std::string_view rule) {
  if (!c.max_points || !(*c.max_points >= 0) || !std::isfinite(*c.max_points))
    throw framework_error("indicator '" + c.id + "': point rule '" + std::string(rule) +
                          "' needs 'points' (the maximum points, finite and >= 0)");
}

/// Checks that the direction is +1 (see the file comment); throws `framework_error`.
inline void require_direction_up(const column_context& c, std::string_view rule) {
  if (c.direction != 1)
    throw framework_error("indicator '" + c.id + "': point rule '" + std::string(rule) +
                          "' takes direction +1 (its parameters say which values earn points)");
}

/// The indicator's maximum points (checked: throws `framework_error` when absent).
inline double max_of(const column_context& c, std::string_view rule) {
  require_points(c, rule);
  return *c.max_points;
}

} // namespace chiso::points::detail
