#pragma once
/// \file merge_rule.hpp
/// How an indicator's columns combine when units merge (spec key `merge`): a value type of the
/// model. Re-mapping the data by these rules is time/remap.hpp (`time::remap_units`), which this
/// header keeps out of reach of framework.hpp. Declared in `chiso::time`, with the re-mapping.

#include <cstdint>
#include <string>
#include <string_view>

namespace chiso::time {

/// How the predecessors' values x_1 … x_m of one column combine into the new unit's value.
enum class combine_rule : std::uint8_t {
  mean,          ///< Σ x_r / m — DTI 2024 practice for merged provinces
  sum,           ///< Σ x_r — counts (dossiers, population)
  weighted_mean, ///< Σ w_r x_r / Σ w_r, w from a weight column (population), every w_r > 0
  min,           ///< min x_r
  max,           ///< max x_r
  first,         ///< x of the first predecessor in mapping order
};

/// What a missing predecessor value does (a predecessor absent from the data counts as missing).
enum class missing_predecessors : std::uint8_t {
  missing_if_any, ///< the new value is missing if any predecessor value is missing
  skip,           ///< combine the present ones (mean and weights renormalise over them; sum
                  ///< adds only them; first takes the first present); missing if none
};

/// Stable names (for spec files and output).
inline constexpr std::string_view to_string(combine_rule r) noexcept {
  switch (r) {
  case combine_rule::mean: return "mean";
  case combine_rule::sum: return "sum";
  case combine_rule::weighted_mean: return "weighted_mean";
  case combine_rule::min: return "min";
  case combine_rule::max: return "max";
  case combine_rule::first: return "first";
  }
  return "mean";
}
inline constexpr std::string_view to_string(missing_predecessors m) noexcept {
  return m == missing_predecessors::skip ? "skip" : "missing_if_any";
}

/// The merge rule of an indicator of a framework (spec key `merge`): how the columns it reads
/// (value and denominator) combine when units merge. `weight` names the data column of weights
/// for `weighted_mean` (empty otherwise). The default is DTI 2024 practice: the mean, missing if
/// any predecessor is missing.
struct merge_rule {
  combine_rule rule = combine_rule::mean;
  std::string weight{};
  missing_predecessors missing = missing_predecessors::missing_if_any;

  bool operator==(const merge_rule&) const = default;
};

} // namespace chiso::time
