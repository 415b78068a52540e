// Re-mapping units when they merge (declared in include/chiso/time/remap.hpp), compiled once
// into libchiso.
#include "chiso/time/remap.hpp"

#include "time/detail.hpp"

#include "chiso/error.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace chiso::time {

namespace detail {

std::string column_label(const data_origin& o, std::size_t j) {
  if (j < o.columns.size()) return "column '" + o.columns[j] + "'";
  return "column " + std::to_string(j + 1);
}

std::string data_at(const data_origin& o, std::size_t row) {
  return location(std::string(o.source), row < o.lines.size() ? o.lines[row] : 0, "data row", row);
}

std::string mapping_at(const unit_mapping& m, std::size_t e) {
  return location(m.source, e < m.lines.size() ? m.lines[e] : 0, "mapping entry", e);
}

std::string data_name(const data_origin& o) {
  return o.source.empty() ? std::string("the data") : "the data (" + std::string(o.source) + ")";
}

std::string mapping_name(const unit_mapping& m) {
  return m.source.empty() ? std::string("the mapping") : "the mapping (" + m.source + ")";
}

} // namespace detail

remap_result remap_units(Eigen::Ref<const Eigen::MatrixXd> values,
                         std::span<const std::string> unit_ids, const unit_mapping& mapping,
                         std::span<const column_rule> rules, const remap_options& opt,
                         const data_origin& origin) {
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

remapped_dataset remap_units(const dataset& data, const unit_mapping& mapping,
                             std::span<const column_rule> rules, const remap_options& opt) {
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
