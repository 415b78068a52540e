#pragma once
/// \file analysis/cronbach.hpp
/// Cronbach's alpha: how consistently a group of indicators (the children of one aggregate
/// node) measures one thing.

#include "chiso/detail/column_stats.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
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
inline cronbach_result cronbach_alpha(Eigen::Ref<const Eigen::MatrixXd> items,
                                      missing_rows rows = missing_rows::pairwise) {
  cronbach_result res;
  const Eigen::Index k = items.cols(), n = items.rows();
  res.k = static_cast<std::size_t>(k);
  if (k < 2) return res;
  std::vector<unsigned char> keep(static_cast<std::size_t>(n), 1);
  if (rows == missing_rows::complete)
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < k; ++j)
        if (std::isnan(items(i, j))) keep[static_cast<std::size_t>(i)] = 0;
  double diag = 0, total = 0;
  std::size_t fewest = std::numeric_limits<std::size_t>::max();
  bool defined = true;
  for (Eigen::Index a = 0; a < k; ++a)
    for (Eigen::Index b = a; b < k; ++b) {
      // Covariance of items a and b over the rows both observe (and `keep`), two passes.
      std::size_t m = 0;
      double sa = 0, sb = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double x = items(i, a), y = items(i, b);
        if (!keep[static_cast<std::size_t>(i)] || std::isnan(x) || std::isnan(y)) continue;
        ++m;
        sa += x;
        sb += y;
      }
      fewest = std::min(fewest, m);
      if (m < 2) {
        defined = false;
        continue;
      }
      const double ma = sa / static_cast<double>(m), mb = sb / static_cast<double>(m);
      double s = 0;
      for (Eigen::Index i = 0; i < n; ++i) {
        const double x = items(i, a), y = items(i, b);
        if (!keep[static_cast<std::size_t>(i)] || std::isnan(x) || std::isnan(y)) continue;
        s += (x - ma) * (y - mb);
      }
      const double c = s / static_cast<double>(m - 1);
      if (a == b) {
        diag += c;
        total += c;
      } else {
        total += 2 * c;
      }
    }
  res.n = fewest;
  if (!defined || total == 0) return res;
  const double kk = static_cast<double>(k);
  res.alpha = kk / (kk - 1) * (1 - diag / total);
  return res;
}

} // namespace chiso::analysis
