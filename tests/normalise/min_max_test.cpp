// Tests of normalise/min_max.hpp: min-max rescaling to [lo, hi] (Handbook 2008 §5.3; COINr
// n_minmax), both directions, fixed bounds, clamping, and the no-spread diagnostic.
#include <chiso/normalise/min_max.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::min_max_test {

using namespace chiso_test;

// The Handbook-style column used throughout: x = {2, 4, 6, 10, NaN}; observed min 2, max 10.
TEST(min_max, hand_worked_up) {
  // y = (x − 2) / (10 − 2): 0/8 = 0, 2/8 = 0.25, 4/8 = 0.5, 8/8 = 1, NaN stays NaN
  const auto r = run(chiso::normalise::min_max{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {0, 0.25, 0.5, 1, NA});
  EXPECT_TRUE(r.diags.empty());
}

TEST(min_max, hand_worked_down) {
  // d = −1: d·x = {−2, −4, −6, −10}, m = −10, M = −2: y = (−x + 10) / 8
  //   x=2 → 8/8 = 1, x=4 → 6/8 = 0.75, x=6 → 4/8 = 0.5, x=10 → 0
  const auto r = run(chiso::normalise::min_max{}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(r.y, {1, 0.75, 0.5, 0, NA});
  EXPECT_TRUE(r.diags.empty());
}

TEST(min_max, target_range) {
  // [0, 100]: 100·(x − 2)/8 = {0, 25, 50, 100}
  expect_col(run(chiso::normalise::min_max{0, 100}, col({2, 4, 6, 10}), ctx(1)).y,
             {0, 25, 50, 100});
  // [1, 100] (the ASEM robustness set-up): 1 + 99·(x − 2)/8 = {1, 1 + 24.75, 1 + 49.5, 100}
  expect_col(run(chiso::normalise::min_max{1, 100}, col({2, 4, 6, 10}), ctx(1)).y,
             {1, 25.75, 50.5, 100});
}

TEST(min_max, fixed_bounds_both_directions) {
  auto c = ctx(1);
  c.lower = 0;
  c.upper = 20;
  // d = +1: (x − 0) / 20 = {0.1, 0.2, 0.3, 0.5}
  expect_col(run(chiso::normalise::min_max{}, col({2, 4, 6, 10}), c).y, {0.1, 0.2, 0.3, 0.5});
  // d = −1: m = −upper = −20, M = −lower = 0: (−x + 20) / 20 = {0.9, 0.8, 0.7, 0.5}
  c.direction = -1;
  expect_col(run(chiso::normalise::min_max{}, col({2, 4, 6, 10}), c).y, {0.9, 0.8, 0.7, 0.5});
}

TEST(min_max, one_fixed_bound_other_observed) {
  auto c = ctx(1);
  c.lower = 0; // m = 0 fixed, M = 10 observed: x / 10
  expect_col(run(chiso::normalise::min_max{}, col({2, 4, 6, 10}), c).y, {0.2, 0.4, 0.6, 1.0});
  c = ctx(-1);
  c.lower = 0; // d = −1: M = −lower = 0 fixed, m = −10 observed: (−x + 10) / 10
  expect_col(run(chiso::normalise::min_max{}, col({2, 4, 6, 10}), c).y, {0.8, 0.6, 0.4, 0.0});
}

TEST(min_max, clamp_caps_values_beyond_fixed_bounds) {
  auto c = ctx(1);
  c.lower = 3;
  c.upper = 8;
  // (x − 3) / 5: x=2 → −0.2, 4 → 0.2, 6 → 0.6, 10 → 1.4
  expect_col(run(chiso::normalise::min_max{}, col({2, 4, 6, 10, NA}), c).y,
             {-0.2, 0.2, 0.6, 1.4, NA});
  // clamped to [0, 1]; NaN is not clamped into a number
  expect_col(run(chiso::normalise::min_max{0, 1, true}, col({2, 4, 6, 10, NA}), c).y,
             {0, 0.2, 0.6, 1, NA});
}

TEST(min_max, constant_column_is_missing_with_one_diagnostic) {
  const auto r = run(chiso::normalise::min_max{}, col({5, 5, NA, 5}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
  EXPECT_NE(r.diags[0].message.find("min_max"), std::string::npos) << r.diags[0].message;
}

TEST(min_max, single_observed_value_has_no_spread) {
  const auto r = run(chiso::normalise::min_max{}, col({NA, 7, NA}), ctx(-1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
}

TEST(min_max, empty_column) {
  const auto r = run(chiso::normalise::min_max{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
  // zero units: nothing to score, still reported as empty
  const auto z = run(chiso::normalise::min_max{}, Eigen::VectorXd(0), ctx(1));
  EXPECT_EQ(z.y.size(), 0);
  expect_one_column_diag(z, chiso::diagnostic_code::empty_column);
}

TEST(min_max, validate_rejects_empty_target_range) {
  const chiso::normalise::min_max bad{1, 1};
  const auto msg = framework_error_of([&] { bad.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("hi > lo"), std::string::npos) << msg;
  // used outside a plan, the method refuses too instead of returning reversed scores
  EXPECT_THROW(run(chiso::normalise::min_max{1, 0}, col({1, 2}), ctx(1)), chiso::framework_error);
}

} // namespace chiso_test::min_max_test
