// Tests of normalise/above_below_mean.hpp: 1 / 0 / −1 around the mean with tolerance p
// (Handbook 2008 §5.3), both directions, and a negative mean.
#include <chiso/normalise/above_below_mean.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::above_below_mean_test {

using namespace chiso_test;

using chiso::normalise::above_below_mean;

TEST(above_below_mean, hand_worked_both_directions) {
  // mean 5.5, p = 0.2: band [5.5 − 1.1, 5.5 + 1.1] = [4.4, 6.6]
  //   2 < 4.4 → −1; 4 < 4.4 → −1; 6 in band → 0; 10 > 6.6 → 1
  auto r = run(above_below_mean{0.2}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {-1, -1, 0, 1, NA}, 0);
  EXPECT_TRUE(r.diags.empty());
  // d = −1: being below the mean is good
  expect_col(run(above_below_mean{0.2}, col({2, 4, 6, 10, NA}), ctx(-1)).y, {1, 1, 0, -1, NA}, 0);
}

TEST(above_below_mean, zero_tolerance) {
  // p = 0: band is the mean itself: 2, 4 below; 6, 10 above; 5.5 itself would be 0
  expect_col(run(above_below_mean{0}, col({2, 4, 6, 10}), ctx(1)).y, {-1, -1, 1, 1}, 0);
  // {1, 2, 3}: mean 2 → {−1, 0, 1}
  expect_col(run(above_below_mean{0}, col({1, 2, 3}), ctx(1)).y, {-1, 0, 1}, 0);
}

TEST(above_below_mean, negative_mean_keeps_above_meaning_above) {
  // x = {−10, −6, −4, −2}: mean −5.5, band ±0.2·5.5 = ±1.1 → [−6.6, −4.4]
  //   −10 → −1; −6 → 0; −4 → 1; −2 → 1
  // (the ratio x/μ would call −10 "above": −10/−5.5 = 1.82 > 1.2)
  expect_col(run(above_below_mean{0.2}, col({-10, -6, -4, -2}), ctx(1)).y, {-1, 0, 1, 1}, 0);
}

TEST(above_below_mean, empty_column) {
  const auto r = run(above_below_mean{}, col({NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(above_below_mean, validate_tolerance) {
  auto msg = framework_error_of([] { above_below_mean{1.0}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': above_below_mean needs 0 <= p < 1 (got 1)"),
            std::string::npos)
      << msg;
  EXPECT_THROW(above_below_mean{-0.1}.validate(ctx(1)), chiso::framework_error);
  EXPECT_NO_THROW(above_below_mean{0}.validate(ctx(1)));
}

} // namespace chiso_test::above_below_mean_test
