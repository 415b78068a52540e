#pragma once
/// \file weights/pca.hpp

#include "chiso/param.hpp"
#include "chiso/weights/common.hpp"

#include <Eigen/Core>

namespace chiso::weights {

/// How the first component's loadings become weights.
enum class pca_rule {
  /// w_j = v_j² / Σ v_k² = v_j² (v the unit-norm first eigenvector of the correlation matrix):
  /// the squared loadings scaled to unity sum, the Handbook 2008 §6.1 rule (Table 17, "squared
  /// factor loading (scaled to unity sum)") for a single retained component. Since a loading of
  /// the correlation PCA is v_j·√λ_1, scaling the squared loadings gives v_j² whatever λ_1.
  squared_loadings,
  /// w_j = v_j / Σ v_k: the loadings themselves (COINr `get_PCA`, which writes
  /// `prcomp(...)$rotation[, 1]` as the weights) scaled to sum to 1. A negative loading would
  /// be a negative weight: framework_error.
  loadings,
};

/// Options of `pca`.
struct pca_options {
  pca_rule rule = pca_rule::squared_loadings;
  static constexpr auto parameters() {
    return std::tuple{param::field{
        "rule",
        &pca_options::rule,
        "weights from the loadings squared or as they are",
        {{"squared_loadings", pca_rule::squared_loadings}, {"loadings", pca_rule::loadings}}}};
  }
};

/// PCA weights and the component they come from.
struct pca_weights : weight_result {
  Eigen::VectorXd loadings;     ///< v, the unit-norm first eigenvector, sign fixed (Σ v > 0)
  double eigenvalue = 0;        ///< λ_1 of the correlation matrix
  double explained = 0;         ///< λ_1 / k, the share of variance of the first component
  double second_eigenvalue = 0; ///< λ_2 (0 with one child)
};

/// Weights from the first principal component of the correlation matrix of the children
/// (complete rows; `analysis::pca`, i.e. R's `prcomp(scale = TRUE)`; Handbook 2008 §6.1 "weights
/// based on principal components analysis or factor analysis"; Jolliffe 2002).
///
/// Sign: an eigenvector's sign is arbitrary, so it is fixed as `analysis::pca` does, Σ_j v_j > 0
/// (or the first non-zero loading positive when the sum is 0). Warnings: a loading that is still
/// negative (the child moves against the others; under `squared_loadings` it still gets a
/// positive weight); λ_2 > 1 (both beyond a rounding margin of 1e-12), i.e. the Kaiser criterion
/// (eigenvalue > 1, as the Handbook uses to choose how many factors to keep) retains more than one
/// component, so the first alone does not summarise the group. Throws framework_error with fewer
/// than 2 complete rows or a child constant over them. Example: two children with correlation r > 0
/// have v = (1, 1)/√2, so w = (½, ½) under both rules.
pca_weights pca(Eigen::Ref<const Eigen::MatrixXd> x, const pca_options& o = {},
                const labels& l = {});

} // namespace chiso::weights
