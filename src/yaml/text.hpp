#pragma once
// src/yaml_text.hpp — private to the compiled readers (spec.cpp, robust_spec.cpp): how values
// and keys are shown in messages, and "did you mean" hints, so that every file reader words its
// errors the same way.

#include "chiso/io/quote.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io::yaml_text {

inline std::string join(const std::vector<std::string_view>& v, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : v) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

/// "; did you mean 'x'?" when one allowed word is close to `word`, else "" (io::did_you_mean).
inline std::string hint(std::string_view word, const std::vector<std::string_view>& allowed) {
  return did_you_mean(word, allowed);
}

/// A scalar as shown in a message: quoted, control characters escaped, long text shortened
/// (io::quote_cell).
inline std::string show(std::string_view s) {
  return quote_cell(s);
}

/// What a node is, for "expected X, got Y" messages.
inline std::string describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing (null)";
  if (n.IsMap()) return "a map";
  if (n.IsSequence()) return "a list";
  if (n.Tag() == "!") return "the quoted text " + show(n.Scalar());
  return show(n.Scalar());
}

inline bool valid_id(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-'))
      return false;
  return true;
}

inline std::string in_quotes(std::string_view s) {
  return "'" + std::string(s) + "'";
}

} // namespace chiso::io::yaml_text
