// Jansen's estimators on hand-worked and analytic cases (Saltelli et al. 2010, Table 2 (c), (f)).

#include <chiso/robust/jansen.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace chiso_test::jansen_test {

namespace {

using namespace chiso::robust;

TEST(jansen, hand_worked_four_rows) {
  // Model y = x1 + 0·x2, N = 4. Input x1 in A: {0, 1, 2, 3}, in B: {1, 3, 0, 2}.
  // y_A = {0, 1, 2, 3}; y_B = {1, 3, 0, 2};
  // y_AB1 (x1 from B) = y_B; y_AB2 (x2 from B, no effect) = y_A.
  // ȳ = 12 / 8 = 1.5; Σ(y − ȳ)² = 2·(2.25 + 0.25 + 0.25 + 2.25) = 10; V = 10 / 7.
  // V_T1 = Σ(y_A − y_AB1)² / 8 = (1 + 4 + 4 + 1) / 8 = 1.25 → S_T1 = 1.25 · 7/10 = 0.875.
  // V_1 = V − Σ(y_B − y_AB1)² / 8 = V → S_1 = 1.
  // V_T2 = Σ(y_A − y_A)² / 8 = 0 → S_T2 = 0.
  // V_2 = V − Σ(y_B − y_A)² / 8 = 10/7 − 1.25 = 5/28 → S_2 = (5/28)·(7/10) = 0.125.
  Eigen::VectorXd a(4), b(4);
  a << 0, 1, 2, 3;
  b << 1, 3, 0, 2;
  Eigen::MatrixXd ab(4, 2);
  ab.col(0) = b;
  ab.col(1) = a;
  const auto e = jansen(a, b, ab);
  EXPECT_DOUBLE_EQ(e.mean, 1.5);
  EXPECT_DOUBLE_EQ(e.variance, 10.0 / 7.0);
  EXPECT_DOUBLE_EQ(e.first[0], 1.0);
  EXPECT_DOUBLE_EQ(e.total[0], 0.875);
  EXPECT_DOUBLE_EQ(e.first[1], 0.125);
  EXPECT_EQ(e.total[1], 0.0);
}

/// Runs y = model(x1, x2) with x ~ U[0, 1) on a Saltelli sample of N rows.
template <class F>
void saltelli(F model, std::size_t N, std::uint64_t seed, Eigen::VectorXd& ya, Eigen::VectorXd& yb,
              Eigen::MatrixXd& yab) {
  generator g(seed);
  const auto n = static_cast<Eigen::Index>(N);
  ya.resize(n);
  yb.resize(n);
  yab.resize(n, 2);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double a1 = uniform01(g), a2 = uniform01(g), b1 = uniform01(g), b2 = uniform01(g);
    ya[j] = model(a1, a2);
    yb[j] = model(b1, b2);
    yab(j, 0) = model(b1, a2);
    yab(j, 1) = model(a1, b2);
  }
}

TEST(jansen, additive_model_with_an_inert_input) {
  // y = x1 + 0·x2: analytically S_1 = S_T1 = 1, S_2 = S_T2 = 0. S_T2 is exactly 0 (y_AB2 = y_A);
  // S_1 is exactly 1 (y_AB1 = y_B). S_T1 and S_2 carry sampling error: with Δ = x1_A − x1_B
  // (triangular), E Δ² = 1/6, E Δ⁴ = 1/15, so Var(Δ²/2) = (1/15 − 1/36)/4 = 7/720 against
  // V² = 1/144: relative sd of the mean over N = 20,000 rows √(1.4/20000) ≈ 0.0084 (V̂ adds
  // less): allow 0.05, about 6 sd.
  Eigen::VectorXd ya, yb;
  Eigen::MatrixXd yab;
  saltelli([](double x1, double x2) { return x1 + 0.0 * x2; }, 20000, 1, ya, yb, yab);
  const auto e = jansen(ya, yb, yab);
  EXPECT_EQ(e.first[0], 1.0);
  EXPECT_EQ(e.total[1], 0.0);
  EXPECT_NEAR(e.total[0], 1.0, 0.05);
  EXPECT_NEAR(e.first[1], 0.0, 0.05);
  EXPECT_NEAR(e.variance, 1.0 / 12.0, 0.05 / 12.0); // Var U(0, 1) = 1/12
}

