#pragma once
/// \file score.hpp
/// Evaluating a compiled plan for all units at once, and what the result holds.

#include "chiso/plan.hpp"
#include "chiso/prepare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace chiso {

/// Which scores `evaluate` keeps in `result::scores`.
enum class keep {
  all,        ///< every indicator's and aggregate's score (contributions need them)
  aggregates, ///< the aggregates' only: indicator scores live in a few scratch columns while
              ///< their parents are computed (memory ≈ the input matrix + 1/10 of it instead
              ///< of twice it; faster, as 16 MB of indicator scores need not be written)
};

/// Scores of every node for every unit, the root's ranks and bands, and diagnostics.
/// Reuse one `result` across evaluations to avoid reallocating (Monte Carlo loops).
struct result {
  /// units × nodes in plan node order, NaN = missing; with keep::aggregates only the
  /// aggregates, node k in column k − first_node (use `node(k)`).
  Eigen::MatrixXd scores;
  std::size_t first_node = 0; ///< plan index of the node in scores' first column
  /// Weights used at node step t (plan `node_steps()` order) when they were computed from the
  /// data (`node::weights_from`); empty = the plan's.
  std::vector<std::vector<double>> node_weights;
  Eigen::VectorXd rank;  ///< rank of the root per unit (NaN when missing)
  std::vector<int> band; ///< band index of the root per unit, −1 when none
  std::vector<diagnostic> diagnostics;
  /// The prepared data and every imputed and treated cell, when the plan prepares
  /// (`plan::prepares()`; prepare.hpp); empty otherwise.
  chiso::preparation preparation;

  /// Scores of node (or indicator) k for every unit. Throws usage_error when k was not kept.
  auto node(std::size_t k) const {
    if (k < first_node || k - first_node >= static_cast<std::size_t>(scores.cols()))
      throw usage_error("result: scores of node " + std::to_string(k) +
                        " were not kept (evaluate with keep::all to keep indicator scores)");
    return scores.col(static_cast<Eigen::Index>(k - first_node));
  }

  /// Scratch space reused by `evaluate` (no promises).
  struct workspace_t {
    Eigen::MatrixXd scratch;  ///< indicator scores under keep::aggregates
    Eigen::MatrixXd children; ///< a node's children, for data-driven weights
    std::vector<diagnostic> discarded;
    Eigen::VectorXd x;
    std::vector<unsigned char> zero_den, missing_den;
    std::vector<const double*> child_ptrs;
    std::vector<unsigned char> scored; ///< per indicator: scored in this evaluation
    std::vector<std::size_t> position; ///< per node: rank in the diagnostics order
    aggregate::workspace agg;
  } workspace;
};

namespace detail {

/// Prepares indicator k's raw column (denominator, scale, transform) into `x` and applies the
/// method into `out`, then the empty-denominator policies. With `prepared` (the column `prepare`
/// made: imputed, treated), the method reads it instead; the policies still follow the raw
/// denominator.
void score_indicator(const plan& p, std::size_t k, Eigen::Ref<const Eigen::MatrixXd> values,
                     Eigen::Ref<Eigen::VectorXd> out, std::vector<diagnostic>& diagnostics,
                     result::workspace_t& ws, const double* prepared = nullptr);

/// Aggregates one node into `out` from its children's columns (`ws.child_ptrs`), with
/// `weights` and `agg` (the plan's, or a robustness run's replacements), then applies its cap.
void aggregate_node(const plan& p, const plan::node_step& s, std::span<const double> weights,
                    const aggregation& agg, Eigen::Index n, double* out, result& r);

} // namespace detail

/// Evaluates `p` on `values` (units × data columns, the columns the plan was compiled against)
/// into `r`: every indicator's score, then every aggregate in topological order, then the root's
/// rank within `groups` (codes per unit, empty = one group) and band. `r.diagnostics` lists
/// indicators' diagnostics in plan order, then aggregates' in topological order, whatever
/// `what` keeps. When the plan prepares (imputation, outlier treatment), `prepare` runs first
/// into `r.preparation` and the indicators normalise its columns; `impute_groups` gives the
/// group code per unit for imputation by group (`imputation_groups`), else may be empty;
/// `along_periods` the cells imputed along the periods (`evaluate_periods` gives them).
/// `threads` (0: every core): with keep::all and at least `parallel_min_cells` cells, the
/// indicators are scored on that many threads before the aggregates (each indicator's column
/// by one thread, its diagnostics kept apart and put back in plan order): scores, ranks, bands
/// and diagnostics are bit-identical to one thread.
void evaluate(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
              std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
              result& r, keep what = keep::all,
              std::span<const impute::changed_cell> along_periods = {}, unsigned threads = 1);

/// Same, without imputation group codes (enough unless the plan imputes by group).
void evaluate(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
              std::span<const std::uint32_t> groups, result& r, keep what = keep::all,
              unsigned threads = 1);

/// Below this many cells (units × indicators) `evaluate` scores on one thread whatever
/// `threads` says: starting threads would cost more than it saves.
inline constexpr std::size_t parallel_min_cells = std::size_t{1} << 18;

/// Evaluates only the aggregates of `p`, reading indicator k's scores from
/// `indicator_scores[k]` (each n long; several alternatives can be precomputed once and chosen
/// per call, as robustness runs do), with node weights and aggregations replaced where given:
/// `weights[t]` / `aggregations[t]` for node step t (plan `node_steps()` order; an empty span,
/// an empty vector or a null pointer keeps the plan's). A child with weight 0 is left out. The
/// result keeps the aggregates (keep::aggregates layout), the root's ranks and bands, and the
/// aggregates' diagnostics. Cost: the aggregation passes and the rank — no normalisation.
void evaluate_aggregates(const plan& p, std::span<const double* const> indicator_scores,
                         Eigen::Index n, std::span<const std::vector<double>> weights,
                         std::span<const aggregation* const> aggregations,
                         std::span<const std::uint32_t> groups, result& r);

/// Group codes of the units for the plan's ranking (`ranking.group_by`), or empty for one
/// group. Throws input_error when the dataset lacks that group column.
std::vector<std::uint32_t> ranking_groups(const plan& p, const dataset& d);

/// Compiles nothing: evaluates `p` on a dataset whose columns the plan was compiled against.
result evaluate(const plan& p, const dataset& d);

/// Compiles `f` against `d`'s columns and evaluates it.
result score(const framework& f, const dataset& d);

/// Each indicator's contribution to every unit's score at `node` (units × indicators):
/// c_i(node) = Σ_paths Π share_j(i) · score_i(indicator), with share_j(i) = w_j / Σ_avail w
/// (× Σ_all w for sums) over the children present for unit i, so a unit's contributions add up
/// to its score. Defined when every aggregate under `node` is additive (arithmetic mean, sum);
/// throws usage_error otherwise. Missing indicators contribute 0. Where a node's cap lowered a
/// unit's score, its children's shares are scaled by capped / uncapped score, so the
/// contributions still add up to the (capped) score.
Eigen::MatrixXd contributions(const plan& p, const result& r, std::size_t node);

} // namespace chiso
