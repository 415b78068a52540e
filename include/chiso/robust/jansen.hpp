#pragma once
/// \file robust/jansen.hpp
/// Variance-based sensitivity indices from a Saltelli sample, by Jansen's estimators, with
/// bootstrap confidence intervals.
///
/// **The sample** (Saltelli et al. 2010, "Variance based sensitivity analysis of model output.
/// Design and estimator for the total sensitivity index", Computer Physics Communications 181,
/// §3): two independent N × d matrices A and B of input draws, and for each input i the matrix
/// A_B^(i): A with its column i taken from B. The model is run on every row of A, B and each
/// A_B^(i): N·(d + 2) runs, giving y_A, y_B (N each) and y_AB (N × d, column i from A_B^(i)).
///
/// **The estimators** (Jansen 1999, "Analysis of variance designs for model output", Computer
/// Physics Communications 117; Saltelli et al. 2010, Table 2, (c) and (f)):
///   V     = Σ_j (y_j − ȳ)² / (2N − 1) over the 2N runs of A and B (ȳ their mean),
///   V_Ti  = 1/(2N) Σ_j (y_A,j − y_AB,ji)²          (A and A_B^(i) differ in input i only),
///   V_i   = V − 1/(2N) Σ_j (y_B,j − y_AB,ji)²      (B and A_B^(i) share input i only),
///   S_i   = V_i / V  (first order),   S_Ti = V_Ti / V  (total).
/// S_i is the share of the output variance input i explains alone, S_Ti the share it takes part
/// in (alone or interacting): S_i ≤ S_Ti up to sampling error, Σ S_i ≤ 1. An input without
/// effect has S_Ti = 0 exactly (y_AB,·i = y_A). When V = 0 (the output never changes) the indices
/// are undefined: NaN. Sums run in row order, so the same values give bit-identical indices.
///
/// **Confidence intervals**: the percentile bootstrap (Efron & Tibshirani 1993, ch. 13; used for
/// Sobol' indices by Archer, Saltelli & Sobol' 1997): rows j are resampled with replacement B
/// times (the same rows for A, B and every A_B^(i), which keeps their pairing), the indices
/// recomputed on each resample, and the (1 − c)/2 and (1 + c)/2 type-7 quantiles of the B
/// values taken (NaN estimates skipped).

#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"
#include "chiso/robust/random.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace chiso::robust {

/// First-order and total indices of each input, and the output's mean and variance.
struct jansen_estimate {
  Eigen::VectorXd first; ///< S_i per input
  Eigen::VectorXd total; ///< S_Ti per input
  double mean = chiso::detail::nan;
  double variance = chiso::detail::nan;
};

/// Percentile bootstrap intervals of the indices, per input (NaN without resamples).
struct jansen_interval {
  Eigen::VectorXd first_lower, first_upper, total_lower, total_upper;
};

namespace detail {

/// The estimators on rows row(0), …, row(N − 1) (a resample, or the identity).
/// ya(j), yb(j), yab(j, i) read the runs.
template <class YA, class YB, class YAB, class Row>
void jansen_on(std::size_t N, std::size_t d, YA&& ya, YB&& yb, YAB&& yab, Row&& row, double* first,
               double* total, double& mean, double& variance) {
  constexpr double nan = chiso::detail::nan;
  double sum = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const auto r = row(j);
    sum += ya(r);
    sum += yb(r);
  }
  const double twice = 2.0 * static_cast<double>(N);
  mean = sum / twice;
  double ss = 0;
  for (std::size_t j = 0; j < N; ++j) {
    const auto r = row(j);
    ss += (ya(r) - mean) * (ya(r) - mean);
    ss += (yb(r) - mean) * (yb(r) - mean);
  }
  variance = N > 0 ? ss / (twice - 1.0) : nan;
  const bool defined = variance > 0 && std::isfinite(variance);
  for (std::size_t i = 0; i < d; ++i) {
    double t = 0, f = 0;
    for (std::size_t j = 0; j < N; ++j) {
      const auto r = row(j);
      const double x = yab(r, i);
      t += (ya(r) - x) * (ya(r) - x);
      f += (yb(r) - x) * (yb(r) - x);
    }
    total[i] = defined ? (t / twice) / variance : nan;
    first[i] = defined ? (variance - f / twice) / variance : nan;
  }
}

} // namespace detail

