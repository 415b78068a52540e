#pragma once
/// \file weights/benefit_of_the_doubt.hpp
/// Benefit-of-the-doubt weights and scores: one small linear programme per unit, solved with
/// GLPK in the compiled library (src/benefit_of_the_doubt.cpp). Link `chiso::chiso`, not only
/// `chiso::core`, to use it.

#include "chiso/weights/common.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

namespace chiso::weights {

/// Which values the share bounds of `bod_options` apply to.
enum class share_base {
  /// w_j x̄_j / Σ_k w_k x̄_k with x̄ the mean of each child over the units used: the same
  /// constraints for every unit (so a unit that dominates another never scores below it).
  mean,
  /// w_j x_ij / Σ_k w_k x_ik, unit i's own "pie shares" (Cherchye et al. 2007 §4; Compind's
  /// `ci_bod_constr`). Each unit has its own feasible set, so dominance is not guaranteed, and a
  /// unit with x_ij = 0 where L_j > 0 can only score 0.
  own,
};

/// Options of `benefit_of_the_doubt`.
struct bod_options {
  /// Share bounds L_j, U_j (each in [0, 1], L_j ≤ U_j, Σ L ≤ 1 ≤ Σ U). Empty = no bound
  /// (L = 0, U = 1); when either is given, the constraints
  ///   L_j ≤ w_j b_j / Σ_k w_k b_k ≤ U_j
  /// are added (b = x̄ or the unit's own values, see `share_base`).
  Eigen::VectorXd lower{}, upper{};
  share_base base = share_base::mean;
};

/// Scores and per-unit weights of benefit of the doubt.
struct bod_result {
  Eigen::VectorXd score;       ///< s_i ∈ [0, 1]; NaN for a unit with a missing child
  Eigen::MatrixXd multipliers; ///< w_ij ≥ 0 (units × children): the LP solution
  /// w_ij x_ij / s_i: the share of child j in unit i's score, Σ_j = 1 (Compind's
  /// `ci_bod_constr_weights`); NaN where s_i = 0 or the unit was left out.
  Eigen::MatrixXd shares;
  std::vector<std::string> warnings; ///< units left out, units scoring 0
  std::size_t rows_used = 0;         ///< units scored (every child observed)
};

/// Benefit of the doubt (Melyn & Moesen 1991; Cherchye, Moesen, Rogge & Van Puyenbroeck 2007,
/// "An introduction to 'benefit of the doubt' composite indicators", *Social Indicators
/// Research* 82, 111–145; Handbook 2008 §6.1): each unit i gets the weights that show it in the
/// best light, subject to no unit scoring above 1 with those weights:
///   s_i = max_w Σ_j w_j x_ij  s.t.  Σ_j w_j x_kj ≤ 1 for every unit k,  w ≥ 0,
/// plus the optional share bounds of `bod_options`. It is the output-oriented DEA model with
/// one constant input (Charnes, Cooper & Rhodes 1978). A unit on the frontier scores 1; s_i is
/// unique, the multipliers may not be (alternative optima: GLPK's simplex from the standard
/// basis picks one vertex, the same for the same input).
///
/// X: units × children, values ≥ 0 (already normalised, higher is better). Units with a missing
/// child are left out (score, multipliers and shares NaN, not constraining the others) with a
/// warning. Throws framework_error for a negative or infinite value (naming row and child),
/// unusable bounds, or no complete unit; `error` if GLPK fails (its return code and status in
/// the message).
bod_result benefit_of_the_doubt(Eigen::Ref<const Eigen::MatrixXd> x, const bod_options& o = {},
                                const labels& l = {});

} // namespace chiso::weights
