#pragma once
/// \file time/remap.hpp
/// Re-mapping units when they merge (Vietnam's 2025 provincial merger, 63 → 34): each old unit
/// has one successor, several old units may share it, and every column of the old units' data
/// is combined into the new unit by a declared rule. DTI 2024 was published for both sets of
/// provinces; a merged province's value is the arithmetic mean of its predecessors' main
/// indicators (`combine_rule::mean`), then aggregated as usual. docs/time.md §3.
///
/// In-memory only: reading a mapping file is the I/O layer's job; `unit_mapping::source` and
/// `lines` let it pass the file and line of each entry so messages can name them.

#include "chiso/dataset.hpp"
#include "chiso/error.hpp"
#include "chiso/merge_rule.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::time {

/// The rule of one column. `weight_column` (an index into the same matrix) is read only by
/// `weighted_mean`.
struct column_rule {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  combine_rule rule = combine_rule::mean;
  std::size_t weight_column = npos;
  missing_predecessors missing = missing_predecessors::missing_if_any;
};

/// Old unit id → new unit id, entry by entry (many-to-one; an old unit has one successor; an
/// unchanged unit maps to itself). New units come out in `order` when it is given (it must list
/// every new id exactly once), else in order of first appearance in the entries.
struct unit_mapping {
  std::vector<std::string> old_ids{};
  std::vector<std::string> new_ids{};
  std::vector<std::string> order{};
  std::string source{};             ///< mapping file, for messages, or empty
  std::vector<std::size_t> lines{}; ///< empty, or each entry's line in `source`

  /// Appends an entry old → new.
  void add(std::string old_id, std::string new_id, std::size_t line = 0) {
    old_ids.push_back(std::move(old_id));
    new_ids.push_back(std::move(new_id));
    if (line > 0 || !lines.empty()) {
      lines.resize(old_ids.size() - 1, 0);
      lines.push_back(line);
    }
  }
};

/// Options.
struct remap_options {
  /// When true (default) every old unit named in the mapping must be in the data; when false,
  /// the absent ones are listed in the report (`merged_unit::absent`) and count as missing.
  bool require_all_predecessors = true;
};

/// Where the data came from, for messages (all optional).
struct data_origin {
  std::span<const std::string> columns{}; ///< column names (else "column 3")
  std::string_view source{};              ///< data file
  std::span<const std::size_t> lines{};   ///< each unit's line in `source`
};

/// Which old units formed a new unit.
struct merged_unit {
  std::string id{};
  std::vector<std::string> predecessors{}; ///< old ids found in the data, in mapping order
  std::vector<std::size_t> rows{};         ///< their rows in the old data
  std::vector<std::string> absent{};       ///< old ids of the mapping not in the data
};

/// Result: the new units' ids, values (new units × columns, NaN = missing), how many
/// predecessors entered each value (0 when missing), and the merge report (one per new unit).
struct remap_result {
  std::vector<std::string> unit_ids{};
  Eigen::MatrixXd values{};
  Eigen::MatrixXi used{};
  std::vector<merged_unit> report{};
};

/// Combines the rows of `values` (one per unit of `unit_ids`) into the new units of `mapping`,
/// column j by `rules[j]` (formulas at `combine_rule`, missing values by `missing_predecessors`).
/// Throws `usage_error` when sizes disagree, unit ids repeat, or a weighted mean names no valid
/// weight column; `input_error` (naming file and line when `mapping.source`/`lines` and
/// `origin` give them, both ids otherwise) when: a mapping entry has an empty id; an old unit
/// is listed twice or mapped to two new units; a data unit is not in the mapping; a mapped old
/// unit is not in the data (unless `require_all_predecessors` is false); `order` misses,
/// repeats or invents a new unit; a weight entering a weighted mean is missing or ≤ 0.
/// O(units × columns) after an O(units) hash index of the ids.
remap_result remap_units(Eigen::Ref<const Eigen::MatrixXd> values,
                         std::span<const std::string> unit_ids, const unit_mapping& mapping,
                         std::span<const column_rule> rules, const remap_options& opt = {},
                         const data_origin& origin = {});

/// A re-mapped dataset with its report.
struct remapped_dataset {
  dataset data{};
  Eigen::MatrixXi used{};
  std::vector<merged_unit> report{};
};

/// `remap_units` on a dataset (rules one per column, in column order); messages name the
/// dataset's file and lines. Group labels carry over when all present predecessors of a new
/// unit share one; otherwise `input_error` naming the new unit, the group column and two
/// disagreeing predecessors. Unit names are dropped (a merged unit has a new name), so are
/// `source` and `unit_lines`.
remapped_dataset remap_units(const dataset& data, const unit_mapping& mapping,
                             std::span<const column_rule> rules, const remap_options& opt = {});

} // namespace chiso::time
