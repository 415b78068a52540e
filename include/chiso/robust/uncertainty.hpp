#pragma once
/// \file robust/uncertainty.hpp
/// Monte Carlo uncertainty analysis (Handbook 2008 §7; Saisana, Saltelli & Tarantola 2005):
/// N replications, each drawing every uncertain input at random and recomputing the index; per
/// unit the nominal rank and the distribution of its ranks and scores — mean, median and a
/// central interval (5–95% by default) — for the root and any node asked for.
///
/// Replication k draws from generators seeded by (seed, k, input) only (random.hpp) and writes
/// only its own outputs, so the result is bit-identical for any thread count, and
/// `model::replicate(seed, k)` re-runs replication k alone. Quantiles are of type 7
/// (Hyndman & Fan 1996; R's default, as COINr reports them), over the replications in which
/// the unit's score is present.

#include "chiso/robust/model.hpp"
#include "chiso/robust/parallel.hpp"

#include <string>
#include <vector>

namespace chiso::robust {

/// Settings of an uncertainty run.
struct uncertainty_options {
  std::size_t replications = 1000;
  std::uint64_t seed = 1;
  std::vector<std::string> track{}; ///< nodes (or indicators) summarised besides the root
  double lower = 0.05;              ///< probability of the interval's lower end
  double upper = 0.95;              ///< probability of the interval's upper end
  unsigned threads = 0;             ///< 0: every core
  bool keep_samples = true;         ///< keep every replication's ranks and scores
  /// Called as replications finish (on the calling thread; see `progress_counter`).
  progress_callback progress{};
};

/// Per unit: mean, median and the interval [lower, upper] of a quantity over replications.
struct distribution_summary {
  Eigen::VectorXd mean, median, lower, upper;
};

/// What an uncertainty run says about one node (or indicator), per unit.
struct tracked_node {
  std::string id{};
  std::size_t node = 0; ///< plan index
  Eigen::VectorXd nominal_score, nominal_rank;
  distribution_summary rank, score;
  /// Replications in which the unit's score was missing (left out of its summaries).
  std::vector<std::size_t> missing{};
  /// units × replications (empty unless `keep_samples`); ranks use the framework's ranking
  /// options and groups.
  Eigen::MatrixXd ranks, scores;
};

/// The outcome of `run_uncertainty`.
struct uncertainty_result {
  std::uint64_t seed = 0;
  std::size_t replications = 0;
  unsigned threads = 0;
  double seconds = 0; ///< wall time of the run (sampling, evaluation, summaries)
  std::vector<std::string> inputs{};
  /// draws[k][i]: what replication k drew for input i (`model::describe` gives a text).
  std::vector<std::vector<draw>> draws{};
  std::vector<tracked_node> nodes{}; ///< the root first, then `track` in order
  /// Per replication: mean over units of |rank − nominal rank| of the root (units ranked in
  /// both; NaN when none), the summary of how much the ranking moved.
  Eigen::VectorXd mean_abs_rank_shift;
};

/// Runs `o.replications` replications of `m` on `o.threads` threads (see the file comment).
/// Throws usage_error for an unknown tracked id or an interval outside 0 ≤ lower ≤ upper ≤ 1.
uncertainty_result run_uncertainty(const model& m, const uncertainty_options& o);

/// Replication k of the run `o` describes, re-run alone (`model::replicate(o.seed, k)`).
inline replication replicate(const model& m, const uncertainty_options& o, std::size_t k) {
  return m.replicate(o.seed, k);
}

} // namespace chiso::robust
