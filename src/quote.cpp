#include "chiso/io/quote.hpp"

namespace chiso::io {

std::string quote_list(const std::vector<std::string>& names, std::size_t max) {
  std::string out;
  for (std::size_t k = 0; k < names.size() && k < max; ++k)
    out += (k ? ", '" : "'") + names[k] + "'";
  if (names.size() > max) out += ", ... (" + std::to_string(names.size()) + " in all)";
  return out;
}

std::string quote_cell(std::string_view text) {
  constexpr std::size_t max = 60;
  std::string out = "'";
  std::size_t k = 0;
  for (; k < text.size() && k < max; ++k) {
    const auto c = static_cast<unsigned char>(text[k]);
    if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20)
      out += '?';
    else
      out += static_cast<char>(c);
  }
  if (k < text.size()) {
    // Cut before a continuation byte: drop the partial UTF-8 character.
    while (k > 0 && (static_cast<unsigned char>(text[k]) & 0xC0) == 0x80) {
      --k;
      out.pop_back();
    }
    out += "...";
  }
  return out + "'";
}

} // namespace chiso::io
