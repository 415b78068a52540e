#pragma once
/// \file analysis/statistics.hpp
/// Per-column descriptive statistics of indicators (coverage, min, max, mean, median, SD,
/// skewness, kurtosis, Tukey outliers) and the data-quality flags of COINr's `get_stats`.
///
/// Every statistic is over the **observed** (non-NaN) values of a column; NaN = missing.
/// A statistic that is undefined for the column (too few values, no spread) is NaN, and the
/// summary's `n` and `flags` say why (no silent NaN: `no_data`, `no_spread`).

#include "chiso/detail/column_stats.hpp"
#include "chiso/detail/moments.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace chiso::analysis {

/// Thresholds of the column flags. Defaults are COINr's `get_stats` (t_avail = 0.65,
/// t_skew = 2, t_kurt = 3.5, t_zero = 0.5, t_unq = 0.5) and Tukey's fences (1.5 · IQR).
struct stats_options {
  double min_coverage = 0.65; ///< `low_coverage` when coverage < this
  double max_abs_skew = 2.0;  ///< `skew_kurtosis` needs |skew| > this ...
  double max_kurtosis = 3.5;  ///< ... and excess kurtosis > this (both, as COINr)
  double min_nonzero = 0.5;   ///< `low_nonzero` when (non-zero values / n) < this
  double min_unique = 0.5;    ///< `low_unique` when (distinct values / n) < this
  double iqr_factor = 1.5;    ///< outlier fences Q1 − f·IQR, Q3 + f·IQR (Tukey 1977)
};

/// Flags of a column (a bit set; `flag_names` spells them).
enum class column_flag : std::uint32_t {
  none = 0,
  no_data = 1u << 0,       ///< no observed value
  no_spread = 1u << 1,     ///< every observed value is the same (SD 0; skew, kurtosis NaN)
  low_coverage = 1u << 2,  ///< coverage below `min_coverage` (COINr Flag.Avail "LOW")
  skew_kurtosis = 1u << 3, ///< |skew| > 2 and kurtosis > 3.5 (COINr Flag.SkewKurt "OUT")
  low_nonzero = 1u << 4,   ///< share of non-zero values below `min_nonzero` (Flag.NonZero)
  low_unique = 1u << 5,    ///< share of distinct values below `min_unique` (Flag.Unique)
  outliers = 1u << 6,      ///< at least one value beyond Tukey's fences
};

constexpr column_flag operator|(column_flag a, column_flag b) noexcept {
  return static_cast<column_flag>(static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b));
}
constexpr column_flag& operator|=(column_flag& a, column_flag b) noexcept {
  return a = a | b;
}
/// Whether `set` holds `f`.
constexpr bool has(column_flag set, column_flag f) noexcept {
  return (static_cast<std::uint32_t>(set) & static_cast<std::uint32_t>(f)) != 0;
}

/// Names of the flags in `set`, in the order of `column_flag` ("no_data", "no_spread",
/// "low_coverage", "skew_kurtosis", "low_nonzero", "low_unique", "outliers").
std::vector<std::string> flag_names(column_flag set);

/// Descriptive statistics of one column (see `summarise`).
struct column_summary {
  std::size_t n_rows = 0;                  ///< rows of the column (units)
  std::size_t n = 0;                       ///< observed values
  double coverage = chiso::detail::nan;    ///< n / n_rows (NaN when there are no rows)
  double min = chiso::detail::nan;         ///< smallest observed value
  double max = chiso::detail::nan;         ///< largest observed value
  double mean = chiso::detail::nan;        ///< arithmetic mean
  double median = chiso::detail::nan;      ///< type-7 quantile 0.5
  double sd = chiso::detail::nan;          ///< sample SD (n − 1)
  double skew = chiso::detail::nan;        ///< bias-corrected skewness G1 (`skewness`)
  double kurtosis = chiso::detail::nan;    ///< bias-corrected excess kurtosis G2
  double q1 = chiso::detail::nan;          ///< first quartile, type 7
  double q3 = chiso::detail::nan;          ///< third quartile, type 7
  double lower_fence = chiso::detail::nan; ///< Q1 − f·IQR
  double upper_fence = chiso::detail::nan; ///< Q3 + f·IQR
  std::size_t n_outliers = 0;              ///< values < lower_fence or > upper_fence
  std::size_t n_nonzero = 0;               ///< observed values ≠ 0
  std::size_t n_unique = 0;                ///< distinct observed values
  column_flag flags = column_flag::none;
};

