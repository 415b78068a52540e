#pragma once
// tests/support/whatif.hpp -- small frameworks and data sets for the what-if tests
// (tests/whatif/): an indicator with a method, a data set from rows, and Decision 766 in small.

#include "chiso/aggregate/weighted_sum.hpp"
#include "chiso/dataset.hpp"
#include "chiso/framework.hpp"
#include "chiso/indicator.hpp"
#include "chiso/points/ratio.hpp"

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

// Decision 766 in small: two ratio rules on counts, index = sum of points, published to 2
// decimals, band "good" from 20:
//   online   6 points, full at a share of 0.5: dossiers_online / dossiers_received
//   on_time 20 points, full at 1:             settled_on_time / settled
//               received  online  settled  on_time   online pts     on_time pts  index
//   hue           90000    20000    80000    60000   6·(2/9)/0.5    15           17.6667
//   da-nang       50000    30000    40000    28000   6 (capped)     14           20
//   son-la         1000      100     1000      500   1.2            10           11.2
inline chiso::framework psq_small() {
  chiso::framework f;
  auto online = make_indicator("online", chiso::points::ratio{0.5, true});
  online.column = "dossiers_online";
  online.denominator = "dossiers_received";
  online.points = 6;
  auto on_time = make_indicator("on_time", chiso::points::ratio{1.0, true});
  on_time.column = "settled_on_time";
  on_time.denominator = "settled";
  on_time.points = 20;
  f.indicators = {online, on_time};
  f.nodes = {{.id = "psq",
              .children = {{"online", 1}, {"on_time", 1}},
              .aggregation = chiso::aggregate::weighted_sum{}}};
  f.ranking.options.round_to = 2;
  f.bands = {{"good", 20}, {"below 20"}};
  return f;
}
inline chiso::dataset psq_data() {
  return make_data(
      {"hue", "da-nang", "son-la"},
      {"dossiers_received", "dossiers_online", "settled", "settled_on_time"},
      {{90000, 20000, 80000, 60000}, {50000, 30000, 40000, 28000}, {1000, 100, 1000, 500}});
}

} // namespace chiso_test
