#pragma once
/// \file impute/centre.hpp
/// The centre (mean or median) that the column, group and row imputations substitute.

#include "chiso/detail/column_stats.hpp"
#include "chiso/param.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace chiso::impute {

/// Which centre of the observed values to impute.
enum class centre {
  mean,   ///< arithmetic mean Σx / n (COINr `i_mean`)
  median, ///< type-7 quantile 0.5, the middle value or the mean of the two middle values
          ///< (R `median`, COINr `i_median`; `detail::quantile7`, as `analysis::summarise`)
};

/// "mean" or "median".
constexpr std::string_view to_string(centre c) noexcept {
  return c == centre::mean ? "mean" : "median";
}

/// The declaration of an imputation's `centre` parameter (chiso/param.hpp), written in the
/// method's name: `column_mean`, `column_median`.
template <class T> constexpr auto centre_parameter(centre T::*member) {
  return param::field{"centre",
                      member,
                      "the centre imputed: the mean or the median",
                      {{"mean", centre::mean}, {"median", centre::median}}}
      .written_in_name();
}

namespace detail {

/// Centre of the values in `v` (reordered in place for the median); NaN when `v` is empty.
/// The mean is the plain sum over n, in the order given (deterministic).
inline double centre_of(std::vector<double>& v, centre c) {
  if (v.empty()) return chiso::detail::nan;
  if (c == centre::mean) {
    double s = 0;
    for (double x : v)
      s += x;
    return s / static_cast<double>(v.size());
  }
  std::sort(v.begin(), v.end());
  return chiso::detail::quantile7(v, 0.5);
}

} // namespace detail

} // namespace chiso::impute
