#pragma once
/// \file transform.hpp
/// Transforms applied to an indicator's raw values before normalising (Handbook 2008 §5.1 on
/// skewed indicators; COINr's log transforms in `Treat`).

#include "chiso/param.hpp"

#include <cmath>
#include <string_view>

namespace chiso {

/// A monotone increasing transform of raw values, so it keeps every unit's order and the
/// indicator's direction means the same after it. The indicator's fixed bounds and target are
/// transformed too, so goalposts and targets stay on the scale of the values.
enum class transform {
  none,  ///< x
  log,   ///< ln x, needs x > 0
  log10, ///< log10 x, needs x > 0
  log1p, ///< ln(1 + x), needs x > −1 (accurate for small x; for counts with zeros)
};

/// The transforms by spec-file name (an indicator's `transform:`), declared once: the spec
/// reader, writer and `to_string` use them.
inline constexpr param::choice<transform> transform_names[] = {{"none", transform::none},
                                                               {"log", transform::log},
                                                               {"log10", transform::log10},
                                                               {"log1p", transform::log1p}};

/// Spec-file name of a transform.
inline constexpr std::string_view to_string(transform t) noexcept {
  for (const auto& c : transform_names)
    if (c.value == t) return c.name;
  return "none";
}

/// Applies `t` to one value; returns NaN when x is outside the transform's domain (ln 0 gives NaN,
/// not −∞; the caller reports it as an `invalid_value` diagnostic). NaN stays NaN.
inline double apply(transform t, double x) noexcept {
  switch (t) {
  case transform::none: return x;
  case transform::log: return x > 0 ? std::log(x) : std::nan("");
  case transform::log10: return x > 0 ? std::log10(x) : std::nan("");
  case transform::log1p: return x > -1 ? std::log1p(x) : std::nan("");
  }
  return x;
}

} // namespace chiso
