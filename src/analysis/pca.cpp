// analysis::pca: the eigen-decomposition is compiled here once, so the headers need only
// <Eigen/Core>.
#include "chiso/analysis/pca.hpp"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstddef>
#include <vector>

namespace chiso::analysis {

pca_result pca(Eigen::Ref<const Eigen::MatrixXd> m) {
  pca_result res;
  const Eigen::Index k = m.cols();
  if (k == 0) return res;
  std::vector<Eigen::Index> rows;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    bool complete = true;
    for (Eigen::Index j = 0; j < k && complete; ++j)
      complete = !std::isnan(m(i, j));
    if (complete) rows.push_back(i);
  }
  const auto n = static_cast<Eigen::Index>(rows.size());
  res.n = rows.size();
  if (n < 2) {
    res.status = pca_status::too_few_rows;
    return res;
  }
  Eigen::MatrixXd z(n, k);
  for (Eigen::Index j = 0; j < k; ++j) {
    for (Eigen::Index i = 0; i < n; ++i)
      z(i, j) = m(rows[static_cast<std::size_t>(i)], j);
    const double mean = z.col(j).mean();
    z.col(j).array() -= mean;
    const double ss = z.col(j).squaredNorm();
    if (!(ss > 0)) {
      res.status = pca_status::no_spread;
      res.column = static_cast<std::size_t>(j);
      return res;
    }
    z.col(j) /= std::sqrt(ss / static_cast<double>(n - 1));
  }
  Eigen::MatrixXd r = (z.transpose() * z) / static_cast<double>(n - 1);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(r);
  // Eigen returns them ascending; reverse to descending.
  res.eigenvalues = eig.eigenvalues().reverse();
  for (Eigen::Index j = 0; j < k; ++j)
    if (res.eigenvalues[j] < 0) res.eigenvalues[j] = 0;
  const double total = res.eigenvalues.sum();
  res.explained = res.eigenvalues / total;
  res.cumulative.resize(k);
  double run = 0;
  for (Eigen::Index j = 0; j < k; ++j)
    res.cumulative[j] = run += res.explained[j];
  res.pc1 = eig.eigenvectors().col(k - 1);
  const double sum = res.pc1.sum();
  bool flip = sum < -1e-9;
  if (std::abs(sum) <= 1e-9)
    for (Eigen::Index j = 0; j < k; ++j)
      if (std::abs(res.pc1[j]) > 1e-9) {
        flip = res.pc1[j] < 0;
        break;
      }
  if (flip) res.pc1 = -res.pc1;
  res.status = pca_status::ok;
  return res;
}

} // namespace chiso::analysis
