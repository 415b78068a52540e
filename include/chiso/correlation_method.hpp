#pragma once
/// \file correlation_method.hpp
/// Which correlation coefficient: Pearson or Spearman. An option of correlation-balanced weights
/// (weights/correlation_balance.hpp), so part of the model; the correlations themselves are
/// computed by analysis/correlation.hpp. Declared in `chiso::analysis`, where the correlations
/// live, but kept out of analysis/ so that the model headers (framework.hpp, through the weight
/// rules) do not reach the analysis layer.

#include <string_view>

namespace chiso::analysis {

/// Which correlation coefficient.
enum class correlation_method {
  pearson,  ///< product-moment correlation of the values
  spearman, ///< Pearson correlation of the average ranks
};

/// "pearson" or "spearman".
constexpr std::string_view to_string(correlation_method m) noexcept {
  return m == correlation_method::pearson ? "pearson" : "spearman";
}

} // namespace chiso::analysis
