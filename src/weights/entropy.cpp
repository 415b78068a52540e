// weights::entropy (weights/entropy.hpp).
#include "chiso/weights/entropy.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

namespace chiso::weights {

entropy_weights entropy(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l) {
  const char* m = "entropy";
  detail::check_matrix(x, l, m);
  entropy_weights r;
  const Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  const Eigen::Index n = c.rows(), k = c.cols();
  r.rows_used = static_cast<std::size_t>(n);
  r.entropy.resize(k);
  r.divergence.resize(k);
  const double ln_n = std::log(static_cast<double>(n));
  for (Eigen::Index j = 0; j < k; ++j) {
    double total = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (c(i, j) < 0)
        throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) + " is " +
                              detail::num(c(i, j)) + " in complete row " + std::to_string(i + 1) +
                              "; entropy weights need values >= 0");
      total += c(i, j);
    }
    if (!(total > 0))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " is 0 for every unit; its shares p_ij = x_ij / sum are undefined");
    double h = 0;
    for (Eigen::Index i = 0; i < n; ++i) {
      const double p = c(i, j) / total;
      if (p > 0) h -= p * std::log(p);
    }
    r.entropy[j] = std::clamp(h / ln_n, 0.0, 1.0);
    r.divergence[j] = 1.0 - r.entropy[j];
  }
  const double sum = r.divergence.sum();
  if (!(sum > 0))
    throw framework_error(detail::prefix(l, m) +
                          "every child is spread evenly over the units (entropy 1): the weights "
                          "are undefined");
  r.w = r.divergence / sum;
  for (Eigen::Index j = 0; j < k; ++j)
    if (r.w[j] == 0)
      r.warnings.push_back(detail::prefix(l, m) + detail::child_name(l, j) +
                           " has the same value for every unit (entropy 1): weight 0");
  return r;
}

} // namespace chiso::weights
