// Tests of weights/pca.hpp: weights from the first principal component. The data are built from
// an orthonormal basis of the centred 4-unit space, so their correlations are chosen by hand:
//   e = (−1.5, −0.5, 0.5, 1.5)/√5,  f = (1, −1, −1, 1)/2,  g = (−0.5, 1.5, −1.5, 0.5)/√5
// (e·f = (−1.5 + 0.5 − 0.5 + 1.5)/(2√5) = 0, e·g = (0.75 − 0.75 − 0.75 + 0.75)/5 = 0,
//  f·g = (−0.5 − 1.5 + 1.5 + 0.5)/(2√5) = 0; each has norm 1 and mean 0).
#include <chiso/weights/pca.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "support/values.hpp"

namespace chiso_test::pca_test {

using chiso_test::NA;

using namespace chiso::weights;

namespace {

const double r5 = std::sqrt(5.0), s2 = std::sqrt(2.0);

Eigen::VectorXd e_() {
  return (Eigen::VectorXd(4) << -1.5, -0.5, 0.5, 1.5).finished() / r5;
}
Eigen::VectorXd f_() {
  return (Eigen::VectorXd(4) << 1, -1, -1, 1).finished() / 2.0;
}
Eigen::VectorXd g_() {
  return (Eigen::VectorXd(4) << -0.5, 1.5, -1.5, 0.5).finished() / r5;
}

// x1 = e, x2 = (e + f)/√2, x3 = (e − f)/√2: r12 = r13 = 1/√2 (= s), r23 = (1 − 1)/2 = 0.
// R = [[1, s, s], [s, 1, 0], [s, 0, 1]]. (0, 1, −1) has eigenvalue 1; on (p, q, q):
// p + 2sq = λp, sp + q = λq → λ = 1 ± √(2s²) = 2 or 0. For λ = 2: p = 2sq = √2 q, so
// v ∝ (√2, 1, 1), |v|² = 4, v = (√2/2, 1/2, 1/2); explained 2/3; λ_2 = 1.
Eigen::MatrixXd unequal() {
  Eigen::MatrixXd x(4, 3);
  x.col(0) = e_();
  x.col(1) = (e_() + f_()) / s2;
  x.col(2) = (e_() - f_()) / s2;
  return x;
}

} // namespace

TEST(weights_pca, squared_loadings_handbook_rule) {
  // w = v² = (1/2, 1/4, 1/4)
  const auto r = pca(unequal());
  EXPECT_NEAR(r.eigenvalue, 2.0, 1e-12);
  EXPECT_NEAR(r.explained, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(r.second_eigenvalue, 1.0, 1e-12);
  EXPECT_NEAR(r.loadings[0], s2 / 2, 1e-12);
  EXPECT_NEAR(r.loadings[1], 0.5, 1e-12);
  EXPECT_NEAR(r.w[0], 0.5, 1e-12);
  EXPECT_NEAR(r.w[1], 0.25, 1e-12);
  EXPECT_NEAR(r.w[2], 0.25, 1e-12);
  EXPECT_TRUE(r.warnings.empty()); // λ_2 = 1 is not > 1
}

TEST(weights_pca, loadings_coinr_rule) {
  // w = v / Σv = (√2/2, 1/2, 1/2) / (√2/2 + 1) = (0.414214, 0.292893, 0.292893)
  const auto r = pca(unequal(), {pca_rule::loadings});
  const double sum = s2 / 2 + 1;
  EXPECT_NEAR(r.w[0], (s2 / 2) / sum, 1e-12);
  EXPECT_NEAR(r.w[1], 0.5 / sum, 1e-12);
  EXPECT_NEAR(r.w[2], 0.5 / sum, 1e-12);
}

TEST(weights_pca, negative_loading_warns_or_throws) {
  // x1 = e, x2 = −(e + f)/√2 (correlates −1/√2 with x1), x3 = g (uncorrelated):
  // R = [[1, −s, 0], [−s, 1, 0], [0, 0, 1]], λ = 1 + s ≈ 1.707 with v ∝ (1, −1, 0); Σv = 0, so
  // the first loading is made positive: v = (1, −1, 0)/√2. Squared: (½, ½, 0), with a warning
  // for child 2; λ_2 = 1 (the g direction). Under `loadings` a negative weight: throw.
  Eigen::MatrixXd x(4, 3);
  x.col(0) = e_();
  x.col(1) = -(e_() + f_()) / s2;
  x.col(2) = g_();
  const auto r = pca(x, {}, {"pillar", {"a", "b", "c"}});
  EXPECT_NEAR(r.eigenvalue, 1 + 1 / s2, 1e-12);
  EXPECT_NEAR(r.loadings[1], -1 / s2, 1e-12);
  EXPECT_NEAR(r.w[0], 0.5, 1e-12);
  EXPECT_NEAR(r.w[1], 0.5, 1e-12);
  EXPECT_NEAR(r.w[2], 0.0, 1e-12);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("child 'b' has a negative loading"), std::string::npos)
      << r.warnings[0];
  EXPECT_THROW(pca(x, {pca_rule::loadings}), chiso::framework_error);
}

TEST(weights_pca, kaiser_warning) {
  // x1 = e, x2 = f, x3 = g are uncorrelated: R = I, every eigenvalue 1 — no warning (not > 1).
  // x1 = e, x2 = e + 0.1 f, x3 = f, x4 = f + 0.1 g: two blocks of strongly correlated pairs,
  // two eigenvalues near 2 → the second exceeds 1: warning.
  Eigen::MatrixXd x(4, 4);
  x.col(0) = e_();
  x.col(1) = e_() + 0.1 * f_();
  x.col(2) = f_();
  x.col(3) = f_() + 0.1 * g_();
  const auto r = pca(x);
  EXPECT_GT(r.second_eigenvalue, 1.0);
  bool kaiser = false;
  for (const auto& w : r.warnings)
    kaiser = kaiser || w.find("Kaiser") != std::string::npos;
  EXPECT_TRUE(kaiser);
}

TEST(weights_pca, unusable_input_throws) {
  Eigen::MatrixXd x = unequal();
  x(0, 0) = NA;
  x(1, 1) = NA;
  x(2, 2) = NA; // one complete row left
  EXPECT_THROW(pca(x), chiso::framework_error);
  Eigen::MatrixXd flat(3, 2);
  flat << 1, 2, 1, 3, 1, 4;
  try {
    pca(flat, {}, {"p", {"const", "b"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    EXPECT_NE(std::string(e.what()).find("child 'const' is constant"), std::string::npos)
        << e.what();
  }
}

} // namespace chiso_test::pca_test
