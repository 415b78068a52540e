// Tests of normalise/fraction_of_max.hpp: x / max (COINr n_fracmax), a fixed upper bound as the
// maximum attainable, and the reciprocal m / x for direction −1.
#include <chiso/normalise/fraction_of_max.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::fraction_of_max_test {

using namespace chiso_test;

using chiso::normalise::fraction_of_max;

TEST(fraction_of_max, observed_both_directions) {
  // d = +1: x / 10 = 0.2, 0.4, 0.6, 1
  auto r = run(fraction_of_max{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {0.2, 0.4, 0.6, 1, NA});
  EXPECT_TRUE(r.diags.empty());
  // d = −1: min / x = 2 / x = 1, 0.5, 1/3, 0.2 (COINr's negation would give x/2 ≥ 1, best lowest)
  r = run(fraction_of_max{}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(r.y, {1, 0.5, 1.0 / 3, 0.2, NA});
}

TEST(fraction_of_max, fixed_upper_bound) {
  // maximum attainable 20: x / 20 = 0.1, 0.2, 0.3, 0.5 (nobody reaches 1)
  auto c = ctx(1);
  c.upper = 20;
  c.lower = 1; // not used for d = +1
  expect_col(run(fraction_of_max{}, col({2, 4, 6, 10}), c).y, {0.1, 0.2, 0.3, 0.5});
  // d = −1 uses the fixed lower bound 1: 1 / x = 0.5, 0.25, 1/6, 0.1
  c.direction = -1;
  expect_col(run(fraction_of_max{}, col({2, 4, 6, 10}), c).y, {0.5, 0.25, 1.0 / 6, 0.1});
}

TEST(fraction_of_max, non_positive_reference_leaves_column_missing) {
  auto r = run(fraction_of_max{}, col({-3, -1, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::invalid_value);
  EXPECT_NE(r.diags[0].message.find("(maximum = -1) is not positive"), std::string::npos)
      << r.diags[0].message;
  auto c = ctx(-1);
  c.lower = 0;
  r = run(fraction_of_max{}, col({1, 2}), c);
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::invalid_value);
}

TEST(fraction_of_max, direction_down_value_zero_is_missing) {
  // fixed lower 1, d = −1: 1 / 0 undefined → missing + cell diag; 1 / 2 = 0.5
  auto c = ctx(-1);
  c.lower = 1;
  const auto r = run(fraction_of_max{}, col({0, 2}), c);
  expect_col(r.y, {NA, 0.5});
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diags[0].unit, 0u);
}

TEST(fraction_of_max, empty_column) {
  auto c = ctx(1);
  c.upper = 5; // even with a fixed bound, a column without data is reported
  const auto r = run(fraction_of_max{}, col({NA, NA}), c);
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

} // namespace chiso_test::fraction_of_max_test
