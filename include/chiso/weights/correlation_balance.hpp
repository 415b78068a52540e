#pragma once
/// \file weights/correlation_balance.hpp

#include "chiso/correlation_method.hpp"
#include "chiso/param.hpp"
#include "chiso/weights/common.hpp"

#include <Eigen/Core>

#include <cstddef>

namespace chiso::weights {

/// What `correlation_balance` optimises.
enum class balance_objective {
  /// f(w) = Σ_j (r_j / Σ_k r_k − t_j)²: each child's share of the correlations with the parent
  /// matches its target importance (COINr `optype = "balance"`).
  balance,
  /// f(w) = −Σ_j r_j: the parent carries as much of its children as possible (COINr
  /// `optype = "infomax"`).
  infomax,
};

/// Options of `correlation_balance`.
struct balance_options {
  /// Target importances t (≥ 0, Σ > 0, scaled to Σ = 1); empty = equal importance.
  Eigen::VectorXd targets{};
  balance_objective objective = balance_objective::balance;
  /// Pearson (default; COINr's default) or Spearman correlation of each child with the parent.
  analysis::correlation_method method = analysis::correlation_method::pearson;
  /// Starting weights (> 0, scaled to Σ = 1); empty = the targets (as COINr), or equal weights
  /// for `infomax` and for targets with a 0.
  Eigen::VectorXd start{};
  std::size_t max_iterations = 20000; ///< Nelder–Mead iterations, over all restarts
  double tolerance = 1e-13;           ///< spread of f over the simplex at convergence
  /// The options a spec file sets (the solver's are fixed there).
  static constexpr auto parameters() {
    return std::tuple{param::field{"targets", &balance_options::targets,
                                   "target correlation shares per child (default equal)"},
                      param::field{"objective",
                                   &balance_options::objective,
                                   "balance: equal shares; infomax: most information",
                                   {{"balance", balance_objective::balance},
                                    {"infomax", balance_objective::infomax}}},
                      param::field{"correlation",
                                   &balance_options::method,
                                   "correlation measure",
                                   {{"pearson", analysis::correlation_method::pearson},
                                    {"spearman", analysis::correlation_method::spearman}}}};
  }
};

/// Correlation-balanced weights and how the search went.
struct balance_weights : weight_result {
  Eigen::VectorXd correlations; ///< r_j: child j with the parent Σ_k w_k x_k
  Eigen::VectorXd shares;       ///< r_j / Σ_k r_k
  Eigen::VectorXd targets;      ///< t, scaled to Σ = 1 (balance), else empty
  double objective = 0;         ///< f at w
  std::size_t iterations = 0;   ///< Nelder–Mead iterations used
  std::size_t evaluations = 0;  ///< objective evaluations used
  bool converged = false;       ///< stopped by `tolerance`, not by `max_iterations`
};

/// Correlation-balanced weights (COINr `get_opt_weights`, after Becker, Saisana, Paruolo &
/// Vandecasteele 2017, "Weights and importance in composite indicators: closing the gap",
/// *Ecological Indicators* 80, 12–22): weights w (> 0, Σ = 1) such that each child's Pearson
/// correlation r_j with the parent y = Σ_k w_k x_k (the weighted arithmetic mean, over the
/// complete rows) matches a target importance t_j:
///   minimise f(w) = Σ_j (r_j / Σ_k r_k − t_j)²   (balance; t equal by default),
/// or maximise Σ_j r_j (infomax). A nominal weight is not an importance: with correlated
/// children, equal weights rarely give equal correlations.
///
/// Optimiser: deterministic Nelder–Mead (in src/weights/correlation_balance.cpp) over
/// θ ∈ R^{k−1} with w = softmax(θ, 0), so every trial point is a valid weight vector; starts from
/// the targets; restarts at convergence. With Pearson, r = Zᵀ X̃ w / √(wᵀ X̃ᵀ X̃ w) (Z the
/// standardised, X̃ the centred columns) costs O(k²) per evaluation after one O(n k²) pass.
///
/// Differences from COINr: COINr correlates the children with the *index* (the top level,
/// re-aggregating the whole coin at each step), runs R's `optim` Nelder–Mead on unconstrained
/// weights (they may turn negative) with objective log(Σ(t − s)²/k), relative tolerance 0.1
/// and 500 iterations by default; here the parent is the node's own weighted mean, weights stay
/// positive, the tolerance is tight, and convergence is reported (`converged`, `iterations`,
/// `objective`). A warning is added when the search stops without converging, and when the
/// balance objective stays above 1e-8 (the targets cannot be met: e.g. a child whose
/// correlation share exceeds its target even at a tiny weight).
/// Throws framework_error with fewer than 2 complete rows or a constant child.
balance_weights correlation_balance(Eigen::Ref<const Eigen::MatrixXd> x,
                                    const balance_options& o = {}, const labels& l = {});

} // namespace chiso::weights
