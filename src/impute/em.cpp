// impute::em (impute/em.hpp): the LDLT factorisation is compiled here once, so the headers
// need only <Eigen/Core>.
#include "chiso/impute/em.hpp"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <span>
#include <string>
#include <vector>

namespace chiso::impute {

em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
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

em_result em(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns,
             std::vector<changed_cell>& out) {
  return em(m, columns, em_options{}, out);
}

} // namespace chiso::impute
