// Tests of aggregate/arithmetic_mean.hpp: weighted arithmetic mean, missing children skipped with
// the remaining weights renormalised (Handbook 2008 §6.1; COINr's default), minimum coverage.
#include <chiso/aggregate/arithmetic_mean.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::arithmetic_mean_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 7, "pillar_x");
}

} // namespace

TEST(arithmetic_mean, hand_worked_weighted_mean) {
  // weights 1, 2, 1 (Σ = 4)
  // unit 0: (1·0.2 + 2·0.6 + 1·1.0) / 4 = (0.2 + 1.2 + 1.0) / 4 = 2.4 / 4 = 0.6
  // unit 1: (1·0.5 + 2·0.5 + 1·0.8) / 4 = (0.5 + 1.0 + 0.8) / 4 = 2.3 / 4 = 0.575
  const auto r =
      run(chiso::aggregate::arithmetic_mean{}, {{0.2, 0.5}, {0.6, 0.5}, {1.0, 0.8}}, {1, 2, 1});
  EXPECT_NEAR(r.out[0], 0.6, 1e-15);
  EXPECT_NEAR(r.out[1], 0.575, 1e-15);
  EXPECT_TRUE(r.diags.empty());
}

TEST(arithmetic_mean, missing_children_skipped_and_weights_renormalised) {
  // weights 1, 2, 1
  // unit 0: child 2 missing → (1·0.2 + 1·1.0) / (1 + 1) = 0.6
  // unit 1: children 1 and 3 missing → 2·0.5 / 2 = 0.5
  // unit 2: all missing → missing (nothing to average; not a diagnostic, just missing data)
  const auto r = run(chiso::aggregate::arithmetic_mean{},
                     {{0.2, NA, NA}, {NA, 0.5, NA}, {1.0, NA, NA}}, {1, 2, 1});
  EXPECT_NEAR(r.out[0], 0.6, 1e-15);
  EXPECT_NEAR(r.out[1], 0.5, 1e-15);
  EXPECT_TRUE(std::isnan(r.out[2]));
  EXPECT_TRUE(r.diags.empty());
}

TEST(arithmetic_mean, min_coverage_below_and_above) {
  // weights 1, 2, 1 (Σ = 4), min_coverage 0.6
  // unit 0: child 2 missing → share present (1 + 1) / 4 = 0.5 < 0.6 → missing + below_coverage
  // unit 1: child 1 missing → share (2 + 1) / 4 = 0.75 ≥ 0.6 → (2·0.4 + 1·0.7) / 3 = 1.5 / 3 = 0.5
  // unit 2: all present → (0.1 + 0.4 + 0.7) / 4 = 1.2 / 4 = 0.3
  const auto r = run(chiso::aggregate::arithmetic_mean{},
                     {{0.2, NA, 0.1}, {NA, 0.4, 0.2}, {1.0, 0.7, 0.7}}, {1, 2, 1}, 0.6);
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_NEAR(r.out[1], 0.5, 1e-15);
  EXPECT_NEAR(r.out[2], 0.3, 1e-15);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_EQ(r.diags[0].unit, 0u);
  EXPECT_EQ(r.diags[0].node, 7u);
  EXPECT_NE(r.diags[0].message.find("node 'pillar_x'"), std::string::npos) << r.diags[0].message;
  EXPECT_NE(r.diags[0].message.find("0.5 "), std::string::npos) << r.diags[0].message;
  EXPECT_NE(r.diags[0].message.find("below the minimum coverage 0.6"), std::string::npos)
      << r.diags[0].message;
}

TEST(arithmetic_mean, coverage_exactly_at_the_minimum_is_enough) {
  // weights 1, 1: one child present → share 0.5 = min_coverage 0.5 → kept (≥, not >)
  const auto r = run(chiso::aggregate::arithmetic_mean{}, {{0.3}, {NA}}, {1, 1}, 0.5);
  EXPECT_DOUBLE_EQ(r.out[0], 0.3);
  EXPECT_TRUE(r.diags.empty());
}

TEST(arithmetic_mean, full_coverage_required_makes_any_missing_child_missing) {
  const auto r = run(chiso::aggregate::arithmetic_mean{}, {{0.3, 0.3}, {NA, 0.5}}, {1, 3}, 1.0);
  EXPECT_TRUE(std::isnan(r.out[0]));
  // (0.3 + 3·0.5) / 4 = 1.8 / 4 = 0.45
  EXPECT_NEAR(r.out[1], 0.45, 1e-15);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].unit, 0u);
}

TEST(arithmetic_mean, zero_weight_child_is_ignored_even_for_coverage) {
  // DTI smart city: weight 0, so neither its value nor its absence matters.
  // unit 0: (1·0.2 + 1·0.4) / 2 = 0.3 whatever the weight-0 child says
  // unit 1: weight-0 child missing, coverage 1 still met (share 2/2)
  const auto r = run(chiso::aggregate::arithmetic_mean{}, {{0.2, 0.2}, {0.4, 0.4}, {1000.0, NA}},
                     {1, 1, 0}, 1.0);
  EXPECT_NEAR(r.out[0], 0.3, 1e-15);
  EXPECT_NEAR(r.out[1], 0.3, 1e-15);
  EXPECT_TRUE(r.diags.empty());
}

TEST(arithmetic_mean, is_additive_and_named) {
  EXPECT_TRUE(chiso::aggregate::arithmetic_mean::additive);
  EXPECT_EQ(chiso::aggregate::arithmetic_mean::name, "arithmetic_mean");
}

} // namespace chiso_test::arithmetic_mean_test
