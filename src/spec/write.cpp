#include "fragments.hpp"

#include "chiso/io/spec.hpp"

#include <cmath>
#include <ostream>
#include <sstream>

namespace chiso::io {

namespace {

using namespace fragment;

std::string opt_num(const std::optional<double>& x, std::string_view what) {
  return x ? finite_text(*x, what) : "null";
}

/// `targets:` of an indicator or node (nothing when there are none); `dir` is the direction a
/// value target gets by default.
void write_targets(std::ostream& o, const std::vector<time::tracked_target>& targets, int dir,
                   bool is_node, const std::string& what) {
  if (targets.empty()) return;
  o << "    targets:\n";
  const time::target_options def;
  for (std::size_t k = 0; k < targets.size(); ++k) {
    const auto& t = targets[k];
    const std::string w = what + ": targets[" + std::to_string(k) + "]";
    std::vector<std::pair<std::string, std::string>> kv{
        {"value", finite_text(t.goal.value, w + ": value")},
        {"deadline", finite_text(t.goal.deadline, w + ": deadline")}};
    if (t.goal.baseline)
      kv.emplace_back("baseline", finite_text(*t.goal.baseline, w + ": baseline"));
    if (!is_node && t.of != time::target_of::value) kv.emplace_back("of", "score");
    const int def_dir = t.of == time::target_of::value && !is_node ? dir : 1;
    if (t.options.direction != def_dir)
      kv.emplace_back("direction", std::to_string(t.options.direction));
    if (t.options.cap != def.cap) kv.emplace_back("cap", t.options.cap ? "true" : "false");
    if (t.options.projection != def.projection)
      kv.emplace_back("projection", std::string(time::to_string(t.options.projection)));
    if (t.options.min_observations != def.min_observations)
      kv.emplace_back("min_observations", std::to_string(t.options.min_observations));
    o << "      - " << flow_map(kv) << "\n";
  }
}

void write_merge(std::ostream& o, const time::merge_rule& m) {
  if (m == time::merge_rule{}) return;
  const bool weighted = m.rule == time::combine_rule::weighted_mean;
  if (!weighted && m.missing == time::missing_predecessors::missing_if_any) {
    o << "    merge: " << time::to_string(m.rule) << "\n";
    return;
  }
  std::vector<std::pair<std::string, std::string>> kv;
  if (weighted)
    kv.emplace_back("weighted_mean", yaml_string(m.weight));
  else
    kv.emplace_back("rule", std::string(time::to_string(m.rule)));
  if (m.missing != time::missing_predecessors::missing_if_any)
    kv.emplace_back("missing", std::string(time::to_string(m.missing)));
  o << "    merge: " << flow_map(kv) << "\n";
}

void write_framework(std::ostream& out, const framework& f, const spec* s) {
  // Everything is checked before the first byte is written.
  std::vector<written_method> methods, aggregations;
  for (const auto& i : f.indicators)
    methods.push_back(describe_method(i.method, i.id));
  for (const auto& n : f.nodes)
    aggregations.push_back(describe_aggregation(n.aggregation, n.id));

  std::ostringstream o;
  o << "# chiso framework spec (schema: docs/spec.md)\n";
  o << "chiso: 1\n";
  o << "id: " << id_text(f.id) << "\n";
  if (!f.name.empty()) o << "name: " << yaml_string(f.name) << "\n";
  if (!f.description.empty()) o << "description: " << yaml_string(f.description) << "\n";
  if (!f.version.empty()) o << "version: " << yaml_string(f.version) << "\n";
  if (!f.root.empty()) o << "root: " << id_text(f.root) << "\n";
  if (f.display_decimals) o << "display_decimals: " << *f.display_decimals << "\n";
  if (f.scaling != period_scaling::per_period || f.impute_periods) {
    o << "periods:\n";
    if (f.scaling != period_scaling::per_period) o << "  scaling: " << to_string(f.scaling) << "\n";
    if (const auto& x = f.impute_periods) {
      std::vector<std::pair<std::string, std::string>> kv{
          {"method", std::string(to_string(x->method))}};
      if (std::isfinite(x->max_gap)) kv.emplace_back("max_gap", finite_text(x->max_gap, "max_gap"));
      o << "  impute: " << flow_map(kv) << "\n";
    }
  }

  if (f.impute) o << "impute: " << imputation_text(*f.impute) << "\n";
  if (f.treat) o << "treat: " << treatment_text(*f.treat) << "\n";

  const rank_options def_rank;
  const auto& ro = f.ranking.options;
  if (ro.method != def_rank.method || ro.order != def_rank.order || ro.round_to ||
      !f.ranking.group_by.empty()) {
    o << "ranking:\n";
    if (ro.method != def_rank.method) o << "  method: " << to_string(ro.method) << "\n";
    if (ro.order != def_rank.order) o << "  order: " << to_string(ro.order) << "\n";
    if (!f.ranking.group_by.empty()) o << "  group_by: " << id_text(f.ranking.group_by) << "\n";
    if (ro.round_to) o << "  round_to: " << *ro.round_to << "\n";
  }

  if (!f.bands.empty()) {
    o << "bands:\n";
    for (std::size_t k = 0; k < f.bands.size(); ++k) {
      const auto& b = f.bands[k];
      std::vector<std::pair<std::string, std::string>> kv{{"label", yaml_string(b.label)}};
      const bool catch_all = k + 1 == f.bands.size() && std::isinf(b.min) && b.min < 0;
      if (!catch_all) kv.emplace_back("min", finite_text(b.min, "band '" + b.label + "': min"));
      o << "  - " << flow_map(kv) << "\n";
    }
  }

  if (s) {
    if (s->sample) {
      auto file = s->sample->file;
      if (!s->dir.empty()) {
        const auto rel = file.lexically_relative(s->dir);
        if (!rel.empty() && *rel.begin() != "..") file = rel;
      }
      o << "sample:\n  file: " << yaml_string(file.generic_string()) << "\n";
      o << "  synthetic: " << (s->sample->synthetic ? "true" : "false") << "\n";
      if (!s->sample->note.empty()) o << "  note: " << yaml_string(s->sample->note) << "\n";
    }
    const data_layout def;
    const auto& d = s->data;
    if (d.unit_column != def.unit_column || d.name_column != def.name_column || !d.groups.empty()) {
      o << "data:\n";
      if (d.unit_column != def.unit_column)
        o << "  unit_column: " << yaml_string(d.unit_column) << "\n";
      if (d.name_column != def.name_column)
        o << "  name_column: " << yaml_string(d.name_column) << "\n";
      if (!d.groups.empty()) {
        std::vector<std::string> g;
        for (const auto& x : d.groups)
          g.push_back(yaml_string(x));
        o << "  groups: " << flow_list(g) << "\n";
      }
    }
  }

  const indicator di;
  o << "indicators:";
  o << (f.indicators.empty() ? " []\n" : "\n");
  for (std::size_t k = 0; k < f.indicators.size(); ++k) {
    const auto& i = f.indicators[k];
    const std::string what = "indicator '" + i.id + "'";
    o << "  - id: " << id_text(i.id) << "\n";
    if (!i.name.empty()) o << "    name: " << yaml_string(i.name) << "\n";
    if (!i.unit.empty()) o << "    unit: " << yaml_string(i.unit) << "\n";
    if (i.direction != di.direction) o << "    direction: " << i.direction << "\n";
    write_method(o, methods[k], "    ");
    if (i.lower || i.upper)
      o << "    bounds: [" << opt_num(i.lower, what + ": bounds") << ", "
        << opt_num(i.upper, what + ": bounds") << "]\n";
    if (i.target) o << "    target: " << finite_text(*i.target, what + ": target") << "\n";
    if (i.points) o << "    points: " << finite_text(*i.points, what + ": points") << "\n";
    if (!i.column.empty()) o << "    column: " << yaml_string(i.column) << "\n";
    if (!i.denominator.empty()) o << "    denominator: " << yaml_string(i.denominator) << "\n";
    if (i.scale != di.scale) o << "    scale: " << finite_text(i.scale, what + ": scale") << "\n";
    if (i.transform != di.transform) o << "    transform: " << to_string(i.transform) << "\n";
    if (i.valid_min || i.valid_max)
      o << "    valid: [" << opt_num(i.valid_min, what + ": valid") << ", "
        << opt_num(i.valid_max, what + ": valid") << "]\n";
    if (i.if_zero_denominator != di.if_zero_denominator)
      o << "    if_zero_denominator: " << to_string(i.if_zero_denominator) << "\n";
    if (i.if_missing_denominator != di.if_missing_denominator)
      o << "    if_missing_denominator: " << to_string(i.if_missing_denominator) << "\n";
    if (!i.impute) o << "    impute: false\n";
    if (!i.treat)
      o << "    treat: false\n";
    else if (i.treatment)
      o << "    treat: " << treatment_text(*i.treatment) << "\n";
    write_merge(o, i.merge);
    write_targets(o, i.targets, i.direction, false, what);
  }

  const node dn;
  o << "nodes:";
  o << (f.nodes.empty() ? " []\n" : "\n");
  for (std::size_t k = 0; k < f.nodes.size(); ++k) {
    const auto& n = f.nodes[k];
    const std::string what = "node '" + n.id + "'";
    o << "  - id: " << id_text(n.id) << "\n";
    if (!n.name.empty()) o << "    name: " << yaml_string(n.name) << "\n";
    write_method(o, aggregations[k], "    ");
    if (n.weights_from) write_method(o, describe_weight_rule(*n.weights_from), "    ", "weights");
    if (n.min_coverage != dn.min_coverage)
      o << "    min_coverage: " << finite_text(n.min_coverage, what + ": min_coverage") << "\n";
    if (n.cap) o << "    cap: " << finite_text(*n.cap, what + ": cap") << "\n";
    write_targets(o, n.targets, 1, true, what);
    if (n.children.empty()) {
      o << "    children: []\n";
      continue;
    }
    // The map form {child: weight} cannot hold a child twice; fall back to the list form.
    bool repeated = false;
    for (std::size_t a = 0; a < n.children.size(); ++a)
      for (std::size_t b = 0; b < a; ++b)
        repeated = repeated || n.children[a].id == n.children[b].id;
    o << "    children:\n";
    for (const auto& c : n.children) {
      const auto w = finite_text(c.weight, what + ": weight of '" + c.id + "'");
      if (repeated)
        o << "      - {id: " << id_text(c.id) << ", weight: " << w << "}\n";
      else
        o << "      " << id_text(c.id) << ": " << w << "\n";
    }
  }
  out << o.str();
}

} // namespace

void write_spec(std::ostream& out, const framework& f) {
  write_framework(out, f, nullptr);
}

void write_spec(std::ostream& out, const spec& s) {
  write_framework(out, s.fw, &s);
}

} // namespace chiso::io
