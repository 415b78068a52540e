// Tests of aggregate/mazziotta_pareto.hpp: MPI and AMPI, mean of rescaled children minus a
// penalty S·cv for unbalance.
#include <chiso/aggregate/mazziotta_pareto.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::mazziotta_pareto_test {

using chiso_test::NA;

namespace {

using chiso::aggregate::adjusted_mazziotta_pareto;
using chiso::aggregate::mazziotta_pareto;
using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 4, "mpi");
}

// x1 = (1, 2, 3), x2 = (3, 2, 1): μ = 2, population σ = √(2/3) for both, so
// z = 100 ± 10 (x − 2)/√(2/3): a step of 1 in x is δ = 10·√1.5 = 12.247449 in z.
// Unit 1: z = (100 − δ, 100 + δ): M = 100, S = δ, S·cv = δ²/100 = 150/100 = 1.5 → MPI 98.5.
// Unit 2: z = (100, 100): MPI = 100. Unit 3: as unit 1, 98.5.
const std::vector<std::vector<double>> mirror{{1, 2, 3}, {3, 2, 1}};

} // namespace

TEST(mazziotta_pareto, hand_worked_penalty_applied) {
  const auto r = run(mazziotta_pareto{}, mirror, {1, 1});
  EXPECT_NEAR(r.out[0], 98.5, 1e-12);
  EXPECT_NEAR(r.out[1], 100.0, 1e-12);
  EXPECT_NEAR(r.out[2], 98.5, 1e-12);
  EXPECT_TRUE(r.diags.empty());
  // MPI⁺ for a negative index: M + S·cv = 101.5
  const auto p = run(mazziotta_pareto{+1.0}, mirror, {1, 1});
  EXPECT_NEAR(p.out[0], 101.5, 1e-12);
}

TEST(mazziotta_pareto, weighted_form) {
  // Weights (1, 3) on unit 1 (z = 100 − δ, 100 + δ): M = 100 + (−δ + 3δ)/4 = 100 + δ/2
  // = 106.123724; S² = (1·(1.5δ)² + 3·(0.5δ)²)/4 = 0.75 δ² = 112.5;
  // MPI = M − S²/M = 106.123724 − 1.060083 = 105.063641.
  const auto r = run(mazziotta_pareto{}, mirror, {1, 3});
  const double d = 10 * std::sqrt(1.5), m = 100 + d / 2;
  EXPECT_NEAR(r.out[0], m - 112.5 / m, 1e-12);
  EXPECT_NEAR(r.out[0], 105.063641, 1e-6);
}

TEST(mazziotta_pareto, sample_sd_option) {
  // Sample SD of (1, 2, 3) is 1: z = (90, 100, 110); unit 1: S = 10, S²/M = 1 → 99.
  mazziotta_pareto a;
  a.sample_sd = true;
  EXPECT_NEAR(run(a, mirror, {1, 1}).out[0], 99.0, 1e-12);
}

TEST(mazziotta_pareto, constant_child_left_out_with_diagnostic) {
  // x3 constant: left out for every unit (as if its weight were 0); the rest as before.
  const auto r = run(mazziotta_pareto{}, {{1, 2, 3}, {3, 2, 1}, {5, 5, 5}}, {1, 1, 1});
  EXPECT_NEAR(r.out[0], 98.5, 1e-12);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::constant_column);
  EXPECT_EQ(r.diags[0].unit, chiso::diagnostic::npos);
  EXPECT_NE(r.diags[0].message.find("child 3"), std::string::npos) << r.diags[0].message;
}

