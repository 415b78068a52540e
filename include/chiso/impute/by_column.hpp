#pragma once
/// \file impute/by_column.hpp

#include "chiso/impute/centre.hpp"
#include "chiso/impute/changed_cell.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace chiso::impute {

/// Imputation by the column's centre (Handbook 2008 §3, "unconditional mean/median
/// imputation"; COINr `Impute(f_i = "i_mean")` / `"i_median"`, `impute_by = "column"`):
/// every missing cell of column j becomes c_j, the mean (Σx / n) or the type-7 median of the
/// column's observed values. A column without any observed value stays missing: each of its
/// cells is reported with `after` NaN (COINr warns and returns the NAs). Observed cells never
/// change. Reports "column_mean" / "column_median".
/// Example: {1, NaN, 2, 6} → mean 3: {1, 3, 2, 6}; median 2: {1, 2, 2, 6}.
inline void by_column(Eigen::Ref<Eigen::MatrixXd> m, std::span<const std::size_t> columns, centre c,
                      std::vector<changed_cell>& out) {
  detail::check_columns("impute::by_column", static_cast<std::size_t>(m.cols()), columns);
  const std::string_view method = c == centre::mean ? "column_mean" : "column_median";
  std::vector<double> v;
  for (std::size_t j : columns) {
    auto x = m.col(static_cast<Eigen::Index>(j));
    v.clear();
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (!std::isnan(x[i])) v.push_back(x[i]);
    if (v.size() == static_cast<std::size_t>(x.size())) continue;
    const double value = detail::centre_of(v, c);
    for (Eigen::Index i = 0; i < x.size(); ++i)
      if (std::isnan(x[i])) {
        x[i] = value;
        out.push_back({static_cast<std::size_t>(i), j, chiso::detail::nan, value, method});
      }
  }
}

} // namespace chiso::impute
