#include "chiso/io/robust_spec.hpp"

#include "chiso/io/overrides.hpp"
#include "chiso/io/spec.hpp"

#include "spec/fragments.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

// Read by the one YAML reader (src/yaml/reader.hpp); method, aggregation and preparation maps
// ({type: z_score, mean: 10, sd: 2}) by the spec's fragment readers (src/spec/fragments.hpp).

namespace chiso::io {

namespace {

using namespace yaml;

// clang-format off
const std::vector<std::string_view> choices_top_keys = {
    "chiso_robustness", "replications", "seed", "track", "interval", "sensitivity", "inputs"};
const std::vector<std::string_view> choices_sensitivity_keys = {"n", "bootstrap", "confidence", "units"};
const std::vector<std::string_view> choices_type_names = {
    "weights", "normalisation", "aggregation", "leave_out", "preparation"};
const std::vector<std::string_view> choices_weights_keys = {
    "id", "type", "nodes", "levels", "uniform", "dirichlet"};
const std::vector<std::string_view> choices_normalisation_keys = {
    "id", "type", "indicators", "alternatives", "labels"};
const std::vector<std::string_view> choices_aggregation_keys = {
    "id", "type", "nodes", "levels", "alternatives", "labels"};
const std::vector<std::string_view> choices_leave_out_keys = {
    "id", "type", "indicators", "mode", "count", "include_none"};
const std::vector<std::string_view> choices_preparation_keys = {"id", "type", "alternatives", "labels"};
// clang-format on

/// Marks of one input, so that problems found later can point at the right place.
struct input_marks {
  YAML::Mark self;
  std::unordered_map<std::string, YAML::Mark> field;
  std::unordered_map<std::string, std::vector<YAML::Mark>> items;

