// Tests of points/binary.hpp: condition met → max points, else 0 (DTI, Decision 922).
#include <chiso/method.hpp>
#include <chiso/points/binary.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::binary_test {

using namespace chiso_test;

namespace {
chiso::column_context worth(double points) {
  auto c = ctx(1);
  c.max_points = points;
  return c;
}
} // namespace

using chiso::points::binary;

TEST(binary, yes_no_coding) {
  // 1 = yes → 10 points, 0 = no → 0; 2 ≥ 1 counts as met; 0.5 < 1 does not; missing stays missing
  const auto r = run(binary{}, col({1, 0, NA, 2, 0.5}), worth(10));
  expect_col(r.y, {10, 0, NA, 10, 0}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(binary, threshold) {
  // condition "at least 0.5": 1 → 10, 0 → 0, 2 → 10, 0.5 → 10 (≥ is inclusive)
  expect_col(run(binary{0.5}, col({1, 0, NA, 2, 0.5}), worth(10)).y, {10, 0, NA, 10, 10}, 0);
}

TEST(binary, empty_column) {
  const auto r = run(binary{}, col({NA, NA}), worth(10));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(binary, validate_needs_points_and_direction_up) {
  auto msg = framework_error_of([] { binary{}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': point rule 'binary' needs 'points'"), std::string::npos)
      << msg;
  auto neg = worth(-1);
  EXPECT_THROW(binary{}.validate(neg), chiso::framework_error);
  auto down = worth(10);
  down.direction = -1;
  msg = framework_error_of([&] { binary{}.validate(down); });
  EXPECT_NE(msg.find("takes direction +1"), std::string::npos) << msg;
  EXPECT_NO_THROW(binary{}.validate(worth(0))); // a component worth 0 points is allowed
  // the rule re-checks when run outside a plan (no dereference of missing points)
  EXPECT_THROW(run(binary{}, col({1}), ctx(1)), chiso::framework_error);
}

TEST(binary, is_a_point_rule) {
  const chiso::method m = binary{};
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "binary");
}

} // namespace chiso_test::binary_test
