// Tests of points/step_table.hpp: thresholds on a count → points (DTI 922, steering-committee
// meetings: 4 → 20, 3 → 15, 2 → 10, 1 → 5, 0 → 0).
#include <chiso/method.hpp>
#include <chiso/points/step_table.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::step_table_test {

using namespace chiso_test;

namespace {
chiso::column_context worth(double points) {
  auto c = ctx(1);
  c.max_points = points;
  return c;
}
chiso::points::step_table meetings() {
  return {{{1, 5}, {2, 10}, {3, 15}, {4, 20}}};
}
} // namespace

using chiso::points::step_table;

TEST(step_table, meetings) {
  // 4 → 20, 3 → 15, 2 → 10, 1 → 5, 0 → 0 (below every step); 7 ≥ 4 → 20; 2.5 ≥ 2 → 10
  const auto r = run(meetings(), col({4, 3, 2, 1, 0, 7, NA, 2.5}), worth(20));
  expect_col(r.y, {20, 15, 10, 5, 0, 20, NA, 10}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(step_table, below_value_and_decreasing_points) {
  // incidents: 0 → 10, 1–2 → 5, ≥ 3 → 0; negative counts fall below every step → `below` = 2
  const step_table incidents{{{0, 10}, {1, 5}, {3, 0}}, 2};
  expect_col(run(incidents, col({0, 2, 5, -1}), worth(10)).y, {10, 5, 0, 2}, 0);
}

TEST(step_table, empty_column) {
  const auto r = run(meetings(), col({NA}), worth(20));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(step_table, validate_errors) {
  auto msg = framework_error_of([] { meetings().validate(ctx(1)); });
  EXPECT_NE(msg.find("point rule 'step_table' needs 'points'"), std::string::npos) << msg;
  msg = framework_error_of([] { step_table{}.validate(worth(20)); });
  EXPECT_NE(msg.find("step_table needs steps"), std::string::npos) << msg;
  // unsorted
  msg = framework_error_of([] { step_table{{{2, 10}, {1, 5}}}.validate(worth(20)); });
  EXPECT_NE(msg.find("strictly increasing 'at_least' (2 then 1)"), std::string::npos) << msg;
  // duplicate threshold
  EXPECT_THROW(step_table({{{1, 5}, {1, 10}}}).validate(worth(20)), chiso::framework_error);
  // points above the maximum
  msg = framework_error_of([] { step_table{{{1, 5}, {2, 25}}}.validate(worth(20)); });
  EXPECT_NE(msg.find("points must be in [0, 20] (step at_least 2 has 25)"), std::string::npos)
      << msg;
  // `below` above the maximum
  msg = framework_error_of([] { step_table{{{1, 5}}, 30}.validate(worth(20)); });
  EXPECT_NE(msg.find("'below' must be in [0, 20]"), std::string::npos) << msg;
  EXPECT_NO_THROW(meetings().validate(worth(20)));
}

TEST(step_table, is_a_point_rule) {
  const chiso::method m = meetings();
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "step_table");
}

} // namespace chiso_test::step_table_test
