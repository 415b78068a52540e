#pragma once
/// \file weights/critic.hpp

#include "chiso/param.hpp"
#include "chiso/weights/common.hpp"

namespace chiso::weights {

/// Options of `critic`.
struct critic_options {
  /// Rescale each child to [0, 1] over the complete rows first, x' = (x − min)/(max − min), as
  /// Diakoulaki et al. (1995) do (distance from the anti-ideal over the ideal-to-anti-ideal
  /// range). Off: σ_j is taken on the values as given, so a child's scale changes its weight.
  bool rescale = true;
  static constexpr auto parameters() {
    return std::tuple{param::field{"rescale", &critic_options::rescale,
                                   "min-max rescale each child to [0, 1] first"}};
  }
};

/// CRITIC weights and their ingredients.
struct critic_weights : weight_result {
  Eigen::VectorXd sd;          ///< σ_j of the (rescaled) values, sample SD (n − 1)
  Eigen::MatrixXd correlation; ///< r_jk, Pearson, over the complete rows
  Eigen::VectorXd information; ///< C_j = σ_j Σ_k (1 − r_jk)
};

/// CRITIC, "CRiteria Importance Through Intercriteria Correlation" (Diakoulaki, Mavrotas &
/// Papayannakis 1995, *Computers & Operations Research* 22(7), 763–770), over the n complete
/// rows:
///   C_j = σ_j Σ_k (1 − r_jk),  w_j = C_j / Σ_k C_k,
/// σ_j the SD of child j (after the optional rescaling to [0, 1]) and r_jk Pearson's
/// correlation. A child weighs more when it varies more (contrast) and agrees less with the
/// others (conflict). Using the sample or the population SD gives the same weights (a common
/// factor). One child gets weight 1. Throws framework_error with fewer than 2 complete rows, a
/// child constant over them, or Σ C = 0 (all children perfectly correlated).
/// Example: three units, children a = (0, 0.5, 1), b = (0, 1, 0.5), c = (1, 0.5, 0) — see
/// tests/weights/critic_test.cpp for the arithmetic.
critic_weights critic(Eigen::Ref<const Eigen::MatrixXd> x, const critic_options& o = {},
                      const labels& l = {});

} // namespace chiso::weights
