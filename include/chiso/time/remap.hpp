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
#include "chiso/time/detail.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chiso::time {

/// How the predecessors' values x_1 … x_m of one column combine into the new unit's value.
enum class combine_rule : std::uint8_t {
  mean,          ///< Σ x_r / m — DTI 2024 practice for merged provinces
  sum,           ///< Σ x_r — counts (dossiers, population)
  weighted_mean, ///< Σ w_r x_r / Σ w_r, w from a weight column (population), every w_r > 0
  min,           ///< min x_r
  max,           ///< max x_r
  first,         ///< x of the first predecessor in mapping order
};

/// What a missing predecessor value does (a predecessor absent from the data counts as missing).
enum class missing_predecessors : std::uint8_t {
  missing_if_any, ///< the new value is missing if any predecessor value is missing
  skip,           ///< combine the present ones (mean and weights renormalise over them; sum
                  ///< adds only them; first takes the first present); missing if none
};

/// Stable names (for spec files and output).
inline constexpr std::string_view to_string(combine_rule r) noexcept {
  switch (r) {
  case combine_rule::mean: return "mean";
  case combine_rule::sum: return "sum";
  case combine_rule::weighted_mean: return "weighted_mean";
  case combine_rule::min: return "min";
  case combine_rule::max: return "max";
  case combine_rule::first: return "first";
  }
  return "mean";
}
inline constexpr std::string_view to_string(missing_predecessors m) noexcept {
  return m == missing_predecessors::skip ? "skip" : "missing_if_any";
}

/// The rule of one column. `weight_column` (an index into the same matrix) is read only by
/// `weighted_mean`.
struct column_rule {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  combine_rule rule = combine_rule::mean;
  std::size_t weight_column = npos;
  missing_predecessors missing = missing_predecessors::missing_if_any;
};

/// The merge rule of an indicator of a framework (spec key `merge`): how the columns it reads
/// (value and denominator) combine when units merge. `weight` names the data column of weights
/// for `weighted_mean` (empty otherwise). The default is DTI 2024 practice: the mean, missing if
/// any predecessor is missing.
struct merge_rule {
  combine_rule rule = combine_rule::mean;
  std::string weight{};
  missing_predecessors missing = missing_predecessors::missing_if_any;

