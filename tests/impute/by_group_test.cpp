// Tests of impute/by_group.hpp: mean / median within a group of units (COINr i_mean_grp,
// i_median_grp). Golden values are worked by hand in the comments.

#include <chiso/impute/by_group.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::by_group_test {

using chiso_test::NA;

namespace {

using chiso::impute::by_group;
using chiso::impute::centre;
using chiso::impute::changed_cell;
using chiso::impute::no_group;

// x = {1, 3, NA, 10, NA, NA, 7}, groups {a=5, a, a, b=900, b, c=2, no group}.
Eigen::MatrixXd column() {
  Eigen::MatrixXd m(7, 1);
  m << 1, 3, NA, 10, NA, NA, 7;
  return m;
}
const std::vector<std::uint32_t> groups{5, 5, 5, 900, 900, 2, no_group};

TEST(impute_by_group, mean_by_hand_and_empty_group_stays_missing) {
  auto m = column();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0};
  by_group(m, cols, groups, centre::mean, cells);
  // group 5: (1 + 3)/2 = 2 → unit 2; group 900: 10 → unit 4; group 2 has no observation → unit 5
  // stays missing; unit 6 (no group) is observed and unchanged.
  EXPECT_EQ(m(2, 0), 2.0);
  EXPECT_EQ(m(4, 0), 10.0);
  EXPECT_TRUE(std::isnan(m(5, 0)));
  EXPECT_EQ(m(6, 0), 7.0);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].unit, 2u);
  EXPECT_EQ(cells[0].after, 2.0);
  EXPECT_EQ(cells[0].method, "group_mean");
  EXPECT_EQ(cells[2].unit, 5u);
  EXPECT_FALSE(cells[2].filled());
}

TEST(impute_by_group, unit_without_group_is_not_imputed) {
  Eigen::MatrixXd m(3, 1);
  m << 1, 2, NA;
  const std::vector<std::uint32_t> g{0, 0, no_group};
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0};
  by_group(m, cols, g, centre::mean, cells);
  EXPECT_TRUE(std::isnan(m(2, 0)));
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_FALSE(cells[0].filled());
}

TEST(impute_by_group, median_by_hand) {
  // group 0: {1, 2, 9, NA} → median of {1, 2, 9} = 2 (the mean would be 4);
  // group 1: {4, 6, NA} → type 7: 4 + 0.5·2 = 5.
  Eigen::MatrixXd m(7, 1);
  m << 1, 2, 9, NA, 4, 6, NA;
  const std::vector<std::uint32_t> g{0, 0, 0, 0, 1, 1, 1};
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0};
  by_group(m, cols, g, centre::median, cells);
  EXPECT_EQ(m(3, 0), 2.0);
  EXPECT_EQ(m(6, 0), 5.0);
  EXPECT_EQ(cells[0].method, "group_median");
}

TEST(impute_by_group, wrong_number_of_codes_throws) {
  auto m = column();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0};
  const std::vector<std::uint32_t> short_codes{1, 2};
  EXPECT_THROW(by_group(m, cols, short_codes, centre::mean, cells), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::by_group_test
