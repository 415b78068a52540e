#pragma once
/// \file weights/ahp.hpp

#include "chiso/weights/common.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstddef>
#include <optional>
#include <string>

namespace chiso::weights {

/// What to do when the consistency ratio exceeds `ahp_options::max_cr`.
enum class consistency_policy {
  warn,   ///< return the weights with a warning
  reject, ///< throw framework_error
};

/// Options of `ahp`.
struct ahp_options {
  double max_cr = 0.1; ///< Saaty's threshold: CR ≤ 0.1 is acceptable
  consistency_policy policy = consistency_policy::warn;
  /// a_ij · a_ji = 1 and a_ii = 1 must hold within this relative tolerance (judgements written
  /// to a few decimals, such as 0.333 for 1/3, need about 1e-3).
  double tolerance = 1e-6;
  /// Random index to divide CI by; by default Saaty's table (`saaty_random_index`), which stops
  /// at n = 15: larger matrices need it given.
  std::optional<double> random_index{};
};

/// AHP weights and the consistency of the judgements.
struct ahp_weights : weight_result {
  double lambda_max = 0;  ///< principal (Perron) eigenvalue of A, ≥ n
  double ci = 0;          ///< consistency index (λ_max − n)/(n − 1), 0 for n ≤ 2
  double ri = 0;          ///< random index used
  double cr = 0;          ///< consistency ratio CI/RI, 0 for n ≤ 2
  bool consistent = true; ///< cr ≤ max_cr
};

/// Saaty's random index RI(n): the mean consistency index of random reciprocal matrices with
/// entries from the 1/9 … 9 scale (Saaty 1980, *The Analytic Hierarchy Process*, McGraw-Hill;
/// n ≤ 10 also in Saaty 1990, "How to make a decision: the analytic hierarchy process", *EJOR*
/// 48, 9–26): 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57,
/// 1.59 for n = 1 … 15. Returns nullopt for n = 0 or n > 15.
inline std::optional<double> saaty_random_index(std::size_t n) {
  static constexpr std::array<double, 15> ri{0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                             1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  if (n == 0 || n > ri.size()) return std::nullopt;
  return ri[n - 1];
}

/// Weights from a pairwise comparison matrix A (Saaty 1980; Handbook 2008 §6.1 "analytic
/// hierarchy process"): a_ij = how much more important child i is than child j (Saaty's 1–9
/// scale), positive and reciprocal (a_ji = 1/a_ij, a_ii = 1).
///   A w = λ_max w (principal eigenvector, Eigen's EigenSolver; positive by Perron–Frobenius),
///   w scaled to Σ w = 1;  CI = (λ_max − n)/(n − 1);  CR = CI / RI(n).
/// For n ≤ 2 a reciprocal matrix is always consistent: CI = CR = 0. A consistent matrix
/// (a_ij = v_i/v_j) gives w = v/Σv and λ_max = n. When CR > max_cr the policy decides: a
/// warning, or framework_error. Throws framework_error naming row and column (or the children)
/// for a non-square, non-positive, non-finite or non-reciprocal matrix.
/// Example (3×3, a_12 = 2, a_13 = 4, a_23 = 1): λ_max = 1 + 2^{1/3} + 2^{−1/3} ≈ 3.053622,
/// CI ≈ 0.026811, CR ≈ 0.046226, w ∝ row geometric means (2, 2^{−1/3}, 4^{−1/3}).
inline ahp_weights ahp(Eigen::Ref<const Eigen::MatrixXd> a, const ahp_options& o = {},
                       const labels& l = {}) {
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
