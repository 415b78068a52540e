// Tests of normalise/categorical.hpp: categorical scale on percentiles (Handbook 2008 §5.3),
// quantiles of type 7 (R's default), the default 0/20/40/50/60/80/100 scale and both directions.
#include <chiso/normalise/categorical.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::categorical_test {

using namespace chiso_test;

using chiso::normalise::categorical;

TEST(categorical, hand_worked_up) {
  // sorted {2, 4, 6, 10}, type 7: h = (n − 1)·p = 3p, q = x[⌊h⌋] + frac(h)·(x[⌊h⌋+1] − x[⌊h⌋])
  //   p=.05: h=.15 → 2 + .15·2 = 2.3     p=.15: h=.45 → 2 + .45·2 = 2.9
  //   p=.35: h=1.05 → 4 + .05·2 = 4.1    p=.65: h=1.95 → 4 + .95·2 = 5.9
  //   p=.85: h=2.55 → 6 + .55·4 = 8.2    p=.95: h=2.85 → 6 + .85·4 = 9.4
  // 2 < 2.3 → 0;  4: first q above is 4.1 (k=2) → 40;  6: first above is 8.2 (k=4) → 60;
  // 10 ≥ 9.4 → 100
  const auto r = run(categorical{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {0, 40, 60, 100, NA}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(categorical, hand_worked_down) {
  // d·x sorted {−10, −6, −4, −2}: q = −9.4, −8.2, −5.9, −4.1, −2.9, −2.3 (mirror of the above)
  //   x=2 (−2 ≥ −2.3) → 100; x=4 (−4 < −2.9) → 60; x=6 (−6 < −5.9) → 40; x=10 (−10 < −9.4) → 0
  const auto r = run(categorical{}, col({2, 4, 6, 10, NA}), ctx(-1));
  expect_col(r.y, {100, 60, 40, 0, NA}, 0);
}

TEST(categorical, every_category_on_eleven_values) {
  // x = 0..10, h = 10p: q = 0.5, 1.5, 3.5, 6.5, 8.5, 9.5
  //   0 → 0; 1 → 20; 2, 3 → 40; 4, 5, 6 → 50; 7, 8 → 60; 9 → 80; 10 → 100
  const auto r = run(categorical{}, col({0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), ctx(1));
  expect_col(r.y, {0, 20, 40, 40, 50, 50, 50, 60, 60, 80, 100}, 0);
}

TEST(categorical, value_at_the_quantile_goes_up) {
  // one cut at the median: {1, 2, 3, 4, 5} → h = 2, q = 3 exactly; "below" is strict:
  //   1, 2 → 0; 3 (= q), 4, 5 → 1
  const categorical median{{50}, {0, 1}};
  expect_col(run(median, col({1, 2, 3, 4, 5}), ctx(1)).y, {0, 0, 1, 1, 1}, 0);
}

TEST(categorical, whole_quantile_index_is_exact) {
  // 26 values 0..25, one cut at 28%: h = 25 · 0.28 = 7 exactly, so q = x_(7) = 7 and the
  // value 7 is not below it. In binary 25 · 0.28 evaluates to 7.000000000000001, which would
  // interpolate q = 7.000000000000001 and put 7 in the lower category.
  Eigen::VectorXd x(26);
  for (int i = 0; i < 26; ++i)
    x[i] = i;
  const categorical c28{{28}, {0, 1}};
  const auto r = run(c28, x, ctx(1));
  for (int i = 0; i < 26; ++i)
    EXPECT_EQ(r.y[i], i < 7 ? 0.0 : 1.0) << "value " << i;
}

TEST(categorical, constant_column_is_top_category) {
  // every quantile equals 5 and no value is below it
  const auto r = run(categorical{}, col({5, 5, 5}), ctx(1));
  expect_col(r.y, {100, 100, 100}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(categorical, empty_column) {
  const auto r = run(categorical{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(categorical, validate_rejects_bad_scales) {
  auto msg = framework_error_of([] { categorical{{5, 50}, {0, 1}}.validate(ctx(1)); });
  EXPECT_NE(msg.find("one more value than cuts (2 cuts, 2 values)"), std::string::npos) << msg;
  msg = framework_error_of([] { categorical{{50, 50}, {0, 1, 2}}.validate(ctx(1)); });
  EXPECT_NE(msg.find("increasing percentages"), std::string::npos) << msg;
  msg = framework_error_of([] { categorical{{0}, {0, 1}}.validate(ctx(1)); });
  EXPECT_NE(msg.find("in (0, 100)"), std::string::npos) << msg;
  msg = framework_error_of([] { categorical{{50}, {1, 0}}.validate(ctx(1)); });
  EXPECT_NE(msg.find("non-decreasing"), std::string::npos) << msg;
  EXPECT_NO_THROW(categorical{}.validate(ctx(1)));
}

// Cuts on the units' percentile ranks p = 100·r/n (Handbook 2008, Table 15), by hand.
TEST(categorical, ranks_basis_hand_worked_up) {
  // 4 observed units, r = 1..4 → p = 25, 50, 75, 100. Default cuts 5/15/35/65/85/95:
  // 25 < 35 → 40; 50 < 65 → 50; 75 < 85 → 60; 100 ≥ 95 → 100. The missing cell stays missing.
  categorical m;
  m.basis = categorical::cut_basis::ranks;
  const auto r = run(m, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {40, 50, 60, 100, NA}, 0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(categorical, ranks_basis_hand_worked_down_and_ties) {
  // Direction −1: x = 10 is the worst (r = 1, p = 25 → 40), x = 2 the best (p = 100 → 100).
  categorical m;
  m.basis = categorical::cut_basis::ranks;
  expect_col(run(m, col({2, 4, 6, 10}), ctx(-1)).y, {100, 60, 50, 40}, 0);
  // Ties share the lowest rank: {1, 1, 2} → r = 1, 1, 3 → p = 33.3, 33.3, 100 → 40, 40, 100.
  expect_col(run(m, col({1, 1, 2}), ctx(1)).y, {40, 40, 100}, 0);
  // On the values' quantiles instead (type 7, h = 2p): q = 1, 1, 1, 1.3, 1.7, 1.9, so 1 falls
  // below the 4th cut (k = 3 → 50) and 2 above all → {50, 50, 100}: the basis is used.
  expect_col(run(categorical{}, col({1, 1, 2}), ctx(1)).y, {50, 50, 100}, 0);
}

} // namespace chiso_test::categorical_test
