// Tests of normalise/goalposts.hpp: fixed goalposts with capping, both directions, and the log
// variant of the UNDP Human Development Index income index.
#include <chiso/normalise/goalposts.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::goalposts_test {

using namespace chiso_test;

namespace {
chiso::column_context posts(double lower, double upper, int direction = 1) {
  auto c = ctx(direction);
  c.lower = lower;
  c.upper = upper;
  return c;
}
} // namespace

TEST(goalposts, hand_worked_up_with_cap) {
  // goalposts 0 and 8: x / 8 = 0.25, 0.5, 0.75, and 10/8 = 1.25 capped to 1
  const auto r = run(chiso::normalise::goalposts{}, col({2, 4, 6, 10, NA}), posts(0, 8));
  expect_col(r.y, {0.25, 0.5, 0.75, 1, NA});
  EXPECT_TRUE(r.diags.empty());
}

TEST(goalposts, hand_worked_down_with_cap) {
  // d = −1: (8 − x) / 8 = 0.75, 0.5, 0.25, and −2/8 = −0.25 capped to 0
  const auto r = run(chiso::normalise::goalposts{}, col({2, 4, 6, 10, NA}), posts(0, 8, -1));
  expect_col(r.y, {0.75, 0.5, 0.25, 0, NA});
}

TEST(goalposts, scale) {
  // scale 100: 100 · {0.25, 0.5, 0.75, 1}
  expect_col(run(chiso::normalise::goalposts{100}, col({2, 4, 6, 10}), posts(0, 8)).y,
             {25, 50, 75, 100});
}

TEST(goalposts, hdi_life_expectancy) {
  // UNDP HDR technical notes: life expectancy goalposts 20 and 85 years.
  // 72.5 → (72.5 − 20) / (85 − 20) = 52.5 / 65 = 0.8076923076923077; 90 → capped at 1; 15 → 0
  const auto r = run(chiso::normalise::goalposts{}, col({72.5, 90, 15}), posts(20, 85));
  expect_col(r.y, {0.8076923076923077, 1, 0}, 1e-15);
}

TEST(goalposts, hdi_income_with_log) {
  // UNDP HDR technical notes: income index = (ln GNIpc − ln 100) / (ln 75000 − ln 100),
  // goalposts 100 and 75,000 (2017 PPP$).
  //   15000: ln 15000 = 9.615805480084347, ln 100 = 4.605170185988092,
  //          ln 75000 = 11.225243392518447 → 5.0106352940962555 / 6.620073206530355
  //          = 0.756885179026952
  //   50 → (ln 50 − ln 100)/… = −0.1047 → capped 0;  100000 → 1.0435 → capped 1;
  //   100 → 0 exactly; 75000 → 1 exactly.
  const auto r = run(chiso::normalise::goalposts{1.0, true},
                     col({15000, 50, 100000, 100, 75000, NA}), posts(100, 75000));
  expect_col(r.y, {0.756885179026952, 0, 1, 0, 1, NA}, 1e-14);
  EXPECT_TRUE(r.diags.empty());
}

TEST(goalposts, log_of_non_positive_value_is_missing_with_cell_diagnostic) {
  const auto r =
      run(chiso::normalise::goalposts{1.0, true}, col({0, 15000, -5}), posts(100, 75000));
  expect_col(r.y, {NA, 0.756885179026952, NA}, 1e-14);
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diags[0].unit, 0u);
  EXPECT_EQ(r.diags[1].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diags[1].unit, 2u);
  EXPECT_NE(r.diags[1].message.find("-5 is not positive"), std::string::npos) << r.diags[1].message;
}

TEST(goalposts, empty_column) {
  const auto r = run(chiso::normalise::goalposts{}, col({NA}), posts(0, 1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(goalposts, validate_needs_usable_goalposts) {
  const chiso::normalise::goalposts g{}, glog{1.0, true};
  auto msg = framework_error_of([&] { g.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': goalposts needs fixed bounds"), std::string::npos) << msg;
  msg = framework_error_of([&] { g.validate(posts(5, 5)); });
  EXPECT_NE(msg.find("upper > lower"), std::string::npos) << msg;
  msg = framework_error_of([&] { glog.validate(posts(0, 100)); });
  EXPECT_NE(msg.find("log needs lower > 0"), std::string::npos) << msg;
  msg = framework_error_of([&] { chiso::normalise::goalposts{0.0}.validate(posts(0, 1)); });
  EXPECT_NE(msg.find("scale > 0"), std::string::npos) << msg;
  // the method re-checks: no bounds never dereferences an empty optional
  EXPECT_THROW(run(g, col({1}), ctx(1)), chiso::framework_error);
}

} // namespace chiso_test::goalposts_test
