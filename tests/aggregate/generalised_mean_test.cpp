// Tests of aggregate/generalised_mean.hpp: the weighted power mean of order p (Handbook 2008 §6;
// Decancq & Lugo 2013), its special cases and its limits.
#include <chiso/aggregate/arithmetic_mean.hpp>
#include <chiso/aggregate/generalised_mean.hpp>
#include <chiso/aggregate/geometric_mean.hpp>
#include <chiso/aggregate/harmonic_mean.hpp>
#include <chiso/aggregate/minimum.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::generalised_mean_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 9, "power");
}

// 4 children × 50 units in [0.05, 1] with ~10% missing, unequal weights.
struct random_node {
  std::vector<std::vector<double>> children;
  std::vector<double> weights{1.0, 2.5, 0.5, 3.0};
  explicit random_node(unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0.05, 1.0), miss(0, 1);
    children.assign(4, std::vector<double>(50));
    for (auto& c : children)
      for (auto& x : c)
        x = miss(rng) < 0.1 ? NA : u(rng);
  }
};

void expect_same(const std::vector<double>& a, const std::vector<double>& b, double rel) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(b[i])) {
      EXPECT_TRUE(std::isnan(a[i])) << "unit " << i;
    } else {
      EXPECT_NEAR(a[i], b[i], rel * std::abs(b[i])) << "unit " << i;
    }
  }
}

} // namespace

TEST(generalised_mean, hand_worked_order_two) {
  // p = 2, equal weights on (1, 7): sqrt((1 + 49) / 2) = sqrt(25) = 5
  // p = 2, weights 1, 3 on (1, 3): sqrt((1 + 3·9) / 4) = sqrt(7)
  const auto r = run(chiso::aggregate::generalised_mean{2.0}, {{1, 1}, {7, 3}}, {1, 1});
  EXPECT_NEAR(r.out[0], 5.0, 1e-14);
  const auto r2 = run(chiso::aggregate::generalised_mean{2.0}, {{1}, {3}}, {1, 3});
  EXPECT_NEAR(r2.out[0], std::sqrt(7.0), 1e-14);
}

TEST(generalised_mean, missing_children_skipped_unlike_coinr) {
  // p = 2 on (1, NA, 7), weights 1, 4, 1: the missing child is skipped → 5 (COINr returns NA)
  const auto r = run(chiso::aggregate::generalised_mean{2.0}, {{1}, {NA}, {7}}, {1, 4, 1});
  EXPECT_NEAR(r.out[0], 5.0, 1e-14);
  EXPECT_TRUE(r.diags.empty());
}

TEST(generalised_mean, order_one_is_arithmetic) {
  const random_node d(11);
  const auto g = run(chiso::aggregate::generalised_mean{1.0}, d.children, d.weights);
  const auto a = run(chiso::aggregate::arithmetic_mean{}, d.children, d.weights);
  expect_same(g.out, a.out, 1e-13);
}

TEST(generalised_mean, order_minus_one_is_harmonic) {
  const random_node d(12);
  const auto g = run(chiso::aggregate::generalised_mean{-1.0}, d.children, d.weights);
  const auto h = run(chiso::aggregate::harmonic_mean{}, d.children, d.weights);
  expect_same(g.out, h.out, 1e-13);
}

TEST(generalised_mean, order_zero_is_geometric) {
  const random_node d(13);
  const auto g = run(chiso::aggregate::generalised_mean{0.0}, d.children, d.weights);
  const auto h = run(chiso::aggregate::geometric_mean{}, d.children, d.weights);
  expect_same(g.out, h.out, 1e-13);
}

