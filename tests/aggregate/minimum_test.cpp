// Tests of aggregate/minimum.hpp: the non-compensatory minimum over children present.
#include <chiso/aggregate/minimum.hpp>
#include <chiso/method.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::minimum_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 5, "weakest");
}

} // namespace

TEST(minimum, hand_worked) {
  // unit 0: min(0.3, 0.1, 0.5) = 0.1; unit 1: min(-1, 2, 0) = -1 (any sign is fine)
  const auto r = run(chiso::aggregate::minimum{}, {{0.3, -1}, {0.1, 2}, {0.5, 0}}, {1, 5, 2});
  EXPECT_EQ(r.out[0], 0.1);
  EXPECT_EQ(r.out[1], -1.0);
  EXPECT_TRUE(r.diags.empty());
}

TEST(minimum, missing_children_skipped_all_missing_is_missing) {
  const auto r = run(chiso::aggregate::minimum{}, {{NA, NA}, {0.4, NA}, {0.7, NA}}, {1, 1, 1});
  EXPECT_EQ(r.out[0], 0.4);
  EXPECT_TRUE(std::isnan(r.out[1]));
  EXPECT_TRUE(r.diags.empty());
}

TEST(minimum, zero_weight_child_does_not_count) {
  // the weight-0 child's 0.01 is not the minimum: min(0.3, 0.6) = 0.3
  const auto r = run(chiso::aggregate::minimum{}, {{0.3}, {0.6}, {0.01}}, {1, 1, 0});
  EXPECT_EQ(r.out[0], 0.3);
}

TEST(minimum, min_coverage) {
  // weights 1, 1, 2 (Σ 4), min_coverage 0.6
  // unit 0: child 3 missing → share 0.5 → missing + below_coverage
  // unit 1: child 1 missing → share 0.75 → min(0.9, 0.5) = 0.5
  const auto r =
      run(chiso::aggregate::minimum{}, {{0.2, NA}, {0.3, 0.9}, {NA, 0.5}}, {1, 1, 2}, 0.6);
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_EQ(r.out[1], 0.5);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_EQ(r.diags[0].unit, 0u);
  EXPECT_NE(r.diags[0].message.find("node 'weakest'"), std::string::npos);
}

TEST(minimum, is_not_additive) {
  EXPECT_FALSE(chiso::is_additive(chiso::aggregation{chiso::aggregate::minimum{}}));
  EXPECT_EQ(chiso::name_of(chiso::aggregation{chiso::aggregate::minimum{}}), "minimum");
}

} // namespace chiso_test::minimum_test
