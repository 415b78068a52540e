// weights::critic (weights/critic.hpp).
#include "chiso/weights/critic.hpp"
#include "chiso/analysis/correlation.hpp"

#include <cmath>
#include <cstddef>
#include <string>

namespace chiso::weights {

namespace {

/// Sample standard deviation (n − 1) of a NaN-free column (two passes).
double sample_sd(const Eigen::Ref<const Eigen::VectorXd>& c) {
  const auto n = c.size();
  if (n < 2) return chiso::detail::nan;
  const double m = c.mean();
  return std::sqrt((c.array() - m).square().sum() / static_cast<double>(n - 1));
}

} // namespace

critic_weights critic(Eigen::Ref<const Eigen::MatrixXd> x, const critic_options& o,
                      const labels& l) {
  const char* m = "critic";
  detail::check_matrix(x, l, m);
  critic_weights r;
  Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  const Eigen::Index k = c.cols();
  r.rows_used = static_cast<std::size_t>(c.rows());
  for (Eigen::Index j = 0; j < k; ++j) {
    const double lo = c.col(j).minCoeff(), hi = c.col(j).maxCoeff();
    if (!(hi > lo))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " is constant over the complete rows; its correlations are undefined");
    if (o.rescale) c.col(j) = (c.col(j).array() - lo) / (hi - lo);
  }
  r.sd.resize(k);
  for (Eigen::Index j = 0; j < k; ++j)
    r.sd[j] = sample_sd(c.col(j));
  r.correlation = analysis::correlation_matrix(c).r;
  r.information.resize(k);
  for (Eigen::Index j = 0; j < k; ++j)
    r.information[j] = r.sd[j] * (1.0 - r.correlation.row(j).array()).sum();
  if (k == 1) {
    r.w = Eigen::VectorXd::Ones(1);
    return r;
  }
  const double total = r.information.sum();
  if (!(total > 0))
    throw framework_error(detail::prefix(l, m) +
                          "the children are perfectly correlated (sum of C_j is 0): CRITIC "
                          "weights are undefined");
  r.w = r.information / total;
  return r;
}

} // namespace chiso::weights
