#pragma once
/// \file round.hpp
/// Decimal rounding as official tables do it.

#include "chiso/error.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

namespace chiso {

/// Rounds x to `digits` decimals, half away from zero, on the *shortest decimal text* of x (the
/// digits a reader sees, as std::to_chars prints them), not on its binary value: 0.50045 rounds
/// to 0.5005 at 4 decimals and 1.005 to 1.01 at 2 (Excel's ROUND and published tables such as
/// the DTI's 4-decimal values agree), where std::round(x · 10^k) / 10^k gives 0.5004 and 1.00
/// because they are stored as 0.50044999999999995… and 1.00499999999999989…. Carries
/// propagate (0.99995 → 1 at 4 decimals, 9.5 → 10 at 0).
/// Values with at most `digits` decimals come back unchanged; a result of zero is +0 (never
/// "-0"); NaN and infinities pass through. digits must be >= 0 (throws `usage_error`); beyond
/// 17 significant digits nothing changes. Allocation-free (a stack buffer).
inline double round_decimal(double x, int digits) {
  if (digits < 0)
    throw usage_error("round_decimal: digits must be >= 0, got " + std::to_string(digits));
  if (!std::isfinite(x)) return x;
  // Shortest round-trip text in fixed notation: at most 1 + 309 + 1 + 327 chars (the smallest
  // subnormal has 324 decimals); one spare char in front for a carry into a new leading digit.
  char buf[1 + 1 + 310 + 1 + 330];
  char* const first = buf + 1;
  const auto res = std::to_chars(first, buf + sizeof buf, x, std::chars_format::fixed);
  if (res.ec != std::errc{}) return x; // cannot happen with the buffer above
  char* b = first;
  char* e = res.ptr;
  const bool neg = *b == '-';
  if (neg) ++b;
  char* const dot = std::find(b, e, '.');
  if (dot == e || e - (dot + 1) <= digits) return x; // already has at most `digits` decimals
  char* const cut = dot + 1 + digits;
  const bool up = *cut >= '5';
  e = digits == 0 ? dot : cut;
  if (up) {
    char* p = e;
    for (;;) {
      if (p == b) { // carried out of the leading digit: 9.99 → 10.0
        *--b = '1'; // b − 1 is the spare char or the (already noted) sign
        break;
      }
      --p;
      if (*p == '.') continue;
      if (*p == '9') {
        *p = '0';
      } else {
        ++*p;
        break;
      }
    }
  }
  double v = 0;
  std::from_chars(b, e, v);
  if (v == 0) return 0.0;
  return neg ? -v : v;
}

} // namespace chiso
