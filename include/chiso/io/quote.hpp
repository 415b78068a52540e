#pragma once
/// \file io/quote.hpp
/// Names and cell text quoted for error messages, so that a message shows exactly what was
/// read (`'abc'`, `'a', 'b', ... (40 in all)`) and stays one readable line; and the "did you
/// mean" hint every reader and the command line give for a misspelt word.

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

/// Edit (Levenshtein) distance between two words: insertions, deletions and substitutions of
/// one byte each.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// "; did you mean 'x'?" when the allowed word nearest to `word` (edit distance) is close:
/// at most 1 edit for words of up to 3 bytes, 2 up to 8, 3 beyond; else "".
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& allowed);

} // namespace chiso::io
