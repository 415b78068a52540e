// Tests of normalise/distance_to_target.hpp: (d·x − m) / (d·t − m) capped at 1 (COINr
// n_dist2targ), observed or fixed bad-side bound, both directions.
#include <chiso/normalise/distance_to_target.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::distance_to_target_test {

using namespace chiso_test;

namespace {
chiso::column_context target(double t, int direction = 1) {
  auto c = ctx(direction);
  c.target = t;
  return c;
}
} // namespace

TEST(distance_to_target, hand_worked_up) {
  // t = 8, m = observed min 2: (x − 2) / 6 = 0, 2/6, 4/6, and 8/6 capped to 1
  const auto r = run(chiso::normalise::distance_to_target{}, col({2, 4, 6, 10, NA}), target(8));
  expect_col(r.y, {0, 1.0 / 3, 2.0 / 3, 1, NA});
  EXPECT_TRUE(r.diags.empty());
  // without the cap the unit beyond the target keeps 8/6
  expect_col(run(chiso::normalise::distance_to_target{false}, col({2, 4, 6, 10}), target(8)).y,
             {0, 1.0 / 3, 2.0 / 3, 4.0 / 3});
}

TEST(distance_to_target, hand_worked_down) {
  // d = −1, t = 3, M = observed max 10: (10 − x) / (10 − 3)
  //   x=2 → 8/7 capped to 1, x=4 → 6/7, x=6 → 4/7, x=10 → 0
  const auto r = run(chiso::normalise::distance_to_target{}, col({2, 4, 6, 10, NA}), target(3, -1));
  expect_col(r.y, {1, 6.0 / 7, 4.0 / 7, 0, NA});
}

TEST(distance_to_target, fixed_bad_side_bound) {
  auto c = target(8);
  c.lower = 0; // m = 0: x / 8 = 0.25, 0.5, 0.75, 1.25 → 1
  expect_col(run(chiso::normalise::distance_to_target{}, col({2, 4, 6, 10}), c).y,
             {0.25, 0.5, 0.75, 1});
  c = target(2, -1);
  c.upper = 12; // d = −1: (12 − x) / (12 − 2) = 1, 0.8, 0.6, 0.2
  c.lower = 1;  // the good-side bound plays no part
  expect_col(run(chiso::normalise::distance_to_target{}, col({2, 4, 6, 10}), c).y,
             {1, 0.8, 0.6, 0.2});
}

TEST(distance_to_target, target_not_better_than_worst_is_undefined) {
  // target 2 equals the observed min: the scale (t − m) is 0
  auto r = run(chiso::normalise::distance_to_target{}, col({2, 4, 6}), target(2));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
  EXPECT_NE(r.diags[0].message.find("target 2 is not better than the worst value 2"),
            std::string::npos)
      << r.diags[0].message;
  // d = −1: a target above the observed max is worse than every unit
  r = run(chiso::normalise::distance_to_target{}, col({2, 4, 6}), target(7, -1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
}

TEST(distance_to_target, empty_column) {
  const auto r = run(chiso::normalise::distance_to_target{}, col({NA, NA}), target(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(distance_to_target, validate_needs_target) {
  const auto msg =
      framework_error_of([] { chiso::normalise::distance_to_target{}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': distance_to_target needs a target"), std::string::npos)
      << msg;
  EXPECT_THROW(run(chiso::normalise::distance_to_target{}, col({1, 2}), ctx(1)),
               chiso::framework_error);
}

} // namespace chiso_test::distance_to_target_test
