#pragma once
/// \file tools/chiso/stats_tables.hpp
/// What `chiso stats` computes (`stats_run`) and how it is shown: the per-indicator,
/// correlation, node and flag tables (CSV, and the JSON document's lists), the JSON document
/// and the text summary.

#include "session.hpp"

#include <chiso/analysis/correlation.hpp>
#include <chiso/analysis/flags.hpp>
#include <chiso/analysis/pca.hpp>
#include <chiso/analysis/statistics.hpp>
#include <chiso/io/table.hpp>

#include <Eigen/Core>

#include <iosfwd>
#include <optional>
#include <vector>

namespace chiso::cli {

/// Which values `stats` describes (--level).
enum class level { raw, prepared, normalised, all };

const char* level_name(level l);

/// The columns `stats` describes, their ids, and the statistics of each.
struct stats_run {
  level lv = level::raw;
  analysis::correlation_method method = analysis::correlation_method::pearson;
  std::vector<std::size_t> nodes; ///< plan index of each column
  Eigen::MatrixXd values;         ///< units × columns
  std::vector<analysis::column_summary> summary;
  analysis::correlations corr;
  analysis::pca_result pca;
  analysis::flag_report flags;
  std::vector<int> levels; ///< per plan node
};

/// stats.csv: id, coverage, n, min, max, mean, sd, skew, kurtosis, n_outliers, flags.
io::table stats_table(const session& s, const stats_run& r, std::optional<int> digits);
/// correlation.csv: the correlation matrix with an `id` column.
io::table correlation_table(const session& s, const stats_run& r, std::optional<int> digits);
/// nodes.csv: node, level, children, alpha, alpha_n, pc1_explained, pca_n.
io::table nodes_table(const session& s, const stats_run& r, std::optional<int> digits);
/// flags.csv: kind, node, child, sibling, r, n (and message, for JSON).
io::table flags_table(const session& s, const stats_run& r, std::optional<int> digits,
                      bool message);

/// The whole JSON document.
void write_stats_json(std::ostream& out, const session& s, const stats_run& r,
                      std::optional<int> digits);
/// The text summary.
void write_stats_text(std::ostream& out, const session& s, const stats_run& r,
                      std::optional<int> digits);

} // namespace chiso::cli