TEST(generalised_mean, large_negative_order_approaches_the_minimum) {
  // For weights w and p < 0: min ≤ M_p ≤ min · (Σw / w_min)^(1/|p|), where w_min is the
  // weight of the minimal child (M_p ≥ (w_min/Σw)^(1/p) · min as the other terms only add).
  // With |p| = 1000, Σw / w_min ≤ 7 / 0.5 = 14 → factor ≤ 14^(1/1000) < 1.0027.
  // Values down to 0.05 make x^-1000 overflow a naive implementation (0.05^-1000 ≈ 1e1301).
  const random_node d(14);
  const auto g = run(chiso::aggregate::generalised_mean{-1000.0}, d.children, d.weights);
  const auto m = run(chiso::aggregate::minimum{}, d.children, d.weights);
  for (std::size_t i = 0; i < g.out.size(); ++i) {
    if (std::isnan(m.out[i])) {
      EXPECT_TRUE(std::isnan(g.out[i]));
      continue;
    }
    EXPECT_GE(g.out[i], m.out[i] * (1 - 1e-12)) << "unit " << i;
    EXPECT_LE(g.out[i], m.out[i] * 1.0027) << "unit " << i;
  }
}

TEST(generalised_mean, large_positive_order_approaches_the_maximum) {
  // Mirror image: max · (w_max/Σw)^(1/p) ≤ M_p ≤ max; (1/14)^(1/1000) > 0.9973.
  // 0.05^1000 underflows to 0 in a naive implementation.
  const random_node d(15);
  const auto g = run(chiso::aggregate::generalised_mean{1000.0}, d.children, d.weights);
  for (std::size_t i = 0; i < g.out.size(); ++i) {
    double mx = -1;
    for (const auto& c : d.children)
      if (!std::isnan(c[i])) mx = std::max(mx, c[i]);
    if (mx < 0) continue;
    EXPECT_LE(g.out[i], mx * (1 + 1e-12)) << "unit " << i;
    EXPECT_GE(g.out[i], mx * 0.9973) << "unit " << i;
  }
}

TEST(generalised_mean, zero_is_allowed_for_positive_order_only) {
  // p = 2 on (0, 4): sqrt((0 + 16) / 2) = sqrt(8) = 2·sqrt(2); p = 2 on (0, 0): 0
  const auto r = run(chiso::aggregate::generalised_mean{2.0}, {{0, 0}, {4, 0}}, {1, 1});
  EXPECT_NEAR(r.out[0], 2 * std::sqrt(2.0), 1e-14);
  EXPECT_EQ(r.out[1], 0.0);
  EXPECT_TRUE(r.diags.empty());
  // p = -1 on (0, 4): undefined → missing + non_positive_input; other unit unaffected
  const auto h = run(chiso::aggregate::generalised_mean{-1.0}, {{0, 1}, {4, 3}}, {1, 1});
  EXPECT_TRUE(std::isnan(h.out[0]));
  EXPECT_NEAR(h.out[1], 1.5, 1e-14); // 2 / (1 + 1/3)
  ASSERT_EQ(h.diags.size(), 1u);
  EXPECT_EQ(h.diags[0].code, chiso::diagnostic_code::non_positive_input);
  EXPECT_EQ(h.diags[0].unit, 0u);
  EXPECT_NE(h.diags[0].message.find("node 'power'"), std::string::npos);
}

TEST(generalised_mean, negative_child_is_rejected_for_positive_order) {
  // p = 3: unit 0 has −1 → missing + diagnostic; unit 1: equal children (2, 2) → 2
  const auto r = run(chiso::aggregate::generalised_mean{3.0}, {{-1, 2}, {2, 2}}, {1, 1});
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_NEAR(r.out[1], 2.0, 1e-14);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::non_positive_input);
  EXPECT_NE(r.diags[0].message.find("negative"), std::string::npos);
}

TEST(generalised_mean, min_coverage) {
  const auto r = run(chiso::aggregate::generalised_mean{2.0}, {{1, 1}, {NA, 7}}, {1, 1}, 0.6);
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_NEAR(r.out[1], 5.0, 1e-14);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
}

TEST(generalised_mean, non_finite_order_is_a_framework_error) {
  try {
    chiso::aggregate::generalised_mean{std::numeric_limits<double>::infinity()}.validate("pillar");
    FAIL() << "expected framework_error";
  } catch (const chiso::framework_error& e) {
    EXPECT_NE(std::string(e.what()).find("node 'pillar'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("finite order p"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(chiso::aggregate::generalised_mean{-3.5}.validate("pillar"));
}

} // namespace chiso_test::generalised_mean_test
