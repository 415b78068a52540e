// Per-column descriptive statistics (declared in include/chiso/analysis/statistics.hpp),
// compiled once into libchiso.
#include "chiso/analysis/statistics.hpp"

#include <cmath>
#include <utility>

namespace chiso::analysis {

std::vector<std::string> flag_names(column_flag set) {
  static constexpr std::pair<column_flag, const char*> all[] = {
      {column_flag::no_data, "no_data"},           {column_flag::no_spread, "no_spread"},
      {column_flag::low_coverage, "low_coverage"}, {column_flag::skew_kurtosis, "skew_kurtosis"},
      {column_flag::low_nonzero, "low_nonzero"},   {column_flag::low_unique, "low_unique"},
      {column_flag::outliers, "outliers"}};
  std::vector<std::string> out;
  for (const auto& [f, name] : all)
    if (has(set, f)) out.emplace_back(name);
  return out;
}

double skewness(Eigen::Ref<const Eigen::VectorXd> x) {
  return detail::skewness_of(detail::central_sums_of(x));
}

double excess_kurtosis(Eigen::Ref<const Eigen::VectorXd> x) {
  return detail::excess_kurtosis_of(detail::central_sums_of(x));
}

std::vector<Eigen::Index> outlier_rows(Eigen::Ref<const Eigen::VectorXd> x, double iqr_factor) {
  const auto v = chiso::detail::sorted_observed(x);
  std::vector<Eigen::Index> out;
  if (v.empty()) return out;
  const double q1 = chiso::detail::quantile7(v, 0.25);
  const double q3 = chiso::detail::quantile7(v, 0.75);
  const double lo = q1 - iqr_factor * (q3 - q1), hi = q3 + iqr_factor * (q3 - q1);
  for (Eigen::Index i = 0; i < x.size(); ++i)
    if (!std::isnan(x[i]) && (x[i] < lo || x[i] > hi)) out.push_back(i);
  return out;
}

column_summary summarise(Eigen::Ref<const Eigen::VectorXd> x, const stats_options& options) {
  column_summary s;
  s.n_rows = static_cast<std::size_t>(x.size());
  const auto c = detail::central_sums_of(x);
  s.n = c.n;
  if (s.n_rows) s.coverage = static_cast<double>(s.n) / static_cast<double>(s.n_rows);
  if (s.n_rows && s.coverage < options.min_coverage) s.flags |= column_flag::low_coverage;
  if (s.n == 0) {
    s.flags |= column_flag::no_data;
    return s;
  }
  const auto v = chiso::detail::sorted_observed(x);
  s.min = v.front();
  s.max = v.back();
  s.mean = c.mean;
  s.median = chiso::detail::quantile7(v, 0.5);
  s.sd = s.n > 1 ? std::sqrt(c.m2 / static_cast<double>(s.n - 1)) : chiso::detail::nan;
  s.skew = detail::skewness_of(c);
  s.kurtosis = detail::excess_kurtosis_of(c);
  s.q1 = chiso::detail::quantile7(v, 0.25);
  s.q3 = chiso::detail::quantile7(v, 0.75);
  const double iqr = s.q3 - s.q1;
  s.lower_fence = s.q1 - options.iqr_factor * iqr;
  s.upper_fence = s.q3 + options.iqr_factor * iqr;
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (v[k] < s.lower_fence || v[k] > s.upper_fence) ++s.n_outliers;
    if (v[k] != 0) ++s.n_nonzero;
    if (k == 0 || v[k] != v[k - 1]) ++s.n_unique;
  }
  const double n = static_cast<double>(s.n);
  if (s.min == s.max) s.flags |= column_flag::no_spread;
  if (std::abs(s.skew) > options.max_abs_skew && s.kurtosis > options.max_kurtosis)
    s.flags |= column_flag::skew_kurtosis;
  if (static_cast<double>(s.n_nonzero) / n < options.min_nonzero)
    s.flags |= column_flag::low_nonzero;
  if (static_cast<double>(s.n_unique) / n < options.min_unique) s.flags |= column_flag::low_unique;
  if (s.n_outliers > 0) s.flags |= column_flag::outliers;
  return s;
}

std::vector<column_summary> summarise_columns(Eigen::Ref<const Eigen::MatrixXd> m,
                                              const stats_options& options) {
  std::vector<column_summary> out;
  out.reserve(static_cast<std::size_t>(m.cols()));
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    out.push_back(summarise(m.col(j), options));
  return out;
}

} // namespace chiso::analysis
