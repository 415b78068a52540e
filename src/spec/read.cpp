#include "entries.hpp"

#include "chiso/io/spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace chiso::io {

namespace {

using namespace fragment;

spec parse_document(std::string_view text, const std::string& source,
                    const std::filesystem::path& dir) {
  auto doc =
      load(text, source, "the spec file", "the spec",
           " (a spec starts with 'chiso: 1', 'id: ...' and 'indicators:'; see docs/spec.md)");
  reader& r = doc.r;
  const YAML::Node& root = doc.root;
  const YAML::Mark top_mark = mark_of(root, YAML::Mark());
  auto top = r.map(root, top_mark, "", top_keys, {"chiso", "id", "indicators"});
  if (!top) r.throw_if_errors();

  // Schema version first: a file of another version is not read further.
  if (const auto* v = top->get("chiso")) {
    auto n = r.integer(v->v, mark_of(*v), "'chiso'");
    if (n && *n != 1)
      r.fail(mark_of(*v), "'chiso'",
             "unsupported schema version " + std::to_string(*n) + " (this reader knows version 1)");
    if (!n || *n != 1) r.throw_if_errors();
  }

  spec s;
  s.dir = dir;
  framework& fw = s.fw;
  std::vector<child_ref> refs;
  std::optional<std::pair<std::string, YAML::Mark>> root_ref, group_by_ref;

  if (const auto* f = top->get("id")) {
    if (auto x = r.id(f->v, mark_of(*f), "'id'")) fw.id = *x;
  }
  for (auto [key, out] : {std::pair<std::string_view, std::string*>{"name", &fw.name},
                          {"description", &fw.description},
                          {"version", &fw.version}})
    if (const auto* f = top->get(key))
      if (auto x = r.text(f->v, mark_of(*f), in_quotes(key))) *out = *x;
  if (const auto* f = top->get("root")) {
    if (auto x = r.id(f->v, mark_of(*f), "'root'")) {
      fw.root = *x;
      root_ref.emplace(*x, mark_of(*f));
    }
  }
  if (const auto* f = top->get("display_decimals")) {
    if (auto x = r.integer(f->v, mark_of(*f), "'display_decimals'")) {
      if (*x >= 0 && *x <= 15)
        fw.display_decimals = static_cast<int>(*x);
      else
        r.fail(mark_of(*f), "'display_decimals'", "must be in [0, 15], got " + describe(f->v));
    }
  }

  if (const auto* f = top->get("periods")) {
    if (auto pm = r.map(f->v, mark_of(*f), "periods", {"scaling", "impute"})) {
      if (const auto* g = pm->get("scaling"))
        if (auto x = r.choice<period_scaling>(
                g->v, mark_of(*g), "periods: 'scaling'",
                {{"per_period", period_scaling::per_period}, {"pooled", period_scaling::pooled}}))
          fw.scaling = *x;
      if (const auto* g = pm->get("impute"))
        if (auto x = read_panel_imputation(r, g->v, mark_of(*g))) fw.impute_periods = *x;
    }
  }

  if (const auto* f = top->get("impute"))
    if (auto x = read_imputation(r, f->v, mark_of(*f))) fw.impute = std::move(*x);
  if (const auto* f = top->get("treat"))
    if (auto x = read_treatment(r, f->v, mark_of(*f), "treat")) fw.treat = std::move(*x);

  if (const auto* f = top->get("ranking")) {
    if (auto rk =
            r.map(f->v, mark_of(*f), "ranking", {"method", "order", "group_by", "round_to"})) {
      auto& o = fw.ranking.options;
      if (const auto* g = rk->get("method"))
        if (auto x = r.choice<rank_method>(g->v, mark_of(*g), "ranking: 'method'",
                                           {{"competition", rank_method::competition},
                                            {"dense", rank_method::dense},
                                            {"average", rank_method::average},
                                            {"ordinal", rank_method::ordinal}}))
          o.method = *x;
      if (const auto* g = rk->get("order"))
        if (auto x = r.choice<rank_order>(
                g->v, mark_of(*g), "ranking: 'order'",
                {{"descending", rank_order::descending}, {"ascending", rank_order::ascending}}))
          o.order = *x;
      if (const auto* g = rk->get("group_by")) {
        if (g->v.IsNull()) {
          // no grouping
        } else if (auto x = r.id(g->v, mark_of(*g), "ranking: 'group_by'")) {
          fw.ranking.group_by = *x;
          group_by_ref.emplace(*x, mark_of(*g));
        }
      }
      if (const auto* g = rk->get("round_to")) {
        if (!g->v.IsNull()) {
          if (auto x = r.integer(g->v, mark_of(*g), "ranking: 'round_to'")) {
            if (*x >= 0 && *x <= 15)
              o.round_to = static_cast<int>(*x);
            else
              r.fail(mark_of(*g), "ranking: 'round_to'",
                     "must be in [0, 15], got " + describe(g->v));
          }
        }
      }
    }
  }

  if (const auto* f = top->get("bands")) {
    if (r.list(f->v, mark_of(*f), "'bands'")) {
      const auto& seq = f->v;
      std::optional<double> previous;
      for (std::size_t k = 0; k < seq.size(); ++k) {
        const auto w = "bands[" + std::to_string(k) + "]";
        const bool last = k + 1 == seq.size();
        auto b = r.map(seq[k], mark_of(seq[k], mark_of(*f)), w, {"label", "min"}, {"label"});
        if (!b) continue;
        band bd;
        if (const auto* l = b->get("label"))
          if (auto t = r.text(l->v, mark_of(*l), key_where(w, "label"))) bd.label = *t;
        if (const auto* mn = b->get("min")) {
          if (auto x = r.number(mn->v, mark_of(*mn), key_where(w, "min"))) {
            bd.min = *x;
            if (previous && !(*x < *previous))
              r.fail(mark_of(*mn), key_where(w, "min"),
                     "bands must be listed by strictly decreasing min (" + describe(mn->v) +
                         " is not below the previous band's min)");
            previous = *x;
          }
        } else if (!last) {
          r.fail(b->mark, w, "missing required key 'min' (only the last band may omit it)");
        }
        fw.bands.push_back(std::move(bd));
      }
    }
  }

  if (const auto* f = top->get("sample")) {
    if (auto sm = r.map(f->v, mark_of(*f), "sample", {"file", "synthetic", "note"},
                        {"file", "synthetic"})) {
      sample_info si;
      bool ok = sm->get("file") && sm->get("synthetic");
      if (const auto* g = sm->get("file")) {
        auto t = r.text(g->v, mark_of(*g), "sample: 'file'");
        if (t && t->empty()) {
          r.fail(mark_of(*g), "sample: 'file'", "must not be empty");
          t.reset();
        }
        if (t) {
          std::filesystem::path p(*t);
          si.file = p.is_relative() && !dir.empty() ? dir / p : p;
        } else {
          ok = false;
        }
      }
      if (const auto* g = sm->get("synthetic")) {
        if (auto x = r.boolean(g->v, mark_of(*g), "sample: 'synthetic'"))
          si.synthetic = *x;
        else
          ok = false;
      }
      if (const auto* g = sm->get("note")) {
        if (auto t = r.text(g->v, mark_of(*g), "sample: 'note'")) si.note = *t;
      }
      if (ok) s.sample = std::move(si);
    }
  }

  if (const auto* f = top->get("data")) {
    if (auto d = r.map(f->v, mark_of(*f), "data", {"unit_column", "name_column", "groups"})) {
      if (const auto* g = d->get("unit_column"))
        if (auto t = r.text(g->v, mark_of(*g), "data: 'unit_column'")) {
          if (t->empty())
            r.fail(mark_of(*g), "data: 'unit_column'", "must not be empty");
          else
            s.data.unit_column = *t;
        }
      if (const auto* g = d->get("name_column"))
        if (auto t = r.text(g->v, mark_of(*g), "data: 'name_column'")) s.data.name_column = *t;
      if (const auto* g = d->get("groups")) {
        if (r.list(g->v, mark_of(*g), "data: 'groups'")) {
          for (std::size_t k = 0; k < g->v.size(); ++k) {
            const auto w = "data: 'groups'[" + std::to_string(k) + "]";
            if (auto t = r.text(g->v[k], mark_of(g->v[k], mark_of(*g)), w)) {
              if (t->empty())
                r.fail(mark_of(g->v[k], mark_of(*g)), w, "must not be empty");
              else
                s.data.groups.push_back(*t);
            }
          }
        }
      }
    }
  }
  if (!fw.ranking.group_by.empty() && std::find(s.data.groups.begin(), s.data.groups.end(),
                                                fw.ranking.group_by) == s.data.groups.end())
    s.data.groups.push_back(fw.ranking.group_by);
  // The imputation's group column is a group column of the data too.
  if (fw.impute)
    if (const auto* g = std::get_if<impute_by_group>(&fw.impute->method))
      if (!g->group.empty() &&
          std::find(s.data.groups.begin(), s.data.groups.end(), g->group) == s.data.groups.end())
        s.data.groups.push_back(g->group);

  indicator ind_default;
  node node_default;
  if (const auto* f = top->get("defaults")) {
    if (auto d = r.map(f->v, mark_of(*f), "defaults", {"indicator", "node"})) {
      if (const auto* g = d->get("indicator"))
        if (auto m = r.map(g->v, mark_of(*g), "defaults: indicator", indicator_default_keys))
          apply_indicator(r, *m, ind_default, "defaults: indicator");
      if (const auto* g = d->get("node")) {
        std::vector<child_ref> none;
        if (auto m = r.map(g->v, mark_of(*g), "defaults: node", node_default_keys))
          apply_node(r, *m, node_default, "defaults: node", none, s.warnings);
      }
    }
  }

  // Ids declared, with where, to check references and report duplicates with positions.
  std::unordered_map<std::string, std::size_t> declared_line;
  auto declare = [&](const std::string& id, const YAML::Mark& m, std::string_view where) {
    const auto line = r.position(m).first;
    auto [it, fresh] = declared_line.emplace(id, line);
    if (!fresh)
      r.fail(m, where,
             "duplicate id " + in_quotes(id) + " (first declared on line " +
                 std::to_string(it->second) + ")");
  };

  if (const auto* f = top->get("indicators")) {
    if (r.list(f->v, mark_of(*f), "'indicators'")) {
      for (std::size_t k = 0; k < f->v.size(); ++k) {
        const YAML::Node item = f->v[k];
        const auto im = mark_of(item, mark_of(*f));
        std::string where = "indicator #" + std::to_string(k + 1);
        // The id first, so that messages name the indicator.
        if (item.IsMap())
          for (auto it = item.begin(); it != item.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == "id" && it->second.IsScalar() &&
                valid_id(it->second.Scalar()))
              where = "indicator " + in_quotes(it->second.Scalar());
        auto m = r.map(item, im, where, indicator_keys, {"id"});
        if (!m) continue;
        indicator ind = ind_default;
        ind.origin = r.origin(m->mark);
        if (const auto* idf = m->get("id"))
          if (auto x = r.id(idf->v, mark_of(*idf), key_where(where, "id"))) {
            ind.id = *x;
            declare(*x, mark_of(*idf), where);
          }
        apply_indicator(r, *m, ind, where);
        fw.indicators.push_back(std::move(ind));
      }
    }
  }

  if (const auto* f = top->get("nodes")) {
    if (!f->v.IsNull() && r.list(f->v, mark_of(*f), "'nodes'")) {
      for (std::size_t k = 0; k < f->v.size(); ++k) {
        const YAML::Node item = f->v[k];
        const auto im = mark_of(item, mark_of(*f));
        std::string where = "node #" + std::to_string(k + 1);
        if (item.IsMap())
          for (auto it = item.begin(); it != item.end(); ++it)
            if (it->first.IsScalar() && it->first.Scalar() == "id" && it->second.IsScalar() &&
                valid_id(it->second.Scalar()))
              where = "node " + in_quotes(it->second.Scalar());
        auto m = r.map(item, im, where, node_keys, {"id", "children"});
        if (!m) continue;
        node n = node_default;
        n.origin = r.origin(m->mark);
        if (const auto* idf = m->get("id"))
          if (auto x = r.id(idf->v, mark_of(*idf), key_where(where, "id"))) {
            n.id = *x;
            declare(*x, mark_of(*idf), where);
          }
        apply_node(r, *m, n, where, refs, s.warnings);
        fw.nodes.push_back(std::move(n));
      }
    }
  }

  // References, with the position of each use.
  for (const auto& c : refs)
    if (!declared_line.count(c.id))
      r.fail(c.mark, c.where,
             "unknown child " + in_quotes(c.id) + " (not an indicator or node id)");
  if (root_ref) {
    bool is_node = false;
    for (const auto& n : fw.nodes)
      is_node = is_node || n.id == root_ref->first;
    if (!is_node)
      r.fail(root_ref->second, "'root'", in_quotes(root_ref->first) + " is not the id of a node");
  }

  r.throw_if_errors();

  // Semantic rules (cycles, weights, method parameters...): all of them at once.
  const auto problems = fw.problems();
  if (!problems.empty()) {
    std::vector<std::string> lines;
    for (const auto& p : problems)
      lines.push_back(p.rfind(source + ":", 0) == 0 ? p : source + ": " + p);
    if (lines.size() == 1) throw input_error(lines[0]);
    std::string msg =
        source + ": invalid framework (" + std::to_string(lines.size()) + " problems):";
    for (const auto& l : lines)
      msg += "\n  " + l;
    throw input_error(msg);
  }
  return s;
}

/// A fragment read from text on its own: `read(reader, root)`, its errors thrown with their
/// positions in `text`.
template <class T, class Read>
T read_fragment(std::string_view text, const std::string& source, const char* kind, Read&& read) {
  auto doc = load(text, source, std::string("the ") + kind, std::string("the ") + kind, "");
  auto x = read(doc.r, doc.root);
  doc.r.throw_if_errors();
  if (!x) throw input_error(source + ": cannot read the " + kind); // every failure records one
  return std::move(*x);
}

} // namespace

