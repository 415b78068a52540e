#pragma once
/// \file analysis/stats_report.hpp
/// What `chiso stats` and Python's `Stats` compute for one scoring: the statistics of the
/// columns at one level (raw values, prepared values, indicator scores, or every node's score),
/// their correlation matrix and PCA, and the structure checks of every aggregate node
/// (docs/methods.md, Part III). Shaped into tables by io/stats_tables.hpp.

#include "chiso/analysis/correlation.hpp"
#include "chiso/analysis/flags.hpp"
#include "chiso/analysis/pca.hpp"
#include "chiso/analysis/statistics.hpp"
#include "chiso/correlation_method.hpp"
#include "chiso/fwd.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::analysis {

/// Which values the statistics describe.
enum class stats_level {
  raw,      ///< the indicators' data columns as read
  prepared, ///< what the methods normalise (÷ denominator, × scale, transform, imputed, treated)
  normalised, ///< the indicators' scores
  all,        ///< the scores of every indicator and aggregate node (plan order)
};

/// "raw", "prepared", "normalised", "all".
std::string_view to_string(stats_level l) noexcept;

/// The statistics of one scoring.
struct stats_report {
  stats_level level = stats_level::raw;
  correlation_method method = correlation_method::pearson;
  std::vector<std::size_t> nodes; ///< plan index of each column described
  Eigen::MatrixXd values;         ///< units × columns described
  std::vector<column_summary> summary;
  correlations corr;
  pca_result pca;
  flag_report flags;       ///< structure checks, always on the scores
  std::vector<int> levels; ///< per plan node (COINr's numbering)
};

/// The statistics of `r`, the result of evaluating `p` on a data set whose values are
/// `data_values` (units × the data's columns, as `dataset::values`).
stats_report compute_stats(const plan& p, Eigen::Ref<const Eigen::MatrixXd> data_values,
                           const result& r, stats_level level, correlation_method method);

/// Every flag of described column `c`: its statistics' flags (`flag_names`), then the structure
/// flags naming it (`negative_with:PARENT`, `collinear_with:SIBLING`); `ids` are the plan's.
std::vector<std::string> column_flags(const stats_report& s, const std::vector<std::string>& ids,
                                      std::size_t c);

} // namespace chiso::analysis
