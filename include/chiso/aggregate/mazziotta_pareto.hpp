#pragma once
/// \file aggregate/mazziotta_pareto.hpp
/// The Mazziotta–Pareto index (MPI) and its adjusted version (AMPI): a mean of rescaled children
/// minus a penalty for unbalance across them (non-compensatory, partly).

#include "chiso/aggregate/node_view.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::detail {

/// Shared kernel of the two indices. Each child j with w_j > 0 is rescaled as
/// z = centre_z + u, u = scale_j · (x − shift_j) (centre_z = 100), by `rescale(j, c, ws, a, b)`
/// which returns false to leave the child out (it then reports why). Per unit, over the children
/// present: M = 100 + Σ w u / Σ w, S² = Σ w u² / Σ w − (Σ w u / Σ w)², cv = S / M,
/// y = M + sign · S · cv. Accumulators: ws.num = Σ w u, ws.den = Σ w, out = Σ w u².
template <class Rescale>
void mazziotta_pareto_kernel(const aggregate::node_view& v, double* out, aggregate::workspace& ws,
                             diagnostics_sink& sink, double sign, Rescale rescale) {
  const std::size_t n = v.n;
  ws.resize(n);
  double* su = ws.num.data();
  double* sw = ws.den.data();
  std::fill(su, su + n, 0.0);
  std::fill(sw, sw + n, 0.0);
  std::fill(out, out + n, 0.0);
  double total = 0;
  for (std::size_t j = 0; j < v.children.size(); ++j) {
    const double w = v.weights[j];
    if (w == 0) continue;
    const double* c = v.children[j];
    double shift = 0, scale = 0;
    if (!rescale(j, c, ws, shift, scale)) continue;
    total += w;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = c[i];
      if (std::isnan(x)) continue;
      const double u = scale * (x - shift);
      su[i] += w * u;
      sw[i] += w;
      out[i] += w * u * u;
    }
  }
  const double need = v.min_coverage * total;
  for (std::size_t i = 0; i < n; ++i) {
    if (sw[i] == 0) {
      out[i] = nan;
      continue;
    }
    if (sw[i] < need) {
      out[i] = nan;
      sink.cell(i, diagnostic_code::below_coverage,
                "weight share present " + num(sw[i] / total) + " is below the minimum coverage " +
                    num(v.min_coverage));
      continue;
    }
    const double mu = su[i] / sw[i];
    const double m = 100.0 + mu;
    const double var = std::max(0.0, out[i] / sw[i] - mu * mu);
    if (!(m > 0)) {
      out[i] = nan;
      sink.cell(i, diagnostic_code::non_positive_input,
                "Mazziotta-Pareto: the mean of the rescaled children is " + num(m) +
                    " <= 0, so their coefficient of variation is undefined");
      continue;
    }
    const double s = std::sqrt(var);
    out[i] = m + sign * s * (s / m);
  }
}

/// Observed values of a column into ws.ref, sorted (so sums over them do not depend on the
/// order of the units); returns how many.
inline std::size_t mp_sorted_into(const double* c, std::size_t n, aggregate::workspace& ws) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(c[i])) ws.ref[m++] = c[i];
  std::sort(ws.ref.begin(), ws.ref.begin() + static_cast<std::ptrdiff_t>(m));
  return m;
}

inline std::string penalty_sign_error(std::string_view method, const std::string& node_id,
                                      double s) {
  return "node '" + node_id + "': " + std::string(method) + " penalty_sign is " + num(s) +
         "; it must be -1 (unbalance lowers a positive index) or +1 (negative index)";
}

} // namespace chiso::detail

