#pragma once
/// \file dataset.hpp
/// Units × variables, column-major, NaN = missing.

#include "chiso/error.hpp"

#include <Eigen/Core>

#include <string>
#include <utility>
#include <vector>

namespace chiso {

/// A group label column: one label per unit (e.g. `ministry_type`, `region`).
struct group_column {
  std::string name{};
  std::vector<std::string> labels{};
};

/// Raw data: one row per unit, one column per variable (indicator input, denominator...).
/// `values(i, j)` is unit i's value of `columns[j]`; NaN marks a missing value.
struct dataset {
  std::vector<std::string> unit_ids{};
  std::vector<std::string> unit_names{}; ///< empty or one per unit
  std::vector<std::string> columns{};
  Eigen::MatrixXd values{}; ///< units × columns, column-major
  std::vector<group_column> groups{};
  std::string source{};                  ///< file it was read from (for messages), or empty
  std::vector<std::size_t> unit_lines{}; ///< empty, or each unit's line in `source`

  std::size_t n_units() const noexcept { return unit_ids.size(); }

  /// Index of a column, or npos.
  std::size_t column_index(const std::string& id) const noexcept {
    for (std::size_t j = 0; j < columns.size(); ++j)
      if (columns[j] == id) return j;
    return static_cast<std::size_t>(-1);
  }

  /// The group column of that name, or nullptr.
  const group_column* group(const std::string& name) const noexcept {
    for (const auto& g : groups)
      if (g.name == name) return &g;
    return nullptr;
  }

  /// Throws usage_error if sizes disagree or unit ids repeat.
  void check() const;
};

} // namespace chiso
