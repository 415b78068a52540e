#pragma once
/// \file impute/em.hpp

#include "chiso/detail/column_stats.hpp"
#include "chiso/impute/changed_cell.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace chiso::impute {

/// Settings of `em`.
struct em_options {
  double tolerance = 1e-8;           ///< stop when the scaled parameter change ≤ this (see `em`)
  std::size_t max_iterations = 1000; ///< stop after this many E+M steps, converged or not
  /// Also impute units with no observed value in the columns (they get μ). Off by default:
  /// such a unit carries no information, and its cells stay missing (reported).
  bool impute_empty_rows = false;
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
inline em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
                    const em_options& options, std::vector<changed_cell>& out) {
  detail::check_columns("impute::em", static_cast<std::size_t>(m.cols()), columns);
  if (!(options.tolerance > 0))
    throw framework_error("impute::em: tolerance must be > 0 (got " +
                          chiso::detail::num(options.tolerance) + ")");
  em_result r;
  const std::size_t p = columns.size();
  const auto N = static_cast<std::size_t>(m.rows());
  if (p == 0) return r;
  const auto col = [&](std::size_t k) { return static_cast<Eigen::Index>(columns[k]); };

  // Missingness mask per unit (1 = observed) and the units used.
  std::vector<std::uint8_t> mask(N * p);
  std::vector<std::size_t> rows;
  bool any_missing = false;
  for (std::size_t i = 0; i < N; ++i) {
    std::size_t seen = 0;
    for (std::size_t k = 0; k < p; ++k) {
      const bool o = !std::isnan(m(static_cast<Eigen::Index>(i), col(k)));
      mask[i * p + k] = o;
      seen += o;
    }
    any_missing = any_missing || seen < p;
    if (seen > 0 || options.impute_empty_rows) rows.push_back(i);
  }
  const std::size_t n = rows.size();
  r.n_rows = n;

  // Start: observed means and variances (divided by n_j).
  Eigen::VectorXd mu(p), scale(p);
  Eigen::MatrixXd sigma = Eigen::MatrixXd::Zero(p, p);
  for (std::size_t k = 0; k < p; ++k) {
    const auto s = chiso::detail::stats_of(m.col(col(k)));
    if (s.n == 0)
      throw cell_error("impute::em: column " + std::to_string(columns[k]) +
                           " has no observed value (EM cannot estimate its mean)",
                       cell_error::npos, columns[k]);
    mu[k] = s.mean;
    const double var =
        s.n > 1 ? s.sd * s.sd * static_cast<double>(s.n - 1) / static_cast<double>(s.n) : 0.0;
    sigma(k, k) = var;
    scale[k] = var > 0 ? std::sqrt(var) : 1.0;
  }

  // Units ordered by missingness pattern, so Σ_OO is factorised once per pattern.
  std::vector<std::size_t> order(rows);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::memcmp(&mask[a * p], &mask[b * p], p) < 0;
  });

  Eigen::MatrixXd xhat(n, p); // completed data, in `order`
  Eigen::MatrixXd csum(p, p);
  // E-step under (mu, sigma): fills xhat and csum = Σ_i C_i.
  const auto e_step = [&] {
    csum.setZero();
    std::vector<Eigen::Index> O, M;
    for (std::size_t a = 0; a < n;) {
      const std::uint8_t* pat = &mask[order[a] * p];
      std::size_t b = a + 1;
      while (b < n && std::memcmp(&mask[order[b] * p], pat, p) == 0)
        ++b;
      O.clear();
      M.clear();
      for (std::size_t k = 0; k < p; ++k)
        (pat[k] ? O : M).push_back(static_cast<Eigen::Index>(k));
      const auto no = static_cast<Eigen::Index>(O.size()), nm = static_cast<Eigen::Index>(M.size());
      Eigen::MatrixXd B; // Σ_OO⁻¹ Σ_OM  (|O| × |M|)
      Eigen::MatrixXd C; // Σ_MM − Σ_MO B
      if (nm > 0) {
        C.resize(nm, nm);
        for (Eigen::Index u = 0; u < nm; ++u)
          for (Eigen::Index v = 0; v < nm; ++v)
            C(u, v) = sigma(M[u], M[v]);
        if (no > 0) {
          Eigen::MatrixXd soo(no, no), som(no, nm);
          for (Eigen::Index u = 0; u < no; ++u) {
            for (Eigen::Index v = 0; v < no; ++v)
              soo(u, v) = sigma(O[u], O[v]);
            for (Eigen::Index v = 0; v < nm; ++v)
              som(u, v) = sigma(O[u], M[v]);
          }
          B = soo.ldlt().solve(som);
          C.noalias() -= som.transpose() * B;
        }
        for (Eigen::Index u = 0; u < nm; ++u)
          for (Eigen::Index v = 0; v < nm; ++v)
            csum(M[u], M[v]) += static_cast<double>(b - a) * C(u, v);
      }
      Eigen::VectorXd dev(no);
      for (std::size_t q = a; q < b; ++q) {
        const auto i = static_cast<Eigen::Index>(order[q]);
        const auto row = static_cast<Eigen::Index>(q);
        for (Eigen::Index u = 0; u < no; ++u) {
          const double v = m(i, col(static_cast<std::size_t>(O[u])));
          xhat(row, O[u]) = v;
          dev[u] = v - mu[O[u]];
        }
        for (Eigen::Index u = 0; u < nm; ++u) {
          double v = mu[M[u]];
          if (no > 0) v += B.col(u).dot(dev);
          xhat(row, M[u]) = v;
        }
      }
      a = b;
    }
  };

  // Complete data also goes through the loop: the first step gives the complete-data ML
  // estimates, the second confirms them.
  while (r.iterations < options.max_iterations) {
    e_step();
    const Eigen::VectorXd mu2 = xhat.colwise().mean().transpose();
    const Eigen::MatrixXd centred = xhat.rowwise() - mu2.transpose();
    const Eigen::MatrixXd sigma2 = (centred.transpose() * centred + csum) / static_cast<double>(n);
    double change = 0;
    for (Eigen::Index k = 0; k < mu.size(); ++k) {
      change = std::max(change, std::abs(mu2[k] - mu[k]) / scale[k]);
      for (Eigen::Index l = 0; l < mu.size(); ++l)
        change = std::max(change, std::abs(sigma2(k, l) - sigma(k, l)) / (scale[k] * scale[l]));
    }
    mu = mu2;
    sigma = sigma2;
    ++r.iterations;
    r.change = change;
    if (change <= options.tolerance) {
      r.converged = true;
      break;
    }
  }
  if (any_missing) {
    e_step();                             // conditional means under the final estimates
    std::vector<std::size_t> where(N, N); // unit -> its row of xhat (N: not used)
    for (std::size_t q = 0; q < n; ++q)
      where[order[q]] = q;
    for (std::size_t i = 0; i < N; ++i)
      for (std::size_t k = 0; k < p; ++k)
        if (!mask[i * p + k]) {
          const double v =
              where[i] < N ? xhat(static_cast<Eigen::Index>(where[i]), static_cast<Eigen::Index>(k))
                           : chiso::detail::nan;
          m(static_cast<Eigen::Index>(i), col(k)) = v;
          out.push_back({i, columns[k], chiso::detail::nan, v, "em"});
        }
  }
  r.mean = mu;
  r.covariance = sigma;
  return r;
}

/// `em` with default settings.
inline em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
                    std::vector<changed_cell>& out) {
  return em(m, columns, em_options{}, out);
}

} // namespace chiso::impute
