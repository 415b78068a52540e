// The parameter reference of docs/spec.md, generated from the declarations (chiso/param.hpp).
#include "fragments.hpp"

#include <sstream>

namespace chiso::io {

namespace {

using namespace yaml;

template <class F> std::string default_text(const F& f) {
  using V = typename F::value_type;
  if (f.required) return "required";
  const typename F::owner_type d{};
  const V& v = f.of(d);
  if constexpr (std::is_same_v<V, std::optional<double>>) {
    return v ? finite_text(*v, f.key) : "none";
  } else if constexpr (param::is_vector<V>::value) {
    if constexpr (param::declared<typename V::value_type>)
      return "[]";
    else
      return value_text(f, v, "default");
  } else if constexpr (std::is_same_v<V, std::string>) {
    return v.empty() ? "\"\"" : yaml_string(v);
  } else {
    return value_text(f, v, "default");
  }
}

template <class F> std::string allowed_text(const F& f) {
  std::string s = type_text(f);
  if (f.limits.bounded()) s += (s.rfind("list", 0) == 0 ? ", each " : " ") + f.limits.text();
  using V = typename F::value_type;
  if constexpr (param::is_vector<V>::value)
    if constexpr (param::declared<typename V::value_type>) {
      std::string keys;
      param::for_each<typename V::value_type>(
          [&](const auto& g) { keys += (keys.empty() ? "" : ", ") + std::string(g.key); });
      s += " {" + keys + "}";
    }
  return s;
}

std::string cell(std::string s) {
  for (std::size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2)
    s.replace(i, 1, "\\|");
  return s;
}

template <class Variant> void table(std::ostream& o, const char* title, const char* what) {
  o << "### " << title << "\n\n";
  o << "| " << what << " | parameter | default | allowed | meaning |\n";
  o << "|---|---|---|---|---|\n";
  param::for_each_alternative<Variant>([&](const auto& x) {
    using T = std::decay_t<decltype(x)>;
    o << "| `" << T::name << "` | | | | " << cell(std::string(T::summary)) << " |\n";
    param::for_each<T>([&](const auto& f) {
      o << "| | `" << f.key << "` | " << cell(default_text(f)) << " | " << cell(allowed_text(f))
        << " | " << cell(std::string(f.doc)) << " |\n";
      using V = typename std::decay_t<decltype(f)>::value_type;
      if constexpr (param::is_vector<V>::value)
        if constexpr (param::declared<typename V::value_type>)
          param::for_each<typename V::value_type>([&](const auto& g) {
            o << "| | `" << f.key << "[]." << g.key << "` | " << cell(default_text(g)) << " | "
              << cell(allowed_text(g)) << " | " << cell(std::string(g.doc)) << " |\n";
          });
    });
  });
  o << "\n";
}

} // namespace

std::string parameter_reference() {
  std::ostringstream o;
  table<method>(o, "Normalisations and point rules (an indicator's `method`)", "method");
  table<aggregation>(o, "Aggregations (a node's `method`)", "aggregation");
  table<weight_rule>(o, "Weights rules (a node's `weights: {type: ...}`)", "rule");
  return o.str();
}

} // namespace chiso::io
