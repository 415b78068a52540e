#include "text.hpp"

#include "args.hpp"

#include <chiso/error.hpp>
#include <chiso/round.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace chiso::cli {

std::string show_number(double x, std::optional<int> digits) {
  if (std::isnan(x)) return {};
  if (!digits) return io::format_double(x);
  // round_decimal gives the double nearest to the rounded decimal; printing it with the same
  // number of decimals reproduces exactly those digits.
  return io::format_fixed(round_decimal(x, *digits), *digits);
}

std::string json_value(double x, std::optional<int> digits) {
  return io::json_number(digits ? round_decimal(x, *digits) : x);
}

int parse_digits(const std::string& text, const std::string& command) {
  int v = -1;
  const bool digits_only =
      !text.empty() && text.size() <= 2 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (digits_only) v = std::stoi(text);
  if (v < 0 || v > 15)
    throw usage(command, "chiso " + command +
                             ": --digits must be a whole number from 0 to 15, got '" + text + "'");
  return v;
}

std::size_t display_width(std::string_view text) {
  std::size_t w = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    std::size_t len = c < 0x80         ? 1
                      : (c >> 5) == 6  ? 2
                      : (c >> 4) == 14 ? 3
                      : (c >> 3) == 30 ? 4
                                       : 1;
    if (i + len > n) len = 1;
    char32_t cp = c;
    if (len > 1) {
      cp = c & (0x7F >> len);
      bool ok = true;
      for (std::size_t k = 1; k < len; ++k) {
        if ((p[i + k] & 0xC0) != 0x80) ok = false;
        cp = (cp << 6) | (p[i + k] & 0x3F);
      }
      if (!ok) {
        len = 1;
        cp = '?';
      }
    }
    i += len;
    const bool combining = (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
                           (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
                           (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0xFEFF;
    if (combining) continue;
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                      (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string render_table(const std::vector<std::string>& header,
                         const std::vector<std::vector<std::string>>& rows,
                         const std::vector<bool>& right) {
  const std::size_t nc = header.size();
  std::vector<std::size_t> width(nc, 0);
  for (std::size_t j = 0; j < nc; ++j)
    width[j] = display_width(header[j]);
  for (const auto& r : rows)
    for (std::size_t j = 0; j < nc && j < r.size(); ++j)
      width[j] = std::max(width[j], display_width(r[j]));
  std::string out;
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t j = 0; j < nc; ++j) {
      const std::string& c = j < cells.size() ? cells[j] : std::string();
      const std::size_t pad = width[j] - std::min(width[j], display_width(c));
      if (j > 0) l += "  ";
      const bool r = j < right.size() && right[j];
      if (r) l += std::string(pad, ' ');
      l += c;
      if (!r) l += std::string(pad, ' ');
    }
    while (!l.empty() && l.back() == ' ')
      l.pop_back();
    out += l + '\n';
  };
  line(header);
  std::vector<std::string> rule(nc);
  for (std::size_t j = 0; j < nc; ++j)
    rule[j] = std::string(width[j], '-');
  line(rule);
  for (const auto& r : rows)
    line(r);
  return out;
}

output::output(const std::optional<std::string>& path) {
  if (path) {
    if (path->empty()) throw input_error("--out: the output path is empty");
    file_ = std::make_unique<io::atomic_file>(*path);
  }
}

output::~output() = default;

std::ostream& output::stream() {
  return file_ ? file_->stream() : std::cout;
}

void output::commit() {
  if (file_) {
    file_->commit();
    return;
  }
  std::cout.flush();
  if (!std::cout) throw chiso::error("cannot write to standard output");
}

warnings::~warnings() {
  if (count_ > limit_)
    std::cerr << "warning: ... and " << (count_ - limit_) << " more warning"
              << (count_ - limit_ > 1 ? "s" : "") << " (JSON output lists them all)\n";
}

void warnings::add(const std::string& text) {
  if (count_++ < limit_) std::cerr << "warning: " << text << '\n';
}

} // namespace chiso::cli
