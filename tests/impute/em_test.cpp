// Tests of impute/em.hpp: EM imputation under a multivariate normal model.
// The two-column case is worked by hand: with y missing on one row only (a monotone pattern),
// the ML estimates of the regression of y on x are those of the complete rows, and μ_x, σ_xx
// those of all x (Little & Rubin 2002, §7.2), so EM's fixed point is known in closed form.

#include <chiso/impute/em.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::em_test {

using chiso_test::NA;

namespace {

using chiso::impute::changed_cell;
using chiso::impute::em;
using chiso::impute::em_options;
const std::vector<std::size_t> both{0, 1};

// x = {1, 2, 3, 4, 5}, y = {2, 3, 5, 6, NA}.
// Complete rows (x ≤ 4): x̄ = 2.5, ȳ = 4, Sxy = (−1.5)(−2) + (−0.5)(−1) + (0.5)(1) + (1.5)(2) = 7,
//   Sxx = 2.25 + 0.25 + 0.25 + 2.25 = 5 → β = 7/5 = 1.4, α = 4 − 1.4·2.5 = 0.5.
// Imputed ŷ(5) = 0.5 + 1.4·5 = 7.5 (the regression value).
// ML parameters: μ_x = 3, σ_xx = Σ(x − 3)²/5 = 10/5 = 2; μ_y = (2 + 3 + 5 + 6 + 7.5)/5 = 4.7;
//   σ_xy = β·σ_xx = 2.8; residual variance of the complete rows: residuals 0.1, −0.3, 0.3, −0.1,
//   σ²_y·x = 0.2/4 = 0.05; σ_yy = σ²_y·x + β²σ_xx = 0.05 + 1.96·2 = 3.97.
// Check of the M-step at the fixed point: Σ(ŷ − 4.7)² = 2.7² + 1.7² + 0.3² + 1.3² + 2.8² = 19.8,
//   σ_yy = (19.8 + C)/5 with C = σ_yy − σ_xy²/σ_xx = σ_yy − 3.92 → 4σ_yy = 15.88, σ_yy = 3.97.
//   Without C (the "naive" EM) the fixed point would be σ_yy = 19.8/5 = 3.96: the test tells
//   them apart.
TEST(impute_em, two_columns_by_hand) {
  Eigen::MatrixXd m(5, 2);
  m << 1, 2, 2, 3, 3, 5, 4, 6, 5, NA;
  std::vector<changed_cell> cells;
  em_options o;
  o.tolerance = 1e-12;
  const auto r = em(m, both, o, cells);
  EXPECT_TRUE(r.converged);
  EXPECT_GT(r.iterations, 1u);
  EXPECT_NEAR(m(4, 1), 7.5, 1e-9);
  ASSERT_EQ(cells.size(), 1u);
  EXPECT_EQ(cells[0].unit, 4u);
  EXPECT_EQ(cells[0].column, 1u);
  EXPECT_EQ(cells[0].method, "em");
  EXPECT_EQ(cells[0].after, m(4, 1));
  EXPECT_NEAR(r.mean[0], 3.0, 1e-12);
  EXPECT_NEAR(r.mean[1], 4.7, 1e-9);
  EXPECT_NEAR(r.covariance(0, 0), 2.0, 1e-12);
  EXPECT_NEAR(r.covariance(0, 1), 2.8, 1e-9);
  EXPECT_NEAR(r.covariance(1, 1), 3.97, 1e-9);
  // Observed cells are bit-identical.
  EXPECT_EQ(m(4, 0), 5.0);
  EXPECT_EQ(m(3, 1), 6.0);
}

TEST(impute_em, exact_linear_data_is_recovered) {
  // y = 2x + 1 exactly; y missing at x = 3 and x = 8, x missing where y = 13 (x = 6).
  // Every completed point lies on the line at EM's fixed point: ŷ(3) = 7, ŷ(8) = 17, x̂ = 6.
  Eigen::MatrixXd m(10, 2);
  for (int i = 0; i < 10; ++i) {
    m(i, 0) = i + 1;
    m(i, 1) = 2 * (i + 1) + 1;
  }
  m(2, 1) = NA;
  m(7, 1) = NA;
  m(5, 0) = NA;
  std::vector<changed_cell> cells;
  em_options o;
  o.tolerance = 1e-13;
  o.max_iterations = 100000;
  const auto r = em(m, both, o, cells);
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(m(2, 1), 7.0, 1e-5);
  EXPECT_NEAR(m(7, 1), 17.0, 1e-5);
  EXPECT_NEAR(m(5, 0), 6.0, 1e-5);
  EXPECT_EQ(cells.size(), 3u);
  // Reported in unit order.
  EXPECT_EQ(cells[0].unit, 2u);
  EXPECT_EQ(cells[1].unit, 5u);
  EXPECT_EQ(cells[2].unit, 7u);
}

TEST(impute_em, complete_data_gives_ml_estimates_and_no_cells) {
  // x = {1, 2, 3}, y = {2, 2, 5}: μ = (2, 3); σ_xx = (1 + 0 + 1)/3 = 2/3,
  // σ_xy = ((−1)(−1) + 0 + (1)(2))/3 = 1, σ_yy = (1 + 1 + 4)/3 = 2.
  Eigen::MatrixXd m(3, 2);
  m << 1, 2, 2, 2, 3, 5;
  std::vector<changed_cell> cells;
  const auto r = em(m, both, cells);
  EXPECT_TRUE(cells.empty());
  EXPECT_TRUE(r.converged);
  EXPECT_NEAR(r.covariance(0, 0), 2.0 / 3.0, 1e-14);
  EXPECT_NEAR(r.covariance(0, 1), 1.0, 1e-14);
  EXPECT_NEAR(r.covariance(1, 1), 2.0, 1e-14);
}

TEST(impute_em, empty_rows_are_reported_or_get_the_mean) {
  Eigen::MatrixXd m(4, 2);
  m << 1, 2, 2, 4, 3, 6, NA, NA;
  std::vector<changed_cell> cells;
  auto m1 = m;
  em(m1, both, cells);
  EXPECT_TRUE(std::isnan(m1(3, 0)));
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_FALSE(cells[0].filled());
  // With impute_empty_rows the unit gets μ = (2, 4) (it adds nothing to the estimates).
  em_options o;
  o.impute_empty_rows = true;
  cells.clear();
  auto m2 = m;
  em(m2, both, o, cells);
  EXPECT_NEAR(m2(3, 0), 2.0, 1e-9);
  EXPECT_NEAR(m2(3, 1), 4.0, 1e-9);
  EXPECT_EQ(cells.size(), 2u);
}

TEST(impute_em, column_without_observation_is_an_error) {
  Eigen::MatrixXd m(3, 3);
  m << 1, NA, 2, 2, NA, 3, 3, NA, 5;
  std::vector<changed_cell> cells;
  const std::vector<std::size_t> cols{0, 1, 2};
  try {
    em(m, cols, cells);
    FAIL() << "expected cell_error";
  } catch (const chiso::impute::cell_error& e) {
    EXPECT_EQ(e.column(), 1u);
    EXPECT_EQ(e.unit(), chiso::impute::cell_error::npos);
    EXPECT_NE(std::string(e.what()).find("column 1 has no observed value"), std::string::npos);
  }
}

TEST(impute_em, stops_at_max_iterations_and_says_so) {
  Eigen::MatrixXd m(5, 2);
  m << 1, 2, 2, 3, 3, 5, 4, 6, 5, NA;
  std::vector<changed_cell> cells;
  em_options o;
  o.max_iterations = 1;
  const auto r = em(m, both, o, cells);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.iterations, 1u);
  EXPECT_TRUE(cells[0].filled()); // still imputed, under the last estimates
}

} // namespace

} // namespace chiso_test::em_test
