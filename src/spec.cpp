#include "chiso/io/spec.hpp"
#include "chiso/weights/ahp.hpp"

#include "yaml_text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <ostream>
#include <sstream>
#include <system_error>
#include <unordered_map>
#include <utility>

namespace chiso::io {

namespace {

using namespace yaml_text;

// ---------------------------------------------------------------------------------------------
// Method tables: the spec names and parameters of the built-in methods (spec schema).
// ---------------------------------------------------------------------------------------------

struct method_info {
  std::string_view name;
  std::vector<std::string_view> params;
  std::vector<std::string_view> required;
};

const std::vector<method_info>& method_table() {
  static const std::vector<method_info> t = {
      {normalise::identity::name, {}, {}},
      {normalise::min_max::name, {"lo", "hi", "clamp"}, {}},
      {normalise::z_score::name, {"mean", "sd"}, {}},
      {normalise::goalposts::name, {"scale", "log"}, {}},
      {normalise::distance_to_target::name, {"cap"}, {}},
      {normalise::ratio_to::name, {"reference"}, {}},
      {normalise::difference_from::name, {"reference"}, {}},
      {normalise::fraction_of_max::name, {}, {}},
      {normalise::rank::name, {}, {}},
      {normalise::percentile_rank::name, {"formula"}, {}},
      {normalise::categorical::name, {"cuts", "values"}, {}},
      {normalise::above_below_mean::name, {"p"}, {}},
      {points::binary::name, {"threshold"}, {}},
      {points::graded::name, {"grades"}, {"grades"}},
      {points::ratio::name, {"threshold", "cap"}, {}},
      {points::step_table::name, {"steps", "below"}, {"steps"}},
      {points::not_scored::name, {}, {}},
  };
  return t;
}

const std::vector<method_info>& aggregation_table() {
  static const std::vector<method_info> t = {
      {aggregate::arithmetic_mean::name, {}, {}},
      {aggregate::weighted_sum::name, {}, {}},
      {aggregate::geometric_mean::name, {}, {}},
      {aggregate::harmonic_mean::name, {}, {}},
      {aggregate::generalised_mean::name, {"p"}, {}},
      {aggregate::minimum::name, {}, {}},
      {aggregate::copeland::name, {}, {}},
      {aggregate::mazziotta_pareto::name, {"penalty_sign", "sample_sd"}, {}},
      {aggregate::adjusted_mazziotta_pareto::name, {"penalty_sign", "lower", "upper"}, {}},
      {aggregate::benefit_of_the_doubt::name, {"lower", "upper", "shares"}, {}},
  };
  return t;
}

const method_info* find_info(const std::vector<method_info>& t, std::string_view name) {
  for (const auto& m : t)
    if (m.name == name) return &m;
  return nullptr;
}

std::vector<std::string_view> names_of(const std::vector<method_info>& t) {
  std::vector<std::string_view> out;
  for (const auto& m : t)
    out.push_back(m.name);
  return out;
}

// Allowed keys of each section (in the order the schema lists them).
// clang-format off
const std::vector<std::string_view> top_keys = {
    "chiso", "id", "name", "description", "version", "root", "display_decimals", "periods", "ranking",
    "bands", "sample", "data", "impute", "treat", "defaults", "indicators", "nodes"};
const std::vector<std::string_view> indicator_keys = {
    "id", "name", "unit", "direction", "method", "bounds", "target", "points", "column",
    "denominator", "scale", "transform", "valid", "if_zero_denominator", "if_missing_denominator",
    "impute", "treat", "targets", "merge"};
const std::vector<std::string_view> indicator_default_keys = {
    "unit", "direction", "method", "bounds", "target", "points", "denominator", "scale",
    "transform", "valid", "if_zero_denominator", "if_missing_denominator", "impute", "treat",
    "merge"};
const std::vector<std::string_view> node_keys = {
    "id", "name", "method", "weights", "min_coverage", "cap", "children", "targets"};
const std::vector<std::string_view> indicator_target_keys = {
    "value", "deadline", "baseline", "of", "direction", "cap", "projection", "min_observations"};
const std::vector<std::string_view> node_target_keys = {
    "value", "deadline", "baseline", "direction", "cap", "projection", "min_observations"};
const std::vector<std::string_view> merge_keys = {"rule", "weight", "missing", "weighted_mean"};
const std::vector<std::string_view> node_default_keys = {"method", "weights", "min_coverage",
                                                         "cap"};
// clang-format on

// ---------------------------------------------------------------------------------------------
// The reader
// ---------------------------------------------------------------------------------------------

/// One error, with its 1-based position (line 0: about the whole file).
struct located_error {
  std::size_t line = 0, col = 0;
  std::string text;
};

/// One key of a map, with its key and value nodes.
struct field {
  std::string key;
  YAML::Node k, v;
};

/// A map whose keys were checked.
struct fields {
  YAML::Node node;
  YAML::Mark mark;
  std::vector<field> items;
  const field* get(std::string_view key) const {
    for (const auto& f : items)
      if (f.key == key) return &f;
    return nullptr;
  }
};

/// Where a value is: its own mark, or its key's when the value is empty (yaml-cpp marks an
/// empty value at the next token, possibly lines further down).
YAML::Mark mark_of(const field& f) {
  if (f.v.IsNull() || f.v.Mark().line < 0) return f.k.Mark();
  return f.v.Mark();
}

YAML::Mark mark_of(const YAML::Node& n, const YAML::Mark& fallback) {
  return n.Mark().line < 0 ? fallback : n.Mark();
}

class reader {
public:
  reader(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }

  const std::string& source() const noexcept { return source_; }

