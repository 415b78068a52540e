#pragma once
/// \file weights/ahp.hpp

#include "chiso/weights/common.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <optional>

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
std::optional<double> saaty_random_index(std::size_t n);

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
ahp_weights ahp(Eigen::Ref<const Eigen::MatrixXd> a, const ahp_options& o = {},
                const labels& l = {});

} // namespace chiso::weights
