#pragma once
/// \file io/quote.hpp
/// Names and cell text quoted for error messages, so that a message shows exactly what was
/// read (`'abc'`, `'a', 'b', ... (40 in all)`) and stays one readable line.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::io {

/// The names in single quotes, separated by ", ": at most `max` of them, then
/// ", ... (N in all)". Example: quote_list({"a", "b", "c"}, 2) == "'a', 'b', ... (3 in all)";
/// an empty list gives "".
std::string quote_list(const std::vector<std::string>& names, std::size_t max = 12);

/// Cell text for a message, in single quotes: `\n`, `\r`, `\t` escaped, other control
/// characters shown as `?`, and text longer than 60 bytes cut (at a UTF-8 character
/// boundary) and followed by "...". Example: "a\tb" → `'a\tb'` (a backslash and a t).
std::string quote_cell(std::string_view text);

} // namespace chiso::io
