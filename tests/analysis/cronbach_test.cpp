// Tests of analysis/cronbach.hpp: Cronbach's alpha α = k/(k−1)·(1 − Σσ²_i/σ²_total) (Cronbach
// 1951), on complete rows and with pairwise covariances (COINr get_cronbach's default).
// Golden values worked by hand below.

#include <chiso/analysis/cronbach.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>

#include "support/values.hpp"

namespace chiso_test::cronbach_test {

using chiso_test::NA;

namespace {

using namespace chiso::analysis;

// Three items answered by four units:
//   item 1: 1, 2, 3, 4   mean 2.5, deviations −1.5, −0.5, 0.5, 1.5, σ² = 5/3
//   item 2: 2, 1, 4, 3   mean 2.5, deviations −0.5, −1.5, 1.5, 0.5, σ² = 5/3
//   item 3: 1, 3, 2, 4   mean 2.5, deviations −1.5, 0.5, −0.5, 1.5, σ² = 5/3
//   totals: 4, 6, 9, 11  mean 7.5, deviations −3.5, −1.5, 1.5, 3.5,
//           σ²_total = (12.25 + 2.25 + 2.25 + 12.25)/3 = 29/3
//   α = 3/2 · (1 − 5/(29/3)) = 3/2 · (1 − 15/29) = 3/2 · 14/29 = 21/29 ≈ 0.724138.
Eigen::MatrixXd three_items() {
  Eigen::MatrixXd m(4, 3);
  m << 1, 2, 1, //
      2, 1, 3,  //
      3, 4, 2,  //
      4, 3, 4;
  return m;
}

TEST(cronbach, three_items_by_hand) {
  for (const auto rows : {missing_rows::pairwise, missing_rows::complete}) {
    const auto a = cronbach_alpha(three_items(), rows);
    EXPECT_NEAR(a.alpha, 21.0 / 29.0, 1e-15);
    EXPECT_EQ(a.k, 3u);
    EXPECT_EQ(a.n, 4u);
  }
}

TEST(cronbach, complete_rows_drop_a_partly_missing_unit) {
  // A fifth unit (5, 5, NA): listwise deletion leaves the four units above: α = 21/29.
  Eigen::MatrixXd m(5, 3);
  m.topRows(4) = three_items();
  m.row(4) << 5, 5, NA;
  const auto a = cronbach_alpha(m, missing_rows::complete);
  EXPECT_NEAR(a.alpha, 21.0 / 29.0, 1e-15);
  EXPECT_EQ(a.n, 4u);
}

TEST(cronbach, pairwise_covariances_by_hand) {
  // Same five units, pairwise (each covariance over the units both items have):
  //   item 1 over 5 units 1..5: mean 3, σ² = (4+1+0+1+4)/4 = 2.5
  //   item 2 over 5 units 2,1,4,3,5: mean 3, σ² = 2.5
  //   item 3 over 4 units: σ² = 5/3 (as above)
  //   C12 over 5 units: d1 = −2,−1,0,1,2; d2 = −1,−2,1,0,2; Σ = 2+2+0+0+4 = 8 → 8/4 = 2
  //   C13 over 4 units: Σ = 2.25 − 0.25 − 0.25 + 2.25 = 4 → 4/3
  //   C23 over 4 units: d2 = −0.5,−1.5,1.5,0.5; d3 = −1.5,0.5,−0.5,1.5;
  //                     Σ = 0.75 − 0.75 − 0.75 + 0.75 = 0 → 0
  //   ΣC_ii = 2.5 + 2.5 + 5/3 = 20/3;  ΣC_ij = 20/3 + 2·(2 + 4/3 + 0) = 40/3
  //   α = 3/2 · (1 − (20/3)/(40/3)) = 3/2 · 1/2 = 0.75.
  Eigen::MatrixXd m(5, 3);
  m.topRows(4) = three_items();
  m.row(4) << 5, 5, NA;
  const auto a = cronbach_alpha(m); // pairwise is the default
  EXPECT_NEAR(a.alpha, 0.75, 1e-15);
  EXPECT_EQ(a.n, 4u); // the fewest units a pair shared
}

TEST(cronbach, identical_items_are_perfectly_consistent) {
  // k identical items: every C_ij = σ², ΣC_ii = kσ², ΣC_ij = k²σ², α = k/(k−1)·(1 − 1/k) = 1.
  Eigen::MatrixXd m(3, 4);
  for (Eigen::Index j = 0; j < 4; ++j)
    m.col(j) << 1, 2, 6;
  EXPECT_NEAR(cronbach_alpha(m).alpha, 1.0, 1e-15);
}

TEST(cronbach, undefined_cases_are_nan) {
  // One item: k/(k − 1) undefined.
  Eigen::MatrixXd one(3, 1);
  one << 1, 2, 3;
  auto a = cronbach_alpha(one);
  EXPECT_TRUE(std::isnan(a.alpha));
  EXPECT_EQ(a.k, 1u);
  // All items constant: total variance 0.
  Eigen::MatrixXd flat = Eigen::MatrixXd::Constant(4, 3, 2.0);
  EXPECT_TRUE(std::isnan(cronbach_alpha(flat).alpha));
  // Two items never observed together.
  Eigen::MatrixXd apart(4, 2);
  apart << 1, NA, 2, NA, NA, 3, NA, 4;
  a = cronbach_alpha(apart);
  EXPECT_TRUE(std::isnan(a.alpha));
  EXPECT_EQ(a.n, 0u);
  EXPECT_TRUE(std::isnan(cronbach_alpha(apart, missing_rows::complete).alpha));
}

} // namespace

} // namespace chiso_test::cronbach_test
