#pragma once
// tests/support/whatif.hpp -- small frameworks and data sets for the what-if tests
// (tests/whatif/): an indicator with a method, a data set from rows.

#include "chiso/dataset.hpp"
#include "chiso/indicator.hpp"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace chiso_test {

inline chiso::indicator make_indicator(std::string id, chiso::method m) {
  chiso::indicator i;
  i.id = std::move(id);
  i.method = std::move(m);
  return i;
}

inline chiso::dataset make_data(std::vector<std::string> units, std::vector<std::string> columns,
                                std::vector<std::vector<double>> rows) {
  chiso::dataset d;
  d.unit_ids = std::move(units);
  d.columns = std::move(columns);
  d.values.resize(static_cast<Eigen::Index>(rows.size()),
                  static_cast<Eigen::Index>(d.columns.size()));
  for (std::size_t i = 0; i < rows.size(); ++i)
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      d.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  return d;
}

} // namespace chiso_test
