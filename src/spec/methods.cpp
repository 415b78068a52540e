#include "fragments.hpp"

#include <yaml-cpp/yaml.h>

#include <type_traits>
#include <utility>
#include <variant>

namespace chiso::io::fragment {

// ---- methods, aggregations and weights rules: their declared parameters --------------------

std::optional<method> read_method(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                  std::string_view where) {
  return read_alternative<method>(r, v, m, where, "method", "method");
}

std::optional<aggregation> read_aggregation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where) {
  return read_alternative<aggregation>(r, v, m, where, "aggregation", "aggregation");
}

std::optional<weight_rule> read_weight_rule(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where) {
  return read_alternative<weight_rule>(r, v, m, where, "weights rule", "weights");
}

namespace {

template <class Variant>
written_method describe_alternative(const Variant& x, const std::string& what,
                                    const std::string& custom) {
  written_method w;
  std::visit(
      [&](const auto& a) {
        using T = std::decay_t<decltype(a)>;
        if constexpr (T::name == std::string_view("custom")) {
          throw usage_error(custom);
        } else {
          w.name = std::string(T::name);
          w.params = describe_declared(a, what);
        }
      },
      x);
  return w;
}

} // namespace

written_method describe_method(const method& m, const std::string& id) {
  return describe_alternative(m, "indicator '" + id + "': method parameter",
                              "write_spec: indicator '" + id +
                                  "' uses a custom method, which a spec file cannot express");
}

written_method describe_aggregation(const aggregation& a, const std::string& id) {
  return describe_alternative(a, "node '" + id + "': aggregation parameter",
                              "write_spec: node '" + id +
                                  "' uses a custom aggregation, which a spec file cannot express");
}

written_method describe_weight_rule(const weight_rule& rule) {
  return describe_alternative(rule, "weights: targets", "");
}

/// `method: ...` at `indent` (the key's indentation).
void write_method(std::ostream& out, const written_method& w, const std::string& indent,
                  std::string_view key) {
  if (w.params.scalars.empty() && w.params.lists.empty()) {
    out << indent << key << ": " << w.name << "\n";
    return;
  }
  if (w.params.lists.empty()) {
    std::vector<std::pair<std::string, std::string>> kv{{"type", w.name}};
    kv.insert(kv.end(), w.params.scalars.begin(), w.params.scalars.end());
    const auto line = flow_map(kv);
    if (indent.size() + line.size() < 96) {
      out << indent << key << ": " << line << "\n";
      return;
    }
  }
  out << indent << key << ":\n" << indent << "  type: " << w.name << "\n";
  for (const auto& [k, v] : w.params.scalars)
    out << indent << "  " << k << ": " << v << "\n";
  for (const auto& [k, items] : w.params.lists) {
    if (items.empty()) {
      out << indent << "  " << k << ": []\n";
      continue;
    }
    out << indent << "  " << k << ":\n";
    for (const auto& it : items)
      out << indent << "    - " << it << "\n";
  }
}

// ---- preparation: imputation and treatment ---------------------------------------------------

namespace {

/// A value written as a method name or as a map {method: NAME, settings...}: sets `method` and
/// `method_mark` to the name's node, and `f` to the map (checked against `keys`) when it is one.
/// False when the map is unusable (errors recorded).
bool method_and_settings(reader& r, const YAML::Node& v, const YAML::Mark& m,
                         const std::string& where, const std::vector<std::string_view>& keys,
                         std::optional<fields>& f, YAML::Node& method, YAML::Mark& method_mark) {
  method = v;
  method_mark = m;
  if (!v.IsMap()) return true;
  f = r.map(v, m, where, keys, {"method"});
  const auto* mf = f ? f->get("method") : nullptr;
  if (!mf) return false;
  method = mf->v;
  method_mark = mark_of(*mf);
  return true;
}

} // namespace

