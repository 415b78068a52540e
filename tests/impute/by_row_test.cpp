// Tests of impute/by_row.hpp: a unit's mean of min-max normalised values within a group of
// columns, mapped back to each column's scale (COINr Impute(impute_by = "row",
// normalise_first = TRUE, group_level = ...)). Golden values are worked by hand.

#include <chiso/impute/by_row.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::by_row_test {

using chiso_test::NA;

namespace {

using chiso::impute::by_row;
using chiso::impute::centre;
using chiso::impute::changed_cell;
using group_list = std::vector<std::vector<std::size_t>>;

// Three columns of one group, four units:
//   c0 = {0, 10, 5, 2}    (min 0, max 10)
//   c1 = {0, 100, NA, 50} (min 0, max 100)
//   c2 = {4, 2, 3, NA}    (min 2, max 4; direction −1 in the second test)
Eigen::MatrixXd data() {
  Eigen::MatrixXd m(4, 3);
  m << 0, 0, 4,   //
      10, 100, 2, //
      5, NA, 3,   //
      2, 50, NA;
  return m;
}

TEST(impute_by_row, mean_of_normalised_values_by_hand) {
  auto m = data();
  std::vector<changed_cell> cells;
  const group_list g{{0, 1, 2}};
  by_row(m, g, {}, centre::mean, cells);
  // Unit 2: z(c0) = 5/10 = 0.5, z(c2) = (3 − 2)/2 = 0.5 → c = 0.5 → c1 = 0 + 0.5·100 = 50.
  EXPECT_DOUBLE_EQ(m(2, 1), 50.0);
  // Unit 3: z(c0) = 0.2, z(c1) = 0.5 → c = 0.35 → c2 = 2 + 0.35·2 = 2.7.
  EXPECT_NEAR(m(3, 2), 2.7, 1e-15);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[0].method, "row_mean");
  EXPECT_EQ(cells[1].unit, 3u);
  EXPECT_EQ(cells[1].column, 2u);
}

TEST(impute_by_row, direction_minus_one_flips_and_maps_back) {
  auto m = data();
  std::vector<changed_cell> cells;
  const group_list g{{0, 1, 2}};
  const std::vector<int> dir{1, 1, -1};
  by_row(m, g, dir, centre::mean, cells);
  // c2 with d = −1: z = (max − x)/(max − min) = (4 − x)/2.
  // Unit 2: z(c0) = 0.5, z(c2) = (4 − 3)/2 = 0.5 → c1 = 50 (as before).
  EXPECT_DOUBLE_EQ(m(2, 1), 50.0);
  // Unit 3: c = (0.2 + 0.5)/2 = 0.35 → c2 = max − c·(max − min) = 4 − 0.7 = 3.3: a unit below
  // the middle on the others gets a worse (higher) value on a lower-is-better column.
  EXPECT_NEAR(m(3, 2), 3.3, 1e-15);
}

TEST(impute_by_row, median_by_hand) {
  // Unit 2 of a four-column group: z = {0, 0.25, 1} on the observed columns → median 0.25.
  Eigen::MatrixXd m(3, 4);
  m << 0, 0, 0, 0, //
      4, 4, 4, 8,  //
      0, 1, 4, NA;
  std::vector<changed_cell> cells;
  const group_list g{{0, 1, 2, 3}};
  by_row(m, g, {}, centre::median, cells);
  // c3: min 0, max 8 → 0 + 0.25·8 = 2.
  EXPECT_DOUBLE_EQ(m(2, 3), 2.0);
  EXPECT_EQ(cells[0].method, "row_median");
}

TEST(impute_by_row, groups_are_separate) {
  // Groups {0, 1} and {2, 3}: unit 1's missing c1 uses c0 only (z = 1 → c1 max 6), its missing
  // c3 uses c2 only (z = 0 → c3 min 10).
  Eigen::MatrixXd m(3, 4);
  m << 0, 2, 5, 10, //
      1, NA, 5, NA, //
      0.5, 6, 7, 20;
  std::vector<changed_cell> cells;
  const group_list g{{0, 1}, {2, 3}};
  by_row(m, g, {}, centre::mean, cells);
  EXPECT_EQ(m(1, 1), 6.0);
  EXPECT_EQ(m(1, 3), 10.0);
}

TEST(impute_by_row, nothing_observed_stays_missing) {
  // Unit 1 has nothing observed in the group; column 2 has no observation at all.
  Eigen::MatrixXd m(2, 3);
  m << 1, 2, NA, //
      NA, NA, NA;
  std::vector<changed_cell> cells;
  const group_list g{{0, 1, 2}};
  by_row(m, g, {}, centre::mean, cells);
  EXPECT_TRUE(std::isnan(m(1, 0)));
  EXPECT_TRUE(std::isnan(m(1, 1)));
  EXPECT_TRUE(std::isnan(m(0, 2)));
  ASSERT_EQ(cells.size(), 4u); // (0,2), (1,0), (1,1), (1,2)
  for (const auto& c : cells)
    EXPECT_FALSE(c.filled());
}

TEST(impute_by_row, constant_column_gets_its_value) {
  // c1 is constant 3 (no spread): it takes no part in the mean, its missing cell gets 3.
  Eigen::MatrixXd m(3, 2);
  m << 0, 3, //
      10, 3, //
      5, NA;
  std::vector<changed_cell> cells;
  const group_list g{{0, 1}};
  by_row(m, g, {}, centre::mean, cells);
  EXPECT_EQ(m(2, 1), 3.0);
}

TEST(impute_by_row, bad_input_throws) {
  auto m = data();
  std::vector<changed_cell> cells;
  const group_list twice{{0, 1}, {1, 2}};
  EXPECT_THROW(by_row(m, twice, {}, centre::mean, cells), chiso::usage_error);
  const group_list g{{0, 1, 2}};
  const std::vector<int> bad_dir{1, 0, 1}, short_dir{1};
  EXPECT_THROW(by_row(m, g, bad_dir, centre::mean, cells), chiso::framework_error);
  EXPECT_THROW(by_row(m, g, short_dir, centre::mean, cells), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::by_row_test
