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

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
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
inline std::size_t average_ranks(Eigen::Ref<const Eigen::VectorXd> x,
                                 Eigen::Ref<Eigen::VectorXd> out) {
  if (out.size() != x.size())
    throw usage_error("average_ranks: out has " + std::to_string(out.size()) +
                      " entries but x has " + std::to_string(x.size()));
  std::vector<Eigen::Index> idx;
  idx.reserve(static_cast<std::size_t>(x.size()));
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (std::isnan(x[i]))
      out[i] = chiso::detail::nan;
    else
      idx.push_back(i);
  }
  std::stable_sort(idx.begin(), idx.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  for (std::size_t k = 0; k < idx.size();) {
    std::size_t e = k + 1;
    while (e < idx.size() && x[idx[e]] == x[idx[k]])
      ++e;
    // ranks k+1 … e share their mean (k + 1 + e) / 2
    const double r = (static_cast<double>(k + 1) + static_cast<double>(e)) / 2.0;
    for (std::size_t t = k; t < e; ++t)
      out[idx[t]] = r;
    k = e;
  }
  return idx.size();
}

namespace detail {

/// Pearson r of two equally long NaN-free sequences (two passes: means, then centred sums).
inline double pearson_of(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  if (n < 2) return chiso::detail::nan;
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
  const double my = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(n);
  double sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double dx = x[i] - mx, dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0) || !(syy > 0)) return chiso::detail::nan;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

/// Average ranks of a NaN-free sequence, in place.
inline void rank_in_place(std::vector<double>& v) {
  Eigen::Map<const Eigen::VectorXd> in(v.data(), static_cast<Eigen::Index>(v.size()));
  Eigen::VectorXd r(in.size());
  average_ranks(in, r);
  std::copy(r.data(), r.data() + r.size(), v.begin());
}

/// Correlation of the complete rows of x and y, using `bx`, `by` as scratch.
inline pair_correlation correlate_pair(Eigen::Ref<const Eigen::VectorXd> x,
                                       Eigen::Ref<const Eigen::VectorXd> y, correlation_method m,
                                       std::vector<double>& bx, std::vector<double>& by) {
  if (x.size() != y.size())
    throw usage_error("correlation: the columns have " + std::to_string(x.size()) + " and " +
                      std::to_string(y.size()) + " rows");
  bx.clear();
  by.clear();
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && !std::isnan(y[i])) {
      bx.push_back(x[i]);
      by.push_back(y[i]);
    }
  if (m == correlation_method::spearman) {
    rank_in_place(bx);
    rank_in_place(by);
  }
  return {pearson_of(bx, by), bx.size()};
}

} // namespace detail

/// Pearson's product-moment correlation over the rows where both x and y are observed:
///   r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²),
/// means over those rows (Pearson 1896; R's `cor`; the Handbook 2008's step 4, multivariate
/// analysis, reads indicator correlations to check the framework's structure). NaN when
/// fewer than 2 complete rows or no spread in either column over them. Throws usage_error
/// when x and y differ in length. Example: x = {1, 2, 3, 4, NaN}, y = {2, 4, 5, NaN, 9}:
/// rows 1–3 complete, Σdxdy = 3, Σdx² = 2, Σdy² = 14/3, r = 3/√(28/3) = √(27/28), n = 3.
inline pair_correlation pearson(Eigen::Ref<const Eigen::VectorXd> x,
                                Eigen::Ref<const Eigen::VectorXd> y) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, correlation_method::pearson, bx, by);
}

/// Spearman's rank correlation (Spearman 1904): Pearson's r of the average ranks of x and y,
/// ranked within the rows where both are observed (as R's `cor(method = "spearman",
/// use = "pairwise.complete.obs")`). With ties this is *not* 1 − 6Σd²/(n(n² − 1)), which
/// holds only without ties. Example: x = {1, 2, 2, 3, 4}, y = {10, 20, 30, 30, 50}: ranks
/// {1, 2.5, 2.5, 4, 5} and {1, 2, 3.5, 3.5, 5}, ρ = 8.75 / 9.5 = 35/38.
inline pair_correlation spearman(Eigen::Ref<const Eigen::VectorXd> x,
                                 Eigen::Ref<const Eigen::VectorXd> y) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, correlation_method::spearman, bx, by);
}

/// `pearson` or `spearman` of x and y.
inline pair_correlation correlation(Eigen::Ref<const Eigen::VectorXd> x,
                                    Eigen::Ref<const Eigen::VectorXd> y,
                                    correlation_method method = correlation_method::pearson) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, method, bx, by);
}

/// Correlation matrix of the columns of `m` (units × variables), each entry over its pair's
/// complete rows (see `pearson`, `spearman`). Symmetric; the diagonal is 1 for a column with
/// spread over at least 2 observed values, else NaN; n(j, j) counts column j's observed values.
inline correlations correlation_matrix(Eigen::Ref<const Eigen::MatrixXd> m,
                                       correlation_method method = correlation_method::pearson) {
  const Eigen::Index k = m.cols();
  correlations c;
  c.r.resize(k, k);
  c.n.resize(k, k);
  std::vector<double> bx, by;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = i; j < k; ++j) {
      auto p = detail::correlate_pair(m.col(i), m.col(j), method, bx, by);
      if (i == j && !std::isnan(p.r)) p.r = 1.0;
      c.r(i, j) = c.r(j, i) = p.r;
      c.n(i, j) = c.n(j, i) = static_cast<Eigen::Index>(p.n);
    }
  return c;
}

/// Correlations between the columns of `a` and those of `b` (same units, same row order):
/// r(i, j) = correlation of a's column i with b's column j, over their complete rows. Use it
/// across levels (indicators × pillars). Throws usage_error when the row counts differ.
inline correlations cross_correlation(Eigen::Ref<const Eigen::MatrixXd> a,
                                      Eigen::Ref<const Eigen::MatrixXd> b,
                                      correlation_method method = correlation_method::pearson) {
  if (a.rows() != b.rows())
    throw usage_error("cross_correlation: the matrices have " + std::to_string(a.rows()) + " and " +
                      std::to_string(b.rows()) + " rows (units)");
  correlations c;
  c.r.resize(a.cols(), b.cols());
  c.n.resize(a.cols(), b.cols());
  std::vector<double> bx, by;
  for (Eigen::Index i = 0; i < a.cols(); ++i)
    for (Eigen::Index j = 0; j < b.cols(); ++j) {
      const auto p = detail::correlate_pair(a.col(i), b.col(j), method, bx, by);
      c.r(i, j) = p.r;
      c.n(i, j) = static_cast<Eigen::Index>(p.n);
    }
  return c;
}

} // namespace chiso::analysis
