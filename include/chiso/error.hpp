#pragma once
/// \file error.hpp
/// Errors and diagnostics.
///
/// Two tiers (as in Spectra): bad input or misuse throws an exception derived from a standard
/// one, whose message names the thing and the rule broken; expected non-success during scoring
/// (a constant column, a non-positive value fed to a geometric mean, a unit below coverage) is a
/// `diagnostic` recorded in the result, never a silent NaN.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace chiso {

/// Base of every exception chiso throws.
class error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A framework (or a method's parameters) breaks a rule: cycle, unknown id, negative weight...
class framework_error : public error {
public:
  using error::error;
};

/// A data or spec file cannot be read or breaks a rule; the message names file, line, column.
class input_error : public error {
public:
  using error::error;
};

/// Misuse of the API (mismatched sizes, unknown node asked for...).
class usage_error : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

/// What went wrong for one cell of the result (expected non-success).
enum class diagnostic_code : std::uint8_t {
  constant_column,     ///< indicator has no spread: normalisation undefined, scores missing
  empty_column,        ///< indicator has no observed value
  non_positive_input,  ///< geometric/harmonic/generalised mean got a value <= 0 (or < 0)
  below_coverage,      ///< share of children weight present is below the node's minimum
  zero_denominator,    ///< denominator was 0 and the indicator's policy is `missing`
  missing_denominator, ///< denominator was missing and the policy is `missing`
  invalid_value,       ///< value outside the domain of a transform or rule (log of <= 0...)
  unknown_category,    ///< graded rule got a code it does not list
  weights_warning,     ///< data-driven weights computed with a caveat (rows dropped, a
                       ///< negative loading, no convergence…): weights/rule.hpp
};

/// Short stable name of a diagnostic code (used in CLI and JSON output).
inline const char* to_string(diagnostic_code c) noexcept {
  switch (c) {
  case diagnostic_code::constant_column: return "constant_column";
  case diagnostic_code::empty_column: return "empty_column";
  case diagnostic_code::non_positive_input: return "non_positive_input";
  case diagnostic_code::below_coverage: return "below_coverage";
  case diagnostic_code::zero_denominator: return "zero_denominator";
  case diagnostic_code::missing_denominator: return "missing_denominator";
  case diagnostic_code::invalid_value: return "invalid_value";
  case diagnostic_code::unknown_category: return "unknown_category";
  case diagnostic_code::weights_warning: return "weights_warning";
  }
  return "unknown";
}

/// One expected non-success. `unit` is npos when it concerns a whole column.
struct diagnostic {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  diagnostic_code code;
  std::size_t node;        ///< index of the node (indicator or aggregate) in the plan
  std::size_t unit = npos; ///< unit row, or npos for the whole column
  std::string message;     ///< human text naming node (and unit) and the rule
};

} // namespace chiso
