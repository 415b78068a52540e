#include "chiso/io/robust_spec.hpp"

#include "chiso/io/overrides.hpp"
#include "chiso/io/spec.hpp"

#include "yaml_text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>
#include <unordered_map>
#include <utility>

// The reader follows src/spec.cpp (same message format; text helpers shared in yaml_text.hpp).
// Method and aggregation maps ({type: z_score, mean: 10, sd: 2}) are read by spec.cpp's own
// reader, through a one-indicator spec (see `read_method_map`).

namespace chiso::io {

namespace {

using namespace yaml_text;

struct located_error {
  std::size_t line = 0, col = 0;
  std::string text;
};

/// Where a value is: its own mark, or its key's when the value is empty.
YAML::Mark mark_of(const YAML::Node& k, const YAML::Node& v) {
  if (v.IsNull() || v.Mark().line < 0) return k.Mark();
  return v.Mark();
}

/// One key of a checked map.
struct field {
  std::string key;
  YAML::Node k, v;
  YAML::Mark mark() const { return mark_of(k, v); }
};

struct fields {
  YAML::Mark mark;
  std::vector<field> items;
  const field* get(std::string_view key) const {
    for (const auto& f : items)
      if (f.key == key) return &f;
    return nullptr;
  }
};

class reader {
public:
  reader(std::string_view text, std::string source) : text_(text), source_(std::move(source)) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }

  /// 1-based line and column (in characters) of a mark; {0, 0} if unknown.
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
    return l == 0 ? source_ : source_ + ":" + std::to_string(l) + ":" + std::to_string(c);
  }

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

  void throw_if_errors() {
    if (errors_.empty()) return;
    std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
      return a.line != b.line ? a.line < b.line : a.col < b.col;
    });
    if (errors_.size() == 1) throw input_error(errors_[0].text);
    std::string msg =
        source_ + ": " + std::to_string(errors_.size()) + " errors in the uncertain-choices file:";
    for (const auto& e : errors_)
      msg += "\n  " + e.text;
    throw input_error(msg);
  }

  std::optional<fields> map(const YAML::Node& n, const YAML::Mark& m, std::string_view where,
                            const std::vector<std::string_view>& allowed,
                            const std::vector<std::string_view>& required = {},
                            std::string_view what_allowed = "") {
    if (!n.IsMap()) {
      fail(m, where, "expected a map (key: value), got " + describe(n));
      return std::nullopt;
    }
    fields out;
    out.mark = n.Mark().line < 0 ? m : n.Mark();
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node k = it->first;
      if (!k.IsScalar()) {
        fail(k.Mark().line < 0 ? out.mark : k.Mark(), where,
             "keys must be plain names, got " + describe(k));
        continue;
      }
      const std::string key = k.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        fail(k.Mark(), where,
             "unknown key '" + key + "'" +
                 (what_allowed.empty() ? "" : " " + std::string(what_allowed)) +
                 " (allowed: " + join(allowed) + ")" + hint(key, allowed));
        continue;
      }
      if (const auto* first = out.get(key)) {
        fail(k.Mark(), where,
             "key '" + key + "' given twice (first on line " +
                 std::to_string(position(first->k.Mark()).first) + ")");
        continue;
      }
      out.items.push_back({key, k, it->second});
    }
    for (auto r : required)
      if (!out.get(r)) fail(out.mark, where, "missing required key '" + std::string(r) + "'");
    return out;
  }

  static std::optional<double> parse_double(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    if (s.empty()) return std::nullopt;
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

  std::optional<double> number(const YAML::Node& v, const YAML::Mark& m, std::string_view where) {
    if (v.IsScalar() && v.Tag() != "!")
      if (auto x = parse_double(v.Scalar())) return x;
    std::string rule = "expected a number, got " + describe(v);
    if (v.IsScalar() && v.Tag() == "!" && parse_double(v.Scalar()))
      rule += " (write numbers without quotes)";
    fail(m, where, rule);
    return std::nullopt;
  }

  /// A whole number in [lo, hi].
  std::optional<unsigned long long> whole(const YAML::Node& v, const YAML::Mark& m,
                                          std::string_view where, unsigned long long lo,
                                          unsigned long long hi) {
    if (v.IsScalar() && v.Tag() != "!") {
      std::string_view s = v.Scalar();
      if (!s.empty() && s.front() == '+') s.remove_prefix(1);
      unsigned long long x = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
      if (!s.empty() && ec == std::errc() && p == s.data() + s.size()) {
        if (x >= lo && x <= hi) return x;
        fail(m, where,
             "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
                 describe(v));
        return std::nullopt;
      }
    }
    fail(m, where, "expected a whole number >= " + std::to_string(lo) + ", got " + describe(v));
    return std::nullopt;
  }

  std::optional<bool> boolean(const YAML::Node& v, const YAML::Mark& m, std::string_view where) {
    if (v.IsScalar() && v.Tag() != "!") {
      const std::string& s = v.Scalar();
      if (s == "true" || s == "True" || s == "TRUE" || s == "yes" || s == "Yes" || s == "YES")
        return true;
      if (s == "false" || s == "False" || s == "FALSE" || s == "no" || s == "No" || s == "NO")
        return false;
    }
    fail(m, where, "expected true or false, got " + describe(v));
    return std::nullopt;
  }

  std::optional<std::string> text(const YAML::Node& v, const YAML::Mark& m,
                                  std::string_view where) {
    if (v.IsScalar()) return v.Scalar();
    fail(m, where, "expected text, got " + describe(v));
    return std::nullopt;
  }

  const std::string& source() const noexcept { return source_; }

private:
  std::string_view text_;
  std::string source_;
  std::vector<std::size_t> line_starts_;
  std::vector<located_error> errors_;
};

