#pragma once
/// \file aggregate/geometric_mean.hpp

#include "chiso/detail/accumulate.hpp"

#include <cmath>
#include <string_view>

namespace chiso::aggregate {

/// Weighted geometric mean (Handbook 2008 §6.2; HDI since 2010):
///   y = exp( Σ_avail w_j ln x_j / Σ_avail w_j ).
/// Needs x_j > 0: a unit with a child ≤ 0 gets a missing parent and a `non_positive_input`
/// diagnostic (use min-max to [1, 100], not [0, 100], to feed it).
struct geometric_mean {
  static constexpr std::string_view name = "geometric_mean";
  static constexpr std::string_view summary = "weighted geometric mean";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    detail::quasi_mean(
        v, out, ws, sink, [](double x) { return std::log(x); }, [](double x) { return x > 0; },
        [](double m, double) { return std::exp(m); },
        "geometric mean needs positive children; a child is <= 0", true);
  }
};

} // namespace chiso::aggregate
