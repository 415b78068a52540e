#pragma once
/// \file aggregate/weighted_sum.hpp

#include "chiso/detail/accumulate.hpp"

#include <string_view>

namespace chiso::aggregate {

/// Weighted sum (official point totals, e.g. DTI and Decision 766 points):
///   y = Σ_avail w_j x_j · (Σ_all w / Σ_avail w),
/// i.e. Σ w_j x_j when every child is present, scaled up over missing children (skip and
/// renormalise, as the means do); set `min_coverage: 1` on the node to make any missing child
/// missing instead. Child j's contribution is w_j x_j · Σ_all w / Σ_avail w.
struct weighted_sum {
  static constexpr std::string_view name = "sum";
  static constexpr bool additive = true;
  static constexpr std::string_view summary = "weighted sum (of points)";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    detail::quasi_mean(
        v, out, ws, sink, [](double x) { return x; }, [](double) { return true; },
        [](double m, double total) { return m * total; }, "", false);
  }
};

} // namespace chiso::aggregate
