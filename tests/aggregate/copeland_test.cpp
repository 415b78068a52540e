// Tests of aggregate/copeland.hpp: pairwise weighted-majority contests across units.
#include <chiso/aggregate/copeland.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::copeland_test {

using chiso_test::NA;

namespace {

using chiso::aggregate::copeland;
using chiso_test::run_result;

run_result run(const std::vector<std::vector<double>>& children, const std::vector<double>& weights,
               double min_coverage = 0.0) {
  return chiso_test::run_node(copeland{}, children, weights, min_coverage, 2, "cope");
}

// COINr's test of `outrankMatrix` / `a_copeland` (tests/testthat/test-aggregate.R):
// x1 = 1:4, x2 = (3, 2, 1, 5), x3 = (2, 3, 1, 4), equal weights. Units u1 = (1, 3, 2),
// u2 = (2, 2, 3), u3 = (3, 1, 1), u4 = (4, 5, 4).
const std::vector<std::vector<double>> coinr{{1, 2, 3, 4}, {3, 2, 1, 5}, {2, 3, 1, 4}};

} // namespace

TEST(copeland, outranking_matrix_matches_coinr_test) {
  // COINr asserts e(2,1) = 2/3 (u2 beats u1 on x1 and x3), e(3,1) = 1/3, e(4,1) = 1, diag 0.
  // Also by hand: e(3,2) = 1/3 (u3 wins x1 only), e(4,2) = e(4,3) = 1.
  std::vector<const double*> cols;
  for (const auto& c : coinr)
    cols.push_back(c.data());
  const std::vector<double> w{1, 1, 1};
  const chiso::aggregate::node_view v{cols, w, 4, 0.0};
  const Eigen::MatrixXd e = chiso::aggregate::outranking_matrix(v);
  EXPECT_NEAR(e(1, 0), 2.0 / 3, 1e-15);
  EXPECT_NEAR(e(2, 0), 1.0 / 3, 1e-15);
  EXPECT_EQ(e(3, 0), 1.0);
  EXPECT_NEAR(e(2, 1), 1.0 / 3, 1e-15);
  for (int a = 0; a < 4; ++a) {
    EXPECT_EQ(e(a, a), 0.0);
    for (int b = 0; b < 4; ++b)
      if (a != b) {
        EXPECT_NEAR(e(a, b) + e(b, a), 1.0, 1e-15);
      }
  }
}

TEST(copeland, scores_match_coinr_test) {
  // COINr: score = row sums of sign(e − ½). u1: loses to u2, beats u3 (2/3), loses to u4 → −1;
  // u2: +1 +1 −1 = +1; u3: −3; u4: +3.
  const auto r = run(coinr, {1, 1, 1});
  EXPECT_EQ(r.out, (std::vector<double>{-1, 1, -3, 3}));
  EXPECT_TRUE(r.diags.empty());
}

TEST(copeland, weights_decide_the_majority) {
  // u1 vs u2 with weights (1, 1, 3): u1 wins x2 (3 > 2) = 1, loses x1 and x3 = 4 → u2 wins.
  // With weights (1, 5, 1): u1 wins 5 against 2 → u1 wins.
  const std::vector<std::vector<double>> two{{1, 2}, {3, 2}, {2, 3}};
  EXPECT_EQ(run(two, {1, 1, 3}).out, (std::vector<double>{-1, 1}));
  EXPECT_EQ(run(two, {1, 5, 1}).out, (std::vector<double>{1, -1}));
}

TEST(copeland, ties_count_half_and_draws_are_zero) {
  // a = (1, 1, 1), b = (1, 2, 0): tie on x1 (½), b wins x2, a wins x3 → e_ab = (1 + ½)/3 = ½.
  const auto r = run({{1, 1}, {1, 2}, {1, 0}}, {1, 1, 1});
  EXPECT_EQ(r.out, (std::vector<double>{0, 0}));
  // 0.1 + 0.2 = 0.30000000000000004 against 0.3: a draw, not a win by rounding.
  const auto f = run({{2, 1}, {2, 1}, {0, 1}}, {0.1, 0.2, 0.3});
  EXPECT_EQ(f.out, (std::vector<double>{0, 0}));
}