  /// 1-based line and column (in characters, not bytes) of a yaml-cpp mark; {0, 0} if unknown.
  std::pair<std::size_t, std::size_t> position(const YAML::Mark& m) const {
    if (m.line < 0 || m.column < 0) return {0, 0};
    const auto line = static_cast<std::size_t>(m.line);
    std::size_t chars = 0;
    if (line < line_starts_.size()) {
      const std::size_t start = line_starts_[line];
      const std::size_t end = std::min(text_.size(), start + static_cast<std::size_t>(m.column));
      for (std::size_t i = start; i < end; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++chars;
    } else {
      chars = static_cast<std::size_t>(m.column);
    }
    return {line + 1, chars + 1};
  }

  std::string origin(const YAML::Mark& m) const {
    const auto [l, c] = position(m);
    return l == 0 ? source_ : source_ + ":" + std::to_string(l);
  }

  /// Records `<source>:<line>:<col>: <where>: <rule>`.
  void fail(const YAML::Mark& m, std::string_view where, const std::string& rule) {
    const auto [l, c] = position(m);
    std::string text = source_;
    if (l != 0) text += ":" + std::to_string(l) + ":" + std::to_string(c);
    text += ": ";
    if (!where.empty()) text += std::string(where) + ": ";
    text += rule;
    errors_.push_back({l, c, std::move(text)});
  }

  std::size_t error_count() const noexcept { return errors_.size(); }

  /// Throws one input_error listing every error recorded, in file order.
  void throw_if_errors() {
    if (errors_.empty()) return;
    std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
      return a.line != b.line ? a.line < b.line : a.col < b.col;
    });
    if (errors_.size() == 1) throw input_error(errors_[0].text);
    std::string msg = source_ + ": " + std::to_string(errors_.size()) + " errors in the spec:";
    for (const auto& e : errors_)
      msg += "\n  " + e.text;
    throw input_error(msg);
  }

  // ---- maps ----------------------------------------------------------------------------

  /// Checks that `n` is a map with only `allowed` keys (each once) and every `required` key.
  std::optional<fields> map(const YAML::Node& n, const YAML::Mark& m, std::string_view where,
                            const std::vector<std::string_view>& allowed,
                            const std::vector<std::string_view>& required = {},
                            std::string_view noun = "key") {
    if (!n.IsMap()) {
      fail(m, where, "expected a map (key: value), got " + describe(n));
      return std::nullopt;
    }
    fields out;
    out.node = n;
    out.mark = mark_of(n, m);
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node k = it->first;
      if (!k.IsScalar()) {
        fail(mark_of(k, out.mark), where, "keys must be plain names, got " + describe(k));
        continue;
      }
      const std::string key = k.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(k.Mark(), where,
             "unknown " + std::string(noun) + " " + in_quotes(key) + " (allowed: " + join(allowed) +
                 ")" + hint(key, allowed));
        continue;
      }
      if (const auto* first = out.get(key)) {
        fail(k.Mark(), where,
             "key " + in_quotes(key) + " given twice (first on line " +
                 std::to_string(position(first->k.Mark()).first) + ")");
        continue;
      }
      out.items.push_back({key, k, it->second});
    }
    for (auto r : required)
      if (!out.get(r)) fail(out.mark, where, "missing required key " + in_quotes(r));
    return out;
  }

  // ---- scalars -------------------------------------------------------------------------

  /// A finite number. Quoted text is refused (a string is not a number).
  std::optional<double> number(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
    if (v.IsScalar() && v.Tag() != "!") {
      if (auto x = parse_double(v.Scalar())) return x;
    }
    std::string rule = "expected a number, got " + describe(v);
    if (v.IsScalar() && v.Tag() == "!" && parse_double(v.Scalar()))
      rule += " (write numbers without quotes)";
    fail(m, what, rule);
    return std::nullopt;
  }

  /// A number or null (null gives an empty optional); `ok` is false on error.
  std::optional<double> optional_number(const YAML::Node& v, const YAML::Mark& m,
                                        std::string_view what, bool& ok) {
    if (v.IsNull()) return std::nullopt;
    auto x = number(v, m, what);
    ok = ok && x.has_value();
    return x;
  }

  std::optional<long long> integer(const YAML::Node& v, const YAML::Mark& m,
                                   std::string_view what) {
    if (v.IsScalar() && v.Tag() != "!") {
      std::string_view s = v.Scalar();
      if (!s.empty() && s.front() == '+') s.remove_prefix(1);
      long long x = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
      if (ec == std::errc() && p == s.data() + s.size() && !s.empty()) return x;
    }
    fail(m, what, "expected an integer, got " + describe(v));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
    if (v.IsScalar() && v.Tag() != "!") {
      const std::string& s = v.Scalar();
      if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "Yes" || s == "YES")
        return true;
      if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "No" || s == "NO")
        return false;
    }
    fail(m, what, "expected true or false, got " + describe(v));
    return std::nullopt;
  }

  /// Text (a plain or quoted scalar; null reads as empty text).
  std::optional<std::string> text(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
    if (v.IsNull()) return std::string();
    if (v.IsScalar()) return v.Scalar();
    fail(m, what, "expected text, got " + describe(v));
    return std::nullopt;
  }

  /// An id: non-empty, letters, digits, '_', '.', '-'.
  std::optional<std::string> id(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
    if (!v.IsScalar()) {
      fail(m, what, "expected an id, got " + describe(v));
      return std::nullopt;
    }
    const std::string& s = v.Scalar();
    if (!valid_id(s)) {
      fail(m, what,
           "id " + show(s) +
               (s.empty() ? " is empty"
                          : " may only hold letters A-Z a-z, digits, '_', '.' and '-'"));
      return std::nullopt;
    }
    return s;
  }

  /// One of `choices`.
  template <class E>
  std::optional<E> choice(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
                          std::initializer_list<std::pair<std::string_view, E>> choices) {
    std::vector<std::string_view> allowed;
    for (const auto& c : choices)
      allowed.push_back(c.first);
    if (v.IsScalar()) {
      for (const auto& c : choices)
        if (c.first == v.Scalar()) return c.second;
      fail(m, what,
           "unknown value " + show(v.Scalar()) + " (allowed: " + join(allowed) + ")" +
               hint(v.Scalar(), allowed));
    } else {
      fail(m, what, "expected one of " + join(allowed) + ", got " + describe(v));
    }
    return std::nullopt;
  }

  /// A list (of anything); errors when `v` is not one.
  bool list(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
    if (v.IsSequence()) return true;
    fail(m, what, "expected a list, got " + describe(v));
    return false;
  }

  std::optional<std::vector<double>> numbers(const YAML::Node& v, const YAML::Mark& m,
                                             std::string_view what) {
    if (!list(v, m, what)) return std::nullopt;
    std::vector<double> out;
    bool ok = true;
    for (std::size_t k = 0; k < v.size(); ++k) {
      auto x = number(v[k], mark_of(v[k], m), std::string(what) + "[" + std::to_string(k) + "]");
      if (x)
        out.push_back(*x);
      else
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  /// A pair [lower, upper]; either may be null.
  bool range(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
             std::optional<double>& lo, std::optional<double>& hi) {
    if (!v.IsSequence() || v.size() != 2) {
      fail(m, what,
           "expected a list [lower, upper] (null for an open end), got " +
               (v.IsSequence() ? "a list of " + std::to_string(v.size()) + " items" : describe(v)));
      return false;
    }
    bool ok = true;
    auto a = optional_number(v[0], mark_of(v[0], m), what, ok);
    auto b = optional_number(v[1], mark_of(v[1], m), what, ok);
    if (ok) {
      lo = a;
      hi = b;
    }
    return ok;
  }

  static std::optional<double> parse_double(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
    // Decimal forms only: from_chars would also take "inf", "nan" and hexadecimal digits.
    const std::size_t first = s.front() == '-' ? 1 : 0;
    if (first >= s.size() ||
        !(std::isdigit(static_cast<unsigned char>(s[first])) || s[first] == '.'))
      return std::nullopt;
    for (char c : s)
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
            c == '+' || c == '-'))
        return std::nullopt;
    double x = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(x)) return std::nullopt;
    return x;
  }

