// weights::ahp and saaty_random_index (weights/ahp.hpp): the general eigen-solver is compiled
// here once.
#include "chiso/weights/ahp.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <optional>
#include <string>

namespace chiso::weights {

std::optional<double> saaty_random_index(std::size_t n) {
  static constexpr std::array<double, 15> ri{0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                             1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  if (n == 0 || n > ri.size()) return std::nullopt;
  return ri[n - 1];
}

ahp_weights ahp(Eigen::Ref<const Eigen::MatrixXd> a, const ahp_options& o, const labels& l) {
  const char* m = "ahp";
  const Eigen::Index n = a.rows();
  if (n == 0 || a.cols() != n)
    throw framework_error(detail::prefix(l, m) + "the comparison matrix is " +
                          std::to_string(a.rows()) + " x " + std::to_string(a.cols()) +
                          "; it must be square and not empty");
  if (!l.children.empty() && l.children.size() != static_cast<std::size_t>(n))
    throw usage_error(detail::prefix(l, m) + std::to_string(l.children.size()) +
                      " child names for a " + std::to_string(n) + " x " + std::to_string(n) +
                      " matrix");
  if (!(o.tolerance >= 0) || !(o.max_cr >= 0))
    throw framework_error(detail::prefix(l, m) + "tolerance and max_cr must be >= 0");
  auto cell = [&](Eigen::Index i, Eigen::Index j) {
    return "a(" + std::to_string(i + 1) + ", " + std::to_string(j + 1) + ") (" +
           detail::child_name(l, i) + " vs " + detail::child_name(l, j) + ")";
  };
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (!std::isfinite(a(i, j)) || !(a(i, j) > 0))
        throw framework_error(detail::prefix(l, m) + cell(i, j) + " is " + detail::num(a(i, j)) +
                              "; comparisons must be positive numbers");
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::abs(a(i, i) - 1.0) > o.tolerance)
      throw framework_error(detail::prefix(l, m) + cell(i, i) + " is " + detail::num(a(i, i)) +
                            "; the diagonal must be 1");
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::abs(a(i, j) * a(j, i) - 1.0) > o.tolerance)
        throw framework_error(detail::prefix(l, m) + cell(i, j) + " is " + detail::num(a(i, j)) +
                              " but a(" + std::to_string(j + 1) + ", " + std::to_string(i + 1) +
                              ") is " + detail::num(a(j, i)) +
                              "; the matrix must be reciprocal (a_ji = 1/a_ij)");
  }
  ahp_weights r;
  r.rows_used = static_cast<std::size_t>(n);
  const auto un = static_cast<std::size_t>(n);
  if (o.random_index) {
    if (!(*o.random_index > 0) && n > 2)
      throw framework_error(detail::prefix(l, m) + "random_index must be > 0");
    r.ri = *o.random_index;
  } else if (const auto ri = saaty_random_index(un)) {
    r.ri = *ri;
  } else {
    throw framework_error(detail::prefix(l, m) + "Saaty's random index table stops at 15 " +
                          "children; this matrix has " + std::to_string(n) + ": give random_index");
  }
  if (n == 1) {
    r.w = Eigen::VectorXd::Ones(1);
    r.lambda_max = 1;
    return r;
  }
  Eigen::EigenSolver<Eigen::MatrixXd> es(a);
  if (es.info() != Eigen::Success)
    throw framework_error(detail::prefix(l, m) + "the eigenvalue computation did not converge");
  Eigen::Index best = 0;
  for (Eigen::Index j = 1; j < n; ++j)
    if (es.eigenvalues()[j].real() > es.eigenvalues()[best].real()) best = j;
  r.lambda_max = es.eigenvalues()[best].real();
  Eigen::VectorXd v = es.eigenvectors().col(best).real();
  v /= v.sum(); // the Perron vector has one sign: this makes it positive
  for (Eigen::Index j = 0; j < n; ++j)
    if (v[j] < 0) v[j] = 0; // rounding only
  r.w = v / v.sum();
  if (n > 2) {
    r.ci = std::max(0.0, (r.lambda_max - static_cast<double>(n)) / static_cast<double>(n - 1));
    r.cr = r.ci / r.ri;
  }
  r.consistent = r.cr <= o.max_cr;
  if (!r.consistent) {
    const std::string what = "consistency ratio " + detail::num(r.cr) + " exceeds " +
                             detail::num(o.max_cr) + " (lambda_max " + detail::num(r.lambda_max) +
                             ", CI " + detail::num(r.ci) + ", RI " + detail::num(r.ri) +
                             "): the pairwise judgements contradict each other";
    if (o.policy == consistency_policy::reject) throw framework_error(detail::prefix(l, m) + what);
    r.warnings.push_back(detail::prefix(l, m) + what);
  }
  return r;
}

} // namespace chiso::weights
