// Tests of normalise/ratio_to.hpp: ratio to the mean, the best or the worst (Handbook 2008 §5.3),
// with the reciprocal ratio for direction −1, and the positive-values rule.
#include <chiso/normalise/ratio_to.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::ratio_to_test {

using namespace chiso_test;

using chiso::normalise::ratio_to;
using ref = chiso::normalise::reference;

TEST(ratio_to, best_both_directions) {
  // d = +1, best = max 10: x / 10 = 0.2, 0.4, 0.6, 1
  auto r = run(ratio_to{ref::best}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {0.2, 0.4, 0.6, 1, NA});
  EXPECT_TRUE(r.diags.empty());
  // d = −1, best = min 2, reciprocal: 2 / x = 1, 0.5, 1/3, 0.2 (the best unit scores 1)
  r = run(ratio_to{ref::best}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(r.y, {1, 0.5, 1.0 / 3, 0.2, NA});
  EXPECT_TRUE(r.diags.empty());
}

TEST(ratio_to, mean_both_directions) {
  // mean 5.5: d = +1: x / 5.5; d = −1: 5.5 / x = 2.75, 1.375, 0.91666…, 0.55
  expect_col(run(ratio_to{ref::mean}, col({2, 4, 6, 10}), ctx(1)).y,
             {2 / 5.5, 4 / 5.5, 6 / 5.5, 10 / 5.5});
  expect_col(run(ratio_to{ref::mean}, col({2, 4, 6, 10}), ctx(-1)).y, {2.75, 1.375, 5.5 / 6, 0.55});
}

TEST(ratio_to, worst_both_directions) {
  // d = +1, worst = min 2: x / 2 = 1, 2, 3, 5
  expect_col(run(ratio_to{ref::worst}, col({2, 4, 6, 10}), ctx(1)).y, {1, 2, 3, 5});
  // d = −1, worst = max 10: 10 / x = 5, 2.5, 1.666…, 1
  expect_col(run(ratio_to{ref::worst}, col({2, 4, 6, 10}), ctx(-1)).y, {5, 2.5, 10.0 / 6, 1});
}

TEST(ratio_to, non_positive_reference_leaves_column_missing) {
  // best of {−4, −2} is −2: x / −2 would put −4 above −2; refused
  auto r = run(ratio_to{ref::best}, col({-4, -2, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::invalid_value);
  EXPECT_NE(r.diags[0].message.find("(best = -2) is not positive"), std::string::npos)
      << r.diags[0].message;
  // mean of {−2, 2} is 0
  r = run(ratio_to{ref::mean}, col({-2, 2}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::invalid_value);
}

TEST(ratio_to, direction_down_needs_positive_values) {
  // mean of {−1, 3, 4, 0, NaN} = 6/4 = 1.5 > 0; d = −1: 1.5 / x for x > 0 →
  //   x=3 → 0.5, x=4 → 0.375; x=−1 and x=0 have no meaningful reciprocal → missing + cell diag
  const auto r = run(ratio_to{ref::mean}, col({-1, 3, 4, 0, NA}), ctx(-1));
  expect_col(r.y, {NA, 0.5, 0.375, NA, NA});
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::invalid_value);
  EXPECT_EQ(r.diags[0].unit, 0u);
  EXPECT_EQ(r.diags[1].unit, 3u);
}

TEST(ratio_to, empty_column) {
  const auto r = run(ratio_to{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(ratio_to, reference_names) {
  EXPECT_EQ(chiso::normalise::to_string(ref::mean), "mean");
  EXPECT_EQ(chiso::normalise::to_string(ref::best), "best");
  EXPECT_EQ(chiso::normalise::to_string(ref::worst), "worst");
}

} // namespace chiso_test::ratio_to_test