/// `impute:` — a method name (`column_mean`, ...) or a map {method, group, fallback, EM settings}.
std::optional<imputation> read_imputation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                          const std::string& where) {
  using impute::centre;
  YAML::Node method_node;
  YAML::Mark method_mark;
  std::optional<fields> f;
  if (!method_and_settings(
          r, v, m, where,
          {"method", "group", "fallback", "tolerance", "max_iterations", "impute_empty_rows"}, f,
          method_node, method_mark))
    return std::nullopt;
  enum class kind {
    column_mean,
    column_median,
    group_mean,
    group_median,
    row_mean,
    row_median,
    em
  };
  const auto k = r.choice<kind>(method_node, method_mark, key_where(where, "method"),
                                {{"column_mean", kind::column_mean},
                                 {"column_median", kind::column_median},
                                 {"group_mean", kind::group_mean},
                                 {"group_median", kind::group_median},
                                 {"row_mean", kind::row_mean},
                                 {"row_median", kind::row_median},
                                 {"em", kind::em}});
  if (!k) return std::nullopt;
  imputation out;
  const bool group = *k == kind::group_mean || *k == kind::group_median;
  const centre c = *k == kind::column_median || *k == kind::group_median || *k == kind::row_median
                       ? centre::median
                       : centre::mean;
  switch (*k) {
  case kind::column_mean:
  case kind::column_median: out.method = impute_by_column{c}; break;
  case kind::group_mean:
  case kind::group_median: out.method = impute_by_group{c, {}}; break;
  case kind::row_mean:
  case kind::row_median: out.method = impute_by_row{c}; break;
  case kind::em: out.method = impute_by_em{}; break;
  }
  bool ok = true;
  auto only_for = [&](const field& fd, bool allowed, const char* methods) {
    if (allowed) return true;
    r.fail(mark_of(fd), key_where(where, fd.key),
           "applies to method " + std::string(methods) + " only");
    ok = false;
    return false;
  };
  if (f) {
    for (const auto& fd : f->items) {
      const auto fm = mark_of(fd);
      const auto w = key_where(where, fd.key);
      if (fd.key == "group") {
        if (!only_for(fd, group, "group_mean or group_median")) continue;
        if (auto t = r.text(fd.v, fm, w)) std::get<impute_by_group>(out.method).group = *t;
      } else if (fd.key == "fallback") {
        if (auto x = r.choice<centre>(
                fd.v, fm, w, {{"column_mean", centre::mean}, {"column_median", centre::median}}))
          out.fallback = *x;
      } else if (fd.key == "tolerance" || fd.key == "max_iterations" ||
                 fd.key == "impute_empty_rows") {
        if (!only_for(fd, *k == kind::em, "em")) continue;
        auto& o = std::get<impute_by_em>(out.method).options;
        if (fd.key == "tolerance") {
          if (auto x = r.number(fd.v, fm, w)) o.tolerance = *x;
        } else if (fd.key == "max_iterations") {
          if (auto x = r.integer(fd.v, fm, w)) {
            if (*x >= 1)
              o.max_iterations = static_cast<std::size_t>(*x);
            else
              r.fail(fm, w, "must be at least 1, got " + describe(fd.v));
          }
        } else if (auto x = r.boolean(fd.v, fm, w)) {
          o.impute_empty_rows = *x;
        }
      }
    }
  }
  if (group && (!f || !f->get("group"))) {
    r.fail(m, where,
           "method " + method_node.Scalar() +
               " needs 'group': the data's group column (e.g. a region)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

/// `periods: impute:` — carry_forward or interpolate, or a map {method, max_gap}.
std::optional<panel_imputation> read_panel_imputation(reader& r, const YAML::Node& v,
                                                      const YAML::Mark& m) {
  const std::string where = "periods: impute";
  YAML::Node method_node;
  YAML::Mark method_mark;
  std::optional<fields> f;
  if (!method_and_settings(r, v, m, where, {"method", "max_gap"}, f, method_node, method_mark))
    return std::nullopt;
  using kind = panel_imputation::kind;
  const auto k =
      r.choice<kind>(method_node, method_mark, key_where(where, "method"),
                     {{"carry_forward", kind::carry_forward}, {"interpolate", kind::interpolate}});
  if (!k) return std::nullopt;
  panel_imputation out;
  out.method = *k;
  if (const auto* g = f ? f->get("max_gap") : nullptr) {
    const auto w = key_where(where, "max_gap");
    if (*k != kind::carry_forward) {
      r.fail(mark_of(*g), w, "applies to method carry_forward only");
      return std::nullopt;
    }
    const auto x = r.number(g->v, mark_of(*g), w);
    if (!x) return std::nullopt;
    if (!(*x >= 0)) {
      r.fail(mark_of(*g), w, "must be >= 0 (in the periods' units), got " + describe(g->v));
      return std::nullopt;
    }
    out.max_gap = *x;
  }
  return out;
}

/// `treat:` (framework or indicator) — a method name or a map {method, settings}.
std::optional<treatment> read_treatment(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                        const std::string& where) {
  YAML::Node method_node;
  YAML::Mark method_mark;
  std::optional<fields> f;
  if (!method_and_settings(r, v, m, where,
                           {"method", "skew", "kurtosis", "winmax", "log", "log_after_winsorising",
                            "lambda", "make_positive", "lower", "upper"},
                           f, method_node, method_mark))
    return std::nullopt;
  const auto k = r.choice<int>(method_node, method_mark, key_where(where, "method"),
                               {{"winmax", 0}, {"box_cox", 1}, {"quantile", 2}});
  if (!k) return std::nullopt;
  treatment out = *k == 0   ? treatment{treat::winmax_options{}}
                  : *k == 1 ? treatment{treat::box_cox_options{}}
                            : treatment{treat::quantile_options{}};
  if (!f) return out;
  bool ok = true;
  bool lambda_given = false;
  for (const auto& fd : f->items) {
    const auto fm = mark_of(fd);
    const auto w = key_where(where, fd.key);
    const auto& key = fd.key;
    auto only = [&](int method, const char* name) {
      if (*k == method) return true;
      r.fail(fm, w, "applies to method " + std::string(name) + " only");
      ok = false;
      return false;
    };
    if (key == "method") continue;
    if (key == "skew" || key == "kurtosis") {
      if (auto x = r.number(fd.v, fm, w))
        std::visit([&](auto& o) { (key == "skew" ? o.max_abs_skew : o.max_kurtosis) = *x; }, out);
      else
        ok = false;
    } else if (key == "winmax") {
      if (!only(0, "winmax")) continue;
      if (auto x = r.integer(fd.v, fm, w)) {
        if (*x >= 0)
          std::get<0>(out).winmax = static_cast<std::size_t>(*x);
        else
          r.fail(fm, w, "must be >= 0, got " + describe(fd.v));
      }
    } else if (key == "log") {
      if (!only(0, "winmax")) continue;
      enum class lg { skew_sign, positive, none };
      if (auto x = r.choice<lg>(
              fd.v, fm, w,
              {{"skew_sign", lg::skew_sign}, {"positive", lg::positive}, {"none", lg::none}})) {
        auto& o = std::get<0>(out);
        o.log_fallback = *x != lg::none;
        if (*x == lg::positive) o.log = treat::log_variant::positive;
      }
    } else if (key == "log_after_winsorising") {
      if (!only(0, "winmax")) continue;
      if (auto x = r.boolean(fd.v, fm, w)) std::get<0>(out).log_after_winsorising = *x;
    } else if (key == "lambda") {
      if (!only(1, "box_cox")) continue;
      lambda_given = true;
      if (auto x = r.number(fd.v, fm, w)) std::get<1>(out).lambda = *x;
    } else if (key == "make_positive") {
      if (!only(1, "box_cox")) continue;
      if (auto x = r.boolean(fd.v, fm, w)) std::get<1>(out).make_positive = *x;
    } else if (key == "lower" || key == "upper") {
      if (!only(2, "quantile")) continue;
      if (auto x = r.number(fd.v, fm, w))
        (key == "lower" ? std::get<2>(out).lower_p : std::get<2>(out).upper_p) = *x;
    }
  }
  if (*k == 1 && !lambda_given) {
    r.fail(f->mark, where, "method box_cox needs 'lambda' (the power; 0 = log)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<preparation> read_preparation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where) {
  auto f = r.map(v, m, where, {"impute", "treat"});
  if (!f) return std::nullopt;
  auto absent = [](const YAML::Node& n) {
    return n.IsNull() || (n.IsScalar() && n.Tag() != "!" && n.Scalar() == "none");
  };
  // `<where>: impute: ...`, as the spec's top-level `impute:` reads it.
  auto sub = [&](const char* key) {
    return where.empty() ? std::string(key) : std::string(where) + ": " + key;
  };
  preparation p;
  bool ok = true;
  if (const auto* g = f->get("impute"); g && !absent(g->v)) {
    p.impute = read_imputation(r, g->v, mark_of(*g), sub("impute"));
    ok = ok && p.impute;
  }
  if (const auto* g = f->get("treat"); g && !absent(g->v)) {
    p.treat = read_treatment(r, g->v, mark_of(*g), sub("treat"));
    ok = ok && p.treat;
  }
  if (!ok) return std::nullopt;
  return p;
}

/// `impute:` as a flow map.
std::string imputation_text(const imputation& x) {
  const auto centre_name = [](impute::centre c) {
    return c == impute::centre::median ? "median" : "mean";
  };
  // Starts non-empty: GCC 12 warns (-Warray-bounds, a false positive) on the first growth.
  std::vector<std::pair<std::string, std::string>> kv{{"method", "em"}};
  std::visit(
      [&](const auto& m) {
        using M = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<M, impute_by_em>) {
          kv.emplace_back("tolerance", finite_text(m.options.tolerance, "impute: tolerance"));
          kv.emplace_back("max_iterations", std::to_string(m.options.max_iterations));
          if (m.options.impute_empty_rows) kv.emplace_back("impute_empty_rows", "true");
        } else {
          kv[0].second = std::string(M::name) + "_" + centre_name(m.centre);
          if constexpr (std::is_same_v<M, impute_by_group>)
            kv.emplace_back("group", yaml_string(m.group));
        }
      },
      x.method);
  if (x.fallback) kv.emplace_back("fallback", std::string("column_") + centre_name(*x.fallback));
  return flow_map(kv);
}

/// `treat:` as a flow map.
std::string treatment_text(const treatment& t) {
  std::vector<std::pair<std::string, std::string>> kv{{"method", std::string(treatment_name(t))}};
  std::visit(
      [&](const auto& o) {
        kv.emplace_back("skew", finite_text(o.max_abs_skew, "treat: skew"));
        kv.emplace_back("kurtosis", finite_text(o.max_kurtosis, "treat: kurtosis"));
      },
      t);
  if (const auto* w = std::get_if<treat::winmax_options>(&t)) {
    kv.emplace_back("winmax", std::to_string(w->winmax));
    kv.emplace_back("log", !w->log_fallback                         ? "none"
                           : w->log == treat::log_variant::positive ? "positive"
                                                                    : "skew_sign");
    if (w->log_after_winsorising) kv.emplace_back("log_after_winsorising", "true");
  } else if (const auto* b = std::get_if<treat::box_cox_options>(&t)) {
    kv.emplace_back("lambda", finite_text(b->lambda, "treat: lambda"));
    if (b->make_positive) kv.emplace_back("make_positive", "true");
  } else if (const auto* q = std::get_if<treat::quantile_options>(&t)) {
    kv.emplace_back("lower", finite_text(q->lower_p, "treat: lower"));
    kv.emplace_back("upper", finite_text(q->upper_p, "treat: upper"));
  }
  return flow_map(kv);
}

} // namespace chiso::io::fragment
