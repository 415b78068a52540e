// Tests of treat/winsorise_quantiles.hpp: clamping at type-7 quantiles. Golden values by hand.

#include <chiso/treat/winsorise_quantiles.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::winsorise_quantiles_test {

using chiso_test::NA;

namespace {

namespace tr = chiso::treat;
using chiso::impute::changed_cell;
const std::vector<std::size_t> col0{0};

TEST(treat_winsorise_quantiles, by_hand) {
  // Observed {1, 2, 3, 4, 100} (n = 5, one NaN): type 7, p = 0.05: h = 4·0.05 = 0.2,
  // q = 1 + 0.2·(2 − 1) = 1.2; p = 0.95: h = 3.8, q = 4 + 0.8·(100 − 4) = 80.8.
  Eigen::MatrixXd m(6, 1);
  m << 3, 100, NA, 1, 2, 4;
  std::vector<changed_cell> cells;
  const auto rep = tr::winsorise_quantiles(m, col0, {}, cells);
  EXPECT_NEAR(m(3, 0), 1.2, 1e-12);
  EXPECT_NEAR(m(1, 0), 80.8, 1e-12);
  EXPECT_EQ(m(0, 0), 3.0);
  EXPECT_TRUE(std::isnan(m(2, 0)));
  EXPECT_EQ(rep[0].n_winsorised, 2u);
  EXPECT_EQ(rep[0].taken, tr::branch::quantile);
  EXPECT_NEAR(rep[0].lower, 1.2, 1e-12);
  EXPECT_NEAR(rep[0].upper, 80.8, 1e-12);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[0].unit, 1u); // unit order
  EXPECT_EQ(cells[0].before, 100.0);
  EXPECT_EQ(cells[0].method, "winsorise_quantile");
}

TEST(treat_winsorise_quantiles, one_sided) {
  // lower_p = 0: q = min, nothing clamped below. upper_p = 0.75 of {1, 2, 3, 4, 100}: h = 3,
  // q = 4 → only the 100 is clamped.
  Eigen::MatrixXd m(5, 1);
  m << 1, 2, 3, 4, 100;
  std::vector<changed_cell> cells;
  tr::quantile_options o;
  o.lower_p = 0;
  o.upper_p = 0.75;
  tr::winsorise_quantiles(m, col0, o, cells);
  EXPECT_EQ(m(0, 0), 1.0);
  EXPECT_EQ(m(4, 0), 4.0);
  EXPECT_EQ(cells.size(), 1u);
}

TEST(treat_winsorise_quantiles, bad_probabilities_throw) {
  Eigen::MatrixXd m(2, 1);
  m << 1, 2;
  std::vector<changed_cell> cells;
  tr::quantile_options o;
  o.lower_p = 0.6;
  o.upper_p = 0.4;
  EXPECT_THROW(tr::winsorise_quantiles(m, col0, o, cells), chiso::framework_error);
  o.lower_p = -0.1;
  o.upper_p = 0.9;
  EXPECT_THROW(tr::winsorise_quantiles(m, col0, o, cells), chiso::framework_error);
}

} // namespace

} // namespace chiso_test::winsorise_quantiles_test
