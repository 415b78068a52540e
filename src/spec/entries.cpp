#include "entries.hpp"

#include "chiso/weights/ahp.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <utility>

namespace chiso::io::fragment {

std::optional<empty_policy> read_policy(reader& r, const field& f, std::string_view where) {
  return r.choice<empty_policy>(f.v, mark_of(f), key_where(where, f.key),
                                {{"missing", empty_policy::missing},
                                 {"zero", empty_policy::zero},
                                 {"full", empty_policy::full}});
}

namespace {

/// A direction: 1, -1, higher_is_better or lower_is_better.
std::optional<int> read_direction(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                  std::string_view w) {
  if (v.IsScalar() && v.Scalar() == "higher_is_better") return 1;
  if (v.IsScalar() && v.Scalar() == "lower_is_better") return -1;
  const auto x = v.IsScalar() && v.Tag() != "!" ? reader::parse_double(v.Scalar()) : std::nullopt;
  if (x && (*x == 1 || *x == -1)) return static_cast<int>(*x);
  r.fail(m, w, "expected 1, -1, higher_is_better or lower_is_better, got " + describe(v));
  return std::nullopt;
}

/// The `targets` list of an indicator (`is_node` false) or node. A target without `direction`
/// gets direction 0 here; the caller resolves it once the owner's keys are all read.
std::optional<std::vector<time::tracked_target>>
read_targets(reader& r, const field& fd, const std::string& where, bool is_node) {
  const auto w = key_where(where, fd.key);
  if (fd.v.IsNull()) return std::vector<time::tracked_target>{};
  if (!r.list(fd.v, mark_of(fd), w)) return std::nullopt;
  const std::size_t errors_before = r.error_count();
  std::vector<time::tracked_target> out;
  for (std::size_t k = 0; k < fd.v.size(); ++k) {
    const auto wk = w + "[" + std::to_string(k) + "]";
    auto m = r.map(fd.v[k], mark_of(fd.v[k], mark_of(fd)), wk,
                   is_node ? node_target_keys : indicator_target_keys, {"value", "deadline"});
    if (!m) continue;
    time::tracked_target t;
    t.options.direction = 0;
    if (is_node) t.of = time::target_of::score;
    for (const auto& g : m->items) {
      const auto gm = mark_of(g);
      const auto gw = key_where(wk, g.key);
      if (g.key == "value" || g.key == "deadline") {
        if (auto x = r.number(g.v, gm, gw))
          (g.key == "value" ? t.goal.value : t.goal.deadline) = *x;
      } else if (g.key == "baseline") {
        bool ok = true;
        auto x = r.optional_number(g.v, gm, gw, ok);
        if (ok) t.goal.baseline = x;
      } else if (g.key == "of") {
        if (auto x = r.choice<time::target_of>(
                g.v, gm, gw,
                {{"value", time::target_of::value}, {"score", time::target_of::score}}))
          t.of = *x;
      } else if (g.key == "direction") {
        if (auto x = read_direction(r, g.v, gm, gw)) t.options.direction = *x;
      } else if (g.key == "cap") {
        if (auto x = r.boolean(g.v, gm, gw)) t.options.cap = *x;
      } else if (g.key == "projection") {
        if (auto x = r.choice<time::projection_method>(
                g.v, gm, gw,
                {{"least_squares", time::projection_method::least_squares},
                 {"last_two", time::projection_method::last_two},
                 {"compound", time::projection_method::compound}}))
          t.options.projection = *x;
      } else if (g.key == "min_observations") {
        if (auto x = r.integer(g.v, gm, gw)) {
          if (*x >= 2)
            t.options.min_observations = static_cast<std::size_t>(*x);
          else
            r.fail(gm, gw,
                   "must be at least 2 (a projection needs two points), got " + describe(g.v));
        }
      }
    }
    out.push_back(t);
  }
  if (r.error_count() != errors_before) return std::nullopt;
  return out;
}

/// An indicator's `merge` rule: a name (`mean`, `sum`, `min`, `max`, `first`), or a map
/// `{rule: NAME, weight: COLUMN, missing: missing_if_any|skip}`, `{weighted_mean: COLUMN}`
/// being short for `{rule: weighted_mean, weight: COLUMN}`.
std::optional<time::merge_rule> read_merge(reader& r, const field& fd, const std::string& where) {
  const auto m = mark_of(fd);
  const auto w = key_where(where, fd.key);
  using time::combine_rule;
  const std::initializer_list<std::pair<std::string_view, combine_rule>> rules = {
      {"mean", combine_rule::mean},
      {"sum", combine_rule::sum},
      {"weighted_mean", combine_rule::weighted_mean},
      {"min", combine_rule::min},
      {"max", combine_rule::max},
      {"first", combine_rule::first}};
  time::merge_rule out;
  if (fd.v.IsScalar()) {
    auto x = r.choice<combine_rule>(fd.v, m, w, rules);
    if (!x) return std::nullopt;
    if (*x == combine_rule::weighted_mean) {
      r.fail(m, w,
             "weighted_mean needs its weight column: write {weighted_mean: COLUMN} (e.g. "
             "{weighted_mean: population})");
      return std::nullopt;
    }
    out.rule = *x;
    return out;
  }
  if (!fd.v.IsMap()) {
    r.fail(m, w,
           "expected a rule name (mean, sum, min, max, first) or a map {rule, weight, missing} "
           "or {weighted_mean: COLUMN}, got " +
               describe(fd.v));
    return std::nullopt;
  }
  const std::size_t errors_before = r.error_count();
  auto f = r.map(fd.v, m, w, merge_keys);
  if (!f) return std::nullopt;
  const auto* rule = f->get("rule");
  const auto* weight = f->get("weight");
  const auto* short_form = f->get("weighted_mean");
  if (rule) {
    if (auto x = r.choice<combine_rule>(rule->v, mark_of(*rule), key_where(w, "rule"), rules))
      out.rule = *x;
  }
  if (short_form) {
    if (rule || weight)
      r.fail(mark_of(*short_form), w,
             "give either {weighted_mean: COLUMN} or 'rule' with 'weight', not both");
    else if (auto t = r.text(short_form->v, mark_of(*short_form), key_where(w, "weighted_mean"))) {
      out.rule = combine_rule::weighted_mean;
      out.weight = *t;
    }
  }
  if (weight) {
    if (auto t = r.text(weight->v, mark_of(*weight), key_where(w, "weight"))) out.weight = *t;
  }
  if (const auto* g = f->get("missing")) {
    if (auto x = r.choice<time::missing_predecessors>(
            g->v, mark_of(*g), key_where(w, "missing"),
            {{"missing_if_any", time::missing_predecessors::missing_if_any},
             {"skip", time::missing_predecessors::skip}}))
      out.missing = *x;
  }
  if (r.error_count() != errors_before) return std::nullopt;
  if (out.rule == combine_rule::weighted_mean && out.weight.empty()) {
    r.fail(m, w, "weighted_mean needs its weight column ('weight: COLUMN')");
    return std::nullopt;
  }
  if (out.rule != combine_rule::weighted_mean && !out.weight.empty()) {
    r.fail(m, w,
           "'weight' is for weighted_mean only (rule " + std::string(time::to_string(out.rule)) +
               ")");
    return std::nullopt;
  }
  return out;
}

/// Gives every target of `targets` that did not set its direction the default: `dir` for an
/// indicator's value, +1 for a score.
void resolve_target_directions(std::vector<time::tracked_target>& targets, int dir) {
  for (auto& t : targets)
    if (t.options.direction == 0) t.options.direction = t.of == time::target_of::value ? dir : 1;
}

} // namespace

/// Applies the keys present in `f` to `ind` (every key but `id`, read by the caller).
void apply_indicator(reader& r, const fields& f, indicator& ind, const std::string& where) {
  for (const auto& fd : f.items) {
    const auto m = mark_of(fd);
    const auto w = key_where(where, fd.key);
    const auto& k = fd.key;
    if (k == "id") {
      continue;
    } else if (k == "name" || k == "unit" || k == "column" || k == "denominator") {
      auto t = r.text(fd.v, m, w);
      if (!t) continue;
      (k == "name"     ? ind.name
       : k == "unit"   ? ind.unit
       : k == "column" ? ind.column
                       : ind.denominator) = *t;
    } else if (k == "direction") {
      if (auto x = read_direction(r, fd.v, m, w)) ind.direction = *x;
    } else if (k == "targets") {
      if (auto x = read_targets(r, fd, where, false)) ind.targets = std::move(*x);
    } else if (k == "merge") {
      if (auto x = read_merge(r, fd, where)) ind.merge = std::move(*x);
    } else if (k == "method") {
      if (auto x = read_method(r, fd.v, m, where)) ind.method = std::move(*x);
    } else if (k == "bounds") {
      r.range(fd.v, m, w, ind.lower, ind.upper);
    } else if (k == "valid") {
      r.range(fd.v, m, w, ind.valid_min, ind.valid_max);
    } else if (k == "target" || k == "points") {
      bool ok = true;
      auto x = r.optional_number(fd.v, m, w, ok);
      if (ok) (k == "target" ? ind.target : ind.points) = x;
    } else if (k == "scale") {
      if (auto x = r.number(fd.v, m, w)) ind.scale = *x;
    } else if (k == "transform") {
      std::vector<std::pair<std::string_view, transform>> names;
      for (const auto& c : transform_names)
        names.emplace_back(c.name, c.value);
      if (auto x = r.choice_of<transform>(fd.v, m, w, names)) ind.transform = *x;
    } else if (k == "if_zero_denominator") {
      if (auto x = read_policy(r, fd, where)) ind.if_zero_denominator = *x;
    } else if (k == "if_missing_denominator") {
      if (auto x = read_policy(r, fd, where)) ind.if_missing_denominator = *x;
    } else if (k == "impute") {
      if (auto x = r.boolean(fd.v, m, w)) ind.impute = *x;
    } else if (k == "treat") {
      // false: none; true: the framework's; a name or map: this indicator's own.
      if (fd.v.IsScalar() && fd.v.Tag() != "!" &&
          (fd.v.Scalar() == "false" || fd.v.Scalar() == "true")) {
        ind.treat = fd.v.Scalar() == "true";
        ind.treatment.reset();
      } else if (auto x = read_treatment(r, fd.v, m, w)) {
        ind.treat = true;
        ind.treatment = std::move(*x);
      }
    }
  }
  resolve_target_directions(ind.targets, ind.direction);
}

namespace {

/// `weights: {type: ahp, matrix: [[...], ...], max_cr: 0.1, consistency: warn|reject}`: the
/// children's weights from a pairwise comparison matrix (rows and columns in children order),
/// computed once the children are known. Returns false when `v` is not an AHP map.
bool read_ahp(reader& r, const field& fd, node& n, const std::string& where,
              std::vector<std::string>& warnings) {
  if (!fd.v.IsMap() || !fd.v["type"] || !fd.v["type"].IsScalar() || fd.v["type"].Scalar() != "ahp")
    return false;
  const std::string w = key_where(where, "weights") + " 'ahp'";
  auto f = r.map(fd.v, mark_of(fd), w, {"type", "matrix", "max_cr", "consistency"}, {"matrix"});
  if (!f) return true;
  if (n.children.empty()) {
    r.fail(mark_of(fd), w, "AHP weights belong to a node with children (not to defaults)");
    return true;
  }
  n.weights_from.reset();
  weights::ahp_options o;
  o.tolerance = 1e-3; // judgements written to three decimals (0.333 for 1/3)
  if (const auto* g = f->get("max_cr"))
    if (auto x = r.number(g->v, mark_of(*g), key_where(w, "max_cr"))) o.max_cr = *x;
  if (const auto* g = f->get("consistency"))
    if (auto x = r.choice<weights::consistency_policy>(
            g->v, mark_of(*g), key_where(w, "consistency"),
            {{"warn", weights::consistency_policy::warn},
             {"reject", weights::consistency_policy::reject}}))
      o.policy = *x;
  const auto* mf = f->get("matrix");
  if (!mf) return true;
  const auto mm = mark_of(*mf);
  const std::size_t k = n.children.size();
  if (!mf->v.IsSequence() || mf->v.size() != k) {
    r.fail(mm, key_where(w, "matrix"),
           "expected " + std::to_string(k) + " rows, one per child in the order of 'children' (" +
               std::to_string(k) + " x " + std::to_string(k) + "), got " + describe(mf->v));
    return true;
  }
  Eigen::MatrixXd a(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(k));
  for (std::size_t i = 0; i < k; ++i) {
    const std::string row = key_where(w, "matrix") + "[" + std::to_string(i) + "]";
    auto x = r.numbers(mf->v[i], mark_of(mf->v[i], mm), row);
    if (!x) return true;
    if (x->size() != k) {
      r.fail(mark_of(mf->v[i], mm), row,
             "expected " + std::to_string(k) + " numbers, got " + std::to_string(x->size()));
      return true;
    }
    for (std::size_t j = 0; j < k; ++j)
      a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = (*x)[j];
  }
  weights::labels l;
  l.node = n.id;
  for (const auto& c : n.children)
    l.children.push_back(c.id);
  try {
    const auto res = weights::ahp(a, o, l);
    for (std::size_t j = 0; j < k; ++j)
      n.children[j].weight = res.w[static_cast<Eigen::Index>(j)];
    for (const auto& x : res.warnings)
      warnings.push_back(r.origin(mm) + ": " + x);
  } catch (const framework_error& e) {
    r.fail(mm, key_where(w, "matrix"), e.what());
  }
  return true;
}

} // namespace

void apply_node(reader& r, const fields& f, node& n, const std::string& where,
                std::vector<child_ref>& refs, std::vector<std::string>& warnings) {
  const field* ahp = nullptr;
  for (const auto& fd : f.items) {
    const auto m = mark_of(fd);
    const auto w = key_where(where, fd.key);
    const auto& k = fd.key;
    if (k == "id") {
      continue;
    } else if (k == "name") {
      if (auto t = r.text(fd.v, m, w)) n.name = *t;
    } else if (k == "method") {
      if (auto x = read_aggregation(r, fd.v, m, where)) n.aggregation = std::move(*x);
    } else if (k == "weights") {
      if (fd.v.IsNull())
        n.weights_from.reset();
      else if (fd.v.IsMap() && fd.v["type"] && fd.v["type"].IsScalar() &&
               fd.v["type"].Scalar() == "ahp")
        ahp = &fd; // once the children are known
      else if (auto x = read_weight_rule(r, fd.v, m, where))
        n.weights_from = std::move(*x);
    } else if (k == "min_coverage") {
      if (auto x = r.number(fd.v, m, w)) {
        if (*x >= 0 && *x <= 1)
          n.min_coverage = *x;
        else
          r.fail(m, w, "must be in [0, 1], got " + describe(fd.v));
      }
    } else if (k == "cap") {
      bool ok = true;
      auto x = r.optional_number(fd.v, m, w, ok);
      if (ok) n.cap = x;
    } else if (k == "targets") {
      if (auto x = read_targets(r, fd, where, true)) {
        n.targets = std::move(*x);
        resolve_target_directions(n.targets, 1);
      }
    } else if (k == "children") {
      n.children.clear();
      auto add = [&](const YAML::Node& idn, const YAML::Mark& im, const std::string& iw,
                     double weight) {
        if (auto id = r.id(idn, im, iw)) {
          n.children.push_back({*id, weight});
          refs.push_back({*id, im, iw});
        }
      };
      if (fd.v.IsMap()) {
        // {child: weight, ...} in file order
        for (auto it = fd.v.begin(); it != fd.v.end(); ++it) {
          const YAML::Mark km = mark_of(it->first, m);
          if (!it->first.IsScalar()) {
            r.id(it->first, km, w); // reports the bad key
            continue;
          }
          const auto vm = it->second.IsNull() ? km : mark_of(it->second, km);
          if (auto weight =
                  r.number(it->second, vm, w + ": weight of " + in_quotes(it->first.Scalar())))
            add(it->first, km, w, *weight);
        }
      } else if (fd.v.IsSequence()) {
        for (std::size_t c = 0; c < fd.v.size(); ++c) {
          const YAML::Node item = fd.v[c];
          const auto im = mark_of(item, m);
          const std::string iw = w + "[" + std::to_string(c) + "]";
          if (item.IsMap()) {
            auto cf = r.map(item, im, iw, {"id", "weight"}, {"id"});
            if (!cf) continue;
            double weight = 1.0;
            if (const auto* wf = cf->get("weight")) {
              auto x = r.number(wf->v, mark_of(*wf), key_where(iw, "weight"));
              if (!x) continue;
              weight = *x;
            }
            if (const auto* idf = cf->get("id"))
              add(idf->v, mark_of(*idf), key_where(iw, "id"), weight);
          } else {
            add(item, im, iw, 1.0);
          }
        }
      } else {
        r.fail(m, w,
               "expected a map {child: weight}, a list of ids or a list of {id, weight}, got " +
                   describe(fd.v));
      }
    }
  }
  if (ahp) read_ahp(r, *ahp, n, where, warnings);
}

} // namespace chiso::io::fragment