private:
  std::string_view text_;
  std::string source_;
  std::vector<std::size_t> line_starts_;
  std::vector<located_error> errors_;
};

std::string key_where(std::string_view where, std::string_view key) {
  return where.empty() ? in_quotes(key) : std::string(where) + ": " + in_quotes(key);
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

/// Reads the parameters of one method from its map (checked already).
class params {
public:
  params(reader& r, const fields* f, std::string where) : r_(r), f_(f), where_(std::move(where)) {}
  bool ok() const noexcept { return ok_; }

  void number(std::string_view key, double& out) {
    if (const auto* p = get(key)) {
      if (auto x = r_.number(p->v, mark_of(*p), key_where(where_, key)))
        out = *x;
      else
        ok_ = false;
    }
  }
  void optional_number(std::string_view key, std::optional<double>& out) {
    if (const auto* p = get(key))
      out = r_.optional_number(p->v, mark_of(*p), key_where(where_, key), ok_);
  }
  void boolean(std::string_view key, bool& out) {
    if (const auto* p = get(key)) {
      if (auto x = r_.boolean(p->v, mark_of(*p), key_where(where_, key)))
        out = *x;
      else
        ok_ = false;
    }
  }
  template <class E>
  void choice(std::string_view key, E& out,
              std::initializer_list<std::pair<std::string_view, E>> c) {
    if (const auto* p = get(key)) {
      if (auto x = r_.choice<E>(p->v, mark_of(*p), key_where(where_, key), c))
        out = *x;
      else
        ok_ = false;
    }
  }
  void numbers(std::string_view key, std::vector<double>& out) {
    if (const auto* p = get(key)) {
      if (auto x = r_.numbers(p->v, mark_of(*p), key_where(where_, key)))
        out = std::move(*x);
      else
        ok_ = false;
    }
  }
  /// Calls `item(map, where)` for each map of the list under `key`.
  template <class F>
  void items(std::string_view key, const std::vector<std::string_view>& allowed,
             const std::vector<std::string_view>& required, F&& item) {
    const auto* p = get(key);
    if (!p) return;
    const auto w = key_where(where_, key);
    if (!r_.list(p->v, mark_of(*p), w)) {
      ok_ = false;
      return;
    }
    for (std::size_t k = 0; k < p->v.size(); ++k) {
      const auto wk = w + "[" + std::to_string(k) + "]";
      auto m = r_.map(p->v[k], mark_of(p->v[k], mark_of(*p)), wk, allowed, required);
      if (!m || !item(*m, wk)) ok_ = false;
    }
  }
  reader& r() { return r_; }

private:
  const field* get(std::string_view key) const { return f_ ? f_->get(key) : nullptr; }
  reader& r_;
  const fields* f_;
  std::string where_;
  bool ok_ = true;
};

/// The name of a method given as `name` or `{type: name, ...}`, and its parameter map.
struct method_spec {
  std::string name;
  std::optional<fields> map; // absent for the short form
};

std::optional<method_spec> read_method_spec(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where,
                                            const std::vector<method_info>& table,
                                            std::string_view kind) {
  const auto known = names_of(table);
  auto unknown = [&](const YAML::Mark& at, const std::string& name) {
    r.fail(at, where,
           "unknown " + std::string(kind) + " " + show(name) + " (known: " + join(known) + ")" +
               hint(name, known));
  };
  if (v.IsScalar()) {
    if (!find_info(table, v.Scalar())) {
      unknown(m, v.Scalar());
      return std::nullopt;
    }
    return method_spec{v.Scalar(), std::nullopt};
  }
  if (!v.IsMap()) {
    r.fail(m, where,
           "'method': expected a " + std::string(kind) + " name or a map {type: NAME, ...}, got " +
               describe(v));
    return std::nullopt;
  }
  YAML::Node type;
  YAML::Mark type_mark = mark_of(v, m);
  for (auto it = v.begin(); it != v.end(); ++it)
    if (it->first.IsScalar() && it->first.Scalar() == "type") {
      type = it->second;
      type_mark = it->second.IsNull() ? it->first.Mark() : it->second.Mark();
    }
  if (!type.IsDefined()) {
    r.fail(mark_of(v, m), where,
           "'method': missing required key 'type' (one of: " + join(known) + ")");
    return std::nullopt;
  }
  if (!type.IsScalar()) {
    r.fail(type_mark, where,
           "'method': 'type': expected a " + std::string(kind) + " name, got " + describe(type));
    return std::nullopt;
  }
  const auto* info = find_info(table, type.Scalar());
  if (!info) {
    unknown(type_mark, type.Scalar());
    return std::nullopt;
  }
  std::vector<std::string_view> allowed{"type"};
  allowed.insert(allowed.end(), info->params.begin(), info->params.end());
  const std::string mwhere =
      std::string(where) + ": " + std::string(kind) + " " + in_quotes(info->name);
  auto f = r.map(v, m, mwhere, allowed, info->required, "parameter");
  if (!f) return std::nullopt;
  return method_spec{type.Scalar(), std::move(f)};
}

std::optional<method> read_method(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                  std::string_view where) {
  const std::size_t errors_before = r.error_count();
  auto ms = read_method_spec(r, v, m, where, method_table(), "method");
  if (!ms) return std::nullopt;
  const std::string& n = ms->name;
  params p(r, ms->map ? &*ms->map : nullptr, std::string(where) + ": method " + in_quotes(n));
  using ref = normalise::reference;
  method out;
  if (n == normalise::identity::name) {
    out = normalise::identity{};
  } else if (n == normalise::min_max::name) {
    normalise::min_max x;
    p.number("lo", x.lo);
    p.number("hi", x.hi);
    p.boolean("clamp", x.clamp);
    out = x;
  } else if (n == normalise::z_score::name) {
    normalise::z_score x;
    p.number("mean", x.mean);
    p.number("sd", x.sd);
    out = x;
  } else if (n == normalise::goalposts::name) {
    normalise::goalposts x;
    p.number("scale", x.scale);
    p.boolean("log", x.log);
    out = x;
  } else if (n == normalise::distance_to_target::name) {
    normalise::distance_to_target x;
    p.boolean("cap", x.cap);
    out = x;
  } else if (n == normalise::ratio_to::name) {
    normalise::ratio_to x;
    p.choice<ref>("reference", x.reference,
                  {{"mean", ref::mean}, {"best", ref::best}, {"worst", ref::worst}});
    out = x;
  } else if (n == normalise::difference_from::name) {
    normalise::difference_from x;
    p.choice<ref>("reference", x.reference, {{"mean", ref::mean}, {"worst", ref::worst}});
    out = x;
  } else if (n == normalise::fraction_of_max::name) {
    out = normalise::fraction_of_max{};
  } else if (n == normalise::rank::name) {
    out = normalise::rank{};
  } else if (n == normalise::percentile_rank::name) {
    using pf = normalise::percentile_formula;
    normalise::percentile_rank x;
    p.choice<pf>("formula", x.formula, {{"coinr", pf::coinr}, {"handbook", pf::handbook}});
    out = x;
  } else if (n == normalise::categorical::name) {
    normalise::categorical x;
    p.numbers("cuts", x.cuts);
    p.numbers("values", x.values);
    out = x;
  } else if (n == normalise::above_below_mean::name) {
    normalise::above_below_mean x;
    p.number("p", x.p);
    out = x;
  } else if (n == points::binary::name) {
    points::binary x;
    p.number("threshold", x.threshold);
    out = x;
  } else if (n == points::graded::name) {
    points::graded x;
    p.items("grades", {"code", "fraction", "label"}, {"code", "fraction"},
            [&](const fields& g, const std::string& w) {
              points::grade gr{0, 0, {}};
              params q(p.r(), &g, w);
              q.number("code", gr.code);
              q.number("fraction", gr.fraction);
              if (const auto* l = g.get("label")) {
                if (auto t = p.r().text(l->v, mark_of(*l), key_where(w, "label")))
                  gr.label = *t;
                else
                  return false;
              }
              x.grades.push_back(std::move(gr));
              return q.ok();
            });
    out = x;
  } else if (n == points::ratio::name) {
    points::ratio x;
    p.optional_number("threshold", x.threshold);
    p.boolean("cap", x.cap);
    out = x;
  } else if (n == points::step_table::name) {
    points::step_table x;
    p.items("steps", {"at_least", "points"}, {"at_least", "points"},
            [&](const fields& s, const std::string& w) {
              points::step st{0, 0};
              params q(p.r(), &s, w);
              q.number("at_least", st.at_least);
              q.number("points", st.points);
              x.steps.push_back(st);
              return q.ok();
            });
    p.number("below", x.below);
    out = x;
  } else if (n == points::not_scored::name) {
    out = points::not_scored{};
  }
  if (!p.ok() || r.error_count() != errors_before) return std::nullopt;
  return out;
}

std::optional<aggregation> read_aggregation(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where) {
  const std::size_t errors_before = r.error_count();
  auto ms = read_method_spec(r, v, m, where, aggregation_table(), "aggregation");
  if (!ms) return std::nullopt;
  const std::string& n = ms->name;
  params p(r, ms->map ? &*ms->map : nullptr, std::string(where) + ": aggregation " + in_quotes(n));
  aggregation out;
  if (n == aggregate::arithmetic_mean::name)
    out = aggregate::arithmetic_mean{};
  else if (n == aggregate::weighted_sum::name)
    out = aggregate::weighted_sum{};
  else if (n == aggregate::geometric_mean::name)
    out = aggregate::geometric_mean{};
  else if (n == aggregate::harmonic_mean::name)
    out = aggregate::harmonic_mean{};
  else if (n == aggregate::minimum::name)
    out = aggregate::minimum{};
  else if (n == aggregate::generalised_mean::name) {
    aggregate::generalised_mean x;
    p.number("p", x.p);
    out = x;
  } else if (n == aggregate::copeland::name) {
    out = aggregate::copeland{};
  } else if (n == aggregate::mazziotta_pareto::name) {
    aggregate::mazziotta_pareto x;
    p.number("penalty_sign", x.penalty_sign);
    p.boolean("sample_sd", x.sample_sd);
    out = x;
  } else if (n == aggregate::adjusted_mazziotta_pareto::name) {
    aggregate::adjusted_mazziotta_pareto x;
    p.number("penalty_sign", x.penalty_sign);
    p.numbers("lower", x.lower);
    p.numbers("upper", x.upper);
    out = x;
  } else if (n == aggregate::benefit_of_the_doubt::name) {
    aggregate::benefit_of_the_doubt x;
    p.numbers("lower", x.lower);
    p.numbers("upper", x.upper);
    p.choice<bool>("shares", x.own_shares, {{"mean", false}, {"own", true}});
    out = x;
  }
  if (!p.ok() || r.error_count() != errors_before) return std::nullopt;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Indicators and nodes
// ---------------------------------------------------------------------------------------------

const std::vector<method_info>& weight_rule_table() {
  static const std::vector<method_info> t = {
      {weights::pca_rule_t::name, {"rule"}, {}},
      {weights::entropy_rule_t::name, {}, {}},
      {weights::critic_rule_t::name, {"rescale"}, {}},
      {weights::balance_rule_t::name, {"targets", "objective", "correlation"}, {}},
  };
  return t;
}

std::optional<weight_rule> read_weight_rule(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                            std::string_view where) {
  const std::size_t errors_before = r.error_count();
  auto ms = read_method_spec(r, v, m, where, weight_rule_table(), "weights rule");
  if (!ms) return std::nullopt;
  const std::string& n = ms->name;
  params p(r, ms->map ? &*ms->map : nullptr, std::string(where) + ": weights " + in_quotes(n));
  weight_rule out;
  if (n == weights::pca_rule_t::name) {
    weights::pca_rule_t x;
    p.choice<weights::pca_rule>("rule", x.options.rule,
                                {{"squared_loadings", weights::pca_rule::squared_loadings},
                                 {"loadings", weights::pca_rule::loadings}});
    out = x;
  } else if (n == weights::entropy_rule_t::name) {
    out = weights::entropy_rule_t{};
  } else if (n == weights::critic_rule_t::name) {
    weights::critic_rule_t x;
    p.boolean("rescale", x.options.rescale);
    out = x;
  } else if (n == weights::balance_rule_t::name) {
    weights::balance_rule_t x;
    std::vector<double> targets;
    p.numbers("targets", targets);
    x.options.targets = Eigen::Map<const Eigen::VectorXd>(
        targets.data(), static_cast<Eigen::Index>(targets.size()));
    p.choice<weights::balance_objective>("objective", x.options.objective,
                                         {{"balance", weights::balance_objective::balance},
                                          {"infomax", weights::balance_objective::infomax}});
    p.choice<analysis::correlation_method>("correlation", x.options.method,
                                           {{"pearson", analysis::correlation_method::pearson},
                                            {"spearman", analysis::correlation_method::spearman}});
    out = x;
  }
  if (!p.ok() || r.error_count() != errors_before) return std::nullopt;
  return out;
}

std::optional<empty_policy> read_policy(reader& r, const field& f, std::string_view where) {
  return r.choice<empty_policy>(f.v, mark_of(f), key_where(where, f.key),
                                {{"missing", empty_policy::missing},
                                 {"zero", empty_policy::zero},
                                 {"full", empty_policy::full}});
}

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

/// `impute:` — a method name (`column_mean`, ...) or a map {method, group, fallback, EM settings}.
std::optional<imputation> read_imputation(reader& r, const YAML::Node& v, const YAML::Mark& m) {
  using impute::centre;
  const std::string where = "impute";
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
      if (auto x = r.choice<transform>(fd.v, m, w,
                                       {{"none", transform::none},
                                        {"log", transform::log},
                                        {"log10", transform::log10},
                                        {"log1p", transform::log1p}}))
        ind.transform = *x;
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

/// A child reference with its position (checked against the ids after everything is read).
struct child_ref {
  std::string id;
  YAML::Mark mark;
  std::string where;
};

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

// ---------------------------------------------------------------------------------------------
// The whole spec
// ---------------------------------------------------------------------------------------------

std::string read_file_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw input_error(path.string() + ": cannot read the spec file: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int e = errno;
    throw input_error(path.string() +
                      ": cannot open the spec file: " + (e ? std::strerror(e) : "unknown error"));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw input_error(path.string() + ": cannot read the spec file");
  return std::move(ss).str();
}

/// 1-based line and column (characters) of byte `offset` in `text`.
std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

/// yaml-cpp accepts a quoted scalar left open at the end of the file (a truncated file) as if
/// it were closed there; this finds such scalars from their opening quote.
void check_quotes_closed(reader& r, std::string_view text, const YAML::Node& n, int depth = 0) {
  if (depth > 200) return;
  if (n.IsScalar() && n.Tag() == "!" && n.Mark().pos >= 0) {
    std::size_t i = static_cast<std::size_t>(n.Mark().pos);
    if (i < text.size() && (text[i] == '"' || text[i] == '\'')) {
      const char q = text[i];
      bool closed = false;
      for (++i; i < text.size(); ++i) {
        if (q == '"' && text[i] == '\\') {
          ++i;
        } else if (text[i] == q) {
          if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
            ++i; // '' inside single quotes
          } else {
            closed = true;
            break;
          }
        }
      }
      if (!closed)
        r.fail(n.Mark(), "",
               "YAML syntax error: quoted text is never closed (is the file truncated?)");
    }
  } else if (n.IsMap()) {
    for (auto it = n.begin(); it != n.end(); ++it) {
      check_quotes_closed(r, text, it->first, depth + 1);
      check_quotes_closed(r, text, it->second, depth + 1);
    }
  } else if (n.IsSequence()) {
    for (const auto& c : n)
      check_quotes_closed(r, text, c, depth + 1);
  }
}

spec parse(std::string_view text, const std::string& source, const std::filesystem::path& dir) {
  // Encoding first: yaml-cpp would guess at other encodings; spec files are UTF-8.
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    throw input_error(source + ": the spec file is UTF-16; save it as UTF-8");
  if (const auto bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    const auto [l, c] = line_col(text, bad);
    throw input_error(source + ":" + std::to_string(l) + ":" + std::to_string(c) +
                      ": the spec file is not valid UTF-8 (byte " + std::to_string(bad) +
                      "); save it as UTF-8");
  }

  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // marks count after the BOM

  reader r(text, source);
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    r.fail(e.mark, "", "YAML syntax error: " + e.msg);
    r.throw_if_errors();
  }
  if (docs.empty() || docs[0].IsNull())
    throw input_error(source +
                      ": the spec file is empty (a spec starts with 'chiso: 1', 'id: ...' and "
                      "'indicators:'; see docs/spec.md)");
  if (docs.size() > 1) {
    r.fail(docs[1].Mark(), "", "a spec file holds one YAML document; found a second one ('---')");
    r.throw_if_errors();
  }
  const YAML::Node& root = docs[0];
  check_quotes_closed(r, text, root);
  r.throw_if_errors();
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

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

std::string num(double x, std::string_view what) {
  if (!std::isfinite(x))
    throw usage_error("write_spec: " + std::string(what) + " is not a finite number");
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, x);
  (void)ec;
  return std::string(buf, p);
}

std::string opt_num(const std::optional<double>& x, std::string_view what) {
  return x ? num(*x, what) : "null";
}

/// A double-quoted YAML scalar: `"` `\` and control characters escaped, UTF-8 as is.
std::string str(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"')
      out += "\\\"";
    else if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (u < 0x20 || u == 0x7F) {
      static const char hex[] = "0123456789ABCDEF";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else
      out += c;
  }
  return out + "\"";
}

/// An id or key: plain when it reads back as the same text, else quoted.
std::string id_text(std::string_view s) {
  const bool plain = valid_id(s) && s.front() != '-' && s.front() != '.' && s != "null" &&
                     s != "Null" && s != "NULL";
  return plain ? std::string(s) : str(s);
}

std::string flow_map(const std::vector<std::pair<std::string, std::string>>& kv) {
  std::string out = "{";
  for (std::size_t k = 0; k < kv.size(); ++k)
    out += (k ? ", " : "") + kv[k].first + ": " + kv[k].second;
  return out + "}";
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
          kv.emplace_back("tolerance", num(m.options.tolerance, "impute: tolerance"));
          kv.emplace_back("max_iterations", std::to_string(m.options.max_iterations));
          if (m.options.impute_empty_rows) kv.emplace_back("impute_empty_rows", "true");
        } else {
          kv[0].second = std::string(M::name) + "_" + centre_name(m.centre);
          if constexpr (std::is_same_v<M, impute_by_group>) kv.emplace_back("group", str(m.group));
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
        kv.emplace_back("skew", num(o.max_abs_skew, "treat: skew"));
        kv.emplace_back("kurtosis", num(o.max_kurtosis, "treat: kurtosis"));
      },
      t);
  if (const auto* w = std::get_if<treat::winmax_options>(&t)) {
    kv.emplace_back("winmax", std::to_string(w->winmax));
    kv.emplace_back("log", !w->log_fallback                         ? "none"
                           : w->log == treat::log_variant::positive ? "positive"
                                                                    : "skew_sign");
    if (w->log_after_winsorising) kv.emplace_back("log_after_winsorising", "true");
  } else if (const auto* b = std::get_if<treat::box_cox_options>(&t)) {
    kv.emplace_back("lambda", num(b->lambda, "treat: lambda"));
    if (b->make_positive) kv.emplace_back("make_positive", "true");
  } else if (const auto* q = std::get_if<treat::quantile_options>(&t)) {
    kv.emplace_back("lower", num(q->lower_p, "treat: lower"));
    kv.emplace_back("upper", num(q->upper_p, "treat: upper"));
  }
  return flow_map(kv);
}

