// Tests of aggregate/harmonic_mean.hpp: weighted harmonic mean.
#include <chiso/aggregate/harmonic_mean.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::harmonic_mean_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 2, "h");
}

} // namespace

TEST(harmonic_mean, hand_worked) {
  // unit 0: weights 1, 1 on (1, 3): 2 / (1/1 + 1/3) = 2 / (4/3) = 1.5
  const auto r = run(chiso::aggregate::harmonic_mean{}, {{1}, {3}}, {1, 1});
  EXPECT_NEAR(r.out[0], 1.5, 1e-15);
  // weights 1, 2 on (1, 3): 3 / (1/1 + 2/3) = 3 / (5/3) = 1.8
  const auto r2 = run(chiso::aggregate::harmonic_mean{}, {{1}, {3}}, {1, 2});
  EXPECT_NEAR(r2.out[0], 1.8, 1e-15);
}

TEST(harmonic_mean, missing_child_skipped_and_weights_renormalised) {
  // weights 1, 7, 2 on (1, NA, 3): 3 / (1 + 2/3) = 1.8
  const auto r = run(chiso::aggregate::harmonic_mean{}, {{1}, {NA}, {3}}, {1, 7, 2});
  EXPECT_NEAR(r.out[0], 1.8, 1e-15);
}

TEST(harmonic_mean, non_positive_child_makes_only_that_unit_missing) {
  const auto r = run(chiso::aggregate::harmonic_mean{}, {{1, 0, -2}, {3, 3, 3}}, {1, 1});
  EXPECT_NEAR(r.out[0], 1.5, 1e-15);
  EXPECT_TRUE(std::isnan(r.out[1]));
  EXPECT_TRUE(std::isnan(r.out[2]));
  ASSERT_EQ(r.diags.size(), 2u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::non_positive_input);
  EXPECT_EQ(r.diags[0].unit, 1u);
  EXPECT_EQ(r.diags[1].unit, 2u);
  EXPECT_NE(r.diags[0].message.find("node 'h': harmonic mean"), std::string::npos);
}

TEST(harmonic_mean, min_coverage) {
  // weights 1, 3; child 2 missing → share 0.25 < 0.5 → missing + below_coverage
  const auto r = run(chiso::aggregate::harmonic_mean{}, {{1, 1}, {NA, 3}}, {1, 3}, 0.5);
  EXPECT_TRUE(std::isnan(r.out[0]));
  // 4 / (1 + 3/3) = 2
  EXPECT_NEAR(r.out[1], 2.0, 1e-15);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
}

} // namespace chiso_test::harmonic_mean_test
