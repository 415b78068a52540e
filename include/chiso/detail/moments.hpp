#pragma once
/// \file detail/moments.hpp
/// Central sums and the bias-corrected skewness (G1) and excess kurtosis (G2) computed from them:
/// shared by the descriptive statistics (analysis/statistics.hpp, which documents the formulas)
/// and the outlier treatments (treat/column_treatment.hpp). Internals, no promises. Declared in
/// `chiso::analysis::detail`, where both name them, but kept out of analysis/ so that the model
/// headers (framework.hpp, through the treatments) do not reach the analysis layer.

#include "chiso/detail/column_stats.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>

namespace chiso::analysis::detail {

/// Σ(x − μ)^2, Σ(x − μ)^3, Σ(x − μ)^4 over the observed values (two passes: mean first).
struct central_sums {
  std::size_t n = 0;
  double mean = chiso::detail::nan, m2 = 0, m3 = 0, m4 = 0;
};

inline central_sums central_sums_of(Eigen::Ref<const Eigen::VectorXd> x) {
  central_sums s;
  double sum = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) {
      sum += x[i];
      ++s.n;
    }
  if (s.n == 0) return s;
  s.mean = sum / static_cast<double>(s.n);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i])) {
      const double d = x[i] - s.mean;
      const double d2 = d * d;
      s.m2 += d2;
      s.m3 += d2 * d;
      s.m4 += d2 * d2;
    }
  return s;
}

inline double skewness_of(const central_sums& s) {
  if (s.n < 3 || !(s.m2 > 0)) return chiso::detail::nan;
  const double n = static_cast<double>(s.n);
  const double g1 = std::sqrt(n) * s.m3 / std::pow(s.m2, 1.5);
  return g1 * std::sqrt(n * (n - 1)) / (n - 2);
}

inline double excess_kurtosis_of(const central_sums& s) {
  if (s.n < 4 || !(s.m2 > 0)) return chiso::detail::nan;
  const double n = static_cast<double>(s.n);
  const double r = n * s.m4 / (s.m2 * s.m2);
  return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3));
}

} // namespace chiso::analysis::detail
