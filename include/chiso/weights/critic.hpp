#pragma once
/// \file weights/critic.hpp

#include "chiso/analysis/correlation.hpp"
#include "chiso/weights/common.hpp"

#include <string>

namespace chiso::weights {

/// Options of `critic`.
struct critic_options {
  /// Rescale each child to [0, 1] over the complete rows first, x' = (x − min)/(max − min), as
  /// Diakoulaki et al. (1995) do (distance from the anti-ideal over the ideal-to-anti-ideal
  /// range). Off: σ_j is taken on the values as given, so a child's scale changes its weight.
  bool rescale = true;
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
inline critic_weights critic(Eigen::Ref<const Eigen::MatrixXd> x, const critic_options& o = {},
                             const labels& l = {}) {
  const char* m = "critic";
  detail::check_matrix(x, l, m);
  critic_weights r;
  Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  const Eigen::Index k = c.cols();
  r.rows_used = static_cast<std::size_t>(c.rows());
  for (Eigen::Index j = 0; j < k; ++j) {
    const double lo = c.col(j).minCoeff(), hi = c.col(j).maxCoeff();
    if (!(hi > lo))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " is constant over the complete rows; its correlations are undefined");
    if (o.rescale) c.col(j) = (c.col(j).array() - lo) / (hi - lo);
  }
  r.sd.resize(k);
  for (Eigen::Index j = 0; j < k; ++j)
    r.sd[j] = detail::sample_sd(c.col(j));
  r.correlation = analysis::correlation_matrix(c).r;
  r.information.resize(k);
  for (Eigen::Index j = 0; j < k; ++j)
    r.information[j] = r.sd[j] * (1.0 - r.correlation.row(j).array()).sum();
  if (k == 1) {
    r.w = Eigen::VectorXd::Ones(1);
    return r;
  }
  const double total = r.information.sum();
  if (!(total > 0))
    throw framework_error(detail::prefix(l, m) +
                          "the children are perfectly correlated (sum of C_j is 0): CRITIC "
                          "weights are undefined");
  r.w = r.information / total;
  return r;
}

} // namespace chiso::weights
