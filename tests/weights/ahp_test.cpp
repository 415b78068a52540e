// Tests of weights/ahp.hpp: principal-eigenvector weights and Saaty's consistency ratio.
#include <chiso/weights/ahp.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace chiso_test::ahp_test {

using namespace chiso::weights;

TEST(ahp, saaty_random_index_table) {
  // Saaty (1980), *The Analytic Hierarchy Process*; n ≤ 10 also Saaty (1990), EJOR 48, Table 2.
  const double expected[] = {0.0,  0.0,  0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                             1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59};
  for (std::size_t n = 1; n <= 15; ++n)
    EXPECT_EQ(saaty_random_index(n).value(), expected[n - 1]) << n;
  EXPECT_FALSE(saaty_random_index(0));
  EXPECT_FALSE(saaty_random_index(16));
}

TEST(ahp, consistent_matrix_gives_the_ratios) {
  // a_ij = v_i / v_j with v = (4, 2, 1): A v = 3 v, so w = (4, 2, 1)/7, λ_max = 3, CI = CR = 0.
  Eigen::MatrixXd a(3, 3);
  a << 1, 2, 4, 0.5, 1, 2, 0.25, 0.5, 1;
  const auto r = ahp(a);
  EXPECT_NEAR(r.w[0], 4.0 / 7, 1e-12);
  EXPECT_NEAR(r.w[1], 2.0 / 7, 1e-12);
  EXPECT_NEAR(r.w[2], 1.0 / 7, 1e-12);
  EXPECT_NEAR(r.lambda_max, 3.0, 1e-12);
  EXPECT_NEAR(r.cr, 0.0, 1e-12);
  EXPECT_TRUE(r.consistent);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(ahp, inconsistent_three_by_three_hand_worked) {
  // a_12 = 2, a_13 = 4, a_23 = 1 (consistency would need a_23 = 2). For a 3×3 reciprocal matrix
  // λ_max = 1 + δ^{1/3} + δ^{−1/3} with δ = a_13 / (a_12 a_23) = 2 (the characteristic
  // polynomial is λ³ − 3λ² − (δ + 1/δ − 2)), so λ_max = 1 + 1.259921 + 0.793701 = 3.053622,
  // CI = 0.053622 / 2 = 0.026811, CR = 0.026811 / 0.58 = 0.046226. For n = 3 the principal
  // eigenvector is the vector of row geometric means (Crawford & Williams 1985):
  // (8^{1/3}, (1/2)^{1/3}, (1/4)^{1/3}) = (2, 0.793701, 0.629961), Σ = 3.423661,
  // w = (0.584170, 0.231828, 0.184002).
  Eigen::MatrixXd a(3, 3);
  a << 1, 2, 4, 0.5, 1, 1, 0.25, 1, 1;
  const auto r = ahp(a);
  EXPECT_NEAR(r.lambda_max, 1 + std::cbrt(2.0) + 1 / std::cbrt(2.0), 1e-12);
  EXPECT_NEAR(r.ci, 0.026811, 1e-6);
  EXPECT_NEAR(r.cr, 0.046226, 1e-6);
  EXPECT_EQ(r.ri, 0.58);
  const double gsum = 2 + std::cbrt(0.5) + std::cbrt(0.25);
  EXPECT_NEAR(r.w[0], 2 / gsum, 1e-12);
  EXPECT_NEAR(r.w[1], std::cbrt(0.5) / gsum, 1e-12);
  EXPECT_NEAR(r.w[2], std::cbrt(0.25) / gsum, 1e-12);
  EXPECT_TRUE(r.consistent);
}

TEST(ahp, inconsistency_warns_or_rejects) {
  // a_12 = 9, a_23 = 9 but a_13 = 1/9: δ = (1/9)/81 = 1/729, δ^{1/3} = 1/9:
  // λ_max = 1 + 1/9 + 9 = 10.111, CI = 3.556, CR = 6.13 > 0.1.
  Eigen::MatrixXd a(3, 3);
  a << 1, 9, 1.0 / 9, 1.0 / 9, 1, 9, 9, 1.0 / 9, 1;
  const auto r = ahp(a);
  EXPECT_NEAR(r.lambda_max, 1 + 1.0 / 9 + 9, 1e-9);
  EXPECT_FALSE(r.consistent);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("consistency ratio"), std::string::npos);
  ahp_options reject;
  reject.policy = consistency_policy::reject;
  EXPECT_THROW(ahp(a, reject, {"pillar", {}}), chiso::framework_error);
  ahp_options loose;
  loose.max_cr = 10; // configurable threshold
  EXPECT_TRUE(ahp(a, loose).consistent);
}

TEST(ahp, two_by_two_is_always_consistent) {
  // [[1, 3], [1/3, 1]]: w = (3, 1)/4, λ = 2, CR = 0 (RI(2) = 0, defined as 0).
  Eigen::MatrixXd a(2, 2);
  a << 1, 3, 1.0 / 3, 1;
  const auto r = ahp(a);
  EXPECT_NEAR(r.w[0], 0.75, 1e-12);
  EXPECT_NEAR(r.lambda_max, 2.0, 1e-12);
  EXPECT_EQ(r.cr, 0.0);
}

TEST(ahp, bad_matrices_name_the_cell) {
  Eigen::MatrixXd a(3, 3);
  a << 1, 2, 4, 0.5, 1, 3, 0.25, 0.5, 1; // a_23 = 3 but a_32 = 0.5
  try {
    ahp(a, {}, {"pillar", {"gov", "econ", "soc"}});
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("a(2, 3)"), std::string::npos) << m;
    EXPECT_NE(m.find("child 'econ' vs child 'soc'"), std::string::npos) << m;
    EXPECT_NE(m.find("reciprocal"), std::string::npos) << m;
  }
  Eigen::MatrixXd neg = Eigen::MatrixXd::Ones(2, 2);
  neg(0, 1) = -1;
  EXPECT_THROW(ahp(neg), chiso::framework_error);
  Eigen::MatrixXd diag = Eigen::MatrixXd::Ones(2, 2);
  diag(1, 1) = 2;
  EXPECT_THROW(ahp(diag), chiso::framework_error);
  EXPECT_THROW(ahp(Eigen::MatrixXd::Ones(2, 3)), chiso::framework_error);
  // judgements written to 3 decimals pass with a looser tolerance
  Eigen::MatrixXd rounded(2, 2);
  rounded << 1, 3, 0.333, 1;
  EXPECT_THROW(ahp(rounded), chiso::framework_error);
  ahp_options tol;
  tol.tolerance = 1e-3;
  EXPECT_NO_THROW(ahp(rounded, tol));
  // n > 15 needs a random index
  EXPECT_THROW(ahp(Eigen::MatrixXd::Ones(16, 16)), chiso::framework_error);
  ahp_options ri;
  ri.random_index = 1.6;
  EXPECT_NEAR(ahp(Eigen::MatrixXd::Ones(16, 16), ri).w[3], 1.0 / 16, 1e-12);
}

} // namespace chiso_test::ahp_test
