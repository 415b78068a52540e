#pragma once
/// \file weights/correlation_balance.hpp

#include "chiso/analysis/correlation.hpp"
#include "chiso/weights/common.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace chiso::weights {

/// What `correlation_balance` optimises.
enum class balance_objective {
  /// f(w) = Σ_j (r_j / Σ_k r_k − t_j)²: each child's share of the correlations with the parent
  /// matches its target importance (COINr `optype = "balance"`).
  balance,
  /// f(w) = −Σ_j r_j: the parent carries as much of its children as possible (COINr
  /// `optype = "infomax"`).
  infomax,
};

/// Options of `correlation_balance`.
struct balance_options {
  /// Target importances t (≥ 0, Σ > 0, scaled to Σ = 1); empty = equal importance.
  Eigen::VectorXd targets{};
  balance_objective objective = balance_objective::balance;
  /// Pearson (default; COINr's default) or Spearman correlation of each child with the parent.
  analysis::correlation_method method = analysis::correlation_method::pearson;
  /// Starting weights (> 0, scaled to Σ = 1); empty = the targets (as COINr), or equal weights
  /// for `infomax` and for targets with a 0.
  Eigen::VectorXd start{};
  std::size_t max_iterations = 20000; ///< Nelder–Mead iterations, over all restarts
  double tolerance = 1e-13;           ///< spread of f over the simplex at convergence
};

/// Correlation-balanced weights and how the search went.
struct balance_weights : weight_result {
  Eigen::VectorXd correlations; ///< r_j: child j with the parent Σ_k w_k x_k
  Eigen::VectorXd shares;       ///< r_j / Σ_k r_k
  Eigen::VectorXd targets;      ///< t, scaled to Σ = 1 (balance), else empty
  double objective = 0;         ///< f at w
  std::size_t iterations = 0;   ///< Nelder–Mead iterations used
  std::size_t evaluations = 0;  ///< objective evaluations used
  bool converged = false;       ///< stopped by `tolerance`, not by `max_iterations`
};

namespace detail {

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
inline nm_result nelder_mead(const std::function<double(const Eigen::VectorXd&)>& f,
                             Eigen::VectorXd x0, double step, double ftol, double xtol,
                             std::size_t max_iterations, int restarts = 4) {
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
inline Eigen::VectorXd softmax_weights(const Eigen::VectorXd& theta) {
  const Eigen::Index k = theta.size() + 1;
  Eigen::VectorXd e(k);
  e.head(k - 1) = theta;
  e[k - 1] = 0;
  e.array() -= e.maxCoeff();
  e = e.array().exp();
  return e / e.sum();
}

/// A weight vector from user input: length k, finite, ≥ 0, Σ > 0; scaled to Σ = 1.
inline Eigen::VectorXd checked_share(const Eigen::VectorXd& v, Eigen::Index k, const labels& l,
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

} // namespace detail

/// Correlation-balanced weights (COINr `get_opt_weights`, after Becker, Saisana, Paruolo &
/// Vandecasteele 2017, "Weights and importance in composite indicators: closing the gap",
/// *Ecological Indicators* 80, 12–22): weights w (> 0, Σ = 1) such that each child's Pearson
/// correlation r_j with the parent y = Σ_k w_k x_k (the weighted arithmetic mean, over the
/// complete rows) matches a target importance t_j:
///   minimise f(w) = Σ_j (r_j / Σ_k r_k − t_j)²   (balance; t equal by default),
/// or maximise Σ_j r_j (infomax). A nominal weight is not an importance: with correlated
/// children, equal weights rarely give equal correlations.
///
/// Optimiser: deterministic Nelder–Mead (`detail::nelder_mead`) over θ ∈ R^{k−1} with
/// w = softmax(θ, 0), so every trial point is a valid weight vector; starts from the targets;
/// restarts at convergence. With Pearson, r = Zᵀ X̃ w / √(wᵀ X̃ᵀ X̃ w) (Z the standardised,
/// X̃ the centred columns) costs O(k²) per evaluation after one O(n k²) pass.
///
/// Differences from COINr: COINr correlates the children with the *index* (the top level,
/// re-aggregating the whole coin at each step), runs R's `optim` Nelder–Mead on unconstrained
/// weights (they may turn negative) with objective log(Σ(t − s)²/k), relative tolerance 0.1
/// and 500 iterations by default; here the parent is the node's own weighted mean, weights stay
/// positive, the tolerance is tight, and convergence is reported (`converged`, `iterations`,
/// `objective`). A warning is added when the search stops without converging, and when the
/// balance objective stays above 1e-8 (the targets cannot be met: e.g. a child whose
/// correlation share exceeds its target even at a tiny weight).
/// Throws framework_error with fewer than 2 complete rows or a constant child.
inline balance_weights correlation_balance(Eigen::Ref<const Eigen::MatrixXd> x,
                                           const balance_options& o = {}, const labels& l = {}) {
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
