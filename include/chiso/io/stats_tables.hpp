#pragma once
/// \file io/stats_tables.hpp
/// The statistics of a scoring (analysis/stats_report.hpp) as tables (io/table.hpp), shaped
/// once for `chiso stats` (CSV files, the JSON document's flag list) and Python's `Stats`
/// frames. `ids` are the plan's node ids (`plan::ids()`).

#include "chiso/analysis/stats_report.hpp"
#include "chiso/io/table.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chiso::io {

/// stats.csv: id, coverage, n, min, max, mean, sd, skew, kurtosis, n_outliers, flags
/// (';'-separated, `analysis::column_flags`); with `detail`, then level, median, q1, q3,
/// n_nonzero, n_unique (as the JSON document and Python's `Stats.indicators`).
table stats_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits, bool detail = false);
/// correlation.csv: the correlation matrix with an `id` column (`counts`: the rows each entry
/// used instead of r).
table correlation_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                        std::optional<int> digits, bool counts = false);
/// nodes.csv: node, level, children, alpha, alpha_n, pc1_explained, pca_n.
table nodes_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits);
/// Each aggregate node's children's correlation with it: node, child, r, n.
table with_parent_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                        std::optional<int> digits);
/// flags.csv: kind, node, child, sibling, r, n (and message, when `message`).
table flags_table(const analysis::stats_report& s, const std::vector<std::string>& ids,
                  std::optional<int> digits, bool message);

} // namespace chiso::io