/// Bias-corrected sample skewness of the observed values (e1071 `skewness(type = 2)`, Excel
/// SKEW, SAS/SPSS; COINr `skew`; Joanes & Gill 1998, "G1"):
///   d_i = x_i − x̄,  g1 = √n · Σd³ / (Σd²)^{3/2},  G1 = g1 · √(n(n − 1)) / (n − 2).
/// NaN when fewer than 3 values are observed or they have no spread.
/// Example: {1, 2, 3, 10}: x̄ = 4, Σd² = 50, Σd³ = 180, g1 = 2·180/50^{1.5} = 0.72√2,
/// G1 = 0.72√2 · √12 / 2 = 0.72√6 ≈ 1.76363.
double skewness(Eigen::Ref<const Eigen::VectorXd> x);

/// Bias-corrected sample excess kurtosis of the observed values (e1071 `kurtosis(type = 2)`,
/// Excel KURT; COINr `kurt`; Joanes & Gill 1998, "G2"):
///   r = n · Σd⁴ / (Σd²)²,  G2 = ((n + 1)(r − 3) + 6) · (n − 1) / ((n − 2)(n − 3)).
/// 0 for a normal population on average. NaN when fewer than 4 values or no spread.
/// Example: {1, 2, 3, 10}: Σd⁴ = 1394, r = 4·1394/2500 = 2.2304,
/// G2 = (5·(−0.7696) + 6) · 3 / 2 = 3.228.
double excess_kurtosis(Eigen::Ref<const Eigen::VectorXd> x);

/// Rows of `x` whose value lies beyond Tukey's fences (Tukey 1977, *Exploratory Data
/// Analysis*; the box-plot rule): x < Q1 − f·IQR or x > Q3 + f·IQR, IQR = Q3 − Q1, with Q1, Q3
/// the type-7 quartiles (R's `quantile` default, Excel QUARTILE.INC). Ascending row order.
std::vector<Eigen::Index> outlier_rows(Eigen::Ref<const Eigen::VectorXd> x,
                                       double iqr_factor = 1.5);

/// Statistics of the observed values of one column:
///   coverage = n / n_rows; min, max; mean x̄ = Σx / n; median = type-7 quantile 0.5;
///   sd = √(Σd² / (n − 1)) (sample SD, NaN when n < 2); skew = G1 and kurtosis = G2 (see
///   `skewness`, `excess_kurtosis`); q1, q3 type-7 quartiles; Tukey fences and outlier count
///   (see `outlier_rows`); counts of non-zero and distinct values.
/// Flags (COINr `get_stats`, thresholds in `options`): `no_data`, `no_spread`,
/// `low_coverage` (coverage < t_avail), `skew_kurtosis` (|skew| > t_skew and kurtosis > t_kurt),
/// `low_nonzero` (n_nonzero / n < t_zero), `low_unique` (n_unique / n < t_unq), `outliers`.
/// COINr divides the non-zero and unique counts by the number of rows for its flags; here
/// they are divided by the observed values, so missing values do not count as zeros.
column_summary summarise(Eigen::Ref<const Eigen::VectorXd> x, const stats_options& options = {});

/// `summarise` of every column of `m` (units × indicators), in column order.
std::vector<column_summary> summarise_columns(Eigen::Ref<const Eigen::MatrixXd> m,
                                              const stats_options& options = {});

} // namespace chiso::analysis