namespace chiso::aggregate {

/// Mazziotta–Pareto index (De Muro, Mazziotta & Pareto 2011, *Social Indicators Research* 104,
/// 1–18; Mazziotta & Pareto 2016, "On a generalized non-compensatory composite index for
/// measuring socio-economic phenomena", *Social Indicators Research* 127, 983–1003; weighted
/// form: Mazziotta & Pareto 2022, "Weighting in composite indices construction: the case of the
/// Mazziotta–Pareto Index", *RIEDS*). Each child is standardised over the units,
///   z_ij = 100 + 10 · (x_ij − μ_j) / σ_j   (μ_j, σ_j over the units where child j is observed;
///   σ_j the population SD, ÷ n, as the source; `sample_sd` for ÷ (n − 1)),
/// then per unit, over its children present (w_j > 0, weights renormalised):
///   M_i = Σ w z / Σ w,  S_i = √(Σ w (z − M_i)² / Σ w),  cv_i = S_i / M_i,
///   MPI_i = M_i + penalty_sign · S_i · cv_i   (= M_i (1 ± cv_i²)).
/// penalty_sign = −1 (default, MPI⁻) for a "positive" index (higher is better: unbalance
/// lowers the score); +1 (MPI⁺) for a "negative" index such as poverty. The children must
/// already point the same way as the index (chiso's normalised scores do; the source's
/// polarity is the normaliser's direction). Equal children give MPI = M (no penalty).
/// Unlike Compind's adjusted function (PEERS.md), the penalty is always applied.
/// A child with no spread (σ = 0, or fewer than 2 values) is left out for every unit, as if
/// its weight were 0, with a `constant_column` diagnostic; a unit below `min_coverage` is
/// missing (`below_coverage`); M_i ≤ 0 (children more than 10 SD below average) is missing
/// with `non_positive_input`. Relative to the other units (standardised across them).
/// Monotone: raising x_ij never lowers MPI_i while z_ij ≤ (3 + cv_i²) M_i / 2 (∂MPI/∂z_j ∝
/// 3 + cv² − 2 z_j / M), which holds whenever the unit's z-scores are within ±2 SD.
struct mazziotta_pareto {
  static constexpr std::string_view name = "mazziotta_pareto";
  static constexpr bool across_units = true;
  double penalty_sign = -1.0; ///< −1: positive index (MPI⁻); +1: negative index (MPI⁺)
  bool sample_sd = false;     ///< standardise with the sample SD (n − 1) instead of ÷ n
  static constexpr std::string_view summary = "Mazziotta-Pareto index";
  static constexpr auto parameters() {
    return std::tuple{param::field{"penalty_sign", &mazziotta_pareto::penalty_sign,
                                   "-1: a positive index (MPI-); 1: a negative one (MPI+)",
                                   param::either(-1, 1)},
                      param::field{"sample_sd", &mazziotta_pareto::sample_sd,
                                   "standardise with the sample SD (n - 1) instead of / n"}};
  }

  void validate(const std::string& node_id) const {
    if (penalty_sign != -1.0 && penalty_sign != 1.0)
      throw framework_error(detail::penalty_sign_error(name, node_id, penalty_sign));
  }

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    const bool sample = sample_sd;
    detail::mazziotta_pareto_kernel(
        v, out, ws, sink, penalty_sign,
        [&](std::size_t j, const double* c, workspace& w, double& shift, double& scale) {
          const std::size_t m = detail::mp_sorted_into(c, v.n, w);
          double sd = 0;
          if (m >= 2) {
            double sum = 0;
            for (std::size_t i = 0; i < m; ++i)
              sum += w.ref[i];
            shift = sum / static_cast<double>(m);
            double ss = 0;
            for (std::size_t i = 0; i < m; ++i)
              ss += (w.ref[i] - shift) * (w.ref[i] - shift);
            sd = std::sqrt(ss / static_cast<double>(sample ? m - 1 : m));
          }
          if (!(sd > 0)) {
            sink.column(diagnostic_code::constant_column,
                        "mazziotta_pareto: child " + std::to_string(j + 1) +
                            " has no spread over the units; left out");
            return false;
          }
          scale = 10.0 / sd;
          return true;
        });
  }
};

