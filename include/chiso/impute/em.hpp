#pragma once
/// \file impute/em.hpp

#include "chiso/detail/column_stats.hpp"
#include "chiso/impute/changed_cell.hpp"
#include "chiso/param.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <limits>
#include <span>
#include <tuple>
#include <vector>

namespace chiso::impute {

/// Settings of `em`.
struct em_options {
  double tolerance = 1e-8;           ///< stop when the scaled parameter change ≤ this (see `em`)
  std::size_t max_iterations = 1000; ///< stop after this many E+M steps, converged or not
  /// Also impute units with no observed value in the columns (they get μ). Off by default:
  /// such a unit carries no information, and its cells stay missing (reported).
  bool impute_empty_rows = false;

  static constexpr auto parameters() {
    return std::tuple{
        param::field{"tolerance", &em_options::tolerance,
                     "stop when the scaled change of the mean and covariance is at most this",
                     param::at_least(0)},
        param::field{"max_iterations", &em_options::max_iterations,
                     "stop after this many E+M steps, converged or not", param::at_least(1)},
        param::field{
            "impute_empty_rows", &em_options::impute_empty_rows,
            "also impute units with no observed value in the columns (they get the mean)"}};
  }
};

/// What `em` did. `mean` and `covariance` are the final maximum-likelihood estimates over the
/// columns passed, in their order (covariance divided by n, as ML).
struct em_result {
  std::size_t iterations = 0; ///< E+M steps taken
  bool converged = false;     ///< change ≤ tolerance before max_iterations
  double change = std::numeric_limits<double>::quiet_NaN(); ///< scaled change of the last step
  std::size_t n_rows = 0;                                   ///< units used in the estimation
  Eigen::VectorXd mean;
  Eigen::MatrixXd covariance;
};

/// Imputation by the EM algorithm under a multivariate normal model (Dempster, Laird & Rubin
/// 1977; Little & Rubin, *Statistical Analysis with Missing Data*, 2nd ed. 2002, §11.2;
/// Handbook 2008 §3 "expectation-maximisation imputation"). Over the p columns passed and the
/// n units with at least one observed value among them, with O_i and M_i unit i's observed and
/// missing columns:
///   start   μ_j = mean of the observed x_j,  Σ = diag(observed variances, divided by n_j);
///   E-step  x̂_iM = μ_M + Σ_MO Σ_OO⁻¹ (x_iO − μ_O),   C_i = Σ_MM − Σ_MO Σ_OO⁻¹ Σ_OM
///           (x̂_iO = x_iO, C_i zero outside M×M; a unit with O_i empty gets μ and Σ);
///   M-step  μ' = (1/n) Σ_i x̂_i,   Σ' = (1/n) Σ_i [(x̂_i − μ')(x̂_i − μ')ᵀ + C_i].
/// The conditional covariance C_i in Σ' is what makes this the proper EM (leaving it out
/// underestimates the variances). Σ_OO⁻¹ is applied through an LDLᵀ factorisation (Eigen
/// `LDLT`), once per missingness pattern. Iteration stops when
///   change = max_j |μ'_j − μ_j|/s_j  ∨  max_jk |Σ'_jk − Σ_jk|/(s_j s_k) ≤ tolerance,
/// s_j the initial SD of column j (1 for a constant column), or after `max_iterations`; then
/// every missing cell gets its conditional mean x̂ under the final μ, Σ (a status, not an
/// error, when not converged: `converged` false). Deterministic: no randomness, a fixed order.
///
/// A column with no observed value cannot be estimated: `cell_error` (unit npos). Observed
/// cells never change. Reports "em" for each missing cell (`after` NaN for units left out,
/// see `em_options::impute_empty_rows`).
/// Example: x = {1, 2, 3, 4, 5}, y = {2, 3, 5, 6, NaN}: EM converges to the regression of y on x
/// over the complete rows, ŷ = 0.5 + 1.4·5 = 7.5 (tests/impute/em_test.cpp works it by hand).
/// Compiled in the library (src/impute/em.cpp): link chiso::chiso.
em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
             const em_options& options, std::vector<changed_cell>& out);

/// `em` with default settings.
em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
             std::vector<changed_cell>& out);

} // namespace chiso::impute
