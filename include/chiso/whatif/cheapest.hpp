#pragma once
/// \file whatif/cheapest.hpp
/// What moves a unit up, across indicators: the least-cost combination of changes that brings a
/// unit to a target rank, score or band (whatif/gap.hpp gives each indicator alone).
///
/// **The linear programme.** Let y_k be indicator k's score for unit u, y_k⁰ its value now and
/// σ = +1 when a higher root ranks better (−1 otherwise). For an indicator that may change,
/// ȳ_k is its score at its limit (the best value the single-indicator search may try,
/// `indicator_gap::limit`) and x̄_k the least value reaching ȳ_k; its score is taken as linear
/// in the value on [x_k⁰, x̄_k] (exact for min-max with fixed bounds, goalposts, capped ratio
/// rules and identity; a chord otherwise). With c_k the cost per unit of improvement:
///   minimise   Σ_k c'_k σ (y_k − y_k⁰)        c'_k = c_k |x̄_k − x_k⁰| / |ȳ_k − y_k⁰|
///                                             (costs per unit of value), or c'_k = 1 (default:
///                                             equal cost per unit of normalised score)
///   subject to y_k between y_k⁰ and ȳ_k       (indicators that may change)
///              y_k = y_k⁰                     (the others)
///              σ z_n ≤ σ Σ_j a_nj z_j          for every aggregate n under the root
///              z_n ≤ cap_n                    (σ = +1 and a capped node)
///              σ z_root ≥ σ T
/// where z_j is child j's score (an indicator's y_j or an aggregate's z_j), a_nj = w_j / Σ_avail w
/// for an arithmetic mean and w_j Σ_all w / Σ_avail w for a weighted sum (the unit's missing
/// children stay missing and are left out, as the engine leaves them out), and T the root score
/// needed: the gap's `score_needed`, less half a unit of the last decimal when the ranking
/// rounds. Solved with GLPK's simplex. The programme needs every aggregate under the root to be
/// an arithmetic mean or a weighted sum with weights from the plan (not from the data); other
/// frameworks are refused (usage_error) — the single-indicator gaps hold for any framework.
///
/// **Verified by re-scoring.** Each y_k of the optimum is turned into the least value x_k whose
/// own score reaches it (bisection on the indicator's real scoring; whole numbers rounded up
/// for counts), giving a direction D = x − x⁰. The whole framework is then evaluated by the
/// engine along x(λ) = x⁰ + λD (each value clipped at its limit, counts rounded up): the
/// answer is the least λ (to adjacent doubles) whose evaluation reaches the target — below 1
/// when the linear model was cautious (data-dependent bounds moving in u's favour), above 1
/// when rounding, ties or moved bounds made the optimum fall short. When even the end of that
/// direction, or the programme itself, does not reach, every indicator at its limit is tried
/// and, if that reaches, λ is searched along it; otherwise the target is not reachable with
/// the indicators allowed to change. The combination reported always reaches the target under
/// the framework's own evaluation; it is least-cost under the linear model above.
///
/// **Held fixed.** Indicators not scored, not under the root, with a missing value or
/// denominator, already at their limit, whose data column is read by another indicator too,
/// whose score cannot improve, and (when costs are given) those without a cost.

#include "chiso/whatif/gap.hpp"

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace chiso::whatif {

/// Cost of one unit of improvement of an indicator's data value (the column the gap reports:
/// one dossier, one percentage point...).
struct indicator_cost {
  std::size_t indicator = 0; ///< plan index
  double cost = 1;           ///< > 0 and finite
};

/// Options of `cheapest`.
struct cheapest_options {
  /// Costs per unit of data value; empty = every indicator may change, at equal cost per unit
  /// of normalised score. When given, indicators without a cost are held fixed.
  std::vector<indicator_cost> costs{};
};

/// One indicator of the combination.
struct cheapest_change {
  std::size_t indicator = 0; ///< plan index
  std::size_t column = 0;    ///< data column changed
  double value_now = std::numeric_limits<double>::quiet_NaN();
  double value_needed = std::numeric_limits<double>::quiet_NaN();
  double score_now = std::numeric_limits<double>::quiet_NaN();   ///< the indicator's score
  double score_after = std::numeric_limits<double>::quiet_NaN(); ///< at value_needed
  /// cost × |value_needed − value_now| with costs; |score_after − score_now| without.
  double cost = 0;
  bool whole = false; ///< a count: values are whole numbers
};

/// The least-cost combination for one unit and one goal.
struct cheapest_report {
  std::size_t unit = 0;
  bool already = false;    ///< the target is met now: nothing changes
  bool reachable = false;  ///< `changes` reach the target (re-scored with the engine)
  std::string reason{};    ///< why not reachable
  bool unit_costs = false; ///< costs per unit of data value (else of normalised score)
  std::vector<cheapest_change> changes{}; ///< the indicators that change, plan order
  double total_cost = 0;
  double score_after = std::numeric_limits<double>::quiet_NaN(); ///< root score with changes
  double rank_after = std::numeric_limits<double>::quiet_NaN();
  double lp_cost = std::numeric_limits<double>::quiet_NaN(); ///< the programme's optimum
  /// λ: where the re-scoring put the answer along the direction (1 = the programme's optimum
  /// as it is; along every indicator's limit when `along_limits`).
  double step = std::numeric_limits<double>::quiet_NaN();
  bool along_limits = false;   ///< the direction was every indicator to its limit (fallback)
  std::size_t evaluations = 0; ///< full evaluations made to verify
};

/// The least-cost combination (see above) for the unit and goal of `g`, the single-indicator
/// answer `gap` gave on the same plan and values (its limits, counts and directions are used).
/// Throws usage_error for a framework whose aggregates are not all arithmetic means or weighted
/// sums with fixed weights (naming the node), a cost ≤ 0 or not finite, or an indicator index
/// out of range.
cheapest_report cheapest(const plan& p, Eigen::Ref<const Eigen::MatrixXd> values,
                         std::span<const std::uint32_t> groups,
                         std::span<const std::uint32_t> impute_groups, const gap_report& g,
                         const cheapest_options& o = {});

/// Same on a dataset: runs `gap` first.
cheapest_report cheapest(const plan& p, const dataset& d, std::size_t unit, const goal& target,
                         const cheapest_options& o = {});

} // namespace chiso::whatif
