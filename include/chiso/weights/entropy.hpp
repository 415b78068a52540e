#pragma once
/// \file weights/entropy.hpp

#include "chiso/weights/common.hpp"

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
entropy_weights entropy(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l = {});

} // namespace chiso::weights
