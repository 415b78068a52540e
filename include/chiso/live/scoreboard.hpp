#pragma once
/// \file live/scoreboard.hpp
/// Live updates: a scored dataset kept current while single cells change (the Decision 766
/// index recomputed as dossiers arrive), without rescoring every unit.
///
/// **What an update costs.** Setting unit u's value in one data column rescores the indicators
/// reading that column (as value or denominator), then their ancestors, then u's rank:
///   - an indicator whose method is *elementwise* (identity, goalposts, min-max with both
///     bounds fixed, every point rule; see column.hpp) is rescored for u alone: O(1);
///   - any other method depends on statistics of the whole column (observed min/max, mean and
///     SD, ranks): the column is rescored, O(units), and compared bit for bit with the old one.
///     If only u's score moved (the bounds did not), the update goes on for u alone; if the
///     bounds moved, every unit's score moved and the ancestors are recomputed for all units;
///   - an aggregate is recomputed for u alone (a view of one unit's children) unless its
///     aggregation works across units (`across_units`, or a custom one): then for all units;
///   - the root's ranks live in an order-statistics tree (ranked_scores.hpp): O(log units);
///   - a column read (through any path) by a node whose weights come from the data
///     (`weights_from`: PCA, entropy, CRITIC, correlation balance) is a whole evaluation: those
///     weights depend on every unit's children, so one cell moves every unit's parent.
/// So with fixed bounds an update costs O(indicators read × depth + log units); with observed
/// bounds add O(units) per indicator, and O(units × depth + units log units) when a bound moves.
///
/// **Exactness.** After any sequence of updates, scores and ranks are those a full `evaluate`
/// of the current values gives, bit for bit, and the diagnostics the same set (a property
/// test): a one-unit evaluation performs the same operations in the same order as the
/// column-wise one.

#include "chiso/live/ranked_scores.hpp"
#include "chiso/score.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace chiso::live {

/// A plan evaluated on a data matrix, kept current under `set(unit, column, value)`.
class scoreboard {
public:
  /// Evaluates `p` on `values` (units × the columns `p` was compiled against) with ranking
  /// groups `groups` (codes per unit, empty = one group). Throws like `evaluate`, and
  /// usage_error for rank method `ordinal` (ties would need unit order) and for a plan that
  /// prepares its data (imputation or outlier treatment: one changed cell can move every
  /// imputed value and every treated column, so there is no local update).
  scoreboard(plan p, Eigen::MatrixXd values, std::vector<std::uint32_t> groups = {});

  /// Sets unit `unit`'s raw value in data column `column` (NaN = missing) and brings every
  /// score, the ranks and the diagnostics up to date.
  void set(std::size_t unit, std::size_t column, double value);

  /// Score of `node` (plan index: indicator or aggregate) for `unit`.
  double score(std::size_t unit, std::size_t node) const {
    return r_.node(node)[static_cast<Eigen::Index>(unit)];
  }
  /// Rank of `unit` on the root, within its group.
  double rank(std::size_t unit) const { return ranked_.rank_of(unit); }
  /// Every score (units × nodes, plan order), as `evaluate` lays them out.
  const Eigen::MatrixXd& scores() const noexcept { return r_.scores; }
  const Eigen::MatrixXd& values() const noexcept { return values_; }
  const plan& compiled() const noexcept { return plan_; }
  /// The diagnostics of the current values, in evaluate's order (indicators in plan order,
  /// then aggregates in topological order; within a node, column-wide first, then by unit).
  std::vector<diagnostic> diagnostics() const;

  /// What updates have cost so far (for benchmarks and docs).
  struct counters {
    std::size_t cells = 0;         ///< one-unit rescorings (indicators and aggregates)
    std::size_t columns = 0;       ///< whole-column rescorings
    std::size_t rank_rebuilds = 0; ///< rank trees rebuilt after a moved bound
    std::size_t evaluations = 0;   ///< whole evaluations (weights from the data)
  };
  const counters& stats() const noexcept { return stats_; }

private:
  enum change : unsigned char { clean, one_unit, all_units };

  plan plan_;
  Eigen::MatrixXd values_;
  std::vector<std::uint32_t> groups_;
  result r_;
  ranked_scores ranked_{Eigen::VectorXd()};
  std::vector<std::vector<diagnostic>> node_diags_;
  std::vector<std::vector<std::size_t>> readers_; // data column → indicators
  std::vector<unsigned char> whole_;              // data column → a whole evaluation per set
  std::vector<std::vector<std::size_t>> parents_; // node → node-step positions
  std::vector<std::size_t> topo_;
  std::vector<change> state_;
  std::vector<std::size_t> pending_;  // min-heap of node-step positions by topological rank
  std::vector<std::size_t> observed_; // per indicator: units whose prepared value is observed
  std::vector<std::size_t> was_observed_;
  Eigen::VectorXd column_;
  std::vector<diagnostic> scratch_;
  counters stats_;

  /// Heap order of node-step positions: the later in topological order, the lower.
  struct later_t {
    const scoreboard* sb;
    bool operator()(std::size_t a, std::size_t b) const {
      return sb->topo_[sb->plan_.node_steps()[a].index] >
             sb->topo_[sb->plan_.node_steps()[b].index];
    }
  };
  later_t later() const { return {this}; }

  /// Whether indicator k's prepared value for unit i (value / denominator · scale, then the
  /// transform: what its method sees, as detail::score_indicator prepares it) is observed.
  bool x_observed(std::size_t k, Eigen::Index i) const;
  void mark(std::size_t node, change c);
  /// Evaluates everything on values_: scores, ranks, diagnostics per node.
  void evaluate_all();

  /// Replaces node k's diagnostics about `unit` by `fresh` (recorded for a one-unit view, so
  /// their unit is 0), keeping column-wide ones (a one-unit view cannot judge the column).
  void replace_unit_diags(std::size_t k, std::size_t unit);

  /// Compares a recomputed column with the stored one, stores it, and says what changed.
  change store_column(std::size_t k, std::size_t unit);
  void rescore_indicator(std::size_t k, std::size_t unit, bool non_empty);
  void recompute_node(std::size_t pos, std::size_t unit);
};

} // namespace chiso::live
