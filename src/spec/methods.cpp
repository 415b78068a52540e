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

/// `impute:` — a method name (`column_mean`, ...) or a map {method, its parameters, fallback}.
std::optional<imputation> read_imputation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                          const std::string& where) {
  imputation out;
  auto method = read_alternative<imputation_method>(r, v, m, where, "imputation method", "method",
                                                    "method", &out);
  if (!method) return std::nullopt;
  out.method = std::move(*method);
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

/// `treat:` (framework or indicator) — a method name or a map {method, its parameters}.
std::optional<treatment> read_treatment(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                        const std::string& where) {
  return read_alternative<treatment>(r, v, m, where, "treatment", "method", "method");
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

/// `impute:` as written: the method's name, or a flow map with its parameters and fallback.
std::string imputation_text(const imputation& x) {
  return alternative_text(x.method, "method", "impute", describe_declared(x, "impute"));
}

/// `treat:` as written: the method's name, or a flow map with its parameters.
std::string treatment_text(const treatment& t) {
  return alternative_text(t, "method", "treat");
}

} // namespace chiso::io::fragment
