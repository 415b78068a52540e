// Tests of normalise/z_score.hpp: standardisation with the sample SD (n − 1) as the Handbook
// 2008 §5.3 and COINr n_zscore (R's sd()), target mean and SD, and the no-spread diagnostic.
#include <chiso/normalise/z_score.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::z_score_test {

using namespace chiso_test;

// x = {2, 4, 6, 10}: μ = 22/4 = 5.5; deviations −3.5, −1.5, 0.5, 4.5; squares 12.25 + 2.25 +
// 0.25 + 20.25 = 35; sample variance 35/3, σ = √(35/3) = 3.415650255319866.
// z = deviation / σ: −1.02469507659596, −0.43915503282683993, 0.14638501094227999,
// 1.3174650984805198.
TEST(z_score, hand_worked_up_sample_sd) {
  const auto r = run(chiso::normalise::z_score{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(
      r.y, {-1.02469507659596, -0.43915503282683993, 0.14638501094227999, 1.3174650984805198, NA});
  EXPECT_TRUE(r.diags.empty());
  // not the population SD √(35/4): that would give 4.5/2.958 = 1.5213 for x = 10
  EXPECT_GT(std::abs(r.y[3] - 4.5 / std::sqrt(35.0 / 4.0)), 0.1);
}

TEST(z_score, hand_worked_down) {
  // d = −1 negates x, so μ → −5.5 and the same σ: z(−x) = −z(x)
  const auto r = run(chiso::normalise::z_score{}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(
      r.y, {1.02469507659596, 0.43915503282683993, -0.14638501094227999, -1.3174650984805198, NA});
}

TEST(z_score, target_mean_and_sd) {
  // ASEM set-up: mean 10, sd 2: y = 10 + 2·z = 7.95060984680808, 9.12168993434632,
  // 10.29277002188456, 12.63493019696104
  const auto r = run(chiso::normalise::z_score{10, 2}, col({2, 4, 6, 10}), ctx(1));
  expect_col(r.y, {7.95060984680808, 9.12168993434632, 10.29277002188456, 12.63493019696104});
}

TEST(z_score, constant_column_is_missing_with_one_diagnostic) {
  const auto r = run(chiso::normalise::z_score{}, col({3, NA, 3, 3}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
}

TEST(z_score, single_observed_value_has_no_sd) {
  const auto r = run(chiso::normalise::z_score{}, col({NA, 3}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
}

TEST(z_score, empty_column) {
  const auto r = run(chiso::normalise::z_score{}, col({NA, NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(z_score, validate_rejects_non_positive_sd) {
  const auto msg = framework_error_of([] { chiso::normalise::z_score{0, 0}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("sd > 0"), std::string::npos) << msg;
  EXPECT_THROW(chiso::normalise::z_score({0, -1}).validate(ctx(1)), chiso::framework_error);
}

} // namespace chiso_test::z_score_test
