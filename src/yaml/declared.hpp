#pragma once
// src/yaml/declared.hpp — private to the compiled readers: reading and writing a struct's
// declared parameters (chiso/param.hpp) with the one YAML reader. Spec files, uncertain-choices
// files, CLI shorthands and Python keyword arguments all reach methods through these.

#include "reader.hpp"
#include "write.hpp"

#include "chiso/error.hpp"
#include "chiso/param.hpp"

#include <Eigen/Core>

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chiso::io::yaml {

template <class T> struct is_eigen_vector : std::false_type {};
template <> struct is_eigen_vector<Eigen::VectorXd> : std::true_type {};

/// What kind of value a declared member holds, for messages and docs.
template <class F> std::string type_text(const F& f) {
  using V = typename F::value_type;
  if constexpr (F::choice_count > 0) {
    std::string s = "one of";
    for (const auto& c : f.choices)
      s += std::string(s == "one of" ? " " : ", ") + std::string(c.name);
    return s;
  } else if constexpr (std::is_same_v<V, double>) {
    return "number";
  } else if constexpr (std::is_same_v<V, bool>) {
    return "true or false";
  } else if constexpr (std::is_same_v<V, std::size_t>) {
    return "whole number";
  } else if constexpr (std::is_same_v<V, std::string>) {
    return "text";
  } else if constexpr (std::is_same_v<V, std::optional<double>>) {
    return "number";
  } else if constexpr (std::is_same_v<V, std::vector<double>> || is_eigen_vector<V>::value) {
    return "list of numbers";
  } else {
    static_assert(param::declared<typename V::value_type>, "unsupported parameter type");
    return "list of maps";
  }
}

/// Whether V is a list of maps (records that declare their own parameters).
template <class V> constexpr bool is_record_list() {
  if constexpr (param::is_vector<V>::value)
    return param::declared<typename V::value_type>;
  else
    return false;
}

/// The keys T declares (in declaration order; not those written in its name), and those it
/// requires.
template <class T> std::vector<std::string_view> keys_of() {
  std::vector<std::string_view> out;
  param::for_each<T>([&](const auto& f) {
    if (!f.in_name) out.push_back(f.key);
  });
  return out;
}
template <class T> std::vector<std::string_view> required_keys_of() {
  std::vector<std::string_view> out;
  param::for_each<T>([&](const auto& f) {
    if (f.required) out.push_back(f.key);
  });
  return out;
}

template <class T> bool read_declared(reader& r, const fields& f, const std::string& where, T& x);

/// Reads one value of field `f` from node `v` into `out`; false on error (recorded).
template <class F, class V>
bool read_value(reader& r, const F& f, const YAML::Node& v, const YAML::Mark& m,
                const std::string& w, V& out) {
  auto in_range = [&](double x, const std::string& what) {
    if (f.limits.contains(x)) return true;
    r.fail(m, what, "must be " + f.limits.text() + ", got " + finite_text(x, what));
    return false;
  };
  if constexpr (F::choice_count > 0) {
    std::vector<std::pair<std::string_view, V>> c;
    for (const auto& ch : f.choices)
      c.emplace_back(ch.name, ch.value);
    auto x = r.choice_of<V>(v, m, w, c);
    if (!x) return false;
    out = *x;
    return true;
  } else if constexpr (std::is_same_v<V, double>) {
    auto x = r.number(v, m, w);
    if (!x || !in_range(*x, w)) return false;
    out = *x;
    return true;
  } else if constexpr (std::is_same_v<V, bool>) {
    auto x = r.boolean(v, m, w);
    if (!x) return false;
    out = *x;
    return true;
  } else if constexpr (std::is_same_v<V, std::size_t>) {
    const double lo = std::isfinite(f.limits.lo) ? f.limits.lo : 0;
    auto x = r.whole(v, m, w, static_cast<unsigned long long>(lo),
                     std::numeric_limits<std::size_t>::max());
    if (!x) return false;
    out = static_cast<std::size_t>(*x);
    return true;
  } else if constexpr (std::is_same_v<V, std::string>) {
    auto x = r.text(v, m, w);
    if (!x) return false;
    out = *x;
    return true;
  } else if constexpr (std::is_same_v<V, std::optional<double>>) {
    bool ok = true;
    auto x = r.optional_number(v, m, w, ok);
    if (!ok || (x && !in_range(*x, w))) return false;
    out = x;
    return true;
  } else if constexpr (std::is_same_v<V, std::vector<double>> || is_eigen_vector<V>::value) {
    auto x = r.numbers(v, m, w);
    if (!x) return false;
    bool ok = true;
    for (std::size_t k = 0; k < x->size(); ++k)
      ok = in_range((*x)[k], w + "[" + std::to_string(k) + "]") && ok;
    if (!ok) return false;
    if constexpr (is_eigen_vector<V>::value)
      out = Eigen::Map<const Eigen::VectorXd>(x->data(), static_cast<Eigen::Index>(x->size()));
    else
      out = std::move(*x);
    return true;
  } else {
    using R = typename V::value_type;
    if (!r.list(v, m, w)) return false;
    bool ok = true;
    V items;
    for (std::size_t k = 0; k < v.size(); ++k) {
      const auto wk = w + "[" + std::to_string(k) + "]";
      auto fm = r.map(v[k], mark_of(v[k], m), wk, keys_of<R>(), required_keys_of<R>());
      R item{};
      if (!fm || !read_declared(r, *fm, wk, item)) {
        ok = false;
        continue;
      }
      items.push_back(std::move(item));
    }
    if (!ok) return false;
    out = std::move(items);
    return true;
  }
}

/// Reads the declared parameters of T present in `f` (whose keys were checked) into `x`, then
/// checks their combination (`params_problem`). False when anything was wrong (recorded).
template <class T> bool read_declared(reader& r, const fields& f, const std::string& where, T& x) {
  bool ok = true;
  param::for_each<T>([&](const auto& fd) {
    if (fd.in_name) return;
    if (const auto* p = f.get(fd.key))
      ok = read_value(r, fd, p->v, mark_of(*p), key_where(where, fd.key), fd.of(x)) && ok;
  });
  if (ok)
    if (auto problem = param::problem(x); !problem.empty()) {
      r.fail(f.mark, where, problem);
      ok = false;
    }
  return ok;
}

/// The parameters of a value as written: scalars in flow form (`lo: 0`, `cuts: [5, 15]`) and
/// lists of maps, in declaration order; those equal to the default left out (required ones
/// always written). `what` names the owner for the error on a non-finite number.
struct written_params {
  std::vector<std::pair<std::string, std::string>> scalars;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
};

template <class F, class V> std::string value_text(const F& f, const V& v, std::string_view what);

template <class T> written_params describe_declared(const T& x, std::string_view what) {
  written_params w;
  const T d{};
  param::for_each<T>([&](const auto& fd) {
    using V = typename std::decay_t<decltype(fd)>::value_type;
    const V& v = fd.of(x);
    if (fd.in_name) return;
    if constexpr (std::is_same_v<V, double>) {
      const double dv = fd.of(d);
      if (!fd.required && v == dv && std::signbit(v) == std::signbit(dv)) return;
    } else {
      if (!fd.required && param::same(v, fd.of(d))) return;
    }
    if constexpr (is_record_list<V>()) {
      std::vector<std::string> items;
      for (const auto& item : v)
        items.push_back(flow_map(describe_declared(item, what).scalars));
      w.lists.emplace_back(std::string(fd.key), std::move(items));
    } else {
      w.scalars.emplace_back(std::string(fd.key), value_text(fd, v, what));
    }
  });
  return w;
}

template <class F, class V> std::string value_text(const F& f, const V& v, std::string_view what) {
  if constexpr (F::choice_count > 0) {
    if constexpr (param::is_optional<V>::value)
      if (!v) return "null";
    const auto name = f.name_of(v);
    if (name.empty()) // e.g. difference_from built in C++ with reference::best
      throw usage_error("write_spec: " + std::string(what) + " '" + std::string(f.key) +
                        "' holds a value a spec file cannot name");
    return std::string(name);
  } else if constexpr (std::is_same_v<V, double>) {
    return finite_text(v, what);
  } else if constexpr (std::is_same_v<V, bool>) {
    return v ? "true" : "false";
  } else if constexpr (std::is_same_v<V, std::size_t>) {
    return std::to_string(v);
  } else if constexpr (std::is_same_v<V, std::string>) {
    return yaml_string(v);
  } else if constexpr (std::is_same_v<V, std::optional<double>>) {
    return v ? finite_text(*v, what) : "null";
  } else {
    std::vector<std::string> items;
    for (decltype(v.size()) i = 0; i < v.size(); ++i)
      items.push_back(finite_text(v.data()[i], what));
    return flow_list(items);
  }
}

// ---- variants of declared alternatives -------------------------------------------------------

/// How a variant's alternatives are written in a map: the key that names the alternative
/// (`type: min_max`; `method: column_mean` for imputation and treatment), and the declared
/// struct, if any, whose parameters sit beside it in the same map (an imputation's
/// `fallback`).
struct no_outer {
  static constexpr auto parameters() { return std::tuple<>{}; }
};

/// Reads a value of Variant written as `NAME` or `{<type_key>: NAME, params...}` at `v`; `kind`
/// ("method", "aggregation", "weights rule") words the messages. The parameters of `outer`'s
/// type, when given, are read from the same map into it. Empty on error (recorded).
template <class Variant, class Outer = no_outer>
std::optional<Variant>
read_alternative(reader& r, const YAML::Node& v, const YAML::Mark& m, std::string_view where,
                 std::string_view kind, std::string_view owner_word,
                 std::string_view type_key = "type", Outer* outer = nullptr) {
  const auto known_names = param::names_of<Variant>();
  const std::vector<std::string_view> known(known_names.begin(), known_names.end());
  const std::string tk(type_key);
  auto unknown = [&](const YAML::Mark& at, const std::string& name) {
    r.fail(at, where,
           "unknown " + std::string(kind) + " " + show(name) + " (known: " + join(known) + ")" +
               hint(name, known));
  };
  std::string name;
  YAML::Mark name_mark = m;
  if (v.IsScalar()) {
    name = v.Scalar();
  } else if (!v.IsMap()) {
    r.fail(m, where,
           "expected a " + std::string(kind) + " name or a map {" + tk + ": NAME, ...}, got " +
               describe(v));
    return std::nullopt;
  } else {
    YAML::Node type;
    name_mark = mark_of(v, m);
    for (auto it = v.begin(); it != v.end(); ++it)
      if (it->first.IsScalar() && it->first.Scalar() == tk) {
        type = it->second;
        name_mark = it->second.IsNull() ? it->first.Mark() : it->second.Mark();
      }
    if (!type.IsDefined()) {
      r.fail(mark_of(v, m), where,
             "missing required key " + in_quotes(tk) + " (one of: " + join(known) + ")");
      return std::nullopt;
    }
    if (!type.IsScalar()) {
      r.fail(name_mark, where,
             in_quotes(tk) + ": expected a " + std::string(kind) + " name, got " + describe(type));
      return std::nullopt;
    }
    name = type.Scalar();
  }
  std::optional<Variant> out;
  bool found = false;
  param::for_each_alternative<Variant>([&](const auto& alternative) {
    using T = std::decay_t<decltype(alternative)>;
    if (found) return;
    for (auto& [spelled, x] : param::spellings<T>()) {
      if (spelled != name) continue;
      found = true;
      const std::string mwhere = (where.empty() ? "" : std::string(where) + ": ") +
                                 std::string(owner_word) + " " + in_quotes(name);
      // A required parameter left out, named with its doc line (in the short form too).
      bool missing = false;
      param::for_each<T>([&](const auto& fd) {
        if (!fd.required || (v.IsMap() && v[std::string(fd.key)].IsDefined())) return;
        if (!missing)
          r.fail(v.IsMap() ? mark_of(v, m) : m, mwhere,
                 "missing required key " + in_quotes(std::string(fd.key)) + ": " +
                     std::string(fd.doc));
        missing = true;
      });
      if (missing) return;
      if (!v.IsMap()) { // the short form: every parameter at its default
        out = x;
        return;
      }
      std::vector<std::string_view> allowed{type_key};
      const auto keys = keys_of<T>();
      allowed.insert(allowed.end(), keys.begin(), keys.end());
      const auto outer_keys = keys_of<Outer>();
      allowed.insert(allowed.end(), outer_keys.begin(), outer_keys.end());
      auto f = r.map(v, m, mwhere, allowed, {}, "parameter");
      if (!f) return;
      bool ok = read_declared(r, *f, mwhere, x);
      if (outer) ok = read_declared(r, *f, std::string(where), *outer) && ok;
      if (ok) out = x;
      return;
    }
  });
  if (!found) unknown(name_mark, name);
  return out;
}

/// `x`, one of Variant's alternatives, as a flow map `{<type_key>: NAME, params...}` (only the
/// parameters not at their default), or as its bare name when it has none to write.
template <class Variant>
std::string alternative_text(const Variant& x, std::string_view type_key, std::string_view what,
                             const written_params& extra = {}) {
  return std::visit(
      [&](const auto& a) {
        auto w = describe_declared(a, what);
        const std::string name = param::spelling(a);
        if (w.scalars.empty() && extra.scalars.empty()) return name;
        std::vector<std::pair<std::string, std::string>> kv{{std::string(type_key), name}};
        kv.insert(kv.end(), w.scalars.begin(), w.scalars.end());
        kv.insert(kv.end(), extra.scalars.begin(), extra.scalars.end());
        return flow_map(kv);
      },
      x);
}

} // namespace chiso::io::yaml
