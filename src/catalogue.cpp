// The method catalogue (chiso/io/catalogue.hpp), walked from the parameter declarations with
// the same type and value texts the spec reader and writer use (src/yaml/declared.hpp).
#include "chiso/io/catalogue.hpp"

#include "yaml/declared.hpp"

#include "chiso/method.hpp"
#include "chiso/prepare_rules.hpp"
#include "chiso/weights/rule.hpp"

#include <string_view>
#include <type_traits>

namespace chiso::io {

namespace {

template <class F> parameter_default catalogue_default(const F& f) {
  using V = typename F::value_type;
  if (f.required) return std::monostate{};
  const typename F::owner_type d{};
  const V& v = f.of(d);
  if constexpr (F::choice_count > 0) {
    if constexpr (param::is_optional<V>::value)
      if (!v) return std::monostate{};
    return std::string(f.name_of(v));
  } else if constexpr (std::is_same_v<V, double>) {
    return v;
  } else if constexpr (std::is_same_v<V, bool>) {
    return v;
  } else if constexpr (std::is_same_v<V, std::size_t>) {
    return static_cast<std::uint64_t>(v);
  } else if constexpr (std::is_same_v<V, std::string>) {
    return v;
  } else if constexpr (std::is_same_v<V, std::optional<double>>) {
    return v ? parameter_default(*v) : parameter_default(std::monostate{});
  } else if constexpr (yaml::is_record_list<V>()) {
    return std::vector<double>{};
  } else {
    return std::vector<double>(v.data(), v.data() + v.size());
  }
}

template <class F> std::string catalogue_default_text(const F& f) {
  using V = typename F::value_type;
  if (f.required) return "required";
  const typename F::owner_type d{};
  const V& v = f.of(d);
  if constexpr (param::is_optional<V>::value) {
    if (!v) return "none";
    return yaml::value_text(f, v, "default");
  } else if constexpr (yaml::is_record_list<V>()) {
    return "[]";
  } else if constexpr (std::is_same_v<V, std::string>) {
    return v.empty() ? "\"\"" : yaml::yaml_string(v);
  } else {
    return yaml::value_text(f, v, "default");
  }
}

template <class F> parameter_info catalogue_parameter(const F& f) {
  using V = typename F::value_type;
  parameter_info p;
  p.key = std::string(f.key);
  p.type = yaml::type_text(f);
  p.default_value = catalogue_default(f);
  p.default_text = catalogue_default_text(f);
  if (f.limits.bounded()) p.range = f.limits.text();
  for (const auto& c : f.choices)
    p.choices.emplace_back(c.name);
  p.allowed = p.type;
  if (!p.range.empty()) p.allowed += (p.allowed.rfind("list", 0) == 0 ? ", each " : " ") + p.range;
  p.doc = std::string(f.doc);
  p.required = f.required;
  if constexpr (yaml::is_record_list<V>()) {
    std::string keys;
    param::for_each<typename V::value_type>([&](const auto& g) {
      keys += (keys.empty() ? "" : ", ") + std::string(g.key);
      p.fields.push_back(catalogue_parameter(g));
    });
    p.allowed += " {" + keys + "}";
  }
  return p;
}

template <class T> std::vector<parameter_info> parameters_of() {
  std::vector<parameter_info> out;
  param::for_each<T>([&](const auto& f) {
    if (!f.in_name) out.push_back(catalogue_parameter(f));
  });
  return out;
}

/// One entry per name a spec may write (`column_mean` and `column_median` are two).
template <class Variant> std::vector<method_info> catalogue_of() {
  std::vector<method_info> out;
  param::for_each_alternative<Variant>([&](const auto& x) {
    using T = std::decay_t<decltype(x)>;
    for (const auto& s : param::spellings<T>())
      out.push_back({s.first, std::string(T::summary), parameters_of<T>()});
  });
  return out;
}

} // namespace

const method_catalogue& built_in_methods() {
  static const method_catalogue c{catalogue_of<method>(),      catalogue_of<aggregation>(),
                                  catalogue_of<weight_rule>(), catalogue_of<imputation_method>(),
                                  parameters_of<imputation>(), catalogue_of<treatment>()};
  return c;
}

} // namespace chiso::io
