#pragma once
/// \file src/time/detail.hpp
/// Internals shared by the sources of the time layer (src/time/: message formatting).

#include <cstddef>
#include <string>

namespace chiso::time::detail {

/// Shortest readable text of a number for messages: 2030, 0.7, nan.
inline std::string num(double x) {
  std::string s = std::to_string(x);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0')
      s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

/// "source:line" when both are known, else "<what> <index + 1>" (1-based for people).
inline std::string location(const std::string& source, std::size_t line, const char* what,
                            std::size_t index) {
  if (!source.empty() && line > 0) return source + ":" + std::to_string(line);
  return std::string(what) + " " + std::to_string(index + 1);
}

} // namespace chiso::time::detail
