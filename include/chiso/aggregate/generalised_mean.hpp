#pragma once
/// \file aggregate/generalised_mean.hpp

#include "chiso/detail/accumulate.hpp"
#include "chiso/param.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace chiso::aggregate {

/// Weighted generalised (power) mean of order p (Handbook 2008 §6; Decancq & Lugo 2013):
///   y = ( Σ_avail w_j x_j^p / Σ_avail w_j )^(1/p),  p ≠ 0;  p = 0 is the geometric mean
///   exp(Σ_avail w_j ln x_j / Σ_avail w_j).
/// p = 1 arithmetic, p = −1 harmonic; p → −∞ tends to the minimum, p → +∞ to the maximum.
/// Needs x_j ≥ 0 for p > 0 and x_j > 0 for p ≤ 0 (else `non_positive_input`). Unlike COINr,
/// missing children are skipped (weights renormalised). Computed as y = r · M_p(x / r) with r
/// the unit's largest (p > 0) or smallest (p < 0) child, which is exact algebraically and keeps
/// x^p from overflowing or underflowing for large |p|.
struct generalised_mean {
  static constexpr std::string_view name = "generalised_mean";
  double p = 1.0;
  static constexpr std::string_view summary = "weighted generalised mean of order p";
  static constexpr auto parameters() {
    return std::tuple{param::field{"p", &generalised_mean::p,
                                   "the order (1: arithmetic, 0: geometric, -1: harmonic)"}
                          .need_in_shorthand()};
  }

  void validate(const std::string& node_id) const {
    if (!std::isfinite(p))
      throw framework_error("node '" + node_id + "': generalised_mean needs a finite order p");
  }

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    const double q = p;
    if (q == 0) {
      detail::quasi_mean(
          v, out, ws, sink, [](double x) { return std::log(x); }, [](double x) { return x > 0; },
          [](double m, double) { return std::exp(m); },
          "generalised mean of order 0 (geometric) needs positive children; a child is <= 0", true);
      return;
    }
    if (q > 0)
      run(
          v, out, ws, sink, [](double x) { return x >= 0; },
          "generalised mean of positive order needs children >= 0; a child is negative");
    else
      run(
          v, out, ws, sink, [](double x) { return x > 0; },
          "generalised mean of order < 0 needs positive children; a child is <= 0");
  }

private:
  template <class Valid>
  void run(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink, Valid valid,
           std::string_view what) const {
    const double q = p;
    const std::size_t n = v.n;
    ws.resize(n);
    double* ref = ws.ref.data();
    std::fill(ref, ref + n, detail::nan);
    // r_i: largest (p > 0) or smallest (p < 0) valid child present with a positive weight.
    for (std::size_t j = 0; j < v.children.size(); ++j) {
      if (v.weights[j] == 0) continue;
      const double* c = v.children[j];
      for (std::size_t i = 0; i < n; ++i) {
        const double x = c[i];
        if (std::isnan(x) || !valid(x)) continue;
        if (std::isnan(ref[i]) || (q > 0 ? x > ref[i] : x < ref[i])) ref[i] = x;
      }
    }
    // No valid child, all children 0 (p > 0) or an infinite child: no rescaling.
    for (std::size_t i = 0; i < n; ++i)
      if (!(ref[i] > 0) || !std::isfinite(ref[i])) ref[i] = 1.0;
    const double total = detail::accumulate_terms(
        v, ws, [ref, q](std::size_t i, double x) { return std::pow(x / ref[i], q); }, valid, true);
    detail::finish_mean(
        v, total, out, ws, sink,
        [ref, q](std::size_t i, double m, double) { return ref[i] * std::pow(m, 1.0 / q); }, what,
        true);
  }
};

} // namespace chiso::aggregate