spec parse_spec_text(std::string_view text, const std::string& source_name,
                     const std::filesystem::path& dir) {
  return parse_document(text, source_name, dir);
}

spec load_spec(const std::filesystem::path& path) {
  const std::string content = yaml::read_file(path.string(), "the spec file");
  spec s = parse_document(content, path.string(), path.parent_path());
  s.source = path;
  return s;
}

framework read_spec(const std::filesystem::path& path) {
  return load_spec(path).fw;
}

framework parse_spec(std::string_view text, const std::string& source_name) {
  return parse_document(text, source_name, {}).fw;
}

chiso::method parse_method(std::string_view text, const std::string& source_name) {
  return read_fragment<chiso::method>(
      text, source_name, "method",
      [](reader& r, const YAML::Node& n) { return read_method(r, n, n.Mark(), ""); });
}

chiso::aggregation parse_aggregation(std::string_view text, const std::string& source_name) {
  return read_fragment<chiso::aggregation>(
      text, source_name, "aggregation",
      [](reader& r, const YAML::Node& n) { return read_aggregation(r, n, n.Mark(), ""); });
}

namespace {

std::string one_line(const written_method& w) {
  if (w.params.scalars.empty() && w.params.lists.empty()) return w.name;
  std::vector<std::pair<std::string, std::string>> kv{{"type", w.name}};
  kv.insert(kv.end(), w.params.scalars.begin(), w.params.scalars.end());
  for (const auto& [key, items] : w.params.lists)
    kv.emplace_back(key, flow_list(items));
  return flow_map(kv);
}

} // namespace

std::string method_text(const chiso::method& m) {
  return one_line(describe_method(m, "(text)"));
}

std::string aggregation_text(const chiso::aggregation& a) {
  return one_line(describe_aggregation(a, "(text)"));
}

preparation parse_preparation(std::string_view text, const std::string& source_name) {
  return read_fragment<preparation>(
      text, source_name, "preparation",
      [](reader& r, const YAML::Node& n) { return read_preparation(r, n, n.Mark(), ""); });
}

} // namespace chiso::io
