#pragma once
// The fast path of `parse_number` for cells already trimmed by the tokenizer: fast_float for
// the common case (a plain decimal number whose value is a normal double), the full rules of
// `parse_number` (std::from_chars) for everything else. Both round correctly, so a cell gives
// the same double either way.

#include "chiso/io/csv.hpp"

#include <fast_float/fast_float.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <string_view>
#include <system_error>

namespace chiso::io::detail {

/// `parse_number(text)` for a trimmed `text`.
inline number_cell read_number(std::string_view text) noexcept {
  if (text.empty()) return {number_status::missing, std::numeric_limits<double>::quiet_NaN(), {}};
  const char* b = text.data();
  const char* e = b + text.size();
  const char c0 = *b;
  const char c1 = text.size() > 1 ? b[1] : '\0';
  // A digit, '.', or '-' then a digit or '.': what fast_float and parse_number both read.
  const bool plain = (c0 >= '0' && c0 <= '9') || c0 == '.' ||
                     (c0 == '-' && ((c1 >= '0' && c1 <= '9') || c1 == '.'));
  if (plain) {
    double v = 0;
    const auto r = fast_float::from_chars(b, e, v);
    // Zero, subnormal and infinite results go the slow way: parse_number tells an underflow
    // or overflow from a true zero or a representable subnormal.
    if (r.ec == std::errc() && r.ptr == e && std::fabs(v) >= DBL_MIN && std::fabs(v) <= DBL_MAX)
      return {number_status::number, v, {}};
  }
  return parse_number(text);
}

} // namespace chiso::io::detail