  bool operator==(const merge_rule&) const = default;
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

namespace detail {

inline std::string column_label(const data_origin& o, std::size_t j) {
  if (j < o.columns.size()) return "column '" + o.columns[j] + "'";
  return "column " + std::to_string(j + 1);
}

inline std::string data_at(const data_origin& o, std::size_t row) {
  return location(std::string(o.source), row < o.lines.size() ? o.lines[row] : 0, "data row", row);
}

inline std::string mapping_at(const unit_mapping& m, std::size_t e) {
  return location(m.source, e < m.lines.size() ? m.lines[e] : 0, "mapping entry", e);
}

inline std::string data_name(const data_origin& o) {
  return o.source.empty() ? std::string("the data") : "the data (" + std::string(o.source) + ")";
}

inline std::string mapping_name(const unit_mapping& m) {
  return m.source.empty() ? std::string("the mapping") : "the mapping (" + m.source + ")";
}

} // namespace detail

/// Combines the rows of `values` (one per unit of `unit_ids`) into the new units of `mapping`,
/// column j by `rules[j]` (formulas at `combine_rule`, missing values by `missing_predecessors`).
/// Throws `usage_error` when sizes disagree, unit ids repeat, or a weighted mean names no valid
/// weight column; `input_error` (naming file and line when `mapping.source`/`lines` and
/// `origin` give them, both ids otherwise) when: a mapping entry has an empty id; an old unit
/// is listed twice or mapped to two new units; a data unit is not in the mapping; a mapped old
/// unit is not in the data (unless `require_all_predecessors` is false); `order` misses,
/// repeats or invents a new unit; a weight entering a weighted mean is missing or ≤ 0.
/// O(units × columns) after an O(units) hash index of the ids.
inline remap_result remap_units(Eigen::Ref<const Eigen::MatrixXd> values,
                                std::span<const std::string> unit_ids, const unit_mapping& mapping,
                                std::span<const column_rule> rules, const remap_options& opt = {},
                                const data_origin& origin = {}) {
  const auto n_rows = static_cast<std::size_t>(values.rows());
  const auto n_cols = static_cast<std::size_t>(values.cols());
  if (unit_ids.size() != n_rows)
    throw usage_error("remap_units: " + std::to_string(unit_ids.size()) + " unit ids for " +
                      std::to_string(n_rows) + " rows");
  if (rules.size() != n_cols)
    throw usage_error("remap_units: " + std::to_string(rules.size()) + " column rules for " +
                      std::to_string(n_cols) + " columns");
  for (std::size_t j = 0; j < n_cols; ++j)
    if (rules[j].rule == combine_rule::weighted_mean && rules[j].weight_column >= n_cols)
      throw usage_error("remap_units: " + detail::column_label(origin, j) +
                        " is combined by weighted_mean but names no weight column " +
                        (rules[j].weight_column == column_rule::npos
                             ? std::string("(weight_column not set)")
                             : "(index " + std::to_string(rules[j].weight_column) +
                                   ", the data has " + std::to_string(n_cols) + " columns)"));
  const auto n_entries = mapping.old_ids.size();
  if (mapping.new_ids.size() != n_entries)
    throw usage_error("remap_units: mapping has " + std::to_string(n_entries) + " old ids but " +
                      std::to_string(mapping.new_ids.size()) + " new ids");
  if (!mapping.lines.empty() && mapping.lines.size() != n_entries)
    throw usage_error("remap_units: mapping lines must be empty or one per entry");

  // Data rows by id.
  std::unordered_map<std::string_view, std::size_t> row_of;
  row_of.reserve(n_rows);
  for (std::size_t r = 0; r < n_rows; ++r) {
    auto [it, fresh] = row_of.emplace(unit_ids[r], r);
    if (!fresh)
      throw usage_error("remap_units: unit id '" + unit_ids[r] + "' is repeated (rows " +
                        std::to_string(it->second + 1) + " and " + std::to_string(r + 1) + ")");
  }

  // Entries: successor of each old id, new units in order of first appearance.
  std::unordered_map<std::string_view, std::size_t> entry_of_old; // old id → entry
  std::unordered_map<std::string_view, std::size_t> new_index;    // new id → output position
  std::vector<std::string> new_ids;
  for (std::size_t e = 0; e < n_entries; ++e) {
    const auto& o = mapping.old_ids[e];
    const auto& w = mapping.new_ids[e];
    if (o.empty() || w.empty())
      throw input_error(detail::mapping_at(mapping, e) + ": empty " + (o.empty() ? "old" : "new") +
                        " unit id in the mapping");
    auto [it, fresh] = entry_of_old.emplace(o, e);
    if (!fresh) {
      const auto& prev = mapping.new_ids[it->second];
      throw input_error(
          detail::mapping_at(mapping, e) + ": old unit '" + o + "' " +
          (prev == w ? "is listed twice (first at " + detail::mapping_at(mapping, it->second) + ")"
                     : "is mapped to '" + w + "' but also to '" + prev + "' at " +
                           detail::mapping_at(mapping, it->second) +
                           "; an old unit can have only one successor"));
    }
    if (new_index.emplace(w, new_ids.size()).second) new_ids.push_back(w);
  }
  if (!mapping.order.empty()) {
    std::unordered_map<std::string_view, std::size_t> pos;
    for (std::size_t k = 0; k < mapping.order.size(); ++k) {
      const auto& id = mapping.order[k];
      if (!new_index.count(id))
        throw input_error(detail::mapping_name(mapping) + ": the order lists new unit '" + id +
                          "', which no mapping entry maps to");
      if (!pos.emplace(id, k).second)
        throw input_error(detail::mapping_name(mapping) + ": the order lists new unit '" + id +
                          "' twice");
    }
    for (const auto& id : new_ids)
      if (!pos.count(id))
        throw input_error(detail::mapping_name(mapping) + ": new unit '" + id +
                          "' is missing from the order");
    new_ids = mapping.order;
    for (std::size_t k = 0; k < new_ids.size(); ++k)
      new_index[new_ids[k]] = k;
  }

  // Every data unit must have a successor.
  for (std::size_t r = 0; r < n_rows; ++r)
    if (!entry_of_old.count(unit_ids[r]))
      throw input_error(detail::data_at(origin, r) + ": unit '" + unit_ids[r] +
                        "' of the data is not in " + detail::mapping_name(mapping) +
                        " (every unit needs a successor; map an unchanged unit to itself)");

  const std::size_t n_new = new_ids.size();
  remap_result out;
  out.unit_ids = new_ids;
  out.report.resize(n_new);
  for (std::size_t u = 0; u < n_new; ++u)
    out.report[u].id = new_ids[u];
  for (std::size_t e = 0; e < n_entries; ++e) {
    auto& m = out.report[new_index.at(mapping.new_ids[e])];
    const auto it = row_of.find(mapping.old_ids[e]);
    if (it == row_of.end()) {
      if (opt.require_all_predecessors)
        throw input_error(detail::mapping_at(mapping, e) + ": old unit '" + mapping.old_ids[e] +
                          "' (successor '" + mapping.new_ids[e] + "') is not in " +
                          detail::data_name(origin));
      m.absent.push_back(mapping.old_ids[e]);
    } else {
      m.predecessors.push_back(mapping.old_ids[e]);
      m.rows.push_back(it->second);
    }
  }

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  out.values.resize(static_cast<Eigen::Index>(n_new), static_cast<Eigen::Index>(n_cols));
  out.used.resize(static_cast<Eigen::Index>(n_new), static_cast<Eigen::Index>(n_cols));
  for (std::size_t j = 0; j < n_cols; ++j) {
    const auto& rule = rules[j];
    const auto jc = static_cast<Eigen::Index>(j);
    for (std::size_t u = 0; u < n_new; ++u) {
      const auto& m = out.report[u];
      const auto uc = static_cast<Eigen::Index>(u);
      std::size_t present = 0;
      for (auto r : m.rows)
        present += std::isnan(values(static_cast<Eigen::Index>(r), jc)) ? 0 : 1;
      const std::size_t total = m.rows.size() + m.absent.size();
      const bool missing =
          present == 0 || (rule.missing == missing_predecessors::missing_if_any && present < total);
      if (missing) {
        out.values(uc, jc) = nan;
        out.used(uc, jc) = 0;
        continue;
      }
      double acc = 0, wsum = 0;
      bool started = false;
      for (auto r : m.rows) {
        const double x = values(static_cast<Eigen::Index>(r), jc);
        if (std::isnan(x)) continue;
        switch (rule.rule) {
        case combine_rule::mean:
        case combine_rule::sum: acc += x; break;
        case combine_rule::weighted_mean: {
          const double w =
              values(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(rule.weight_column));
          if (!(w > 0) || !std::isfinite(w))
            throw input_error(detail::data_at(origin, r) + ": unit '" + unit_ids[r] +
                              "': " + detail::column_label(origin, rule.weight_column) + " = " +
                              (std::isnan(w) ? std::string("missing") : detail::num(w)) +
                              " cannot weigh " + detail::column_label(origin, j) +
                              " into new unit '" + m.id +
                              "' (weighted_mean needs finite weights > 0)");
          acc += w * x;
          wsum += w;
          break;
        }
        case combine_rule::min: acc = started && acc <= x ? acc : x; break;
        case combine_rule::max: acc = started && acc >= x ? acc : x; break;
        case combine_rule::first: acc = started ? acc : x; break;
        }
        started = true;
      }
      if (rule.rule == combine_rule::mean) acc /= static_cast<double>(present);
      if (rule.rule == combine_rule::weighted_mean) acc /= wsum;
      out.values(uc, jc) = acc;
      out.used(uc, jc) = static_cast<int>(present);
    }
  }
  return out;
}

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
inline remapped_dataset remap_units(const dataset& data, const unit_mapping& mapping,
                                    std::span<const column_rule> rules,
                                    const remap_options& opt = {}) {
  data.check();
  const data_origin origin{data.columns, data.source, data.unit_lines};
  auto r = remap_units(data.values, data.unit_ids, mapping, rules, opt, origin);
  remapped_dataset out;
  out.data.unit_ids = std::move(r.unit_ids);
  out.data.columns = data.columns;
  out.data.values = std::move(r.values);
  for (const auto& g : data.groups) {
    group_column ng{g.name, {}};
    ng.labels.reserve(r.report.size());
    for (const auto& m : r.report) {
      std::string label;
      for (std::size_t k = 0; k < m.rows.size(); ++k) {
        const auto& l = g.labels[m.rows[k]];
        if (k > 0 && l != label)
          throw input_error("new unit '" + m.id + "': predecessors disagree on group '" + g.name +
                            "' ('" + m.predecessors[0] + "' is '" + label + "', '" +
                            m.predecessors[k] + "' is '" + l + "')");
        label = l;
      }
      ng.labels.push_back(std::move(label));
    }
    out.data.groups.push_back(std::move(ng));
  }
  out.used = std::move(r.used);
  out.report = std::move(r.report);
  return out;
}

} // namespace chiso::time