std::string flow_list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t k = 0; k < items.size(); ++k)
    out += (k ? ", " : "") + items[k];
  return out + "]";
}

/// A method as written: its name and its parameters (those differing from the defaults).
struct written_method {
  std::string name;
  std::vector<std::pair<std::string, std::string>> scalars;
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
};

written_method describe_method(const method& m, const std::string& id) {
  written_method w;
  const std::string what = "indicator '" + id + "': method parameter";
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, custom_method>) {
          throw usage_error("write_spec: indicator '" + id +
                            "' uses a custom method, which a spec file cannot express");
        } else {
          w.name = std::string(T::name);
          const T d{};
          auto number = [&](const char* key, double v, double dv) {
            if (v != dv || std::signbit(v) != std::signbit(dv))
              w.scalars.emplace_back(key, num(v, what));
          };
          auto boolean = [&](const char* key, bool v, bool dv) {
            if (v != dv) w.scalars.emplace_back(key, v ? "true" : "false");
          };
          if constexpr (std::is_same_v<T, normalise::min_max>) {
            number("lo", x.lo, d.lo);
            number("hi", x.hi, d.hi);
            boolean("clamp", x.clamp, d.clamp);
          } else if constexpr (std::is_same_v<T, normalise::z_score>) {
            number("mean", x.mean, d.mean);
            number("sd", x.sd, d.sd);
          } else if constexpr (std::is_same_v<T, normalise::goalposts>) {
            number("scale", x.scale, d.scale);
            boolean("log", x.log, d.log);
          } else if constexpr (std::is_same_v<T, normalise::distance_to_target>) {
            boolean("cap", x.cap, d.cap);
          } else if constexpr (std::is_same_v<T, normalise::ratio_to> ||
                               std::is_same_v<T, normalise::difference_from>) {
            if (x.reference != d.reference)
              w.scalars.emplace_back("reference", std::string(normalise::to_string(x.reference)));
          } else if constexpr (std::is_same_v<T, normalise::percentile_rank>) {
            if (x.formula != d.formula)
              w.scalars.emplace_back("formula", x.formula == normalise::percentile_formula::coinr
                                                    ? "coinr"
                                                    : "handbook");
          } else if constexpr (std::is_same_v<T, normalise::categorical>) {
            auto list = [&](const char* key, const std::vector<double>& v,
                            const std::vector<double>& dv) {
              if (v == dv) return;
              std::vector<std::string> items;
              for (double e : v)
                items.push_back(num(e, what));
              w.scalars.emplace_back(key, flow_list(items));
            };
            list("cuts", x.cuts, d.cuts);
            list("values", x.values, d.values);
          } else if constexpr (std::is_same_v<T, normalise::above_below_mean>) {
            number("p", x.p, d.p);
          } else if constexpr (std::is_same_v<T, points::binary>) {
            number("threshold", x.threshold, d.threshold);
          } else if constexpr (std::is_same_v<T, points::graded>) {
            std::vector<std::string> items;
            for (const auto& g : x.grades) {
              std::vector<std::pair<std::string, std::string>> kv{
                  {"code", num(g.code, what)}, {"fraction", num(g.fraction, what)}};
              if (!g.label.empty()) kv.emplace_back("label", str(g.label));
              items.push_back(flow_map(kv));
            }
            w.lists.emplace_back("grades", std::move(items));
          } else if constexpr (std::is_same_v<T, points::ratio>) {
            if (x.threshold) w.scalars.emplace_back("threshold", num(*x.threshold, what));
            boolean("cap", x.cap, d.cap);
          } else if constexpr (std::is_same_v<T, points::step_table>) {
            std::vector<std::string> items;
            for (const auto& s : x.steps)
              items.push_back(
                  flow_map({{"at_least", num(s.at_least, what)}, {"points", num(s.points, what)}}));
            w.lists.emplace_back("steps", std::move(items));
            number("below", x.below, d.below);
          }
        }
      },
      m);
  return w;
}

