// Tests of weights/correlation_balance.hpp: weights whose children's correlations with the
// parent match target importances. Hand-solvable case: uncorrelated children. With x1 ⟂ x2
// (centred), y = w1 x1 + w2 x2 has cov(x_j, y) = w_j ‖x_j‖², so r_j = w_j ‖x_j‖ / ‖ỹ‖:
// r_1 / r_2 = (w1 ‖x1‖) / (w2 ‖x2‖). Targets t ⇒ w_j ∝ t_j / ‖x_j‖.
#include <chiso/weights/correlation_balance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>

namespace chiso_test::correlation_balance_test {

using namespace chiso::weights;

namespace {

// x1 = (−1.5, −0.5, 0.5, 1.5), ‖x1‖ = √5; x2 = 3·(1, −1, −1, 1), ‖x2‖ = 6; x1·x2 = 0.
Eigen::MatrixXd uncorrelated() {
  Eigen::MatrixXd x(4, 2);
  x << -1.5, 3, -0.5, -3, 0.5, -3, 1.5, 3;
  return x;
}

} // namespace

TEST(correlation_balance, equal_targets_uncorrelated_children) {
  // w ∝ (1/√5, 1/6) = (0.447214, 0.166667) → w = (0.728503, 0.271497); then r_1 = r_2 = 1/√2.
  const auto r = correlation_balance(uncorrelated());
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.w[0], (1 / std::sqrt(5.0)) / (1 / std::sqrt(5.0) + 1.0 / 6), 1e-7);
  EXPECT_NEAR(r.w[1], (1.0 / 6) / (1 / std::sqrt(5.0) + 1.0 / 6), 1e-7);
  EXPECT_NEAR(r.correlations[0], 1 / std::sqrt(2.0), 1e-7);
  EXPECT_NEAR(r.shares[1], 0.5, 1e-7);
  EXPECT_LT(r.objective, 1e-12);
  EXPECT_GT(r.iterations, 0u);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(correlation_balance, unequal_targets) {
  // t = (2, 1) → (2/3, 1/3); w ∝ (2/√5, 1/6) = (0.894427, 0.166667) → w_1 = 0.842929.
  balance_options o;
  o.targets = (Eigen::VectorXd(2) << 2, 1).finished();
  const auto r = correlation_balance(uncorrelated(), o);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.targets[0], 2.0 / 3, 1e-15);
  EXPECT_NEAR(r.w[0], (2 / std::sqrt(5.0)) / (2 / std::sqrt(5.0) + 1.0 / 6), 1e-7);
  EXPECT_NEAR(r.shares[0], 2.0 / 3, 1e-7);
}

TEST(correlation_balance, infomax_uncorrelated) {
  // Σ r = (w1‖x1‖ + w2‖x2‖)/√((w1‖x1‖)² + (w2‖x2‖)²) ≤ √2 (Cauchy–Schwarz), with equality when
  // w1‖x1‖ = w2‖x2‖: the same weights as equal targets, objective −√2.
  balance_options o;
  o.objective = balance_objective::infomax;
  const auto r = correlation_balance(uncorrelated(), o);
  EXPECT_NEAR(r.objective, -std::sqrt(2.0), 1e-12);
  EXPECT_NEAR(r.w[0], (1 / std::sqrt(5.0)) / (1 / std::sqrt(5.0) + 1.0 / 6), 1e-5);
  EXPECT_EQ(r.targets.size(), 0);
}

TEST(correlation_balance, correlated_children_meet_their_targets) {
  // Three correlated children (a common factor plus noise of different sizes): equal weights
  // do not give equal correlations, the optimised ones do (shares within 1e-6 of 1/3).
  std::mt19937_64 rng(7);
  std::normal_distribution<double> g;
  Eigen::MatrixXd x(50, 3);
  for (Eigen::Index i = 0; i < 50; ++i) {
    const double f = g(rng);
    x(i, 0) = f + 0.3 * g(rng);
    x(i, 1) = 2 * f + 1.5 * g(rng);
    x(i, 2) = 0.5 * f + 0.8 * g(rng);
  }
  balance_options start_equal;
  start_equal.max_iterations = 0; // no search: the shares at equal weights
  const auto before = correlation_balance(x, start_equal);
  EXPECT_GT((before.shares.array() - 1.0 / 3).abs().maxCoeff(), 0.01);
  EXPECT_FALSE(before.converged);
  const auto r = correlation_balance(x);
  EXPECT_TRUE(r.converged);
  for (int j = 0; j < 3; ++j)
    EXPECT_NEAR(r.shares[j], 1.0 / 3, 1e-6) << j;
  EXPECT_NEAR(r.w.sum(), 1.0, 1e-14);
  // Same input, same output, bit for bit.
  const auto again = correlation_balance(x);
  EXPECT_EQ(again.w, r.w);
  EXPECT_EQ(again.iterations, r.iterations);
}

TEST(correlation_balance, spearman_runs_and_reports_its_objective) {
  balance_options o;
  o.method = chiso::analysis::correlation_method::spearman;
  const auto r = correlation_balance(uncorrelated(), o);
  EXPECT_NEAR(r.w.sum(), 1.0, 1e-14);
  EXPECT_GT(r.w.minCoeff(), 0.0);
  EXPECT_NEAR(r.objective, (r.shares - r.targets).squaredNorm(), 1e-15);
}

TEST(correlation_balance, unusable_input_throws) {
  Eigen::MatrixXd flat = uncorrelated();
  flat.col(1).setConstant(2.0);
  EXPECT_THROW(correlation_balance(flat), chiso::framework_error);
  balance_options bad;
  bad.targets = (Eigen::VectorXd(3) << 1, 1, 1).finished();
  EXPECT_THROW(correlation_balance(uncorrelated(), bad), chiso::usage_error);
  bad.targets = (Eigen::VectorXd(2) << 1, -1).finished();
  EXPECT_THROW(correlation_balance(uncorrelated(), bad), chiso::framework_error);
}

TEST(correlation_balance, one_child) {
  Eigen::MatrixXd x(3, 1);
  x << 1, 2, 4;
  const auto r = correlation_balance(x);
  EXPECT_EQ(r.w[0], 1.0);
  EXPECT_TRUE(r.converged);
}

} // namespace chiso_test::correlation_balance_test