/// Adjusted Mazziotta–Pareto index (AMPI; Mazziotta & Pareto 2016, §"AMPI"; weighted form
/// Mazziotta & Pareto 2022), for comparisons over time: each child is rescaled by goalposts,
///   r_ij = 70 + 60 · (x_ij − L_j) / (U_j − L_j),
/// so that [L_j, U_j] maps to [70, 130], then as the MPI:
///   AMPI_i = M_r + penalty_sign · S_r · cv_r   (M, S, cv of r over the unit's children).
/// Goalposts: `lower`/`upper` per child (the source chooses L = Ref − Δ, U = Ref + Δ with Ref a
/// reference value that then maps to 100 and Δ = (max − min)/2 over all units and periods);
/// empty = each child's observed min and max over the units, so r ∈ [70, 130]. Values outside
/// given goalposts are not clamped. A child without goalposts and with max = min is left out
/// (`constant_column`). Same missing-data and coverage rules as `mazziotta_pareto`; the penalty
/// is always applied (Compind's `ci_ampi` once ignored it: PEERS.md).
struct adjusted_mazziotta_pareto {
  static constexpr std::string_view name = "adjusted_mazziotta_pareto";
  static constexpr bool across_units = true;
  double penalty_sign = -1.0;  ///< −1: positive index; +1: negative index
  std::vector<double> lower{}; ///< L_j per child, or empty (observed minimum)
  std::vector<double> upper{}; ///< U_j per child, or empty (observed maximum)
  static constexpr std::string_view summary =
      "adjusted Mazziotta-Pareto index (goalposts per child)";
  static constexpr auto parameters() {
    return std::tuple{param::field{"penalty_sign", &adjusted_mazziotta_pareto::penalty_sign,
                                   "-1: a positive index; 1: a negative one", param::either(-1, 1)},
                      param::field{"lower", &adjusted_mazziotta_pareto::lower,
                                   "goalpost L per child (default: observed minimum)"},
                      param::field{"upper", &adjusted_mazziotta_pareto::upper,
                                   "goalpost U per child (default: observed maximum)"}};
  }

  void validate(const std::string& node_id) const {
    if (penalty_sign != -1.0 && penalty_sign != 1.0)
      throw framework_error(detail::penalty_sign_error(name, node_id, penalty_sign));
    if (lower.size() != upper.size())
      throw framework_error("node '" + node_id + "': " + std::string(name) + " has " +
                            std::to_string(lower.size()) + " lower and " +
                            std::to_string(upper.size()) + " upper goalposts");
    for (std::size_t j = 0; j < lower.size(); ++j)
      if (!std::isfinite(lower[j]) || !std::isfinite(upper[j]) || !(lower[j] < upper[j]))
        throw framework_error("node '" + node_id + "': " + std::string(name) +
                              " goalposts of child " + std::to_string(j + 1) + " are [" +
                              detail::num(lower[j]) + ", " + detail::num(upper[j]) +
                              "]; they need lower < upper, both finite");
  }

  void operator()(const node_view& v, double* out, workspace& ws, diagnostics_sink& sink) const {
    if (!lower.empty() && lower.size() != v.children.size())
      throw usage_error(std::string(name) + ": " + std::to_string(lower.size()) +
                        " goalposts for " + std::to_string(v.children.size()) + " children");
    detail::mazziotta_pareto_kernel(
        v, out, ws, sink, penalty_sign,
        [&](std::size_t j, const double* c, workspace&, double& shift, double& scale) {
          double lo, hi;
          if (!lower.empty()) {
            lo = lower[j];
            hi = upper[j];
          } else {
            lo = INFINITY;
            hi = -INFINITY;
            for (std::size_t i = 0; i < v.n; ++i)
              if (!std::isnan(c[i])) {
                lo = std::min(lo, c[i]);
                hi = std::max(hi, c[i]);
              }
          }
          if (!(hi > lo)) {
            sink.column(diagnostic_code::constant_column,
                        "adjusted_mazziotta_pareto: child " + std::to_string(j + 1) +
                            " has no spread over the units and no goalposts; left out");
            return false;
          }
          // r − 100 = 60 (x − L)/(U − L) − 30 = 60/(U − L) · (x − (L + U)/2)
          shift = lo + (hi - lo) / 2;
          scale = 60.0 / (hi - lo);
          return true;
        });
  }
};

} // namespace chiso::aggregate
