// Tests of impute/by_column.hpp: column mean / median imputation (COINr i_mean, i_median).
// Golden values are worked by hand in the comments.

#include <chiso/impute/by_column.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::by_column_test {

using chiso_test::NA;

namespace {

using chiso::impute::by_column;
using chiso::impute::centre;
using chiso::impute::changed_cell;

Eigen::MatrixXd two_columns() {
  // column 0: {1, NA, 2, 6}; column 1: {NA, 5, NA, 8}
  Eigen::MatrixXd m(4, 2);
  m << 1, NA, NA, 5, 2, NA, 6, 8;
  return m;
}

TEST(impute_by_column, mean_by_hand) {
  auto m = two_columns();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0, 1};
  by_column(m, cols, centre::mean, cells);
  // column 0: (1 + 2 + 6)/3 = 3; column 1: (5 + 8)/2 = 6.5.
  EXPECT_EQ(m(1, 0), 3.0);
  EXPECT_EQ(m(0, 1), 6.5);
  EXPECT_EQ(m(2, 1), 6.5);
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[0].unit, 1u);
  EXPECT_EQ(cells[0].column, 0u);
  EXPECT_TRUE(std::isnan(cells[0].before));
  EXPECT_EQ(cells[0].after, 3.0);
  EXPECT_EQ(cells[0].method, "column_mean");
  EXPECT_EQ(cells[2].unit, 2u);
  EXPECT_EQ(cells[2].column, 1u);
  EXPECT_TRUE(cells[2].filled());
}

TEST(impute_by_column, median_by_hand) {
  auto m = two_columns();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0, 1};
  by_column(m, cols, centre::median, cells);
  // column 0: sorted {1, 2, 6}, middle 2; column 1: {5, 8}, type 7: h = 0.5 → 5 + 0.5·3 = 6.5.
  EXPECT_EQ(m(1, 0), 2.0);
  EXPECT_EQ(m(0, 1), 6.5);
  EXPECT_EQ(cells.front().method, "column_median");
}

TEST(impute_by_column, all_columns_lists_every_column) {
  auto m = two_columns();
  EXPECT_EQ(chiso::impute::all_columns(m), (std::vector<std::size_t>{0, 1}));
  std::vector<changed_cell> cells;
  by_column(m, chiso::impute::all_columns(m), centre::mean, cells);
  EXPECT_EQ(cells.size(), 3u);
  EXPECT_FALSE(m.array().isNaN().any());
}

TEST(impute_by_column, only_listed_columns_change) {
  auto m = two_columns();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{1};
  by_column(m, cols, centre::mean, cells);
  EXPECT_TRUE(std::isnan(m(1, 0)));
  EXPECT_EQ(cells.size(), 2u);
}

TEST(impute_by_column, empty_column_stays_missing_and_is_reported) {
  Eigen::MatrixXd m(3, 1);
  m << NA, NA, NA;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0};
  by_column(m, cols, centre::mean, cells);
  EXPECT_TRUE(m.array().isNaN().all()); // no silent 0
  ASSERT_EQ(cells.size(), 3u);
  for (const auto& c : cells)
    EXPECT_FALSE(c.filled());
}

TEST(impute_by_column, bad_column_index_throws) {
  auto m = two_columns();
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> out_of_range{2}, twice{0, 0};
  EXPECT_THROW(by_column(m, out_of_range, centre::mean, cells), chiso::usage_error);
  EXPECT_THROW(by_column(m, twice, centre::mean, cells), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::by_column_test
