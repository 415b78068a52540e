#pragma once
// src/yaml/reader.hpp — private to the compiled readers: the one YAML/JSON reader behind spec
// files, uncertain-choices files and the fragment readers (one method, aggregation, weights
// rule or preparation). It checks maps against their allowed keys, reads typed scalars, and
// records every error with its position (`<source>:<line>:<column>: <where>: <rule>`, with a
// "did you mean" hint for misspelt names) before throwing them all as one input_error.

#include "text.hpp"

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::io::yaml {

using namespace yaml_text;

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
YAML::Mark mark_of(const field& f);
/// Where a value `v` of key `k` is: its own mark, or the key's when it is empty.
YAML::Mark mark_of(const YAML::Node& k, const YAML::Node& v);
/// The mark of `n`, or `fallback` when it has none.
YAML::Mark mark_of(const YAML::Node& n, const YAML::Mark& fallback);

/// `where: 'key'` (or `'key'` alone).
std::string key_where(std::string_view where, std::string_view key);

class reader {
public:
  /// `kind` names the file in a summary of several errors ("3 errors in <kind>:").
  reader(std::string_view text, std::string source, std::string kind = "the spec");

  const std::string& source() const noexcept { return source_; }

  /// 1-based line and column (in characters, not bytes) of a yaml-cpp mark; {0, 0} if unknown.
  std::pair<std::size_t, std::size_t> position(const YAML::Mark& m) const;
  /// `<source>:<line>` (with `:<column>` if `column`), or `<source>` when the mark is unknown.
  std::string origin(const YAML::Mark& m, bool column = false) const;

  /// Records `<source>:<line>:<col>: <where>: <rule>`.
  void fail(const YAML::Mark& m, std::string_view where, const std::string& rule);
  std::size_t error_count() const noexcept { return errors_.size(); }
  /// Throws one input_error listing every error recorded, in file order.
  void throw_if_errors();

  // ---- maps and lists --------------------------------------------------------------------

  /// Checks that `n` is a map with only `allowed` keys (each once) and every `required` key.
  /// An unknown key is named "unknown <noun> 'k'<context> (allowed: ...)".
  std::optional<fields> map(const YAML::Node& n, const YAML::Mark& m, std::string_view where,
                            const std::vector<std::string_view>& allowed,
                            const std::vector<std::string_view>& required = {},
                            std::string_view noun = "key", std::string_view context = "");
  /// A list (of anything); errors when `v` is not one.
  bool list(const YAML::Node& v, const YAML::Mark& m, std::string_view what);

  // ---- scalars ---------------------------------------------------------------------------

  /// A finite number. Quoted text is refused (a string is not a number).
  std::optional<double> number(const YAML::Node& v, const YAML::Mark& m, std::string_view what);
  /// A number or null (null gives an empty optional); `ok` is false on error.
  std::optional<double> optional_number(const YAML::Node& v, const YAML::Mark& m,
                                        std::string_view what, bool& ok);
  std::optional<long long> integer(const YAML::Node& v, const YAML::Mark& m, std::string_view what);
  /// A whole number in [lo, hi].
  std::optional<unsigned long long> whole(const YAML::Node& v, const YAML::Mark& m,
                                          std::string_view what, unsigned long long lo,
                                          unsigned long long hi);
  std::optional<bool> boolean(const YAML::Node& v, const YAML::Mark& m, std::string_view what);
  /// Text (a plain or quoted scalar; null reads as empty text).
  std::optional<std::string> text(const YAML::Node& v, const YAML::Mark& m, std::string_view what);
  /// An id: non-empty, letters, digits, '_', '.', '-'.
  std::optional<std::string> id(const YAML::Node& v, const YAML::Mark& m, std::string_view what);
  std::optional<std::vector<double>> numbers(const YAML::Node& v, const YAML::Mark& m,
                                             std::string_view what);
  /// A pair [lower, upper]; either may be null.
  bool range(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
             std::optional<double>& lo, std::optional<double>& hi);

  /// One of `choices`.
  template <class E>
  std::optional<E> choice(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
                          std::initializer_list<std::pair<std::string_view, E>> choices) {
    std::vector<std::pair<std::string_view, E>> c(choices);
    return choice_of(v, m, what, c);
  }
  template <class E>
  std::optional<E> choice_of(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
                             const std::vector<std::pair<std::string_view, E>>& choices) {
    std::vector<std::string_view> allowed;
    for (const auto& c : choices)
      allowed.push_back(c.first);
    if (v.IsScalar()) {
      for (const auto& c : choices)
        if (c.first == v.Scalar()) return c.second;
      unknown_value(v, m, what, allowed);
    } else {
      fail(m, what, "expected one of " + join(allowed) + ", got " + describe(v));
    }
    return std::nullopt;
  }

  /// A decimal number (no inf, nan or hexadecimal), finite.
  static std::optional<double> parse_double(std::string_view s);

private:
  void unknown_value(const YAML::Node& v, const YAML::Mark& m, std::string_view what,
                     const std::vector<std::string_view>& allowed);
  std::string_view text_;
  std::string source_;
  std::string kind_;
  std::vector<std::size_t> line_starts_;
  std::vector<located_error> errors_;
};

/// A whole file read as one YAML document (JSON is YAML): the text must be UTF-8 (a BOM is
/// skipped), parse, hold exactly one non-empty document, and close every quoted scalar.
/// `kind` names the file in messages ("the spec file"); `empty_help` follows "is empty".
/// Throws input_error on the first failure. The reader refers to `text`, which must outlive it.
struct document {
  reader r;
  YAML::Node root;
};
document load(std::string_view text, const std::string& source, const std::string& kind,
              const std::string& errors_kind, const std::string& empty_help);

/// Reads a whole file as text; errors name the path and `kind` ("the spec file").
std::string read_file(const std::string& path, const std::string& kind);

} // namespace chiso::io::yaml
