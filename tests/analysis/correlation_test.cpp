// Tests of analysis/correlation.hpp: Pearson with pairwise-complete rows, Spearman as Pearson
// on average ranks (ranked within each pair's complete rows, as R's cor()), correlation
// matrices within one set of columns and across two. Golden values worked by hand below.

#include <chiso/analysis/correlation.hpp>

#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>

namespace chiso_test::correlation_test {

namespace {

using namespace chiso::analysis;
using chiso_test::col;
using chiso_test::NA;

TEST(correlation, average_ranks_share_ties) {
  // 10 → 1; the two 20s take ranks 2 and 3 → 2.5 each; 30 → 4; NaN stays NaN.
  Eigen::VectorXd r(5);
  EXPECT_EQ(average_ranks(col({20, 10, NA, 30, 20}), r), 4u);
  EXPECT_EQ(r[0], 2.5);
  EXPECT_EQ(r[1], 1.0);
  EXPECT_TRUE(std::isnan(r[2]));
  EXPECT_EQ(r[3], 4.0);
  EXPECT_EQ(r[4], 2.5);
  // Three-way tie for ranks 1..3 → 2.
  Eigen::VectorXd t(4);
  average_ranks(col({5, 5, 5, 9}), t);
  EXPECT_EQ(t, col({2, 2, 2, 4}));
  Eigen::VectorXd wrong(2);
  EXPECT_THROW(average_ranks(col({1, 2, 3}), wrong), chiso::usage_error);
}

TEST(correlation, pearson_pairwise_complete_by_hand) {
  // Complete rows: 0, 1, 2 → x = 1, 2, 3 (mean 2), y = 2, 4, 5 (mean 11/3).
  //   dx = −1, 0, 1;  dy = −5/3, 1/3, 4/3.
  //   Σdxdy = 5/3 + 0 + 4/3 = 3;  Σdx² = 2;  Σdy² = (25 + 1 + 16)/9 = 14/3.
  //   r = 3/√(2·14/3) = 3/√(28/3) = √(9·3/28) = √(27/28) ≈ 0.981981.
  const auto p = pearson(col({1, 2, 3, 4, NA}), col({2, 4, 5, NA, 9}));
  EXPECT_EQ(p.n, 3u);
  EXPECT_NEAR(p.r, std::sqrt(27.0 / 28.0), 1e-15);
}

TEST(correlation, pearson_linear_relations) {
  const auto x = col({1, 2, 3, 4});
  EXPECT_NEAR(pearson(x, col({3, 5, 7, 9})).r, 1.0, 1e-15);  // y = 2x + 1
  EXPECT_NEAR(pearson(x, col({4, 3, 2, 1})).r, -1.0, 1e-15); // y = 5 − x
  // x = 1..4, y = 1, 3, 2, 4: dx = dy-ish = ±1.5, ±0.5; Σdxdy = 2.25 − 0.25 − 0.25 + 2.25 = 4,
  // Σdx² = Σdy² = 5, r = 4/5.
  EXPECT_NEAR(pearson(x, col({1, 3, 2, 4})).r, 0.8, 1e-15);
}

TEST(correlation, undefined_is_nan_with_its_count) {
  // No spread in y over the complete rows.
  auto p = pearson(col({1, 2, 3}), col({5, 5, 5}));
  EXPECT_TRUE(std::isnan(p.r));
  EXPECT_EQ(p.n, 3u);
  // One complete row only.
  p = pearson(col({1, NA, 3}), col({NA, 2, 3}));
  EXPECT_TRUE(std::isnan(p.r));
  EXPECT_EQ(p.n, 1u);
  EXPECT_THROW((void)pearson(col({1, 2}), col({1, 2, 3})), chiso::usage_error);
}

TEST(correlation, spearman_with_ties_by_hand) {
  // x = 1, 2, 2, 3, 4 → ranks 1, 2.5, 2.5, 4, 5 (mean 3): dx = −2, −0.5, −0.5, 1, 2.
  // y = 10, 20, 30, 30, 50 → ranks 1, 2, 3.5, 3.5, 5 (mean 3): dy = −2, −1, 0.5, 0.5, 2.
  //   Σdxdy = 4 + 0.5 − 0.25 + 0.5 + 4 = 8.75;  Σdx² = 4 + 0.25 + 0.25 + 1 + 4 = 9.5;
  //   Σdy² = 4 + 1 + 0.25 + 0.25 + 4 = 9.5;  ρ = 8.75/9.5 = 35/38 ≈ 0.921053.
  // (The no-ties shortcut 1 − 6Σd²/(n(n²−1)) would give 1 − 6·1.5/120 = 0.925: wrong with ties.)
  const auto x = col({1, 2, 2, 3, 4}), y = col({10, 20, 30, 30, 50});
  const auto s = spearman(x, y);
  EXPECT_EQ(s.n, 5u);
  EXPECT_NEAR(s.r, 35.0 / 38.0, 1e-15);
  EXPECT_GT(std::abs(s.r - 0.925), 1e-3);
  EXPECT_NEAR(correlation(x, y, correlation_method::spearman).r, 35.0 / 38.0, 1e-15);
}

TEST(correlation, spearman_ranks_within_the_complete_rows) {
  // Row 1 is missing in y. Complete rows 0, 2, 3: x = 1, 3, 4 → ranks 1, 2, 3; y = 1, 3, 2 →
  // ranks 1, 3, 2. dx = −1, 0, 1; dy = −1, 1, 0; Σdxdy = 1; Σdx² = Σdy² = 2; ρ = 1/2.
  // (Ranking x over the whole column, 1, 3, 4 on those rows, would give 2/√(84/9) ≈ 0.655.)
  const auto s = spearman(col({1, 2, 3, 4}), col({1, NA, 3, 2}));
  EXPECT_EQ(s.n, 3u);
  EXPECT_NEAR(s.r, 0.5, 1e-15);
}

TEST(correlation, spearman_is_invariant_under_monotone_maps) {
  // exp is strictly increasing: same ranks, ρ = 1 although Pearson is below 1.
  const auto x = col({0, 1, 2, 3, 4});
  const Eigen::VectorXd y = x.array().exp();
  EXPECT_NEAR(spearman(x, y).r, 1.0, 1e-15);
  EXPECT_LT(pearson(x, y).r, 0.95);
}

TEST(correlation, matrix_symmetric_with_counts) {
  Eigen::MatrixXd m(5, 4);
  //      a   b    c   d (constant)
  m << 1, 3, 4, 7, //
      2, 5, 3, 7,  //
      3, 7, 2, 7,  //
      4, 9, 1, 7,  //
      NA, 1, 0, 7;
  const auto c = correlation_matrix(m);
  ASSERT_EQ(c.r.rows(), 4);
  ASSERT_EQ(c.r.cols(), 4);
  EXPECT_EQ(c.r(0, 0), 1.0);
  EXPECT_NEAR(c.r(0, 1), 1.0, 1e-15);  // b = 2a + 1 on the 4 rows a has
  EXPECT_NEAR(c.r(0, 2), -1.0, 1e-15); // c = 5 − a
  EXPECT_EQ(c.n(0, 1), 4);
  EXPECT_EQ(c.n(1, 2), 5);
  EXPECT_EQ(c.n(0, 0), 4);
  EXPECT_EQ(c.r(1, 0), c.r(0, 1));
  EXPECT_TRUE(std::isnan(c.r(3, 3))); // no spread: not even 1 on the diagonal
  EXPECT_TRUE(std::isnan(c.r(0, 3)));
  // b and c over all 5 rows: b = 3, 5, 7, 9, 1 (mean 5), c = 4, 3, 2, 1, 0 (mean 2):
  // db = −2, 0, 2, 4, −4; dc = 2, 1, 0, −1, −2; Σ = −4 + 0 + 0 − 4 + 8 = 0 → r = 0.
  EXPECT_NEAR(c.r(1, 2), 0.0, 1e-15);
  const auto s = correlation_matrix(m, correlation_method::spearman);
  EXPECT_NEAR(s.r(0, 2), -1.0, 1e-15);
}

TEST(correlation, across_two_sets_of_columns) {
  Eigen::MatrixXd a(4, 2), b(4, 1);
  a << 1, 4, 2, 3, 3, 2, 4, 1;
  b << 1, 3, 2, 4;
  const auto c = cross_correlation(a, b);
  ASSERT_EQ(c.r.rows(), 2);
  ASSERT_EQ(c.r.cols(), 1);
  EXPECT_NEAR(c.r(0, 0), 0.8, 1e-15);  // as in pearson_linear_relations
  EXPECT_NEAR(c.r(1, 0), -0.8, 1e-15); // the reversed column
  EXPECT_EQ(c.n(1, 0), 4);
  Eigen::MatrixXd short_b(3, 1);
  short_b << 1, 2, 3;
  EXPECT_THROW((void)cross_correlation(a, short_b), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::correlation_test
