// Tests of impute/panel.hpp: last observation carried forward with a maximum gap, and linear
// interpolation between observed periods (COINr impute_panel "latest" / "linear").
// Golden values are worked by hand.

#include <chiso/impute/panel.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::panel_test {

using chiso_test::NA;

namespace {

using chiso::impute::carry_forward;
using chiso::impute::changed_cell;
using chiso::impute::interpolate;

// One unit, two columns, one matrix per period: column 0 follows `series`, column 1 is 0.
std::vector<Eigen::MatrixXd> panel(const std::vector<double>& series) {
  std::vector<Eigen::MatrixXd> p;
  for (double v : series) {
    Eigen::MatrixXd m(1, 2);
    m << v, 0;
    p.push_back(m);
  }
  return p;
}
std::vector<double> series_of(const std::vector<Eigen::MatrixXd>& p) {
  std::vector<double> s;
  for (const auto& m : p)
    s.push_back(m(0, 0));
  return s;
}
const std::vector<std::size_t> col0{0};

TEST(impute_panel, carry_forward_with_max_gap) {
  // {NA, 4, NA, NA, 7}, max_gap 1: period 2 is 1 after the 4 → 4; period 3 is 2 after → stays;
  // period 0 has nothing before it → stays.
  auto p = panel({NA, 4, NA, NA, 7});
  std::vector<changed_cell> cells;
  carry_forward(p, col0, 1.0, cells);
  const auto s = series_of(p);
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_EQ(s[1], 4.0);
  EXPECT_EQ(s[2], 4.0);
  EXPECT_TRUE(std::isnan(s[3]));
  EXPECT_EQ(s[4], 7.0);
  ASSERT_EQ(cells.size(), 3u); // periods 0, 2, 3
  EXPECT_EQ(cells[0].period, 0u);
  EXPECT_FALSE(cells[0].filled());
  EXPECT_EQ(cells[1].period, 2u);
  EXPECT_EQ(cells[1].after, 4.0);
  EXPECT_EQ(cells[1].method, "carry_forward");
  EXPECT_EQ(cells[2].period, 3u);
  EXPECT_FALSE(cells[2].filled());
}

TEST(impute_panel, carry_forward_without_limit) {
  auto p = panel({NA, 4, NA, NA, 7, NA});
  std::vector<changed_cell> cells;
  carry_forward(p, col0, cells);
  const auto s = series_of(p);
  EXPECT_EQ(s[2], 4.0);
  EXPECT_EQ(s[3], 4.0);
  EXPECT_EQ(s[5], 7.0);
  EXPECT_TRUE(std::isnan(s[0]));
}

TEST(impute_panel, carry_forward_gap_in_positions) {
  // Years {2018, 2019, 2022}: the 2022 cell is 3 years after 2019; max_gap 2 (years) → stays,
  // max_gap 3 → carried.
  const std::vector<double> years{2018, 2019, 2022};
  auto p = panel({1, 2, NA});
  std::vector<changed_cell> cells;
  carry_forward(p, col0, 2.0, cells, years);
  EXPECT_TRUE(std::isnan(p[2](0, 0)));
  carry_forward(p, col0, 3.0, cells, years);
  EXPECT_EQ(p[2](0, 0), 2.0);
}

TEST(impute_panel, interpolate_equal_spacing) {
  // {NA, 2, NA, NA, 8, NA}: periods 2, 3 between 2 (t = 1) and 8 (t = 4):
  // 2 + (1/3)·6 = 4, 2 + (2/3)·6 = 6. Periods 0 and 5 are outside: no extrapolation.
  auto p = panel({NA, 2, NA, NA, 8, NA});
  std::vector<changed_cell> cells;
  interpolate(p, col0, cells);
  const auto s = series_of(p);
  EXPECT_TRUE(std::isnan(s[0]));
  EXPECT_DOUBLE_EQ(s[2], 4.0);
  EXPECT_DOUBLE_EQ(s[3], 6.0);
  EXPECT_TRUE(std::isnan(s[5]));
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[1].period, 2u);
  EXPECT_EQ(cells[1].method, "interpolate");
  EXPECT_FALSE(cells[3].filled());
}

TEST(impute_panel, interpolate_unequal_spacing) {
  // Years {2019, 2020, 2022}, {10, NA, 16}: 10 + (2020 − 2019)/(2022 − 2019)·6 = 12.
  const std::vector<double> years{2019, 2020, 2022};
  auto p = panel({10, NA, 16});
  std::vector<changed_cell> cells;
  interpolate(p, col0, cells, years);
  EXPECT_DOUBLE_EQ(p[1](0, 0), 12.0);
}

TEST(impute_panel, other_columns_untouched_and_bad_input_throws) {
  auto p = panel({1, NA, 3});
  p[1](0, 1) = NA;
  std::vector<changed_cell> cells;
  interpolate(p, col0, cells);
  EXPECT_TRUE(std::isnan(p[1](0, 1))); // column 1 not listed
  const std::vector<double> not_increasing{1, 1, 2}, too_few{1, 2};
  EXPECT_THROW(interpolate(p, col0, cells, not_increasing), chiso::framework_error);
  EXPECT_THROW(interpolate(p, col0, cells, too_few), chiso::usage_error);
  EXPECT_THROW(carry_forward(p, col0, -1.0, cells), chiso::framework_error);
  p.push_back(Eigen::MatrixXd(2, 2));
  EXPECT_THROW(carry_forward(p, col0, cells), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::panel_test
