// Tests of points/graded.hpp: category code → fraction of max points (DTI, Decision 922: head of
// the steering committee chairman → full, deputy → half, none → 0).
#include <chiso/method.hpp>
#include <chiso/points/graded.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::graded_test {

using namespace chiso_test;

namespace {
chiso::column_context worth(double points) {
  auto c = ctx(1);
  c.max_points = points;
  return c;
}
chiso::points::graded steering() {
  return {{{2, 1.0, "chairman"}, {1, 0.5, "deputy"}, {0, 0.0, "none"}}};
}
} // namespace

TEST(graded, chairman_deputy_none) {
  // 10 points: chairman 10·1 = 10, deputy 10·0.5 = 5, none 10·0 = 0
  const auto r = run(steering(), col({2, 1, 0, NA, 1}), worth(10));
  expect_col(r.y, {10, 5, 0, NA, 5}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(graded, unknown_code_is_missing_with_cell_diagnostic) {
  const auto r = run(steering(), col({2, 3, 0.5}), worth(10));
  expect_col(r.y, {10, NA, NA}, 0);
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::unknown_category);
  EXPECT_EQ(r.diags[0].unit, 1u);
  EXPECT_NE(r.diags[0].message.find("code 3 is not one of its grades"), std::string::npos)
      << r.diags[0].message;
  EXPECT_EQ(r.diags[1].unit, 2u);
}

TEST(graded, empty_column) {
  const auto r = run(steering(), col({NA}), worth(10));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(graded, validate_errors) {
  auto msg = framework_error_of([] { steering().validate(ctx(1)); });
  EXPECT_NE(msg.find("point rule 'graded' needs 'points'"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{}.validate(worth(10)); });
  EXPECT_NE(msg.find("needs at least one grade"), std::string::npos) << msg;
  msg = framework_error_of([] {
    chiso::points::graded{{{1, 1.0, "a"}, {1, 0.5, "b"}}}.validate(worth(10));
  });
  EXPECT_NE(msg.find("lists code 1 twice"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{{{1, 1.5, "a"}}}.validate(worth(10)); });
  EXPECT_NE(msg.find("fraction of code 1 must be in [0, 1] (got 1.5)"), std::string::npos) << msg;
  msg = framework_error_of([] { chiso::points::graded{{{1, -0.5, "a"}}}.validate(worth(10)); });
  EXPECT_NE(msg.find("must be in [0, 1] (got -0.5)"), std::string::npos) << msg;
  EXPECT_NO_THROW(steering().validate(worth(10)));
}

TEST(graded, is_a_point_rule) {
  const chiso::method m = steering();
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "graded");
}

} // namespace chiso_test::graded_test