written_method describe_aggregation(const aggregation& a, const std::string& id) {
  written_method w;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, custom_aggregation>) {
          throw usage_error("write_spec: node '" + id +
                            "' uses a custom aggregation, which a spec file cannot express");
        } else {
          w.name = std::string(T::name);
          const std::string what = "node '" + id + "': aggregation parameter";
          if constexpr (std::is_same_v<T, aggregate::generalised_mean>)
            if (x.p != T{}.p) w.scalars.emplace_back("p", num(x.p, what));
          if constexpr (std::is_same_v<T, aggregate::mazziotta_pareto> ||
                        std::is_same_v<T, aggregate::adjusted_mazziotta_pareto>)
            if (x.penalty_sign != T{}.penalty_sign)
              w.scalars.emplace_back("penalty_sign", num(x.penalty_sign, what));
          if constexpr (std::is_same_v<T, aggregate::mazziotta_pareto>)
            if (x.sample_sd) w.scalars.emplace_back("sample_sd", "true");
          if constexpr (std::is_same_v<T, aggregate::benefit_of_the_doubt>)
            if (x.own_shares) w.scalars.emplace_back("shares", "own");
          if constexpr (std::is_same_v<T, aggregate::adjusted_mazziotta_pareto> ||
                        std::is_same_v<T, aggregate::benefit_of_the_doubt>)
            for (const auto& [key, v] :
                 {std::pair<const char*, const std::vector<double>*>{"lower", &x.lower},
                  {"upper", &x.upper}}) {
              if (v->empty()) continue;
              std::vector<std::string> items;
              for (double e : *v)
                items.push_back(num(e, what));
              w.scalars.emplace_back(key, flow_list(items));
            }
        }
      },
      a);
  return w;
}

