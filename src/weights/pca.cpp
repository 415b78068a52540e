// weights::pca (weights/pca.hpp).
#include "chiso/weights/pca.hpp"
#include "chiso/analysis/pca.hpp"

#include <string>

namespace chiso::weights {

pca_weights pca(Eigen::Ref<const Eigen::MatrixXd> x, const pca_options& o, const labels& l) {
  const char* m = "pca";
  detail::check_matrix(x, l, m);
  pca_weights r;
  const Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  r.rows_used = static_cast<std::size_t>(c.rows());
  const auto p = analysis::pca(c);
  if (p.status == analysis::pca_status::no_spread)
    throw framework_error(detail::prefix(l, m) +
                          detail::child_name(l, static_cast<Eigen::Index>(p.column)) +
                          " is constant over the complete rows; correlations are undefined");
  if (!p.ok())
    throw framework_error(detail::prefix(l, m) +
                          "PCA failed: " + std::string(analysis::to_string(p.status)));
  const Eigen::Index k = x.cols();
  r.loadings = p.pc1;
  r.eigenvalue = p.eigenvalues[0];
  r.explained = p.explained[0];
  r.second_eigenvalue = k > 1 ? p.eigenvalues[1] : 0.0;
  // Loadings and eigenvalues within 1e-12 of the thresholds are rounding, not signal.
  constexpr double eps = 1e-12;
  for (Eigen::Index j = 0; j < k; ++j) {
    if (r.loadings[j] < 0 && r.loadings[j] >= -eps) r.loadings[j] = 0;
    if (r.loadings[j] < 0) {
      if (o.rule == pca_rule::loadings)
        throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                              " has a negative loading " + detail::num(r.loadings[j]) +
                              " on the first component: it would get a negative weight (use "
                              "the squared_loadings rule or check the child's direction)");
      r.warnings.push_back(detail::prefix(l, m) + detail::child_name(l, j) +
                           " has a negative loading " + detail::num(r.loadings[j]) +
                           " on the first component (it moves against the others)");
    }
  }
  if (r.second_eigenvalue > 1 + eps)
    r.warnings.push_back(detail::prefix(l, m) + "the second component has eigenvalue " +
                         detail::num(r.second_eigenvalue) +
                         " > 1: by the Kaiser criterion one component does not summarise the " +
                         "children (the first explains " + detail::num(r.explained) + ")");
  if (o.rule == pca_rule::squared_loadings) {
    r.w = r.loadings.array().square();
    r.w /= r.w.sum(); // already 1 up to rounding: v has unit norm
  } else {
    r.w = r.loadings / r.loadings.sum();
  }
  return r;
}

} // namespace chiso::weights