// clang-format off
const std::vector<std::string_view> top_keys = {
    "chiso_robustness", "replications", "seed", "track", "interval", "sensitivity", "inputs"};
const std::vector<std::string_view> sensitivity_keys = {"n", "bootstrap", "confidence", "units"};
const std::vector<std::string_view> type_names = {
    "weights", "normalisation", "aggregation", "leave_out", "preparation"};
const std::vector<std::string_view> weights_keys = {
    "id", "type", "nodes", "levels", "uniform", "dirichlet"};
const std::vector<std::string_view> normalisation_keys = {
    "id", "type", "indicators", "alternatives", "labels"};
const std::vector<std::string_view> aggregation_keys = {
    "id", "type", "nodes", "levels", "alternatives", "labels"};
const std::vector<std::string_view> leave_out_keys = {
    "id", "type", "indicators", "mode", "count", "include_none"};
const std::vector<std::string_view> preparation_keys = {"id", "type", "alternatives", "labels"};
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
    r.fail(f.mark(), where, "expected a list of ids or the word all, got " + describe(f.v));
    return std::nullopt;
  }
  if (f.v.size() == 0) {
    r.fail(f.mark(), where, "the list is empty (write all for every one)");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  auto& im = marks.items[f.key];
  for (std::size_t k = 0; k < f.v.size(); ++k) {
    const auto& x = f.v[k];
    const auto m = x.Mark().line < 0 ? f.mark() : x.Mark();
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

/// Strips the position and the stand-in's name from a message of the one-indicator spec.
std::string clean_message(const std::string& msg) {
  std::string out;
  std::istringstream in(msg);
  std::string line;
  while (std::getline(in, line)) {
    auto p = line.find("<alternative>");
    if (p == std::string::npos) continue;
    line.erase(0, p + std::string("<alternative>").size());
    while (!line.empty() && (line[0] == ':' || std::isdigit(static_cast<unsigned char>(line[0]))))
      line.erase(0, 1);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    for (std::string_view stand_in : {"indicator 'alternative': ", "node 'alternative': "})
      for (auto q = line.find(stand_in); q != std::string::npos; q = line.find(stand_in))
        line.erase(q, stand_in.size());
    if (line.empty() || line.find("errors in the spec") != std::string::npos) continue;
    out += (out.empty() ? "" : "; ") + line;
  }
  return out.empty() ? msg : out;
}

/// The flow text of a node ({type: z_score, mean: 10, sd: 2}).
std::string flow_text(const YAML::Node& n) {
  YAML::Emitter e;
  e.SetMapFormat(YAML::Flow);
  e.SetSeqFormat(YAML::Flow);
  e << n;
  return e.c_str();
}

/// Reads a method map or an aggregation map (T = chiso::aggregation) with spec.cpp's reader, by
/// placing it in a one-indicator spec; errors point at the map's key they name, else the map.
template <class T>
std::optional<T> read_method_map(reader& r, const YAML::Node& v, const YAML::Mark& m,
                                 const std::string& where) {
  constexpr bool is_aggregation = std::is_same_v<T, chiso::aggregation>;
  const std::string flow = flow_text(v);
  const std::string text =
      is_aggregation ? "chiso: 1\nid: a\nindicators:\n  - id: x\n    method: identity\n"
                       "nodes:\n  - id: alternative\n    children: [x]\n    method: " +
                           flow + "\n"
                     : "chiso: 1\nid: a\nindicators:\n  - id: alternative\n    bounds: [0, 1]\n"
                       "    target: 1\n    points: 1\n    method: " +
                           flow + "\nnodes:\n  - id: r\n    children: [alternative]\n";
  try {
    const framework f = parse_spec(text, "<alternative>");
    if constexpr (is_aggregation)
      return f.nodes.at(0).aggregation;
    else
      return f.indicators.at(0).method;
  } catch (const input_error& e) {
    const std::string rule = clean_message(e.what());
    YAML::Mark at = m;
    for (auto it = v.begin(); it != v.end(); ++it)
      if (it->first.IsScalar() && rule.find("'" + it->first.Scalar() + "'") != std::string::npos &&
          it->first.Scalar() != "type") {
        at = mark_of(it->first, it->second);
        break;
      }
    r.fail(at, where, rule);
    return std::nullopt;
  }
}

/// Reads the `alternatives` list of a normalisation or aggregation input.
/// Whether `f` is a non-empty list of alternatives (else the error is recorded).
bool alternatives_list(reader& r, const field& f, const std::string& where) {
  if (f.v.IsSequence() && f.v.size() != 0) return true;
  r.fail(f.mark(), where,
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
    const auto m = x.Mark().line < 0 ? f.mark() : x.Mark();
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
      if (auto a = read_method_map<T>(r, x, m, w)) {
        out.push_back(std::move(*a));
        labels.push_back(flow_text(x));
      }
    } else {
      r.fail(m, w, "expected a method name or a map {type: NAME, ...}, got " + describe(x));
    }
  }
}

/// Reads the alternatives of a preparation input: maps {impute: ..., treat: ...} (either may be
/// absent or `none`), each read by spec.cpp's reader through a one-indicator spec, as
/// `read_method_map` does; default labels are the alternative's flow text.
void read_preparations(reader& r, const field& f, const std::string& where, input_marks& marks,
                       std::vector<robust::preparation_alternative>& out,
                       std::vector<std::string>& labels) {
  if (!alternatives_list(r, f, where)) return;
  auto& im = marks.items[f.key];
  for (std::size_t k = 0; k < f.v.size(); ++k) {
    const auto& x = f.v[k];
    const auto m = x.Mark().line < 0 ? f.mark() : x.Mark();
    im.push_back(m);
    const std::string w = where + "[" + std::to_string(k) + "]";
    auto m_of = r.map(x, m, w, {"impute", "treat"});
    if (!m_of) continue;
    std::string text = "chiso: 1\nid: a\n";
    for (const char* key : {"impute", "treat"})
      if (const auto* g = m_of->get(key);
          g && !g->v.IsNull() && !(g->v.IsScalar() && g->v.Scalar() == "none"))
        text += std::string(key) + ": " + flow_text(g->v) + "\n";
    text += "indicators:\n  - id: x\nnodes:\n  - id: r\n    children: [x]\n";
    try {
      const framework p = parse_spec(text, "<alternative>");
      out.push_back({p.impute, p.treat});
      labels.push_back(flow_text(x));
    } catch (const input_error& e) {
      const std::string rule = clean_message(e.what());
      YAML::Mark at = m;
      for (const char* key : {"impute", "treat"})
        if (const auto* g = m_of->get(key); g && rule.rfind(key, 0) == 0) at = g->mark();
      r.fail(at, w, rule);
    }
  }
}

robust_spec parse(std::string_view text, const std::string& source, const framework& fw) {
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    throw input_error(source + ": the file is UTF-16; save it as UTF-8");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  reader r(text, source);
  std::vector<YAML::Node> docs;
  try {
    docs = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    r.fail(e.mark, "", "YAML syntax error: " + e.msg);
    r.throw_if_errors();
  }
  if (docs.empty() || docs[0].IsNull())
    throw input_error(source + ": the uncertain-choices file is empty (it starts with "
                               "'chiso_robustness: 1' and 'inputs:'; see docs/robustness.md)");
  if (docs.size() > 1) {
    r.fail(docs[1].Mark(), "", "the file holds one YAML document; found a second one ('---')");
    r.throw_if_errors();
  }
  const YAML::Node& root = docs[0];
  auto top = r.map(root, root.Mark(), "", top_keys, {"chiso_robustness", "inputs"});
  if (!top) r.throw_if_errors();
  if (const auto* v = top->get("chiso_robustness")) {
    auto n = r.whole(v->v, v->mark(), "'chiso_robustness'", 0, 1000);
    if (n && *n != 1)
      r.fail(v->mark(), "'chiso_robustness'",
             "unsupported schema version " + std::to_string(*n) + " (this reader knows version 1)");
    if (!n || *n != 1) r.throw_if_errors();
  }

  robust_spec s;
  auto& u = s.uncertainty;
  auto& sa = s.sensitivity;
  constexpr auto max_u64 = std::numeric_limits<std::uint64_t>::max();
  if (const auto* f = top->get("replications"))
    if (auto x = r.whole(f->v, f->mark(), "'replications'", 1, 100000000)) u.replications = *x;
  if (const auto* f = top->get("seed"))
    if (auto x = r.whole(f->v, f->mark(), "'seed'", 0, max_u64)) u.seed = sa.seed = *x;
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
      r.fail(f->mark(), "'interval'",
             "expected [lower, upper] probabilities (e.g. [0.05, 0.95]), got " + describe(f->v));
    } else {
      auto lo = r.number(f->v[0], mark_of(f->k, f->v[0]), "'interval'");
      auto hi = r.number(f->v[1], mark_of(f->k, f->v[1]), "'interval'");
      if (lo && hi) {
        if (!(*lo >= 0 && *lo <= *hi && *hi <= 1))
          r.fail(f->mark(), "'interval'", "needs 0 <= lower <= upper <= 1");
        else {
          u.lower = *lo;
          u.upper = *hi;
        }
      }
    }
  }
  if (const auto* f = top->get("sensitivity")) {
    if (auto sm = r.map(f->v, f->mark(), "sensitivity", sensitivity_keys)) {
      if (const auto* g = sm->get("n"))
        if (auto x = r.whole(g->v, g->mark(), "sensitivity: 'n'", 2, 100000000)) sa.n = *x;
      if (const auto* g = sm->get("bootstrap"))
        if (auto x = r.whole(g->v, g->mark(), "sensitivity: 'bootstrap'", 0, 1000000))
          sa.bootstrap = *x;
      if (const auto* g = sm->get("confidence"))
        if (auto x = r.number(g->v, g->mark(), "sensitivity: 'confidence'")) {
          if (*x > 0 && *x < 1)
            sa.confidence = *x;
          else
            r.fail(g->mark(), "sensitivity: 'confidence'",
                   "must be in (0, 1), got " + describe(g->v));
        }
      if (const auto* g = sm->get("units"))
        if (auto x = r.boolean(g->v, g->mark(), "sensitivity: 'units'")) sa.units = *x;
    }
  }

  std::vector<input_marks> marks;
  const std::size_t errors_before_inputs = r.error_count();
  if (const auto* f = top->get("inputs")) {
    if (!f->v.IsSequence() || f->v.size() == 0) {
      r.fail(f->mark(), "'inputs'",
             f->v.IsSequence() ? "the list is empty: declare at least one uncertain input"
                               : "expected a list of inputs, got " + describe(f->v));
    } else {
      for (std::size_t k = 0; k < f->v.size(); ++k) {
        const auto& node = f->v[k];
        const auto nm = node.Mark().line < 0 ? f->mark() : node.Mark();
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
          allowed = &weights_keys;
        else if (type == "normalisation")
          allowed = &normalisation_keys;
        else if (type == "aggregation")
          allowed = &aggregation_keys;
        else if (type == "leave_out")
          allowed = &leave_out_keys;
        else if (type == "preparation")
          allowed = &preparation_keys;
        if (!allowed) {
          if (type.empty())
            r.fail(type_mark, where,
                   "missing required key 'type' (one of: " + join(type_names) + ")");
          else
            r.fail(type_mark, where + ": 'type'",
                   "unknown type " + show(type) + " (allowed: " + join(type_names) + ")" +
                       hint(type, type_names));
          continue;
        }
        auto fm = r.map(node, nm, where, *allowed, {"id", "type"}, "for a " + type + " input");
        if (!fm) continue;
        input_marks im;
        im.self = fm->mark;
        for (const auto& x : fm->items)
          im.field[x.key] = x.mark();
        robust::uncertain_input in;
        in.id = id;
        in.origin = r.origin(fm->mark);
        if (const auto* g = fm->get("id"); g && !(g->v.IsScalar() && !g->v.Scalar().empty()))
          r.fail(g->mark(), where + ": 'id'", "expected an id, got " + describe(g->v));
        auto key_where = [&](std::string_view key) { return where + ": " + std::string(key); };

        auto read_nodes = [&](robust::node_set& ns) {
          if (const auto* g = fm->get("nodes"))
            if (auto ids = id_list(r, *g, key_where("nodes"), im)) ns.ids = *ids;
          if (const auto* g = fm->get("levels")) {
            if (!g->v.IsSequence() || g->v.size() == 0) {
              r.fail(g->mark(), key_where("levels"),
                     "expected a list of levels (2 = parents of indicators), got " +
                         describe(g->v));
            } else {
              auto& lm = im.items["levels"];
              for (std::size_t t = 0; t < g->v.size(); ++t) {
                const auto m = mark_of(g->k, g->v[t]);
                lm.push_back(m);
                if (auto x = r.whole(g->v[t], m,
                                     key_where("levels") + "[" + std::to_string(t) + "]", 2, 1000))
                  ns.levels.push_back(static_cast<int>(*x));
              }
            }
          }
          // `nodes: all` beside `levels` would mean every node: say so.
          if (const auto* g = fm->get("nodes"); g && ns.ids.empty() && !ns.levels.empty())
            r.fail(g->mark(), key_where("nodes"),
                   "'nodes: all' and 'levels' together: give one of them");
        };
        auto read_indicators = [&](std::vector<std::string>& out) {
          if (const auto* g = fm->get("indicators"))
            if (auto ids = id_list(r, *g, key_where("indicators"), im)) out = *ids;
        };
        auto read_labels = [&](std::vector<std::string>& out) {
          if (const auto* g = fm->get("labels")) {
            if (!g->v.IsSequence()) {
              r.fail(g->mark(), key_where("labels"),
                     "expected a list of texts, got " + describe(g->v));
              return;
            }
            out.clear();
            for (std::size_t t = 0; t < g->v.size(); ++t)
              if (auto x = r.text(g->v[t], mark_of(g->k, g->v[t]),
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
            if (auto x = r.number(uf->v, uf->mark(), key_where("uniform")))
              c.distribution = robust::uniform_factor{*x};
          } else if (auto x = r.number(df->v, df->mark(), key_where("dirichlet"))) {
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
              r.fail(g->mark(), key_where("mode"),
                     "unknown value " + describe(g->v) + " (allowed: one_at_a_time, random)" +
                         (g->v.IsScalar() ? hint(g->v.Scalar(), modes) : ""));
          }
          if (const auto* g = fm->get("count"))
            if (auto x = r.whole(g->v, g->mark(), key_where("count"), 1, 1000000)) c.count = *x;
          if (const auto* g = fm->get("include_none"))
            if (auto x = r.boolean(g->v, g->mark(), key_where("include_none"))) c.include_none = *x;
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
  return parse(text, source_name, f);
}

robust_spec load_robust_spec(const std::filesystem::path& path, const framework& f) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path.string() + ": cannot open the uncertain-choices file");
  std::ostringstream ss;
  ss << in.rdbuf();
  auto s = parse(ss.str(), path.string(), f);
  s.source = path;
  return s;
}

} // namespace chiso::io
