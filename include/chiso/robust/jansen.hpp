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

#include <cstddef>
#include <cstdint>
#include <span>
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

/// Jansen's first-order and total indices from the runs y_A, y_B (N each) and y_AB (N × d,
/// column i from A_B^(i)); see the file comment for the formulas. Throws usage_error when the
/// sizes disagree.
jansen_estimate jansen(Eigen::Ref<const Eigen::VectorXd> y_a, Eigen::Ref<const Eigen::VectorXd> y_b,
                       Eigen::Ref<const Eigen::MatrixXd> y_ab);

/// B resamples of N row indices, uniform with replacement: resample b is
/// out[b·N … b·N + N − 1], drawn from the generator seeded `stream_seed(seed, b, 2⁶⁴ − 1)`
/// (a stream no replication uses), so the same seed gives the same resamples everywhere.
std::vector<std::uint32_t> bootstrap_resamples(std::size_t N, std::size_t B, std::uint64_t seed);

/// Percentile bootstrap intervals at level `confidence` (e.g. 0.95) of Jansen's indices, over
/// the resamples of `bootstrap_resamples` (B = resamples.size() / N). NaN when B = 0.
jansen_interval jansen_bootstrap(Eigen::Ref<const Eigen::VectorXd> y_a,
                                 Eigen::Ref<const Eigen::VectorXd> y_b,
                                 Eigen::Ref<const Eigen::MatrixXd> y_ab,
                                 std::span<const std::uint32_t> resamples, double confidence);

} // namespace chiso::robust
