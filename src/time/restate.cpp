// Restating a framework's data on new units (declared in include/chiso/time/restate.hpp),
// compiled once into libchiso.
#include "chiso/time/restate.hpp"

#include "chiso/error.hpp"
#include "chiso/framework.hpp"

#include <string>

namespace chiso::time {

std::vector<column_rule> column_rules(const framework& f, std::span<const std::string> columns) {
  std::vector<column_rule> out(columns.size());
  std::vector<const indicator*> owner(columns.size(), nullptr);
  auto index_of = [&](const std::string& name) {
    for (std::size_t j = 0; j < columns.size(); ++j)
      if (columns[j] == name) return j;
    return column_rule::npos;
  };
  for (std::size_t j = 0; j < columns.size(); ++j)
    out[j].rule = combine_rule::sum;
  for (const auto& ind : f.indicators) {
    for (const std::string* col : {&ind.source(), &ind.denominator}) {
      if (col->empty()) continue;
      const std::size_t j = index_of(*col);
      if (j == column_rule::npos) continue;
      if (owner[j]) {
        if (!(owner[j]->merge == ind.merge))
          throw framework_error(chiso::detail::where(ind.origin) + "indicator '" + ind.id +
                                "' reads column '" + *col + "' with merge rule " +
                                std::string(to_string(ind.merge.rule)) + ", but indicator '" +
                                owner[j]->id + "' reads it with merge rule " +
                                std::string(to_string(owner[j]->merge.rule)) +
                                " (a column is merged one way: give both the same 'merge')");
        continue;
      }
      owner[j] = &ind;
      out[j].rule = ind.merge.rule;
      out[j].missing = ind.merge.missing;
      if (ind.merge.rule == combine_rule::weighted_mean) {
        out[j].weight_column = index_of(ind.merge.weight);
        if (out[j].weight_column == column_rule::npos)
          throw input_error(chiso::detail::where(ind.origin) + "indicator '" + ind.id +
                            "': merge weight column '" + ind.merge.weight + "' is not in the data");
      }
    }
  }
  return out;
}

std::vector<std::string> merge_weight_columns(const framework& f) {
  std::vector<std::string> out;
  for (const auto& ind : f.indicators)
    if (ind.merge.rule == combine_rule::weighted_mean && !ind.merge.weight.empty()) {
      bool seen = false;
      for (const auto& w : out)
        seen = seen || w == ind.merge.weight;
      if (!seen) out.push_back(ind.merge.weight);
    }
  return out;
}

remapped_dataset restate(const framework& f, const dataset& d, const unit_mapping& mapping,
                         const remap_options& opt) {
  const auto rules = column_rules(f, d.columns);
  return remap_units(d, mapping, rules, opt);
}

} // namespace chiso::time
