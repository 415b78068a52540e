#pragma once
/// \file analysis/pca.hpp
/// Principal component analysis summary of a group of indicators: eigenvalues of their
/// correlation matrix, the share of variance each component explains, and the first
/// component's loadings.

#include "chiso/detail/column_stats.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string_view>

namespace chiso::analysis {

/// Whether a PCA could be computed (expected non-success is a status, not an exception).
enum class pca_status {
  ok,
  no_columns,   ///< the matrix has no column
  too_few_rows, ///< fewer than 2 rows where every column is observed
  no_spread,    ///< a column is constant over the complete rows: correlations undefined
};

/// "ok", "no_columns", "too_few_rows", "no_spread".
constexpr std::string_view to_string(pca_status s) noexcept {
  switch (s) {
  case pca_status::ok: return "ok";
  case pca_status::no_columns: return "no_columns";
  case pca_status::too_few_rows: return "too_few_rows";
  case pca_status::no_spread: return "no_spread";
  }
  return "unknown";
}

/// The PCA summary (see `pca`). The vectors are empty unless `status` is `ok`.
struct pca_result {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  pca_status status = pca_status::no_columns;
  std::size_t n = 0;           ///< complete rows used
  std::size_t column = npos;   ///< with `no_spread`: the first constant column
  Eigen::VectorXd eigenvalues; ///< λ_1 ≥ λ_2 ≥ … ≥ 0 of the correlation matrix
  Eigen::VectorXd explained;   ///< λ_j / Σλ (Σλ = number of columns)
  Eigen::VectorXd cumulative;  ///< running sum of `explained`
  Eigen::VectorXd pc1;         ///< unit-norm eigenvector of λ_1, sign fixed (see `pca`)

  bool ok() const noexcept { return status == pca_status::ok; }
};

/// PCA of the correlation matrix of the columns of `m` (units × indicators) over the rows
/// where every column is observed (listwise deletion, as COINr's `get_PCA`, which calls R's
/// `prcomp(scale = TRUE)` on complete rows; Jolliffe 2002, *Principal Component Analysis*;
/// JRC/OECD *Tools for Composite Indicators Building*, 2005, §3.1.1):
///   z_ij = (x_ij − x̄_j) / s_j (s_j the sample SD over the complete rows),
///   R = ZᵀZ / (n − 1), R v_j = λ_j v_j (Eigen's SelfAdjointEigenSolver), λ descending,
///   explained_j = λ_j / Σλ = λ_j / k.
/// Eigenvalues within rounding of 0 but negative are set to 0. `pc1` is v_1 (as prcomp's
/// `rotation[, 1]`; the correlation of indicator j with PC1 is v_1j·√λ_1), with a fixed sign:
/// Σ_j v_1j > 0, or when that sum is 0 (within 1e-9) the first loading that is not 0 is
/// positive. Example: two columns with correlation r: R = [[1, r], [r, 1]], λ = 1 + |r|,
/// 1 − |r|, PC1 = (1, 1)/√2 when r > 0 and (1, −1)/√2 when r < 0. Defined in the compiled
/// library (src/analysis/pca.cpp): link chiso::chiso.
pca_result pca(Eigen::Ref<const Eigen::MatrixXd> m);

} // namespace chiso::analysis