/// Jansen's first-order and total indices from the runs y_A, y_B (N each) and y_AB (N × d,
/// column i from A_B^(i)); see the file comment for the formulas. Throws usage_error when the
/// sizes disagree.
inline jansen_estimate jansen(Eigen::Ref<const Eigen::VectorXd> y_a,
                              Eigen::Ref<const Eigen::VectorXd> y_b,
                              Eigen::Ref<const Eigen::MatrixXd> y_ab) {
  const auto N = static_cast<std::size_t>(y_a.size());
  if (static_cast<std::size_t>(y_b.size()) != N || static_cast<std::size_t>(y_ab.rows()) != N)
    throw usage_error("jansen: y_A has " + std::to_string(N) + " runs, y_B " +
                      std::to_string(y_b.size()) + ", y_AB " + std::to_string(y_ab.rows()));
  const auto d = static_cast<std::size_t>(y_ab.cols());
  jansen_estimate e;
  e.first.resize(y_ab.cols());
  e.total.resize(y_ab.cols());
  using I = Eigen::Index;
  detail::jansen_on(
      N, d, [&](std::size_t r) { return y_a[static_cast<I>(r)]; },
      [&](std::size_t r) { return y_b[static_cast<I>(r)]; },
      [&](std::size_t r, std::size_t i) { return y_ab(static_cast<I>(r), static_cast<I>(i)); },
      [](std::size_t j) { return j; }, e.first.data(), e.total.data(), e.mean, e.variance);
  return e;
}

/// B resamples of N row indices, uniform with replacement: resample b is
/// out[b·N … b·N + N − 1], drawn from the generator seeded `stream_seed(seed, b, 2⁶⁴ − 1)`
/// (a stream no replication uses), so the same seed gives the same resamples everywhere.
inline std::vector<std::uint32_t> bootstrap_resamples(std::size_t N, std::size_t B,
                                                      std::uint64_t seed) {
  std::vector<std::uint32_t> out(N * B);
  for (std::size_t b = 0; b < B; ++b) {
    generator g(stream_seed(seed, b, ~std::uint64_t{0}));
    for (std::size_t j = 0; j < N; ++j)
      out[b * N + j] = static_cast<std::uint32_t>(uniform_below(g, N));
  }
  return out;
}

/// Percentile bootstrap intervals at level `confidence` (e.g. 0.95) of Jansen's indices, over
/// the resamples of `bootstrap_resamples` (B = resamples.size() / N). NaN when B = 0.
inline jansen_interval jansen_bootstrap(Eigen::Ref<const Eigen::VectorXd> y_a,
                                        Eigen::Ref<const Eigen::VectorXd> y_b,
                                        Eigen::Ref<const Eigen::MatrixXd> y_ab,
                                        std::span<const std::uint32_t> resamples,
                                        double confidence) {
  const auto N = static_cast<std::size_t>(y_a.size());
  const auto d = static_cast<std::size_t>(y_ab.cols());
  if (!(confidence > 0 && confidence < 1))
    throw usage_error("jansen_bootstrap: confidence must be in (0, 1), got " +
                      chiso::detail::num(confidence));
  if (static_cast<std::size_t>(y_b.size()) != N || static_cast<std::size_t>(y_ab.rows()) != N ||
      (N > 0 && resamples.size() % N != 0))
    throw usage_error("jansen_bootstrap: sizes disagree");
  const std::size_t B = N == 0 ? 0 : resamples.size() / N;
  jansen_interval out;
  for (auto* v : {&out.first_lower, &out.first_upper, &out.total_lower, &out.total_upper})
    v->setConstant(static_cast<Eigen::Index>(d), chiso::detail::nan);
  if (B == 0) return out;
  std::vector<std::vector<double>> first(d), total(d);
  std::vector<double> f(d), t(d);
  using I = Eigen::Index;
  for (std::size_t b = 0; b < B; ++b) {
    const std::uint32_t* rows = resamples.data() + b * N;
    double mean = 0, variance = 0;
    detail::jansen_on(
        N, d, [&](std::size_t r) { return y_a[static_cast<I>(r)]; },
        [&](std::size_t r) { return y_b[static_cast<I>(r)]; },
        [&](std::size_t r, std::size_t i) { return y_ab(static_cast<I>(r), static_cast<I>(i)); },
        [&](std::size_t j) { return static_cast<std::size_t>(rows[j]); }, f.data(), t.data(), mean,
        variance);
    for (std::size_t i = 0; i < d; ++i) {
      if (!std::isnan(f[i])) first[i].push_back(f[i]);
      if (!std::isnan(t[i])) total[i].push_back(t[i]);
    }
  }
  const double lo = (1.0 - confidence) / 2.0, hi = (1.0 + confidence) / 2.0;
  for (std::size_t i = 0; i < d; ++i) {
    std::sort(first[i].begin(), first[i].end());
    std::sort(total[i].begin(), total[i].end());
    const auto k = static_cast<I>(i);
    out.first_lower[k] = chiso::detail::quantile7(first[i], lo);
    out.first_upper[k] = chiso::detail::quantile7(first[i], hi);
    out.total_lower[k] = chiso::detail::quantile7(total[i], lo);
    out.total_upper[k] = chiso::detail::quantile7(total[i], hi);
  }
  return out;
}

} // namespace chiso::robust
