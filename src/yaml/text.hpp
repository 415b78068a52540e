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

/// Edit distance, for "did you mean" hints on misspelt keys and names.
inline std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

/// "; did you mean 'x'?" when one allowed word is close to `word`, else "".
inline std::string hint(std::string_view word, const std::vector<std::string_view>& allowed) {
  std::string_view best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (auto a : allowed) {
    const auto d = distance(word, a);
    if (d < best_d) {
      best_d = d;
      best = a;
    }
  }
  const std::size_t limit = best.size() <= 3 ? 1 : best.size() <= 8 ? 2 : 3;
  if (best.empty() || best_d > limit) return "";
  return "; did you mean '" + std::string(best) + "'?";
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
