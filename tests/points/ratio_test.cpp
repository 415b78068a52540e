// Tests of points/ratio.hpp: a/b · max (DTI 922) and max · min(1, r / threshold) (Decision 766:
// full marks at ≥ threshold).
#include <chiso/method.hpp>
#include <chiso/points/ratio.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::ratio_test {

using namespace chiso_test;

namespace {
chiso::column_context worth(double points) {
  auto c = ctx(1);
  c.max_points = points;
  return c;
}
} // namespace

using chiso::points::ratio;

TEST(ratio, plain_share_times_max) {
  // threshold 1 (no target): 20 · r = 5, 10, 20, and 1.2 capped to 20
  const auto r = run(ratio{}, col({0.25, 0.5, 1.0, NA, 1.2}), worth(20));
  expect_col(r.y, {5, 10, 20, NA, 20});
  EXPECT_TRUE(r.diags.empty());
}

TEST(ratio, decision_766_full_marks_at_eighty_percent) {
  // Decision 766/QĐ-TTg, procedures offered online: 6 points, full marks at ≥ 80%.
  //   60% → 6 · 0.6/0.8 = 6 · 0.75 = 4.5;  80% → 6;  95% → 6 (capped);  0% → 0
  const auto r = run(ratio{0.8}, col({0.6, 0.8, 0.95, 0}), worth(6));
  expect_col(r.y, {4.5, 6, 6, 0}, 1e-14);
  // the same threshold taken from the indicator's target, data in percent
  auto c = worth(6);
  c.target = 80;
  expect_col(run(ratio{}, col({60, 80, 95, 0}), c).y, {4.5, 6, 6, 0}, 1e-14);
  // an explicit threshold wins over the target: 60 / 60 → 6
  expect_col(run(ratio{60.0}, col({60}), c).y, {6}, 1e-14);
}

TEST(ratio, without_cap) {
  // 95% with threshold 80%: 6 · 0.95/0.8 = 7.125
  expect_col(run(ratio{0.8, false}, col({0.95}), worth(6)).y, {7.125}, 1e-14);
}

TEST(ratio, negative_ratio_is_missing_with_cell_diagnostic) {
  const auto r = run(ratio{}, col({0.5, -0.1, NA}), worth(10));
  expect_col(r.y, {5, NA, NA});
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diags[0].unit, 1u);
  EXPECT_NE(r.diags[0].message.find("negative ratio -0.1"), std::string::npos)
      << r.diags[0].message;
}

TEST(ratio, empty_column) {
  const auto r = run(ratio{}, col({NA, NA}), worth(10));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(ratio, validate_errors) {
  auto msg = framework_error_of([] { ratio{}.validate(ctx(1)); });
  EXPECT_NE(msg.find("point rule 'ratio' needs 'points'"), std::string::npos) << msg;
  msg = framework_error_of([] { ratio{0.0}.validate(worth(6)); });
  EXPECT_NE(msg.find("threshold > 0 (got 0)"), std::string::npos) << msg;
  auto c = worth(6);
  c.target = 0;
  msg = framework_error_of([&] { ratio{}.validate(c); });
  EXPECT_NE(msg.find("from the target"), std::string::npos) << msg;
  c = worth(6);
  c.direction = -1;
  EXPECT_THROW(ratio{}.validate(c), chiso::framework_error);
}

TEST(ratio, is_a_point_rule) {
  const chiso::method m = ratio{};
  EXPECT_TRUE(chiso::is_point_rule(m));
  EXPECT_EQ(chiso::name_of(m), "ratio");
}

} // namespace chiso_test::ratio_test
