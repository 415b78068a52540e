// weights::correlation_balance (weights/correlation_balance.hpp) and its optimiser.
#include "chiso/weights/correlation_balance.hpp"
#include "chiso/analysis/correlation.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace chiso::weights {

namespace detail {
namespace {

/// Result of `nelder_mead`.
struct nm_result {
  Eigen::VectorXd x;
  double f = std::numeric_limits<double>::infinity();
  std::size_t iterations = 0, evaluations = 0;
  bool converged = false;
};

/// Deterministic Nelder–Mead minimisation of f over R^d (Nelder & Mead 1965, with the standard
/// coefficients reflection 1, expansion 2, contraction ½, shrink ½ as in Lagarias et al. 1998,
/// *SIAM J. Optim.* 9(1)): initial simplex x0 and x0 + step·e_i; stops when the spread of f over
/// the simplex is ≤ ftol and every vertex is within xtol of the best (max norm). Then restarts
/// from the best point with a fresh simplex, up to `restarts` times, until a restart no longer
/// improves f by more than ftol (guards against a collapsed simplex). Ties are broken by vertex
/// order, so the run is reproducible bit for bit.
nm_result nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f, Eigen::VectorXd x0,
                      double step, double ftol, double xtol, std::size_t max_iterations,
                      int restarts = 4) {
  const Eigen::Index d = x0.size();
  nm_result out;
  out.x = x0;
  auto eval = [&](const Eigen::VectorXd& x) {
    ++out.evaluations;
    const double v = f(x);
    return std::isnan(v) ? std::numeric_limits<double>::infinity() : v;
  };
  out.f = eval(x0);
  if (d == 0) {
    out.converged = true;
    return out;
  }
  for (int round = 0; round <= restarts; ++round) {
    std::vector<Eigen::VectorXd> s(static_cast<std::size_t>(d + 1), out.x);
    std::vector<double> fs(static_cast<std::size_t>(d + 1), out.f);
    for (Eigen::Index i = 0; i < d; ++i) {
      s[static_cast<std::size_t>(i + 1)][i] += step;
      fs[static_cast<std::size_t>(i + 1)] = eval(s[static_cast<std::size_t>(i + 1)]);
    }
    std::vector<std::size_t> idx(s.size());
    bool converged = false;
    while (out.iterations < max_iterations) {
      std::iota(idx.begin(), idx.end(), std::size_t{0});
      std::stable_sort(idx.begin(), idx.end(),
                       [&](std::size_t a, std::size_t b) { return fs[a] < fs[b]; });
      const std::size_t best = idx.front(), worst = idx.back(), second = idx[idx.size() - 2];
      double spread = 0;
      for (const auto& v : s)
        spread = std::max(spread, (v - s[best]).cwiseAbs().maxCoeff());
      if (fs[worst] - fs[best] <= ftol && spread <= xtol) {
        converged = true;
        break;
      }
      ++out.iterations;
      Eigen::VectorXd c = Eigen::VectorXd::Zero(d);
      for (std::size_t i = 0; i < s.size(); ++i)
        if (i != worst) c += s[i];
      c /= static_cast<double>(d);
      const Eigen::VectorXd xr = c + (c - s[worst]);
      const double fr = eval(xr);
      if (fr < fs[best]) {
        const Eigen::VectorXd xe = c + 2.0 * (c - s[worst]);
        const double fe = eval(xe);
        if (fe < fr) {
          s[worst] = xe;
          fs[worst] = fe;
        } else {
          s[worst] = xr;
          fs[worst] = fr;
        }
        continue;
      }
      if (fr < fs[second]) {
        s[worst] = xr;
        fs[worst] = fr;
        continue;
      }
      // contraction: outside when the reflected point beats the worst, else inside
      const bool outside = fr < fs[worst];
      const Eigen::VectorXd xc =
          outside ? Eigen::VectorXd(c + 0.5 * (xr - c)) : Eigen::VectorXd(c + 0.5 * (s[worst] - c));
      const double fc = eval(xc);
      if (fc < (outside ? fr : fs[worst])) {
        s[worst] = xc;
        fs[worst] = fc;
        continue;
      }
      for (std::size_t i = 0; i < s.size(); ++i)
        if (i != best) {
          s[i] = s[best] + 0.5 * (s[i] - s[best]);
          fs[i] = eval(s[i]);
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i < s.size(); ++i)
      if (fs[i] < fs[best]) best = i;
    const double improvement = out.f - fs[best];
    if (fs[best] < out.f) {
      out.f = fs[best];
      out.x = s[best];
    }
    out.converged = converged;
    if (!converged || (round > 0 && !(improvement > ftol))) break;
  }
  return out;
}

/// w = softmax((θ, 0)): positive weights summing to 1 from d = k − 1 free parameters.
Eigen::VectorXd softmax_weights(const Eigen::VectorXd& theta) {
  const Eigen::Index k = theta.size() + 1;
  Eigen::VectorXd e(k);
  e.head(k - 1) = theta;
  e[k - 1] = 0;
  e.array() -= e.maxCoeff();
  e = e.array().exp();
  return e / e.sum();
}

/// A weight vector from user input: length k, finite, ≥ 0, Σ > 0; scaled to Σ = 1.
Eigen::VectorXd checked_share(const Eigen::VectorXd& v, Eigen::Index k, const labels& l,
                              const char* method, const char* what) {
  if (v.size() != k)
    throw usage_error(prefix(l, method) + what + " has " + std::to_string(v.size()) +
                      " entries for " + std::to_string(k) + " children");
  for (Eigen::Index j = 0; j < k; ++j)
    if (!std::isfinite(v[j]) || v[j] < 0)
      throw framework_error(prefix(l, method) + what + " of " + child_name(l, j) + " is " +
                            num(v[j]) + "; it must be a finite number >= 0");
  const double s = v.sum();
  if (!(s > 0)) throw framework_error(prefix(l, method) + what + " sum to 0");
  return v / s;
}

} // namespace
} // namespace detail

