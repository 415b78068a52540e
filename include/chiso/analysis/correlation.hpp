#pragma once
/// \file analysis/correlation.hpp
/// Pearson and Spearman correlations with pairwise-complete observations: of two columns, of
/// every pair of columns of a matrix, and between the columns of two matrices (e.g. indicators
/// against aggregates: correlations across levels).
///
/// Pairwise-complete (R's `cor(use = "pairwise.complete.obs")`, as COINr's `get_corr`): each
/// pair of columns uses the rows where *both* are observed; `n` reports how many. A
/// correlation is undefined — NaN, with its `n` telling the reader why when n < 2 — when fewer
/// than 2 rows are complete or either column is constant over them.

#include "chiso/correlation_method.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::analysis {

/// A correlation and the number of complete rows it was computed on.
struct pair_correlation {
  double r = chiso::detail::nan; ///< in [−1, 1], NaN when undefined
  std::size_t n = 0;             ///< rows where both columns are observed
};

/// A correlation matrix and the complete-row count of each entry.
struct correlations {
  Eigen::MatrixXd r; ///< r(i, j): correlation of column i (first set) with column j (second)
  Eigen::Matrix<Eigen::Index, Eigen::Dynamic, Eigen::Dynamic> n; ///< complete rows per entry
};

/// Average ranks of the observed values (ties share the mean of the ranks they span, R's
/// `rank(ties.method = "average")`), 1-based, ascending; NaN stays NaN. Returns the number
/// of observed values. Example: {10, 20, 20, 30} → {1, 2.5, 2.5, 4}.
std::size_t average_ranks(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> out);

namespace detail {

/// Correlation of the complete rows of x and y, using `bx`, `by` as scratch.
pair_correlation correlate_pair(Eigen::Ref<const Eigen::VectorXd> x,
                                Eigen::Ref<const Eigen::VectorXd> y, correlation_method m,
                                std::vector<double>& bx, std::vector<double>& by);

} // namespace detail

/// Pearson's product-moment correlation over the rows where both x and y are observed:
///   r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²),
/// means over those rows (Pearson 1896; R's `cor`; the Handbook 2008's step 4, multivariate
/// analysis, reads indicator correlations to check the framework's structure). NaN when
/// fewer than 2 complete rows or no spread in either column over them. Throws usage_error
/// when x and y differ in length. Example: x = {1, 2, 3, 4, NaN}, y = {2, 4, 5, NaN, 9}:
/// rows 1–3 complete, Σdxdy = 3, Σdx² = 2, Σdy² = 14/3, r = 3/√(28/3) = √(27/28), n = 3.
pair_correlation pearson(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<const Eigen::VectorXd> y);

/// Spearman's rank correlation (Spearman 1904): Pearson's r of the average ranks of x and y,
/// ranked within the rows where both are observed (as R's `cor(method = "spearman",
/// use = "pairwise.complete.obs")`). With ties this is *not* 1 − 6Σd²/(n(n² − 1)), which
/// holds only without ties. Example: x = {1, 2, 2, 3, 4}, y = {10, 20, 30, 30, 50}: ranks
/// {1, 2.5, 2.5, 4, 5} and {1, 2, 3.5, 3.5, 5}, ρ = 8.75 / 9.5 = 35/38.
pair_correlation spearman(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<const Eigen::VectorXd> y);

/// `pearson` or `spearman` of x and y.
pair_correlation correlation(Eigen::Ref<const Eigen::VectorXd> x,
                             Eigen::Ref<const Eigen::VectorXd> y,
                             correlation_method method = correlation_method::pearson);

/// Correlation matrix of the columns of `m` (units × variables), each entry over its pair's
/// complete rows (see `pearson`, `spearman`). Symmetric; the diagonal is 1 for a column with
/// spread over at least 2 observed values, else NaN; n(j, j) counts column j's observed values.
correlations correlation_matrix(Eigen::Ref<const Eigen::MatrixXd> m,
                                correlation_method method = correlation_method::pearson);

/// Correlations between the columns of `a` and those of `b` (same units, same row order):
/// r(i, j) = correlation of a's column i with b's column j, over their complete rows. Use it
/// across levels (indicators × pillars). Throws usage_error when the row counts differ.
correlations cross_correlation(Eigen::Ref<const Eigen::MatrixXd> a,
                               Eigen::Ref<const Eigen::MatrixXd> b,
                               correlation_method method = correlation_method::pearson);

} // namespace chiso::analysis
