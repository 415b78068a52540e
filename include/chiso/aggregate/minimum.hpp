#pragma once
/// \file aggregate/minimum.hpp

#include "chiso/aggregate/node_view.hpp"
#include "chiso/detail/column_stats.hpp"

#include <string>
#include <string_view>

namespace chiso::aggregate {

/// Minimum over the children present with a positive weight (non-compensatory: a unit is as
/// good as its weakest dimension): y = min_{j avail, w_j > 0} x_j. Coverage is checked on the
/// weight share present, as for the means.
struct minimum {
  static constexpr std::string_view name = "minimum";
  static constexpr std::string_view summary = "minimum of the children (no compensation)";

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    const std::size_t n = v.n;
    ws.resize(n);
    double* den = ws.den.data();
    std::fill(den, den + n, 0.0);
    std::fill(out, out + n, detail::nan);
    double total = 0;
    for (std::size_t j = 0; j < v.children.size(); ++j) {
      const double w = v.weights[j];
      total += w;
      if (w == 0) continue;
      const double* c = v.children[j];
      for (std::size_t i = 0; i < n; ++i) {
        const double x = c[i];
        if (x != x) continue;
        den[i] += w;
        if (!(out[i] <= x)) out[i] = x; // out[i] NaN at first
      }
    }
    const double need = v.min_coverage * total;
    for (std::size_t i = 0; i < n; ++i)
      if (den[i] > 0 && den[i] < need) {
        out[i] = detail::nan;
        sink.cell(i, diagnostic_code::below_coverage,
                  "weight share present " + detail::num(den[i] / total) +
                      " is below the minimum coverage " + detail::num(v.min_coverage));
      }
  }
};

} // namespace chiso::aggregate
