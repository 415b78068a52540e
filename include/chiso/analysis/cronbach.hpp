#pragma once
/// \file analysis/cronbach.hpp
/// Cronbach's alpha: how consistently a group of indicators (the children of one aggregate
/// node) measures one thing.

#include "chiso/detail/column_stats.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <limits>
#include <vector>

namespace chiso::analysis {

/// Which rows a statistic over several columns uses when some values are missing.
enum class missing_rows {
  pairwise, ///< each pair of columns uses the rows where both are observed (R's
            ///< `use = "pairwise.complete.obs"`, COINr's `get_cronbach` default)
  complete, ///< only the rows where every column is observed (listwise deletion)
};

/// Cronbach's alpha of a group of items and what it was computed on.
struct cronbach_result {
  double alpha = chiso::detail::nan; ///< NaN when undefined (see `cronbach_alpha`)
  std::size_t k = 0;                 ///< items (columns)
  std::size_t n =
      0; ///< complete rows (`complete`), or the fewest rows any pair shared (`pairwise`)
};

/// Cronbach's alpha (Cronbach 1951; JRC/OECD *Tools for Composite Indicators Building*, 2005,
/// §3.1.3; COINr `get_cronbach`) of the columns of `items` (units × k items):
///   α = k/(k − 1) · (1 − Σ_i C_ii / Σ_i Σ_j C_ij),
/// with C the sample covariance matrix (n − 1) of the items. On complete rows Σ_ij C_ij is
/// the variance of the row totals, so α = k/(k − 1) · (1 − Σσ²_i / σ²_total). With
/// `missing_rows::pairwise` (default, as COINr) C_ij uses the rows where items i and j are both
/// observed (C_ii: item i's observed values); with `complete`, only rows with every item.
/// NaN when k < 2, when some C_ij is undefined (fewer than 2 shared rows) or Σ_ij C_ij = 0.
/// Example: items {1,2,3,4}, {2,1,4,3}, {1,3,2,4}: σ²_i = 5/3 each, totals {4,6,9,11} with
/// σ² = 29/3, α = 3/2 · (1 − 5/(29/3)) = 21/29.
cronbach_result cronbach_alpha(Eigen::Ref<const Eigen::MatrixXd> items,
                               missing_rows rows = missing_rows::pairwise);

} // namespace chiso::analysis
