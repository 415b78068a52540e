#pragma once
/// \file robust/sensitivity.hpp
/// Variance-based sensitivity analysis of a composite indicator (Saltelli et al. 2010; Saisana,
/// Saltelli & Tarantola 2005): which uncertain input moves the ranking most. Each uncertain
/// input of the model is one factor; the Saltelli sample (jansen.hpp) is built from
/// replications of the model's own draws:
///   row k of A = the draws of replication k, row k of B = the draws of replication N + k
///   (both of a run seeded `seed`, so `model::replicate(seed, k)` re-runs any row of A or B),
///   row k of A_B^(i) = row k of A with input i's draw from row k of B.
/// The model is run on all N·(d + 2) rows (on every core; each row's outputs depend only on
/// k, so any thread count gives bit-identical results). Outputs:
///   - the mean absolute rank shift of the root, (1/n) Σ_u |rank_u − nominal rank_u|, the
///     measure COINr's `get_sensitivity` uses by default;
///   - each unit's rank of the root.
/// For each, Jansen's first-order and total indices of every input and their percentile
/// bootstrap intervals.

#include "chiso/robust/jansen.hpp"
#include "chiso/robust/model.hpp"
#include "chiso/robust/parallel.hpp"
#include "chiso/robust/uncertainty.hpp"

#include <string>
#include <vector>

namespace chiso::robust {

/// Settings of a sensitivity run.
struct sensitivity_options {
  std::size_t n = 500; ///< base sample size N (runs: N·(d + 2))
  std::uint64_t seed = 1;
  std::size_t bootstrap = 1000; ///< bootstrap resamples B (0: no intervals)
  double confidence = 0.95;     ///< level of the bootstrap intervals
  bool units = true;            ///< also each unit's rank (memory: units × N·(d + 2) floats)
  unsigned threads = 0;         ///< 0: every core
  /// Called as work finishes (on the calling thread; see `progress_counter`): the N rows of
  /// model runs, then (with `units`) the per-unit estimates, one task each.
  progress_callback progress{};
};

/// Indices of one scalar output, per input (in model input order).
struct sensitivity_indices {
  Eigen::VectorXd first, total; ///< S_i, S_Ti (NaN when the output never varies)
  Eigen::VectorXd first_lower, first_upper, total_lower, total_upper; ///< bootstrap intervals
  double mean = chiso::detail::nan;     ///< of the output over A and B
  double variance = chiso::detail::nan; ///< V
};

/// Indices of each unit's rank: units × inputs.
struct unit_sensitivity {
  Eigen::MatrixXd first, total, first_lower, first_upper, total_lower, total_upper;
  Eigen::VectorXd variance; ///< per unit: V of its rank (0: the rank never changed)
};

/// The outcome of `run_sensitivity`.
struct sensitivity_result {
  std::vector<std::string> inputs{};
  std::size_t n = 0;    ///< N
  std::size_t runs = 0; ///< N·(d + 2) model runs
  std::uint64_t seed = 0;
  unsigned threads = 0;
  double seconds = 0; ///< wall time (sampling, runs, estimators, bootstrap)
  sensitivity_indices mean_abs_rank_shift;
  /// The runs of the mean absolute rank shift: y_A, y_B (N) and y_AB (N × d).
  Eigen::VectorXd y_a, y_b;
  Eigen::MatrixXd y_ab;
  unit_sensitivity units; ///< empty unless `units`
};

/// Runs the sensitivity analysis of `m` (see the file comment). Throws usage_error when the
/// model has no uncertain input, N < 2, or the confidence is outside (0, 1).
sensitivity_result run_sensitivity(const model& m, const sensitivity_options& o);

} // namespace chiso::robust
