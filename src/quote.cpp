#include "chiso/io/quote.hpp"

#include <algorithm>
#include <limits>

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

std::size_t edit_distance(std::string_view a, std::string_view b) {
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

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& allowed) {
  std::string_view best;
  std::size_t best_d = std::numeric_limits<std::size_t>::max();
  for (auto a : allowed) {
    const auto d = edit_distance(word, a);
    if (d < best_d) {
      best_d = d;
      best = a;
    }
  }
  const std::size_t limit = best.size() <= 3 ? 1 : best.size() <= 8 ? 2 : 3;
  if (best.empty() || best_d > limit) return "";
  return "; did you mean '" + std::string(best) + "'?";
}

} // namespace chiso::io
