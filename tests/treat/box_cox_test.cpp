// Tests of treat/box_cox.hpp: Box-Cox with a given lambda. Golden values by hand.

#include <chiso/treat/box_cox.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::box_cox_test {

using chiso_test::NA;

namespace {

namespace tr = chiso::treat;
using chiso::impute::changed_cell;

TEST(treat_box_cox, by_hand) {
  // Column 0, λ = 0.5: (√x − 1)/0.5 = 2(√x − 1): {1, 4, 9} → {0, 2, 4}, NaN stays.
  Eigen::MatrixXd m(4, 2);
  m << 1, 1, 4, 2, 9, 3, NA, NA;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> col0{0};
  tr::box_cox_options o;
  o.lambda = 0.5;
  const auto rep = tr::box_cox(m, col0, o, cells);
  EXPECT_DOUBLE_EQ(m(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(m(1, 0), 2.0);
  EXPECT_DOUBLE_EQ(m(2, 0), 4.0);
  EXPECT_TRUE(std::isnan(m(3, 0)));
  EXPECT_EQ(m(1, 1), 2.0); // not listed
  ASSERT_EQ(cells.size(), 3u);
  EXPECT_EQ(cells[2].before, 9.0);
  EXPECT_EQ(cells[2].method, "box_cox");
  EXPECT_EQ(rep[0].taken, tr::branch::box_cox);
  EXPECT_EQ(rep[0].lower, 0.5);
  EXPECT_EQ(rep[0].n, 3u);
  // Skew of {1, 4, 9}: mean 14/3, d = −11/3, −2/3, 13/3; Σd³ = (−1331 − 8 + 2197)/27 = 858/27
  // > 0; of {0, 2, 4}: 0 (symmetric).
  EXPECT_GT(rep[0].skew_before, 0);
  EXPECT_NEAR(rep[0].skew_after, 0.0, 1e-15);
}

TEST(treat_box_cox, lambda_zero_is_log_and_lambda_two) {
  Eigen::MatrixXd m(2, 2);
  m << 1, 1, std::exp(1.0), 3;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> c0{0}, c1{1};
  tr::box_cox(m, c0, {}, cells); // λ = 0: ln x → {0, 1}
  EXPECT_DOUBLE_EQ(m(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(m(1, 0), 1.0);
  tr::box_cox_options o;
  o.lambda = 2; // (x² − 1)/2: 1 → 0, 3 → 4
  tr::box_cox(m, c1, o, cells);
  EXPECT_DOUBLE_EQ(m(0, 1), 0.0);
  EXPECT_DOUBLE_EQ(m(1, 1), 4.0);
}

TEST(treat_box_cox, non_positive_value_is_an_error_naming_the_cell) {
  // Column 0 is fine, column 1 has a 0 at unit row 2: nothing may change.
  Eigen::MatrixXd m(3, 2);
  m << 1, 5, 2, 6, 3, 0;
  const Eigen::MatrixXd before = m;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0, 1};
  try {
    tr::box_cox(m, cols, {}, cells);
    FAIL() << "expected cell_error";
  } catch (const chiso::impute::cell_error& e) {
    EXPECT_EQ(e.unit(), 2u);
    EXPECT_EQ(e.column(), 1u);
    const std::string w = e.what();
    EXPECT_NE(w.find("unit row 2, column 1"), std::string::npos) << w;
    EXPECT_NE(w.find("not > 0"), std::string::npos) << w;
  }
  EXPECT_TRUE(m == before);
  EXPECT_TRUE(cells.empty());
  // An input_error, as any bad data.
  EXPECT_THROW(tr::box_cox(m, cols, {}, cells), chiso::input_error);
}

TEST(treat_box_cox, make_positive_shifts_to_one_first) {
  // COINr's makepos: x − min + 1: {−1, 0, 3} → {1, 2, 5}; λ = 1: (v − 1)/1 → {0, 1, 4}.
  Eigen::MatrixXd m(3, 1);
  m << -1, 0, 3;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> c0{0};
  tr::box_cox_options o;
  o.lambda = 1;
  o.make_positive = true;
  const auto rep = tr::box_cox(m, c0, o, cells);
  EXPECT_DOUBLE_EQ(m(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(m(1, 0), 1.0);
  EXPECT_DOUBLE_EQ(m(2, 0), 4.0);
  EXPECT_EQ(rep[0].upper, 2.0); // shift 1 − (−1)
}

TEST(treat_box_cox, bad_lambda_throws) {
  Eigen::MatrixXd m(2, 1);
  m << 1, 2;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> c0{0};
  tr::box_cox_options o;
  o.lambda = NA;
  EXPECT_THROW(tr::box_cox(m, c0, o, cells), chiso::framework_error);
}

} // namespace

} // namespace chiso_test::box_cox_test
