// Tests of analysis/pca.hpp: PCA of the correlation matrix of complete rows. The two-variable
// case has R = [[1, r], [r, 1]], whose eigenvalues are 1 ± r (det(R − λI) = (1 − λ)² − r² = 0)
// with eigenvectors (1, 1)/√2 and (1, −1)/√2.

#include <chiso/analysis/pca.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "support/values.hpp"

namespace chiso_test::pca_test {

using chiso_test::NA;

namespace {

using namespace chiso::analysis;

// x = 1, 2, 3, 4 and y = 1, 3, 2, 4: dx = −1.5, −0.5, 0.5, 1.5, dy = −1.5, 0.5, −0.5, 1.5,
// Σdxdy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Σdx² = Σdy² = 5, r = 0.8.
// λ = 1.8 and 0.2; explained 1.8/2 = 0.9 and 0.1; PC1 = (1, 1)/√2.
Eigen::MatrixXd two_columns() {
  Eigen::MatrixXd m(4, 2);
  m << 1, 1, 2, 3, 3, 2, 4, 4;
  return m;
}

TEST(pca, two_variables_eigenvalues_one_plus_minus_r) {
  const auto p = pca(two_columns());
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.n, 4u);
  ASSERT_EQ(p.eigenvalues.size(), 2);
  EXPECT_NEAR(p.eigenvalues[0], 1.8, 1e-12);
  EXPECT_NEAR(p.eigenvalues[1], 0.2, 1e-12);
  EXPECT_NEAR(p.explained[0], 0.9, 1e-12);
  EXPECT_NEAR(p.explained[1], 0.1, 1e-12);
  EXPECT_NEAR(p.cumulative[0], 0.9, 1e-12);
  EXPECT_NEAR(p.cumulative[1], 1.0, 1e-12);
  EXPECT_NEAR(p.pc1[0], 1 / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(p.pc1[1], 1 / std::sqrt(2.0), 1e-12);
}

TEST(pca, negative_correlation_and_sign_convention) {
  // y negated: r = −0.8, λ = 1 + 0.8 and 1 − 0.8 again; PC1 ∝ (1, −1). Its loadings sum to 0,
  // so the convention makes the first one positive: (1, −1)/√2.
  Eigen::MatrixXd m = two_columns();
  m.col(1) *= -1;
  const auto p = pca(m);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(p.eigenvalues[0], 1.8, 1e-12);
  EXPECT_NEAR(p.eigenvalues[1], 0.2, 1e-12);
  EXPECT_NEAR(p.pc1[0], 1 / std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(p.pc1[1], -1 / std::sqrt(2.0), 1e-12);
}

TEST(pca, scale_free_and_rows_with_missing_values_dropped) {
  // The correlation matrix ignores units and scale; a row with a NaN is left out.
  Eigen::MatrixXd m(5, 2);
  m.topRows(4) = two_columns();
  m.col(0) *= 1000;
  m.row(4) << NA, 7;
  const auto p = pca(m);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p.n, 4u);
  EXPECT_NEAR(p.eigenvalues[0], 1.8, 1e-12);
  EXPECT_NEAR(p.explained[0], 0.9, 1e-12);
}

TEST(pca, identical_columns_one_component) {
  // Three copies of one column: R is all ones, λ = 3, 0, 0, PC1 = (1, 1, 1)/√3, explaining all.
  Eigen::MatrixXd m(4, 3);
  for (Eigen::Index j = 0; j < 3; ++j)
    m.col(j) << 2, 9, 4, 1;
  const auto p = pca(m);
  ASSERT_TRUE(p.ok());
  EXPECT_NEAR(p.eigenvalues[0], 3.0, 1e-12);
  EXPECT_NEAR(p.eigenvalues[1], 0.0, 1e-12);
  EXPECT_GE(p.eigenvalues[2], 0.0); // rounding below 0 is clamped
  EXPECT_NEAR(p.explained[0], 1.0, 1e-12);
  for (Eigen::Index j = 0; j < 3; ++j)
    EXPECT_NEAR(p.pc1[j], 1 / std::sqrt(3.0), 1e-12);
}

TEST(pca, statuses_instead_of_silent_nan) {
  EXPECT_EQ(pca(Eigen::MatrixXd(3, 0)).status, pca_status::no_columns);
  Eigen::MatrixXd few(3, 2);
  few << 1, NA, 2, 3, NA, 4;
  auto p = pca(few);
  EXPECT_EQ(p.status, pca_status::too_few_rows);
  EXPECT_EQ(p.n, 1u);
  EXPECT_FALSE(p.ok());
  EXPECT_EQ(p.eigenvalues.size(), 0);
  Eigen::MatrixXd flat(3, 2);
  flat << 1, 5, 2, 5, 3, 5;
  p = pca(flat);
  EXPECT_EQ(p.status, pca_status::no_spread);
  EXPECT_EQ(p.column, 1u);
  EXPECT_EQ(to_string(p.status), "no_spread");
}

} // namespace

} // namespace chiso_test::pca_test
