// Tests of points/not_scored.hpp: collected and shown, 0 points (DTI 922 smart city, Decision 766
// average processing time).
#include <chiso/method.hpp>
#include <chiso/points/not_scored.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::not_scored_test {

using namespace chiso_test;

TEST(not_scored, zero_points_missing_stays_missing) {
  const auto r = run(chiso::points::not_scored{}, col({3.5, NA, -1, 1e6}), ctx(1));
  expect_col(r.y, {0, NA, 0, 0}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(not_scored, any_direction_no_points_needed) {
  // shown values may be "lower is better" (processing time) and need no maximum points
  const auto r = run(chiso::points::not_scored{}, col({12.0}), ctx(-1));
  expect_col(r.y, {0}, 0);
}

TEST(not_scored, empty_column) {
  const auto r = run(chiso::points::not_scored{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(not_scored, is_a_point_rule) {
  const chiso::method m = chiso::points::not_scored{};
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "not_scored");
  // and the normalisers are not
  EXPECT_FALSE(chiso::is_point_rule(chiso::method{chiso::normalise::min_max{}}));
}

} // namespace chiso_test::not_scored_test
