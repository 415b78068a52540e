// Tests of normalise/difference_from.hpp: relative difference from the mean or the worst value,
// d · (x − r) / |r| (Handbook 2008 §5.3).
#include <chiso/normalise/difference_from.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::difference_from_test {

using namespace chiso_test;

using chiso::normalise::difference_from;
using ref = chiso::normalise::reference;

TEST(difference_from, mean_both_directions) {
  // mean 5.5: (x − 5.5) / 5.5 = −3.5/5.5, −1.5/5.5, 0.5/5.5, 4.5/5.5
  //   = −0.636363…, −0.272727…, 0.090909…, 0.818181…
  auto r = run(difference_from{ref::mean}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {-7.0 / 11, -3.0 / 11, 1.0 / 11, 9.0 / 11, NA});
  EXPECT_TRUE(r.diags.empty());
  // d = −1 flips the sign: the lowest value is the furthest above
  r = run(difference_from{ref::mean}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(r.y, {7.0 / 11, 3.0 / 11, -1.0 / 11, -9.0 / 11, NA});
}

TEST(difference_from, worst_both_directions) {
  // d = +1, worst = min 2: (x − 2) / 2 = 0, 1, 2, 4
  expect_col(run(difference_from{ref::worst}, col({2, 4, 6, 10}), ctx(1)).y, {0, 1, 2, 4});
  // d = −1, worst = max 10: −(x − 10) / 10 = 0.8, 0.6, 0.4, 0
  expect_col(run(difference_from{ref::worst}, col({2, 4, 6, 10}), ctx(-1)).y, {0.8, 0.6, 0.4, 0});
}

TEST(difference_from, negative_reference_keeps_order) {
  // x = {−4, −2, −1}: mean −7/3, |r| = 7/3: (x + 7/3) / (7/3) = (3x + 7)/7
  //   = −5/7, 1/7, 4/7 (increasing like x; dividing by r itself would reverse it)
  expect_col(run(difference_from{ref::mean}, col({-4, -2, -1}), ctx(1)).y,
             {-5.0 / 7, 1.0 / 7, 4.0 / 7});
}

TEST(difference_from, zero_reference_leaves_column_missing) {
  const auto r = run(difference_from{ref::mean}, col({-2, 2, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::invalid_value);
  EXPECT_NE(r.diags[0].message.find("(mean) is 0"), std::string::npos) << r.diags[0].message;
}

TEST(difference_from, empty_column) {
  const auto r = run(difference_from{}, col({NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(difference_from, validate_rejects_best) {
  const auto msg = framework_error_of([] { difference_from{ref::best}.validate(ctx(1)); });
  EXPECT_NE(msg.find("indicator 'ind': difference_from takes reference 'mean' or 'worst'"),
            std::string::npos)
      << msg;
}

} // namespace chiso_test::difference_from_test
