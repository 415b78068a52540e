#pragma once
/// \file detail/accumulate.hpp
/// The shared kernel of the quasi-arithmetic weighted means (internal):
///   parent = g( Σ_avail w_j f(x_j) / Σ_avail w_j ),
/// one streaming pass per child column (column-major, vectorisable), then one finishing pass
/// that applies coverage and the domain check.

#include "chiso/aggregate/node_view.hpp"
#include "chiso/detail/column_stats.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace chiso::detail {

/// Adds K children (columns `c`, weights `w`, in that order) into num and den for every unit,
/// keeping the running sums in registers across the K children: the same additions in the same
/// order as adding one child at a time (identical results), with one load and store of num and
/// den per K children instead of per child.
///
/// Written so that GCC vectorises it: the selects pick between plain values and are all made
/// before any sum, and the multiplication is unconditional (under the default -ftrapping-math
/// a multiplication inside the test's arm, or a select after a store, leaves a branch and the
/// loop scalar). A missing cell adds w·0 = +0 to num and 0 to den, which leaves them unchanged:
/// the same values as skipping it.
template <std::size_t K, class F>
void add_children(double* num, double* den, const double* const* c, const double* w, std::size_t n,
                  F& f) {
  const double* col[K];
  double wk[K];
  for (std::size_t k = 0; k < K; ++k) {
    col[k] = c[k];
    wk[k] = w[k];
  }
  for (std::size_t i = 0; i < n; ++i) {
    double term[K], share[K];
    for (std::size_t k = 0; k < K; ++k) {
      const double x = col[k][i];
      const bool ok = x == x;
      term[k] = ok ? f(i, x) : 0.0;
      share[k] = ok ? wk[k] : 0.0;
    }
    double a = num[i], b = den[i];
    for (std::size_t k = 0; k < K; ++k) {
      a += wk[k] * term[k];
      b += share[k];
    }
    num[i] = a;
    den[i] = b;
  }
}

/// First pass: ws.num[i] = Σ_avail w_j f(i, x_ij), ws.den[i] = Σ_avail w_j over the children
/// present (not NaN) with w_j ≠ 0; with `check_domain`, ws.bad[i] flags a present child for
/// which `valid(x)` is false (its term is left out). Returns Σ_all w_j.
template <class F, class Valid>
double accumulate_terms(const aggregate::node_view& v, aggregate::workspace& ws, F f, Valid valid,
                        bool check_domain) {
  const std::size_t n = v.n;
  ws.resize(n);
  double* num = ws.num.data();
  double* den = ws.den.data();
  unsigned char* bad = ws.bad.data();
  std::fill(num, num + n, 0.0);
  std::fill(den, den + n, 0.0);
  if (check_domain) std::fill(bad, bad + n, 0);
  double total = 0;
  if (!check_domain) {
    // Children with a non-zero weight, four at a time.
    const double* cols[4];
    double ws4[4];
    std::size_t m = 0;
    auto flush = [&] {
      switch (m) {
      case 1: add_children<1>(num, den, cols, ws4, n, f); break;
      case 2: add_children<2>(num, den, cols, ws4, n, f); break;
      case 3: add_children<3>(num, den, cols, ws4, n, f); break;
      case 4: add_children<4>(num, den, cols, ws4, n, f); break;
      default: break;
      }
      m = 0;
    };
    for (std::size_t j = 0; j < v.children.size(); ++j) {
      const double w = v.weights[j];
      total += w;
      if (w == 0) continue;
      cols[m] = v.children[j];
      ws4[m] = w;
      if (++m == 4) flush();
    }
    flush();
    return total;
  }
  for (std::size_t j = 0; j < v.children.size(); ++j) {
    const double w = v.weights[j];
    total += w;
    if (w == 0) continue;
    const double* c = v.children[j];
    for (std::size_t i = 0; i < n; ++i) {
      const double x = c[i];
      const bool ok = !std::isnan(x);
      const bool in = valid(x);
      bad[i] |= static_cast<unsigned char>(ok && !in);
      num[i] += ok && in ? w * f(i, x) : 0.0;
      den[i] += ok ? w : 0.0;
    }
  }
  return total;
}

/// Finishing pass: out[i] = g(i, ws.num[i] / ws.den[i], total), or missing when no child is
/// present, when the weight share present ws.den[i] / total is below `v.min_coverage`
/// (`below_coverage`), or when a child was outside the domain (`non_positive_input`, message
/// `what`).
template <class G>
void finish_mean(const aggregate::node_view& v, double total, double* out, aggregate::workspace& ws,
                 diagnostics_sink& sink, G g, std::string_view what, bool check_domain) {
  const std::size_t n = v.n;
  const double* num = ws.num.data();
  const double* den = ws.den.data();
  const unsigned char* bad = ws.bad.data();
  const double need = v.min_coverage * total;
  for (std::size_t i = 0; i < n; ++i) {
    if (den[i] == 0) {
      out[i] = nan;
    } else if (den[i] < need) {
      out[i] = nan;
      sink.cell(i, diagnostic_code::below_coverage,
                "weight share present " + detail::num(den[i] / total) +
                    " is below the minimum coverage " + detail::num(v.min_coverage));
    } else if (check_domain && bad[i]) {
      out[i] = nan;
      sink.cell(i, diagnostic_code::non_positive_input, std::string(what));
    } else {
      out[i] = g(i, num[i] / den[i], total);
    }
  }
}

/// `f(x)` maps a child value to its term; `valid(x)` says whether x is in the mean's domain
/// (e.g. x > 0 for the geometric mean); `g(m, total)` maps the weighted mean of terms back
/// (`total` = Σ_all w, used by the weighted sum to scale up).
template <class F, class Valid, class G>
void quasi_mean(const aggregate::node_view& v, double* out, aggregate::workspace& ws,
                diagnostics_sink& sink, F f, Valid valid, G g, std::string_view what,
                bool check_domain) {
  const double total = accumulate_terms(
      v, ws, [&f](std::size_t, double x) { return f(x); }, valid, check_domain);
  finish_mean(
      v, total, out, ws, sink, [&g](std::size_t, double m, double t) { return g(m, t); }, what,
      check_domain);
}

} // namespace chiso::detail