TEST(mazziotta_pareto, missing_children_and_coverage) {
  // x1 = (1, 2, 3, NA), x2 = (3, 2, 1, 2): x2's μ = 2, σ = √(2/4) = √0.5; x1 as before.
  // Unit 4 has x2 only: z = 100 + 10·0 = 100, S = 0 → 100. With min_coverage 0.6 (share
  // present 0.5) it is missing with below_coverage.
  const std::vector<std::vector<double>> c{{1, 2, 3, NA}, {3, 2, 1, 2}};
  const auto r = run(mazziotta_pareto{}, c, {1, 1});
  EXPECT_NEAR(r.out[3], 100.0, 1e-12);
  const auto m = run(mazziotta_pareto{}, c, {1, 1}, 0.6);
  EXPECT_TRUE(std::isnan(m.out[3]));
  ASSERT_EQ(m.diags.size(), 1u);
  EXPECT_EQ(m.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_EQ(m.diags[0].unit, 3u);
}

TEST(mazziotta_pareto, validate_penalty_sign) {
  EXPECT_NO_THROW(mazziotta_pareto{}.validate("n"));
  try {
    mazziotta_pareto{0.5}.validate("pillar");
    FAIL() << "no throw";
  } catch (const chiso::framework_error& e) {
    EXPECT_NE(std::string(e.what()).find("node 'pillar'"), std::string::npos) << e.what();
  }
}

TEST(mazziotta_pareto, laws_that_hold) {
  // Equal rescaled children: no penalty (every unit at the same z on every child → M).
  // Permuting units permutes the results bit for bit (column statistics summed in sorted
  // order); scaling the weights changes nothing.
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(0, 10);
  std::vector<std::vector<double>> c(3, std::vector<double>(20));
  for (auto& col : c)
    for (auto& x : col)
      x = u(rng);
  const std::vector<double> w{1, 2, 3};
  const auto base = run(mazziotta_pareto{}, c, w);
  const auto scaled = run(mazziotta_pareto{}, c, {0.5, 1, 1.5});
  for (std::size_t i = 0; i < 20; ++i)
    EXPECT_NEAR(scaled.out[i], base.out[i], 1e-12);
  std::vector<std::size_t> perm(20);
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), rng);
  auto cp = c;
  for (std::size_t j = 0; j < 3; ++j)
    for (std::size_t i = 0; i < 20; ++i)
      cp[j][i] = c[j][perm[i]];
  const auto p = run(mazziotta_pareto{}, cp, w);
  for (std::size_t i = 0; i < 20; ++i)
    EXPECT_EQ(p.out[i], base.out[perm[i]]);
  // A child that is an affine copy of another has the same z: with only those two, S = 0 and
  // MPI = M = z = 100 + 10 (x − μ)/σ (population σ).
  auto copy = c[0];
  for (auto& x : copy)
    x = 3 * x + 7;
  const auto same = run(mazziotta_pareto{}, {c[0], copy}, {1, 1});
  double mu = 0, ss = 0;
  for (double x : c[0])
    mu += x / 20;
  for (double x : c[0])
    ss += (x - mu) * (x - mu);
  const double sd = std::sqrt(ss / 20);
  for (std::size_t i = 0; i < 20; ++i)
    EXPECT_NEAR(same.out[i], 100 + 10 * (c[0][i] - mu) / sd, 1e-9);
}

TEST(adjusted_mazziotta_pareto, observed_goalposts) {
  // x1 = (1, 2, 3) on [1, 3] → r = 70 + 60 (x − 1)/2 = (70, 100, 130); x2 → (130, 100, 70).
  // Unit 1: M = 100, S = 30, S·cv = 900/100 = 9 → 91; unit 2: 100; unit 3: 91.
  const auto r = run(adjusted_mazziotta_pareto{}, mirror, {1, 1});
  EXPECT_NEAR(r.out[0], 91.0, 1e-12);
  EXPECT_NEAR(r.out[1], 100.0, 1e-12);
  EXPECT_NEAR(r.out[2], 91.0, 1e-12);
  // The penalty argument is honoured (Compind's once was not): +1 gives 109.
  adjusted_mazziotta_pareto neg;
  neg.penalty_sign = 1;
  EXPECT_NEAR(run(neg, mirror, {1, 1}).out[0], 109.0, 1e-12);
}

TEST(adjusted_mazziotta_pareto, given_goalposts) {
  // Goalposts [0, 4] for both: r = 70 + 15 x → x1 (85, 100, 115), x2 (115, 100, 85).
  // Unit 1: M = 100, S = 15, S²/M = 2.25 → 97.75. A value beyond the goalposts is not clamped:
  // x = 5 gives r = 145.
  adjusted_mazziotta_pareto a;
  a.lower = {0, 0};
  a.upper = {4, 4};
  EXPECT_NEAR(run(a, mirror, {1, 1}).out[0], 97.75, 1e-12);
  // unit (5, 5): r = (145, 145) → 145
  EXPECT_NEAR(run(a, {{5}, {5}}, {1, 1}).out[0], 145.0, 1e-12);
}

TEST(adjusted_mazziotta_pareto, bad_goalposts_rejected) {
  adjusted_mazziotta_pareto a;
  a.lower = {0, 2};
  a.upper = {1, 2};
  EXPECT_THROW(a.validate("p"), chiso::framework_error);
  a.upper = {1};
  EXPECT_THROW(a.validate("p"), chiso::framework_error);
  adjusted_mazziotta_pareto three;
  three.lower = {0, 0, 0};
  three.upper = {1, 1, 1};
  EXPECT_THROW(run(three, mirror, {1, 1}), chiso::usage_error);
}

} // namespace chiso_test::mazziotta_pareto_test
