#pragma once
/// \file weights/entropy.hpp

#include "chiso/weights/common.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace chiso::weights {

/// Entropy weights and their ingredients.
struct entropy_weights : weight_result {
  Eigen::VectorXd entropy;    ///< e_j ∈ [0, 1]
  Eigen::VectorXd divergence; ///< d_j = 1 − e_j
};

/// Shannon-entropy weights (the "entropy weight method": Shannon 1948; Hwang & Yoon 1981,
/// *Multiple Attribute Decision Making*; Zeleny 1982, *Multiple Criteria Decision Making*), over
/// the n complete rows:
///   p_ij = x_ij / Σ_i x_ij,  e_j = −(1 / ln n) Σ_i p_ij ln p_ij  (0 · ln 0 = 0),
///   d_j = 1 − e_j,  w_j = d_j / Σ_k d_k.
/// A child whose values are spread evenly over the units (e_j = 1) carries no information and
/// gets weight 0 (with a warning); the more concentrated its values, the larger its weight.
/// Needs values ≥ 0 (entropy of shares), at least one positive value per child and n ≥ 2: else
/// framework_error naming the child (and row). Not invariant to a shift of the values: the
/// result depends on the normalisation that produced X (min-max to [0, 1] puts a 0 in every
/// column). Example: children (1, 1) and (1, 3) over 2 units: e_1 = 1, p_2 = (¼, ¾),
/// e_2 = −(¼ ln ¼ + ¾ ln ¾)/ln 2 ≈ 0.811278, so w = (0, 1).
inline entropy_weights entropy(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l = {}) {
  const char* m = "entropy";
  detail::check_matrix(x, l, m);
  entropy_weights r;
  const Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  const Eigen::Index n = c.rows(), k = c.cols();
  r.rows_used = static_cast<std::size_t>(n);
  r.entropy.resize(k);
  r.divergence.resize(k);
  const double ln_n = std::log(static_cast<double>(n));
  for (Eigen::Index j = 0; j < k; ++j) {
    double total = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (c(i, j) < 0)
        throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) + " is " +
                              detail::num(c(i, j)) + " in complete row " + std::to_string(i + 1) +
                              "; entropy weights need values >= 0");
      total += c(i, j);
    }
    if (!(total > 0))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " is 0 for every unit; its shares p_ij = x_ij / sum are undefined");
    double h = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double p = c(i, j) / total;
      if (p > 0) h -= p * std::log(p);
    }
    r.entropy[j] = std::clamp(h / ln_n, 0.0, 1.0);
    r.divergence[j] = 1.0 - r.entropy[j];
  }
  const double sum = r.divergence.sum();
  if (!(sum > 0))
    throw framework_error(detail::prefix(l, m) +
                          "every child is spread evenly over the units (entropy 1): the weights "
                          "are undefined");
  r.w = r.divergence / sum;
  for (Eigen::Index j = 0; j < k; ++j)
    if (r.w[j] == 0)
      r.warnings.push_back(detail::prefix(l, m) + detail::child_name(l, j) +
                           " has the same value for every unit (entropy 1): weight 0");
  return r;
}

} // namespace chiso::weights