TEST(jansen, product_model_splits_into_first_order_and_interaction) {
  // y = x1·x2, x ~ U(0, 1): V = E[x1²]E[x2²] − (E x1 E x2)² = 1/9 − 1/16 = 7/144;
  // V_1 = Var(E[y | x1]) = Var(x1 / 2) = 1/48, so S_1 = S_2 = (1/48)/(7/144) = 3/7 ≈ 0.4286 and
  // S_T1 = 1 − S_2 = 4/7 ≈ 0.5714 (the interaction is 1/7). With N = 20,000 the estimators'
  // sd is below 0.01: allow 0.04. The 99.9% bootstrap intervals (± 3.3 sd) must cover the
  // true values (a 95% interval misses 1 time in 20, and there are four of them).
  Eigen::VectorXd ya, yb;
  Eigen::MatrixXd yab;
  saltelli([](double x1, double x2) { return x1 * x2; }, 20000, 2, ya, yb, yab);
  const auto e = jansen(ya, yb, yab);
  for (int i = 0; i < 2; ++i) {
    EXPECT_NEAR(e.first[i], 3.0 / 7.0, 0.04);
    EXPECT_NEAR(e.total[i], 4.0 / 7.0, 0.04);
  }
  const auto ci = jansen_bootstrap(ya, yb, yab, bootstrap_resamples(20000, 400, 3), 0.999);
  for (int i = 0; i < 2; ++i) {
    EXPECT_LT(ci.first_lower[i], 3.0 / 7.0);
    EXPECT_GT(ci.first_upper[i], 3.0 / 7.0);
    EXPECT_LT(ci.total_lower[i], 4.0 / 7.0);
    EXPECT_GT(ci.total_upper[i], 4.0 / 7.0);
    EXPECT_LT(ci.total_upper[i] - ci.total_lower[i], 0.1);
  }
}

TEST(jansen, constant_output_has_undefined_indices) {
  Eigen::VectorXd a = Eigen::VectorXd::Constant(5, 2.0);
  Eigen::MatrixXd ab = Eigen::MatrixXd::Constant(5, 3, 2.0);
  const auto e = jansen(a, a, ab);
  EXPECT_EQ(e.variance, 0.0);
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(std::isnan(e.first[i]));
    EXPECT_TRUE(std::isnan(e.total[i]));
  }
}

TEST(jansen, bootstrap_resamples_are_seeded_row_indices) {
  const auto r1 = bootstrap_resamples(7, 50, 9);
  const auto r2 = bootstrap_resamples(7, 50, 9);
  const auto r3 = bootstrap_resamples(7, 50, 10);
  EXPECT_EQ(r1, r2);
  EXPECT_NE(r1, r3);
  ASSERT_EQ(r1.size(), 350u);
  for (auto x : r1)
    EXPECT_LT(x, 7u);
  // Resample b is drawn from stream (seed, b, 2^64 − 1).
  generator g(stream_seed(9, 3, ~std::uint64_t{0}));
  for (std::size_t j = 0; j < 7; ++j)
    EXPECT_EQ(r1[3 * 7 + j], uniform_below(g, 7));
}

TEST(jansen, bootstrap_of_the_hand_example_brackets_the_estimate) {
  // The identity resample is one of the 4^4 equally likely resamples; the interval must be
  // ordered and S_1 = 1 on every resample where V > 0 (y_AB1 = y_B row by row).
  Eigen::VectorXd a(4), b(4);
  a << 0, 1, 2, 3;
  b << 1, 3, 0, 2;
  Eigen::MatrixXd ab(4, 2);
  ab.col(0) = b;
  ab.col(1) = a;
  const auto ci = jansen_bootstrap(a, b, ab, bootstrap_resamples(4, 500, 1), 0.9);
  EXPECT_EQ(ci.first_lower[0], 1.0);
  EXPECT_EQ(ci.first_upper[0], 1.0);
  EXPECT_EQ(ci.total_lower[1], 0.0);
  EXPECT_EQ(ci.total_upper[1], 0.0);
  EXPECT_LE(ci.total_lower[0], ci.total_upper[0]);
}

TEST(jansen, sizes_must_agree) {
  Eigen::VectorXd a(4), b(3);
  Eigen::MatrixXd ab(4, 1);
  EXPECT_THROW((void)jansen(a, b, ab), chiso::usage_error);
  EXPECT_THROW((void)jansen_bootstrap(a, a, ab, {}, 1.5), chiso::usage_error);
}

} // namespace

} // namespace chiso_test::jansen_test
