// Tests of aggregate/geometric_mean.hpp: weighted geometric mean (Handbook 2008 §6.2; HDI).
#include <chiso/aggregate/geometric_mean.hpp>
#include <chiso/method.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::geometric_mean_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 4, "hdi");
}

} // namespace

TEST(geometric_mean, hand_worked) {
  // equal weights:  unit 0: (9 · 1)^(1/2) = 3;  unit 1: (0.25 · 0.25)^(1/2) = 0.25
  const auto r = run(chiso::aggregate::geometric_mean{}, {{9, 0.25}, {1, 0.25}}, {1, 1});
  EXPECT_NEAR(r.out[0], 3.0, 1e-14);
  EXPECT_NEAR(r.out[1], 0.25, 1e-15);
  EXPECT_TRUE(r.diags.empty());
  // weights 2, 1: (8² · 1)^(1/3) = 64^(1/3) = 4
  const auto r2 = run(chiso::aggregate::geometric_mean{}, {{8}, {1}}, {2, 1});
  EXPECT_NEAR(r2.out[0], 4.0, 1e-14);
}

TEST(geometric_mean, missing_child_skipped_and_weights_renormalised) {
  // weights 2, 5, 1; child 2 missing → (8² · 1)^(1/3) = 4
  const auto r = run(chiso::aggregate::geometric_mean{}, {{8}, {NA}, {1}}, {2, 5, 1});
  EXPECT_NEAR(r.out[0], 4.0, 1e-14);
}

TEST(geometric_mean, non_positive_child_makes_only_that_unit_missing) {
  // unit 0 has a 0, unit 1 a negative child, unit 2 is fine: (4 · 1)^(1/2) = 2
  const auto r = run(chiso::aggregate::geometric_mean{}, {{0, -1, 4}, {5, 5, 1}}, {1, 1});
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_TRUE(std::isnan(r.out[1]));
  EXPECT_NEAR(r.out[2], 2.0, 1e-14);
  ASSERT_EQ(r.diags.size(), 2u);
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(r.diags[k].code, chiso::diagnostic_code::non_positive_input);
    EXPECT_EQ(r.diags[k].unit, k);
    EXPECT_NE(r.diags[k].message.find("node 'hdi'"), std::string::npos);
    EXPECT_NE(r.diags[k].message.find("<= 0"), std::string::npos);
  }
}

TEST(geometric_mean, zero_in_a_zero_weight_child_is_harmless) {
  // weights 1, 1, 0: the weight-0 child is not aggregated, so its 0 is not an error.
  const auto r = run(chiso::aggregate::geometric_mean{}, {{4}, {1}, {0}}, {1, 1, 0});
  EXPECT_NEAR(r.out[0], 2.0, 1e-14);
  EXPECT_TRUE(r.diags.empty());
}

TEST(geometric_mean, min_coverage) {
  // weights 1, 1, 2 (Σ 4), min_coverage 0.75
  // unit 0: child 3 missing → share 0.5 → missing + below_coverage
  // unit 1: child 1 missing → share 0.75 → weights 1, 2 on (2, 4):
  //         exp((ln 2 + 2 ln 4) / 3) = exp(5 ln 2 / 3) = 2^(5/3)
  const auto r =
      run(chiso::aggregate::geometric_mean{}, {{1, NA}, {1, 2}, {NA, 4}}, {1, 1, 2}, 0.75);
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_NEAR(r.out[1], std::pow(2.0, 5.0 / 3.0), 1e-14);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_EQ(r.diags[0].unit, 0u);
}

TEST(geometric_mean, is_not_additive) {
  EXPECT_FALSE(chiso::is_additive(chiso::aggregation{chiso::aggregate::geometric_mean{}}));
  EXPECT_EQ(chiso::aggregate::geometric_mean::name, "geometric_mean");
}

} // namespace chiso_test::geometric_mean_test