balance_weights correlation_balance(Eigen::Ref<const Eigen::MatrixXd> x, const balance_options& o,
                                    const labels& l) {
  const char* m = "correlation_balance";
  detail::check_matrix(x, l, m);
  balance_weights r;
  const Eigen::MatrixXd c = detail::complete_rows(x, l, m, 2, r.warnings);
  const Eigen::Index n = c.rows(), k = c.cols();
  r.rows_used = static_cast<std::size_t>(n);
  for (Eigen::Index j = 0; j < k; ++j)
    if (!(c.col(j).maxCoeff() > c.col(j).minCoeff()))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " is constant over the complete rows; its correlation with the "
                            "parent is undefined");
  const bool balance = o.objective == balance_objective::balance;
  Eigen::VectorXd t = Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
  if (balance && o.targets.size() > 0) t = detail::checked_share(o.targets, k, l, m, "targets");
  if (balance) r.targets = t;
  Eigen::VectorXd w0;
  if (o.start.size() > 0) {
    w0 = detail::checked_share(o.start, k, l, m, "start");
    if (!(w0.minCoeff() > 0))
      throw framework_error(detail::prefix(l, m) + "start weights must all be > 0");
  } else {
    w0 = balance && t.minCoeff() > 0 ? t
                                     : Eigen::VectorXd::Constant(k, 1.0 / static_cast<double>(k));
  }
  if (!(o.tolerance > 0)) throw framework_error(detail::prefix(l, m) + "tolerance must be > 0");

  // Correlations of each child with y = c w.
  Eigen::MatrixXd xc = c.rowwise() - c.colwise().mean();
  Eigen::MatrixXd z = xc;
  for (Eigen::Index j = 0; j < k; ++j)
    z.col(j) /= z.col(j).norm();
  const Eigen::MatrixXd g = z.transpose() * xc;    // k × k
  const Eigen::MatrixXd cov = xc.transpose() * xc; // k × k
  std::vector<double> bx, by;
  auto correlations = [&](const Eigen::VectorXd& w) -> Eigen::VectorXd {
    if (o.method == analysis::correlation_method::pearson) {
      const double q = w.dot(cov * w);
      if (!(q > 0)) return Eigen::VectorXd::Constant(k, detail::nan);
      return ((g * w) / std::sqrt(q)).cwiseMax(-1.0).cwiseMin(1.0);
    }
    const Eigen::VectorXd y = c * w;
    Eigen::VectorXd rr(k);
    for (Eigen::Index j = 0; j < k; ++j)
      rr[j] = analysis::detail::correlate_pair(c.col(j), y, o.method, bx, by).r;
    return rr;
  };
  auto objective = [&](const Eigen::VectorXd& w) {
    const Eigen::VectorXd rr = correlations(w);
    if (!rr.allFinite()) return std::numeric_limits<double>::infinity();
    if (!balance) return -rr.sum();
    const double s = rr.sum();
    if (!(s > 0)) return std::numeric_limits<double>::infinity();
    return (rr / s - t).squaredNorm();
  };
  Eigen::VectorXd theta0(k - 1);
  for (Eigen::Index j = 0; j + 1 < k; ++j)
    theta0[j] = std::log(w0[j]) - std::log(w0[k - 1]);
  const auto nm = detail::nelder_mead(
      [&](const Eigen::VectorXd& th) { return objective(detail::softmax_weights(th)); }, theta0,
      0.5, o.tolerance, 1e-9, o.max_iterations);
  r.w = detail::softmax_weights(nm.x);
  r.correlations = correlations(r.w);
  r.shares = r.correlations / r.correlations.sum();
  r.objective = nm.f;
  r.iterations = nm.iterations;
  r.evaluations = nm.evaluations;
  r.converged = nm.converged;
  if (!r.converged)
    r.warnings.push_back(
        detail::prefix(l, m) + "the search stopped after " + std::to_string(r.iterations) +
        " iterations without converging (objective " + detail::num(r.objective) + ")");
  if (balance && !(r.objective <= 1e-8))
    r.warnings.push_back(detail::prefix(l, m) +
                         "the target importances cannot be met: sum of squared share errors " +
                         detail::num(r.objective));
  return r;
}

} // namespace chiso::weights
