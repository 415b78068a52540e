#include "reader.hpp"

#include "chiso/error.hpp"
#include "chiso/io/csv.hpp" // invalid_utf8_offset

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace chiso::io::yaml {

YAML::Mark mark_of(const field& f) {
  if (f.v.IsNull() || f.v.Mark().line < 0) return f.k.Mark();
  return f.v.Mark();
}

YAML::Mark mark_of(const YAML::Node& k, const YAML::Node& v) {
  if (v.IsNull() || v.Mark().line < 0) return k.Mark();
  return v.Mark();
}

YAML::Mark mark_of(const YAML::Node& n, const YAML::Mark& fallback) {
  return n.Mark().line < 0 ? fallback : n.Mark();
}

std::string key_where(std::string_view where, std::string_view key) {
  return where.empty() ? in_quotes(key) : std::string(where) + ": " + in_quotes(key);
}

reader::reader(std::string_view text, std::string source, std::string kind)
    : text_(text), source_(std::move(source)), kind_(std::move(kind)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

std::pair<std::size_t, std::size_t> reader::position(const YAML::Mark& m) const {
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

std::string reader::origin(const YAML::Mark& m, bool column) const {
  const auto [l, c] = position(m);
  if (l == 0) return source_;
  return source_ + ":" + std::to_string(l) + (column ? ":" + std::to_string(c) : "");
}

void reader::fail(const YAML::Mark& m, std::string_view where, const std::string& rule) {
  const auto [l, c] = position(m);
  std::string text = source_;
  if (l != 0) text += ":" + std::to_string(l) + ":" + std::to_string(c);
  text += ": ";
  if (!where.empty()) text += std::string(where) + ": ";
  text += rule;
  errors_.push_back({l, c, std::move(text)});
}

void reader::throw_if_errors() {
  if (errors_.empty()) return;
  std::stable_sort(errors_.begin(), errors_.end(), [](const auto& a, const auto& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
  });
  if (errors_.size() == 1) throw input_error(errors_[0].text);
  std::string msg = source_ + ": " + std::to_string(errors_.size()) + " errors in " + kind_ + ":";
  for (const auto& e : errors_)
    msg += "\n  " + e.text;
  throw input_error(msg);
}

std::optional<fields> reader::map(const YAML::Node& n, const YAML::Mark& m, std::string_view where,
                                  const std::vector<std::string_view>& allowed,
                                  const std::vector<std::string_view>& required,
                                  std::string_view noun, std::string_view context) {
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
           "unknown " + std::string(noun) + " " + in_quotes(key) +
               (context.empty() ? "" : " " + std::string(context)) + " (allowed: " + join(allowed) +
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

bool reader::list(const YAML::Node& v, const YAML::Mark& m, std::string_view what) {
  if (v.IsSequence()) return true;
  fail(m, what, "expected a list, got " + describe(v));
  return false;
}

std::optional<double> reader::number(const YAML::Node& v, const YAML::Mark& m,
                                     std::string_view what) {
  if (v.IsScalar() && v.Tag() != "!") {
    if (auto x = parse_double(v.Scalar())) return x;
  }
  std::string rule = "expected a number, got " + describe(v);
  if (v.IsScalar() && v.Tag() == "!" && parse_double(v.Scalar()))
    rule += " (write numbers without quotes)";
  fail(m, what, rule);
  return std::nullopt;
}

std::optional<double> reader::optional_number(const YAML::Node& v, const YAML::Mark& m,
                                              std::string_view what, bool& ok) {
  if (v.IsNull()) return std::nullopt;
  auto x = number(v, m, what);
  ok = ok && x.has_value();
  return x;
}

std::optional<long long> reader::integer(const YAML::Node& v, const YAML::Mark& m,
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

std::optional<unsigned long long> reader::whole(const YAML::Node& v, const YAML::Mark& m,
                                                std::string_view what, unsigned long long lo,
                                                unsigned long long hi) {
  if (v.IsScalar() && v.Tag() != "!") {
    std::string_view s = v.Scalar();
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    unsigned long long x = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (!s.empty() && ec == std::errc() && p == s.data() + s.size()) {
      if (x >= lo && x <= hi) return x;
      fail(m, what,
           "must be in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got " +
               describe(v));
      return std::nullopt;
    }
  }
  fail(m, what, "expected a whole number >= " + std::to_string(lo) + ", got " + describe(v));
  return std::nullopt;
}

std::optional<bool> reader::boolean(const YAML::Node& v, const YAML::Mark& m,
                                    std::string_view what) {
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

std::optional<std::string> reader::text(const YAML::Node& v, const YAML::Mark& m,
                                        std::string_view what) {
  if (v.IsNull()) return std::string();
  if (v.IsScalar()) return v.Scalar();
  fail(m, what, "expected text, got " + describe(v));
  return std::nullopt;
}

std::optional<std::string> reader::id(const YAML::Node& v, const YAML::Mark& m,
                                      std::string_view what) {
  if (!v.IsScalar()) {
    fail(m, what, "expected an id, got " + describe(v));
    return std::nullopt;
  }
  const std::string& s = v.Scalar();
  if (!valid_id(s)) {
    fail(
        m, what,
        "id " + show(s) +
            (s.empty() ? " is empty" : " may only hold letters A-Z a-z, digits, '_', '.' and '-'"));
    return std::nullopt;
  }
  return s;
}

std::optional<std::vector<double>> reader::numbers(const YAML::Node& v, const YAML::Mark& m,
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

bool reader::range(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
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

void reader::unknown_value(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
                           const std::vector<std::string_view>& allowed) {
  fail(m, what,
       "unknown value " + show(v.Scalar()) + " (allowed: " + join(allowed) + ")" +
           hint(v.Scalar(), allowed));
}

std::optional<double> reader::parse_double(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  // Decimal forms only: from_chars would also take "inf", "nan" and hexadecimal digits.
  const std::size_t first = s.front() == '-' ? 1 : 0;
  if (first >= s.size() || !(std::isdigit(static_cast<unsigned char>(s[first])) || s[first] == '.'))
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

namespace {

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

/// Where each YAML document starts: the mark of its first event. Lets `load` find a second
/// document without `YAML::LoadAll`, which in yaml-cpp 0.7 (Debian 12) never returns on a
/// stray ',' after the document (`{}` then `,`: a JSON spec with a trailing comma) and grows
/// memory until killed (jbeder/yaml-cpp#1040; fixed upstream by PR #1319, yaml-cpp 0.8.0).
class first_event : public YAML::EventHandler {
public:
  std::optional<YAML::Mark> mark;
  bool null_only = true; ///< the document is a bare null (nothing but a stray token)

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t) override { at(m); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { at(m, false); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                const std::string&) override {
    at(m, false);
  }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    at(m, false);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    at(m, false);
  }
  void OnMapEnd() override {}

private:
  void at(const YAML::Mark& m, bool null = true) {
    if (!mark) mark = m;
    null_only = null_only && null;
  }
};

/// Whether `text` has a document marker ("---" or "...") at the start of a line after `from`.
bool marker_after(std::string_view text, std::size_t from) {
  for (std::size_t i = text.find('\n', std::min(from, text.size())); i != std::string_view::npos;
       i = text.find('\n', i + 1)) {
    const auto line = text.substr(i + 1, 3);
    if (line == "---" || line == "...") return true;
  }
  return false;
}

} // namespace

document load(std::string_view text, const std::string& source, const std::string& kind,
              const std::string& errors_kind, const std::string& empty_help) {
  // Encoding first: yaml-cpp would guess at other encodings; these files are UTF-8.
  if (text.size() >= 2 &&
      ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF')))
    throw input_error(source + ": " + kind + " is UTF-16; save it as UTF-8");
  if (const auto bad = invalid_utf8_offset(text); bad != std::string_view::npos) {
    const auto [l, c] = line_col(text, bad);
    throw input_error(source + ":" + std::to_string(l) + ":" + std::to_string(c) + ": " + kind +
                      " is not valid UTF-8 (byte " + std::to_string(bad) + "); save it as UTF-8");
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3); // marks count after the BOM

  document d{reader(text, source, errors_kind), {}};
  // The first document, then whether anything follows it: two passes of yaml-cpp's parser,
  // never YAML::LoadAll (see `first_event`).
  const std::string owned(text);
  first_event second;
  bool more = false;
  try {
    d.root = YAML::Load(owned);
    std::istringstream in(owned);
    YAML::Parser parser(in);
    first_event first;
    parser.HandleNextDocument(first);
    more = parser.HandleNextDocument(second);
  } catch (const YAML::Exception& e) {
    d.r.fail(e.mark, "", "YAML syntax error: " + e.msg);
    d.r.throw_if_errors();
  }
  if (!d.root.IsDefined() || d.root.IsNull())
    throw input_error(source + ": " + kind + " is empty" + empty_help);
  if (more && second.mark) {
    const auto at = static_cast<std::size_t>(std::max(second.mark->pos, 0));
    if (second.null_only && !marker_after(owned, 0) && at < owned.size()) {
      d.r.fail(*second.mark, "",
               "YAML syntax error: unexpected '" + std::string(1, owned[at]) +
                   "' after the end of the document" +
                   (owned[at] == ',' ? " (a trailing comma after the last '}' or ']'?)" : ""));
    } else {
      // "the spec file" → "a spec file holds...", "the uncertain-choices file" → "an ...".
      const std::string noun = kind.substr(kind.find(' ') + 1);
      const bool vowel =
          !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
      d.r.fail(*second.mark, "",
               (vowel ? "an " : "a ") + noun +
                   " holds one YAML document; found a second one ('---')");
    }
    d.r.throw_if_errors();
  }
  check_quotes_closed(d.r, text, d.root);
  d.r.throw_if_errors();
  return d;
}

std::string read_file(const std::string& path, const std::string& kind) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw input_error(path + ": cannot read " + kind + ": it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int e = errno;
    throw input_error(path + ": cannot open " + kind + ": " +
                      (e ? std::strerror(e) : "unknown error"));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw input_error(path + ": cannot read " + kind);
  return std::move(ss).str();
}

} // namespace chiso::io::yaml
