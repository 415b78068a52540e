// Tests of normalise/rank.hpp: rank with ties sharing the lowest rank (COINr n_rank, R's
// rank(ties.method = "min")) and percentile rank with COINr's and the Handbook's formulas.
#include <chiso/normalise/rank.hpp>

#include "support/column_method.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::rank_test {

using namespace chiso_test;

using chiso::normalise::percentile_formula;
using chiso::normalise::percentile_rank;
using chiso::normalise::rank;

TEST(normalise_rank, hand_worked_both_directions) {
  // ascending ranks of {2, 4, 6, 10}: 1, 2, 3, 4 (best = n); d = −1 reverses: 4, 3, 2, 1
  auto r = run(rank{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {1, 2, 3, 4, NA}, 0);
  EXPECT_TRUE(r.diags.empty());
  expect_col(run(rank{}, col({2, 4, 6, 10, NA}), ctx(-1)).y, {4, 3, 2, 1, NA}, 0);
}

TEST(normalise_rank, ties_share_the_lowest_rank) {
  // x = {3, 1, 3, 2, NaN, 3}: sorted 1 (rank 1), 2 (rank 2), 3, 3, 3 (ranks 3–5 → all 3)
  expect_col(run(rank{}, col({3, 1, 3, 2, NA, 3}), ctx(1)).y, {3, 1, 3, 2, NA, 3}, 0);
  // d = −1: −x sorted −3, −3, −3 (ranks 1–3 → all 1), −2 (rank 4), −1 (rank 5)
  expect_col(run(rank{}, col({3, 1, 3, 2, NA, 3}), ctx(-1)).y, {1, 5, 1, 4, NA, 1}, 0);
}

TEST(normalise_rank, empty_column) {
  const auto r = run(rank{}, col({NA, NA}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
}

TEST(normalise_percentile_rank, coinr_formula) {
  // (r − 1) / (n − 1), n = 4: 0, 1/3, 2/3, 1
  auto r = run(percentile_rank{}, col({2, 4, 6, 10, NA}), ctx(1));
  expect_col(r.y, {0, 1.0 / 3, 2.0 / 3, 1, NA});
  EXPECT_TRUE(r.diags.empty());
  expect_col(run(percentile_rank{}, col({2, 4, 6, 10, NA}), ctx(-1)).y,
             {1, 2.0 / 3, 1.0 / 3, 0, NA});
}

TEST(normalise_percentile_rank, handbook_formula) {
  // r / n · 100, n = 4: 25, 50, 75, 100
  const percentile_rank hb{percentile_formula::handbook};
  expect_col(run(hb, col({2, 4, 6, 10, NA}), ctx(1)).y, {25, 50, 75, 100, NA});
  expect_col(run(hb, col({2, 4, 6, 10, NA}), ctx(-1)).y, {100, 75, 50, 25, NA});
}

TEST(normalise_percentile_rank, ties_both_formulas) {
  // x = {3, 1, 3, 2, NaN, 3}: ranks {3, 1, 3, 2, ·, 3}, n = 5
  //   COINr (r − 1)/4: {0.5, 0, 0.5, 0.25, ·, 0.5};  Handbook r/5·100: {60, 20, 60, 40, ·, 60}
  expect_col(run(percentile_rank{}, col({3, 1, 3, 2, NA, 3}), ctx(1)).y,
             {0.5, 0, 0.5, 0.25, NA, 0.5});
  expect_col(run(percentile_rank{percentile_formula::handbook}, col({3, 1, 3, 2, NA, 3}), ctx(1)).y,
             {60, 20, 60, 40, NA, 60});
}

TEST(normalise_percentile_rank, single_value) {
  // COINr: (1 − 1)/(1 − 1) = 0/0 → missing with a diagnostic; Handbook: 1/1·100 = 100
  const auto r = run(percentile_rank{}, col({NA, 4}), ctx(1));
  expect_all_missing(r.y);
  expect_one_column_diag(r, chiso::diagnostic_code::constant_column);
  const auto h = run(percentile_rank{percentile_formula::handbook}, col({NA, 4}), ctx(1));
  expect_col(h.y, {NA, 100});
  EXPECT_TRUE(h.diags.empty());
}

TEST(normalise_percentile_rank, constant_column_all_tied_at_zero) {
  // all tied at rank 1: (1 − 1)/(3 − 1) = 0 for everyone (as COINr's n_prank)
  const auto r = run(percentile_rank{}, col({7, 7, 7}), ctx(1));
  expect_col(r.y, {0, 0, 0});
  EXPECT_TRUE(r.diags.empty());
}

TEST(normalise_percentile_rank, empty_column) {
  for (auto f : {percentile_formula::coinr, percentile_formula::handbook}) {
    const auto r = run(percentile_rank{f}, col({NA, NA}), ctx(1));
    expect_all_missing(r.y);
    expect_one_column_diag(r, chiso::diagnostic_code::empty_column);
  }
}

} // namespace chiso_test::rank_test
