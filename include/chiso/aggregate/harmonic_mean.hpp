#pragma once
/// \file aggregate/harmonic_mean.hpp

#include "chiso/detail/accumulate.hpp"

#include <string_view>

namespace chiso::aggregate {

/// Weighted harmonic mean (the generalised mean of order −1):
///   y = Σ_avail w_j / Σ_avail (w_j / x_j).
/// Needs x_j > 0: a unit with a child ≤ 0 gets a missing parent and a `non_positive_input`
/// diagnostic.
struct harmonic_mean {
  static constexpr std::string_view name = "harmonic_mean";
  static constexpr std::string_view summary = "weighted harmonic mean";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    detail::quasi_mean(
        v, out, ws, sink, [](double x) { return 1.0 / x; }, [](double x) { return x > 0; },
        [](double m, double) { return 1.0 / m; },
        "harmonic mean needs positive children; a child is <= 0", true);
  }
};

} // namespace chiso::aggregate