  YAML::Mark at(const std::string& f, std::size_t item) const {
    if (auto it = items.find(f); it != items.end() && item < it->second.size())
      return it->second[item];
    if (auto it = field.find(f); it != field.end()) return it->second;
    return self;
  }
};

/// A list of ids, or the word `all` (empty result; `all` set).
std::optional<std::vector<std::string>> id_list(reader& r, const field& f, std::string_view where,
                                                input_marks& marks) {
  if (f.v.IsScalar() && f.v.Scalar() == "all" && f.v.Tag() != "!")
    return std::vector<std::string>{};
  if (!f.v.IsSequence()) {
    r.fail(mark_of(f), where, "expected a list of ids or the word all, got " + describe(f.v));
    return std::nullopt;
  }
  if (f.v.size() == 0) {
    r.fail(mark_of(f), where, "the list is empty (write all for every one)");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  auto& im = marks.items[f.key];
  for (std::size_t k = 0; k < f.v.size(); ++k) {
    const auto& x = f.v[k];
    const auto m = x.Mark().line < 0 ? mark_of(f) : x.Mark();
    im.push_back(m);
    if (!x.IsScalar() || x.Scalar().empty()) {
      r.fail(m, std::string(where) + "[" + std::to_string(k) + "]",
             "expected an id, got " + describe(x));
      ok = false;
      continue;
    }
    out.push_back(x.Scalar());
  }
  if (!ok) return std::nullopt;
  return out;
}

/// The flow text of a node ({type: z_score, mean: 10, sd: 2}).
std::string flow_text(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

/// Reads the `alternatives` list of a normalisation or aggregation input.
/// Whether `f` is a non-empty list of alternatives (else the error is recorded).
bool alternatives_list(reader& r, const field& f, const std::string& where) {
  if (f.v.IsSequence() && f.v.size() != 0) return true;
  r.fail(mark_of(f), where,
         f.v.IsSequence() ? "the list is empty: give at least one alternative"
                          : "expected a list of alternatives, got " + describe(f.v));
  return false;
}

template <class T>
void read_alternatives(reader& r, const field& f, const std::string& where, input_marks& marks,
                       std::vector<T>& out, std::vector<std::string>& labels) {
  constexpr bool is_aggregation = std::is_same_v<T, chiso::aggregation>;
  if (!alternatives_list(r, f, where)) return;
  auto& im = marks.items[f.key];
  for (std::size_t k = 0; k < f.v.size(); ++k) {
    const auto& x = f.v[k];
    const auto m = x.Mark().line < 0 ? mark_of(f) : x.Mark();
    im.push_back(m);
    const std::string w = where + "[" + std::to_string(k) + "]";
    if (x.IsScalar()) {
      try {
        if constexpr (is_aggregation)
          out.push_back(parse_aggregate(x.Scalar()));
        else
          out.push_back(parse_normalise(x.Scalar()));
        labels.push_back(x.Scalar());
      } catch (const shorthand_error& e) {
        r.fail(m, w,
               e.reason() + (is_aggregation
                                 ? " (write an aggregation such as arithmetic_mean, gmean, "
                                   "genmean:0.5, or a map {type: generalised_mean, p: 0.5})"
                                 : " (write a method such as min_max, minmax:1:100, "
                                   "zscore:10:2, or a map {type: z_score, mean: 10, sd: 2})"));
      }
    } else if (x.IsMap()) {
      std::optional<T> a;
      if constexpr (is_aggregation)
        a = fragment::read_aggregation(r, x, m, w);
      else
        a = fragment::read_method(r, x, m, w);
      if (a) {
        out.push_back(std::move(*a));
        labels.push_back(flow_text(x));
      }
    } else {
      r.fail(m, w, "expected a method name or a map {type: NAME, ...}, got " + describe(x));
    }
  }
}

/// Reads the alternatives of a preparation input: maps {impute: ..., treat: ...} (either may be
/// absent or `none`), read as a spec's `impute:` and `treat:`; default labels are the
/// alternative's flow text.
void read_preparations(reader& r, const field& f, const std::string& where, input_marks& marks,
                       std::vector<robust::preparation_alternative>& out,
                       std::vector<std::string>& labels) {
  if (!alternatives_list(r, f, where)) return;
  auto& im = marks.items[f.key];
  for (std::size_t k = 0; k < f.v.size(); ++k) {
    const auto& x = f.v[k];
    const auto m = x.Mark().line < 0 ? mark_of(f) : x.Mark();
    im.push_back(m);
    const std::string w = where + "[" + std::to_string(k) + "]";
    if (auto p = fragment::read_preparation(r, x, m, w)) {
      out.push_back({p->impute, p->treat});
      labels.push_back(flow_text(x));
    }
  }
}

robust_spec parse_choices(std::string_view text, const std::string& source, const framework& fw) {
  auto doc = load(text, source, "the uncertain-choices file", "the uncertain-choices file",
                  " (it starts with 'chiso_robustness: 1' and 'inputs:'; see docs/robustness.md)");
  reader& r = doc.r;
  const YAML::Node& root = doc.root;
  auto top = r.map(root, root.Mark(), "", choices_top_keys, {"chiso_robustness", "inputs"});
  if (!top) r.throw_if_errors();
  if (const auto* v = top->get("chiso_robustness")) {
    auto n = r.whole(v->v, mark_of(*v), "'chiso_robustness'", 0, 1000);
    if (n && *n != 1)
      r.fail(mark_of(*v), "'chiso_robustness'",
             "unsupported schema version " + std::to_string(*n) + " (this reader knows version 1)");
    if (!n || *n != 1) r.throw_if_errors();
  }

  robust_spec s;
  auto& u = s.uncertainty;
  auto& sa = s.sensitivity;
  constexpr auto max_u64 = std::numeric_limits<std::uint64_t>::max();
  if (const auto* f = top->get("replications"))
    if (auto x = r.whole(f->v, mark_of(*f), "'replications'", 1, 100000000)) u.replications = *x;
  if (const auto* f = top->get("seed"))
    if (auto x = r.whole(f->v, mark_of(*f), "'seed'", 0, max_u64)) u.seed = sa.seed = *x;
  if (const auto* f = top->get("track")) {
    input_marks tm;
    if (auto ids = id_list(r, *f, "'track'", tm)) {
      if (ids->empty()) {
        for (const auto& n : fw.nodes)
          u.track.push_back(n.id);
      } else {
        for (std::size_t k = 0; k < ids->size(); ++k) {
          const auto& id = (*ids)[k];
          if (!fw.find_node(id) && !fw.find_indicator(id))
            r.fail(tm.at("track", k), "'track'[" + std::to_string(k) + "]",
                   "unknown node or indicator '" + id + "'");
          else
            u.track.push_back(id);
        }
      }
    }
  }
  if (const auto* f = top->get("interval")) {
    if (!f->v.IsSequence() || f->v.size() != 2) {
      r.fail(mark_of(*f), "'interval'",
             "expected [lower, upper] probabilities (e.g. [0.05, 0.95]), got " + describe(f->v));
    } else {
      auto lo = r.number(f->v[0], mark_of(f->k, f->v[0]), "'interval'");
      auto hi = r.number(f->v[1], mark_of(f->k, f->v[1]), "'interval'");
      if (lo && hi) {
        if (!(*lo >= 0 && *lo <= *hi && *hi <= 1))
          r.fail(mark_of(*f), "'interval'", "needs 0 <= lower <= upper <= 1");
        else {
          u.lower = *lo;
          u.upper = *hi;
        }
      }
    }
  }
  if (const auto* f = top->get("sensitivity")) {
    if (auto sm = r.map(f->v, mark_of(*f), "sensitivity", choices_sensitivity_keys)) {
      if (const auto* g = sm->get("n"))
        if (auto x = r.whole(g->v, mark_of(*g), "sensitivity: 'n'", 2, 100000000)) sa.n = *x;
      if (const auto* g = sm->get("bootstrap"))
        if (auto x = r.whole(g->v, mark_of(*g), "sensitivity: 'bootstrap'", 0, 1000000))
          sa.bootstrap = *x;
      if (const auto* g = sm->get("confidence"))
        if (auto x = r.number(g->v, mark_of(*g), "sensitivity: 'confidence'")) {
          if (*x > 0 && *x < 1)
            sa.confidence = *x;
          else
            r.fail(mark_of(*g), "sensitivity: 'confidence'",
                   "must be in (0, 1), got " + describe(g->v));
        }
      if (const auto* g = sm->get("units"))
        if (auto x = r.boolean(g->v, mark_of(*g), "sensitivity: 'units'")) sa.units = *x;
    }
  }

  std::vector<input_marks> marks;
  const std::size_t errors_before_inputs = r.error_count();
  if (const auto* f = top->get("inputs")) {
    if (!f->v.IsSequence() || f->v.size() == 0) {
      r.fail(mark_of(*f), "'inputs'",
             f->v.IsSequence() ? "the list is empty: declare at least one uncertain input"
                               : "expected a list of inputs, got " + describe(f->v));
    } else {
      for (std::size_t k = 0; k < f->v.size(); ++k) {
        const auto& node = f->v[k];
        const auto nm = node.Mark().line < 0 ? mark_of(*f) : node.Mark();
        std::string where = "inputs[" + std::to_string(k) + "]";
        // First pass: id and type decide the allowed keys.
        if (!node.IsMap()) {
          r.fail(nm, where, "expected a map {id: ..., type: ..., ...}, got " + describe(node));
          continue;
        }
        std::string id, type;
        YAML::Mark type_mark = nm;
        for (auto it = node.begin(); it != node.end(); ++it)
          if (it->first.IsScalar() && it->second.IsScalar()) {
            if (it->first.Scalar() == "id") id = it->second.Scalar();
            if (it->first.Scalar() == "type") {
              type = it->second.Scalar();
              type_mark = mark_of(it->first, it->second);
            }
          }
        if (!id.empty()) where = "input '" + id + "'";
        const std::vector<std::string_view>* allowed = nullptr;
        if (type == "weights")
          allowed = &choices_weights_keys;
        else if (type == "normalisation")
          allowed = &choices_normalisation_keys;
        else if (type == "aggregation")
          allowed = &choices_aggregation_keys;
        else if (type == "leave_out")
          allowed = &choices_leave_out_keys;
        else if (type == "preparation")
          allowed = &choices_preparation_keys;
        if (!allowed) {
          if (type.empty())
            r.fail(type_mark, where,
                   "missing required key 'type' (one of: " + join(choices_type_names) + ")");
          else
            r.fail(type_mark, where + ": 'type'",
                   "unknown type " + show(type) + " (allowed: " + join(choices_type_names) + ")" +
                       hint(type, choices_type_names));
          continue;
        }
        auto fm =
            r.map(node, nm, where, *allowed, {"id", "type"}, "key", "for a " + type + " input");
        if (!fm) continue;
        input_marks im;
        im.self = fm->mark;
        for (const auto& x : fm->items)
          im.field[x.key] = mark_of(x);
        robust::uncertain_input in;
        in.id = id;
        in.origin = r.origin(fm->mark, true);
        if (const auto* g = fm->get("id"); g && !(g->v.IsScalar() && !g->v.Scalar().empty()))
          r.fail(mark_of(*g), where + ": 'id'", "expected an id, got " + describe(g->v));
        auto key_where = [&](std::string_view key) { return where + ": " + std::string(key); };

        auto read_nodes = [&](robust::node_set& ns) {
          if (const auto* g = fm->get("nodes"))
            if (auto ids = id_list(r, *g, key_where("nodes"), im)) ns.ids = *ids;
          if (const auto* g = fm->get("levels")) {
            if (!g->v.IsSequence() || g->v.size() == 0) {
              r.fail(mark_of(*g), key_where("levels"),
                     "expected a list of levels (2 = parents of indicators), got " +
                         describe(g->v));
            } else {
              auto& lm = im.items["levels"];
              for (std::size_t t = 0; t < g->v.size(); ++t) {
                const auto m = mark_of(g->v[t], g->k.Mark());
                lm.push_back(m);
                if (auto x = r.whole(g->v[t], m,
                                     key_where("levels") + "[" + std::to_string(t) + "]", 2, 1000))
                  ns.levels.push_back(static_cast<int>(*x));
              }
            }
          }
          // `nodes: all` beside `levels` would mean every node: say so.
          if (const auto* g = fm->get("nodes"); g && ns.ids.empty() && !ns.levels.empty())
            r.fail(mark_of(*g), key_where("nodes"),
                   "'nodes: all' and 'levels' together: give one of them");
        };
        auto read_indicators = [&](std::vector<std::string>& out) {
          if (const auto* g = fm->get("indicators"))
            if (auto ids = id_list(r, *g, key_where("indicators"), im)) out = *ids;
        };
        auto read_labels = [&](std::vector<std::string>& out) {
          if (const auto* g = fm->get("labels")) {
            if (!g->v.IsSequence()) {
              r.fail(mark_of(*g), key_where("labels"),
                     "expected a list of texts, got " + describe(g->v));
              return;
            }
            out.clear();
            for (std::size_t t = 0; t < g->v.size(); ++t)
              if (auto x = r.text(g->v[t], mark_of(g->v[t], g->k.Mark()),
                                  key_where("labels") + "[" + std::to_string(t) + "]"))
                out.push_back(*x);
          }
        };

        if (type == "weights") {
          robust::weight_choice c;
          read_nodes(c.nodes);
          const auto* uf = fm->get("uniform");
          const auto* df = fm->get("dirichlet");
          if (uf && df)
            r.fail(df->k.Mark(), where, "give one of 'uniform' and 'dirichlet', not both");
          else if (!uf && !df)
            r.fail(fm->mark, where,
                   "missing the distribution: 'uniform: F' (weights × U(1 − F, 1 + F)) or "
                   "'dirichlet: C' (concentration)");
          else if (uf) {
            if (auto x = r.number(uf->v, mark_of(*uf), key_where("uniform")))
              c.distribution = robust::uniform_factor{*x};
          } else if (auto x = r.number(df->v, mark_of(*df), key_where("dirichlet"))) {
            c.distribution = robust::dirichlet{*x};
          }
          in.choice = std::move(c);
        } else if (type == "normalisation") {
          robust::normalisation_choice c;
          read_indicators(c.indicators);
          if (const auto* g = fm->get("alternatives"))
            read_alternatives(r, *g, key_where("alternatives"), im, c.alternatives, c.labels);
          read_labels(c.labels);
          in.choice = std::move(c);
        } else if (type == "aggregation") {
          robust::aggregation_choice c;
          read_nodes(c.nodes);
          if (const auto* g = fm->get("alternatives"))
            read_alternatives(r, *g, key_where("alternatives"), im, c.alternatives, c.labels);
          read_labels(c.labels);
          in.choice = std::move(c);
        } else if (type == "preparation") {
          robust::preparation_choice c;
          if (const auto* g = fm->get("alternatives"))
            read_preparations(r, *g, key_where("alternatives"), im, c.alternatives, c.labels);
          read_labels(c.labels);
          in.choice = std::move(c);
        } else {
          robust::leave_out_choice c;
          read_indicators(c.indicators);
          if (const auto* g = fm->get("mode")) {
            const std::vector<std::string_view> modes = {"one_at_a_time", "random"};
            if (g->v.IsScalar() && g->v.Scalar() == "one_at_a_time")
              c.mode = robust::leave_out_mode::one_at_a_time;
            else if (g->v.IsScalar() && g->v.Scalar() == "random")
              c.mode = robust::leave_out_mode::random;
            else
              r.fail(mark_of(*g), key_where("mode"),
                     "unknown value " + describe(g->v) + " (allowed: one_at_a_time, random)" +
                         (g->v.IsScalar() ? hint(g->v.Scalar(), modes) : ""));
          }
          if (const auto* g = fm->get("count"))
            if (auto x = r.whole(g->v, mark_of(*g), key_where("count"), 1, 1000000)) c.count = *x;
          if (const auto* g = fm->get("include_none"))
            if (auto x = r.boolean(g->v, mark_of(*g), key_where("include_none")))
              c.include_none = *x;
          in.choice = std::move(c);
        }
        s.choices.inputs.push_back(std::move(in));
        marks.push_back(std::move(im));
      }
    }
  }
  // Problems against the framework, at the position of the field or item concerned (when the
  // inputs themselves were read without error).
  if (r.error_count() == errors_before_inputs)
    for (const auto& p : s.choices.problems(fw)) {
      const auto& in = s.choices.inputs.at(p.input);
      std::string where = "input '" + in.id + "'";
      if (!p.field.empty()) {
        where += ": " + p.field;
        if (p.item != robust::choice_problem::npos) where += "[" + std::to_string(p.item) + "]";
      }
      r.fail(marks.at(p.input).at(p.field, p.item), where, p.message);
    }
  r.throw_if_errors();
  return s;
}

} // namespace

robust_spec parse_robust_spec(std::string_view text, const std::string& source_name,
                              const framework& f) {
  return parse_choices(text, source_name, f);
}

robust_spec load_robust_spec(const std::filesystem::path& path, const framework& f) {
  const std::string text = read_file(path.string(), "the uncertain-choices file");
  auto s = parse_choices(text, path.string(), f);
  s.source = path;
  return s;
}

} // namespace chiso::io
