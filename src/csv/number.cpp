// Number cells and UTF-8 checks of the CSV readers (include/chiso/io/csv.hpp).
#include "number.hpp"

#include <charconv>
#include <limits>

namespace chiso::io {

namespace {

constexpr double nan_cell = std::numeric_limits<double>::quiet_NaN();

std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

// Rule texts for parse_number (static storage: number_cell::rule views them).
constexpr std::string_view rule_generic =
    "is not a number (expected a decimal number such as 12, -0.5 or 1.5e3; leave the cell "
    "empty or write NA if the value is missing)";
constexpr std::string_view rule_comma =
    "contains a comma (decimal commas and thousands separators are not accepted: write 0.5 "
    "for 0,5 and 1234 for 1,234)";
constexpr std::string_view rule_percent =
    "contains a percent sign (write 90.66 if the indicator is in percent, or 0.9066 if it is "
    "a share)";
constexpr std::string_view rule_nonfinite =
    "is not a finite number (infinity and NaN are not accepted; leave the cell empty or write "
    "NA if the value is missing)";
constexpr std::string_view rule_hex =
    "is a hexadecimal number (only decimal numbers such as 26 or 1.5e3 are accepted)";
constexpr std::string_view rule_range =
    "is out of the range of a double (magnitude above about 1.8e308, or so close to 0 that it "
    "cannot be represented)";

bool starts_with_nocase(std::string_view s, std::string_view prefix) noexcept {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

} // namespace

std::size_t invalid_utf8_offset(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      if (c == 0) return i;
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c == 0xE0)
      len = 3, lo = 0xA0; // no overlong forms
    else if (c == 0xED)
      len = 3, hi = 0x9F; // no UTF-16 surrogates
    else if (c >= 0xE1 && c <= 0xEF)
      len = 3;
    else if (c == 0xF0)
      len = 4, lo = 0x90; // no overlong forms
    else if (c == 0xF4)
      len = 4, hi = 0x8F; // nothing above U+10FFFF
    else if (c >= 0xF1 && c <= 0xF3)
      len = 4;
    else
      return i;
    if (n - i < len || p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::string_view::npos;
}

number_cell parse_number(std::string_view text) noexcept {
  const std::string_view t = trim_blanks(text);
  if (t.empty() || t == "NA") return {number_status::missing, nan_cell, {}};
  auto invalid = [](std::string_view rule) {
    return number_cell{number_status::invalid, nan_cell, rule};
  };
  if (t.find(',') != std::string_view::npos) return invalid(rule_comma);
  if (t.find('%') != std::string_view::npos) return invalid(rule_percent);
  std::string_view body = t;   // what from_chars reads: optional '-', then the number
  std::string_view mag = body; // without its sign
  if (body.front() == '+') {
    body.remove_prefix(1); // from_chars does not take '+'
    mag = body;
  } else if (body.front() == '-') {
    mag.remove_prefix(1);
  }
  if (starts_with_nocase(mag, "inf") || starts_with_nocase(mag, "nan"))
    return invalid(rule_nonfinite);
  if (starts_with_nocase(mag, "0x")) return invalid(rule_hex);
  // Guard the first character: from_chars would also take "inf", "nan" and a second sign.
  if (mag.empty() || !((mag.front() >= '0' && mag.front() <= '9') || mag.front() == '.'))
    return invalid(rule_generic);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec == std::errc::result_out_of_range) return invalid(rule_range);
  if (ec != std::errc() || ptr != body.data() + body.size()) return invalid(rule_generic);
  return {number_status::number, v, {}};
}

} // namespace chiso::io