written_method describe_weight_rule(const weight_rule& rule) {
  written_method w;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        w.name = std::string(T::name);
        if constexpr (std::is_same_v<T, weights::pca_rule_t>) {
          if (x.options.rule == weights::pca_rule::loadings)
            w.scalars.emplace_back("rule", "loadings");
        } else if constexpr (std::is_same_v<T, weights::critic_rule_t>) {
          if (!x.options.rescale) w.scalars.emplace_back("rescale", "false");
        } else if constexpr (std::is_same_v<T, weights::balance_rule_t>) {
          if (x.options.targets.size() > 0) {
            std::vector<std::string> items;
            for (double e : x.options.targets)
              items.push_back(num(e, "weights: targets"));
            w.scalars.emplace_back("targets", flow_list(items));
          }
          if (x.options.objective == weights::balance_objective::infomax)
            w.scalars.emplace_back("objective", "infomax");
          if (x.options.method == analysis::correlation_method::spearman)
            w.scalars.emplace_back("correlation", "spearman");
        }
      },
      rule);
  return w;
}

/// `method: ...` at `indent` (the key's indentation).
void write_method(std::ostream& out, const written_method& w, const std::string& indent,
                  std::string_view key = "method") {
  if (w.scalars.empty() && w.lists.empty()) {
    out << indent << key << ": " << w.name << "\n";
    return;
  }
  if (w.lists.empty()) {
    std::vector<std::pair<std::string, std::string>> kv{{"type", w.name}};
    kv.insert(kv.end(), w.scalars.begin(), w.scalars.end());
    const auto line = flow_map(kv);
    if (indent.size() + line.size() < 96) {
      out << indent << key << ": " << line << "\n";
      return;
    }
  }
  out << indent << key << ":\n" << indent << "  type: " << w.name << "\n";
  for (const auto& [k, v] : w.scalars)
    out << indent << "  " << k << ": " << v << "\n";
  for (const auto& [k, items] : w.lists) {
    if (items.empty()) {
      out << indent << "  " << k << ": []\n";
      continue;
    }
    out << indent << "  " << k << ":\n";
    for (const auto& it : items)
      out << indent << "    - " << it << "\n";
  }
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
        {"value", num(t.goal.value, w + ": value")},
        {"deadline", num(t.goal.deadline, w + ": deadline")}};
    if (t.goal.baseline) kv.emplace_back("baseline", num(*t.goal.baseline, w + ": baseline"));
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
    kv.emplace_back("weighted_mean", str(m.weight));
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
  if (!f.name.empty()) o << "name: " << str(f.name) << "\n";
  if (!f.description.empty()) o << "description: " << str(f.description) << "\n";
  if (!f.version.empty()) o << "version: " << str(f.version) << "\n";
  if (!f.root.empty()) o << "root: " << id_text(f.root) << "\n";
  if (f.display_decimals) o << "display_decimals: " << *f.display_decimals << "\n";
  if (f.scaling != period_scaling::per_period || f.impute_periods) {
    o << "periods:\n";
    if (f.scaling != period_scaling::per_period) o << "  scaling: " << to_string(f.scaling) << "\n";
    if (const auto& x = f.impute_periods) {
      std::vector<std::pair<std::string, std::string>> kv{
          {"method", std::string(to_string(x->method))}};
      if (std::isfinite(x->max_gap)) kv.emplace_back("max_gap", num(x->max_gap, "max_gap"));
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
      std::vector<std::pair<std::string, std::string>> kv{{"label", str(b.label)}};
      const bool catch_all = k + 1 == f.bands.size() && std::isinf(b.min) && b.min < 0;
      if (!catch_all) kv.emplace_back("min", num(b.min, "band '" + b.label + "': min"));
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
      o << "sample:\n  file: " << str(file.generic_string()) << "\n";
      o << "  synthetic: " << (s->sample->synthetic ? "true" : "false") << "\n";
      if (!s->sample->note.empty()) o << "  note: " << str(s->sample->note) << "\n";
    }
    const data_layout def;
    const auto& d = s->data;
    if (d.unit_column != def.unit_column || d.name_column != def.name_column || !d.groups.empty()) {
      o << "data:\n";
      if (d.unit_column != def.unit_column) o << "  unit_column: " << str(d.unit_column) << "\n";
      if (d.name_column != def.name_column) o << "  name_column: " << str(d.name_column) << "\n";
      if (!d.groups.empty()) {
        std::vector<std::string> g;
        for (const auto& x : d.groups)
          g.push_back(str(x));
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
    if (!i.name.empty()) o << "    name: " << str(i.name) << "\n";
    if (!i.unit.empty()) o << "    unit: " << str(i.unit) << "\n";
    if (i.direction != di.direction) o << "    direction: " << i.direction << "\n";
    write_method(o, methods[k], "    ");
    if (i.lower || i.upper)
      o << "    bounds: [" << opt_num(i.lower, what + ": bounds") << ", "
        << opt_num(i.upper, what + ": bounds") << "]\n";
    if (i.target) o << "    target: " << num(*i.target, what + ": target") << "\n";
    if (i.points) o << "    points: " << num(*i.points, what + ": points") << "\n";
    if (!i.column.empty()) o << "    column: " << str(i.column) << "\n";
    if (!i.denominator.empty()) o << "    denominator: " << str(i.denominator) << "\n";
    if (i.scale != di.scale) o << "    scale: " << num(i.scale, what + ": scale") << "\n";
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
    if (!n.name.empty()) o << "    name: " << str(n.name) << "\n";
    write_method(o, aggregations[k], "    ");
    if (n.weights_from) write_method(o, describe_weight_rule(*n.weights_from), "    ", "weights");
    if (n.min_coverage != dn.min_coverage)
      o << "    min_coverage: " << num(n.min_coverage, what + ": min_coverage") << "\n";
    if (n.cap) o << "    cap: " << num(*n.cap, what + ": cap") << "\n";
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
      const auto w = num(c.weight, what + ": weight of '" + c.id + "'");
      if (repeated)
        o << "      - {id: " << id_text(c.id) << ", weight: " << w << "}\n";
      else
        o << "      " << id_text(c.id) << ": " << w << "\n";
    }
  }
  out << o.str();
}

} // namespace

spec parse_spec_text(std::string_view text, const std::string& source_name,
                     const std::filesystem::path& dir) {
  return parse(text, source_name, dir);
}

spec load_spec(const std::filesystem::path& path) {
  const std::string content = read_file_text(path);
  spec s = parse(content, path.string(), path.parent_path());
  s.source = path;
  return s;
}

framework read_spec(const std::filesystem::path& path) {
  return load_spec(path).fw;
}

framework parse_spec(std::string_view text, const std::string& source_name) {
  return parse(text, source_name, {}).fw;
}

void write_spec(std::ostream& out, const framework& f) {
  write_framework(out, f, nullptr);
}

void write_spec(std::ostream& out, const spec& s) {
  write_framework(out, s.fw, &s);
}

} // namespace chiso::io
