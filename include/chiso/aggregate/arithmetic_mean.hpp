#pragma once
/// \file aggregate/arithmetic_mean.hpp

#include "chiso/detail/accumulate.hpp"

#include <string_view>

namespace chiso::aggregate {

/// Weighted arithmetic mean (Handbook 2008 §6.1, linear aggregation):
///   y = Σ_avail w_j x_j / Σ_avail w_j.
/// Fully compensatory; child j's contribution to y is w_j x_j / Σ_avail w.
struct arithmetic_mean {
  static constexpr std::string_view name = "arithmetic_mean";
  static constexpr bool additive = true;
  static constexpr std::string_view summary = "weighted arithmetic mean";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    detail::quasi_mean(
        v, out, ws, sink, [](double x) { return x; }, [](double) { return true; },
        [](double m, double) { return m; }, "", false);
  }
};

} // namespace chiso::aggregate