TEST(copeland, missing_data_and_coverage) {
  // u1 = (5, NA, 1), u2 = (1, 9, 2), u3 = (NA, NA, NA), u4 = (3, 1, NA); weights 1, 1, 1.
  // u3 has no child: missing, no one's opponent. Pairs compare over shared children:
  // u1–u2 on x1 (u1) and x3 (u2): draw; u1–u4 on x1 only: u1 wins; u2–u4 on x1 (u4), x2 (u2): draw.
  // → u1 +1, u2 0, u4 −1.
  std::vector<std::vector<double>> c{{5, 1, NA, 3}, {NA, 9, NA, 1}, {1, 2, NA, NA}};
  const auto r = run(c, {1, 1, 1});
  EXPECT_EQ(r.out[0], 1.0);
  EXPECT_EQ(r.out[1], 0.0);
  EXPECT_TRUE(std::isnan(r.out[2]));
  EXPECT_EQ(r.out[3], -1.0);
  EXPECT_TRUE(r.diags.empty());
  // min_coverage 0.7: u1 and u4 have 2/3 present → missing with below_coverage; u2 alone → 0.
  const auto m = run(c, {1, 1, 1}, 0.7);
  EXPECT_TRUE(std::isnan(m.out[0]));
  EXPECT_EQ(m.out[1], 0.0);
  EXPECT_TRUE(std::isnan(m.out[3]));
  ASSERT_EQ(m.diags.size(), 2u);
  EXPECT_EQ(m.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_NE(m.diags[0].message.find("node 'cope'"), std::string::npos);
}

TEST(copeland, zero_weight_child_is_ignored) {
  // u1 beats u2 only on the weight-0 child: a draw on the rest (x1 tie).
  EXPECT_EQ(run({{1, 1}, {9, 0}}, {1, 0}).out, (std::vector<double>{0, 0}));
}

TEST(copeland, matrix_overload) {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 2, 1;
  const Eigen::VectorXd w = (Eigen::VectorXd(2) << 1, 3).finished();
  // u2 beats u1 on x1 (weight 1), loses x2 (weight 3): e(2,1) = 1/4.
  const Eigen::MatrixXd e = chiso::aggregate::outranking_matrix(x, w);
  EXPECT_EQ(e(1, 0), 0.25);
  EXPECT_EQ(e(0, 1), 0.75);
  EXPECT_THROW(chiso::aggregate::outranking_matrix(x, Eigen::VectorXd::Ones(3)),
               chiso::usage_error);
}

TEST(copeland, laws_that_hold) {
  // Scores sum to 0 (each contest is +1/−1 or 0/0); permuting units permutes the scores
  // exactly; scaling the weights changes nothing; permuting children with their weights
  // changes nothing.
  std::mt19937_64 rng(3);
  std::uniform_int_distribution<int> u(0, 5); // few values: many ties
  std::vector<std::vector<double>> c(4, std::vector<double>(25));
  for (auto& col : c)
    for (auto& x : col)
      x = u(rng);
  const std::vector<double> w{0.1, 0.2, 0.3, 0.4};
  const auto base = run(c, w);
  EXPECT_EQ(std::accumulate(base.out.begin(), base.out.end(), 0.0), 0.0);
  std::vector<double> w7;
  for (double x : w)
    w7.push_back(7 * x);
  EXPECT_EQ(run(c, w7).out, base.out);
  auto cr = c;
  std::reverse(cr.begin(), cr.end());
  EXPECT_EQ(run(cr, {0.4, 0.3, 0.2, 0.1}).out, base.out);
  std::vector<std::size_t> perm(25);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  auto cp = c;
  for (std::size_t j = 0; j < 4; ++j)
    for (std::size_t i = 0; i < 25; ++i)
      cp[j][i] = c[j][perm[i]];
  const auto p = run(cp, w);
  for (std::size_t i = 0; i < 25; ++i)
    EXPECT_EQ(p.out[i], base.out[perm[i]]);
}

} // namespace chiso_test::copeland_test
