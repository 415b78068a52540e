// Pearson and Spearman correlations (declared in include/chiso/analysis/correlation.hpp),
// compiled once into libchiso.
#include "chiso/analysis/correlation.hpp"

#include "chiso/error.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace chiso::analysis {

std::size_t average_ranks(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<Eigen::VectorXd> out) {
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
double pearson_of(const std::vector<double>& x, const std::vector<double>& y) {
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
void rank_in_place(std::vector<double>& v) {
  Eigen::Map<const Eigen::VectorXd> in(v.data(), static_cast<Eigen::Index>(v.size()));
  Eigen::VectorXd r(in.size());
  average_ranks(in, r);
  std::copy(r.data(), r.data() + r.size(), v.begin());
}

/// Correlation of the complete rows of x and y, using `bx`, `by` as scratch.
pair_correlation correlate_pair(Eigen::Ref<const Eigen::VectorXd> x,
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

pair_correlation pearson(Eigen::Ref<const Eigen::VectorXd> x, Eigen::Ref<const Eigen::VectorXd> y) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, correlation_method::pearson, bx, by);
}

pair_correlation spearman(Eigen::Ref<const Eigen::VectorXd> x,
                          Eigen::Ref<const Eigen::VectorXd> y) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, correlation_method::spearman, bx, by);
}

pair_correlation correlation(Eigen::Ref<const Eigen::VectorXd> x,
                             Eigen::Ref<const Eigen::VectorXd> y, correlation_method method) {
  std::vector<double> bx, by;
  return detail::correlate_pair(x, y, method, bx, by);
}

correlations correlation_matrix(Eigen::Ref<const Eigen::MatrixXd> m, correlation_method method) {
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

correlations cross_correlation(Eigen::Ref<const Eigen::MatrixXd> a,
                               Eigen::Ref<const Eigen::MatrixXd> b, correlation_method method) {
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
