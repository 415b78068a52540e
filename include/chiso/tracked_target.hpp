#pragma once
/// \file tracked_target.hpp
/// A target with a deadline declared on an indicator or node of a framework (spec key
/// `targets`): the target, how it is tracked, what it applies to. Value types of the model;
/// tracking units against them is time/targets.hpp (`time::track_target`), which this header
/// keeps out of reach of framework.hpp. Declared in `chiso::time`, with the tracking.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace chiso::time {

/// A target: reach `value` by `deadline`. The deadline is on the same scale as the periods of
/// the series it is applied to (a year such as 2030, or a period index). `baseline` is an
/// optional reference level (the level the target was set from) for `progress`.
struct target {
  double value = std::numeric_limits<double>::quiet_NaN();
  double deadline = std::numeric_limits<double>::quiet_NaN();
  std::optional<double> baseline{};
};

/// How a unit's history is projected to the deadline (docs/time.md §1.4). Every projection uses
/// only the unit's observed values at or before the current period.
enum class projection_method : std::uint8_t {
  least_squares, ///< ordinary least-squares line through all observed periods
  last_two,      ///< straight line through the last two observed periods
  compound,      ///< constant growth rate between the first and last observed (CAGR)
};

/// Stable name (for spec files, CSV / JSON output).
inline constexpr std::string_view to_string(projection_method m) noexcept {
  switch (m) {
  case projection_method::least_squares: return "least_squares";
  case projection_method::last_two: return "last_two";
  case projection_method::compound: return "compound";
  }
  return "least_squares";
}

/// How to track a target.
struct target_options {
  int direction = 1; ///< +1 higher is better, −1 lower is better
  bool cap = false;  ///< cap attainment and progress at 1 (a unit beyond the target scores 1)
  projection_method projection = projection_method::least_squares; ///< used for the status
  /// Observed periods (at or before the current one) needed to project; at least 2.
  std::size_t min_observations = 2;
};

/// What a target declared on a framework's indicator tracks (spec key `targets`, `of`).
enum class target_of : std::uint8_t {
  value, ///< the indicator's raw value: column [/ denominator] · scale, before any transform
  score, ///< the indicator's (or node's) score
};
inline constexpr std::string_view to_string(target_of o) noexcept {
  return o == target_of::score ? "score" : "value";
}

/// A target declared on an indicator or aggregate node of a framework (spec key `targets`):
/// the target, how it is tracked, and what it is applied to (a node's target is always on its
/// score). `options.direction` is resolved when the framework is read: the indicator's direction
/// for `of = value`, +1 for scores, unless the target sets it.
struct tracked_target {
  target goal{};
  target_options options{};
  target_of of = target_of::value;
};

} // namespace chiso::time
