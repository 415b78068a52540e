// Variance-based sensitivity runs: a dominant input against an input without effect, the
// Saltelli rows re-run alone, and bit-identical results for any thread count.

#include "robust/fixture.hpp"

#include <chiso/robust/sensitivity.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

namespace chiso_test::sensitivity_test {

namespace {

using namespace chiso;
using namespace chiso::robust;

template <class A, class B> bool same_bits(const A& a, const B& b) {
  return a.size() == b.size() &&
         std::memcmp(a.data(), b.data(), static_cast<std::size_t>(a.size()) * sizeof(double)) == 0;
}

/// two_level on 40 units, unit 0 best on every indicator (always ranked first).
dataset forty_units() {
  auto d = chiso_test::seeded_data(40);
  d.values.row(0).setConstant(20.0);
  return d;
}

TEST(sensitivity, dominant_input_against_an_input_without_effect) {
  // "dominant" perturbs the root's two weights by ±90%, which reorders the units; "inert"
  // chooses between two identical aggregations of p1, which changes nothing. Hence, row by
  // row, y_AB(inert) = y_A and y_AB(dominant) = y_B exactly, and Jansen's estimators give
  //   S_T(inert) = 0 and S(dominant) = (V − 0)/V = 1 exactly,
  //   S_T(dominant) = z̄ / V̂ and S(inert) = 1 − z̄ / V̂, z_j = (y_A,j − y_B,j)² / 2,
  // where z̄ and V̂ both estimate V (A and B are independent). Tolerance: with ȳ the mean of
  // the 2N outputs, z_j − ((y_A,j − ȳ)² + (y_B,j − ȳ)²)/2 = −(y_A,j − ȳ)(y_B,j − ȳ), so
  // z̄ − V̂ ≈ −(1/N) Σ_j (y_A,j − ȳ)(y_B,j − ȳ) (up to V̂'s 1/(2N − 1) instead of 1/(2N)), whose sd
  // is V/√N for independent rows (E[(a − μ)²(b − μ)²] = V²). So S_T(dominant) − 1 and S(inert)
  // have sd 1/√N ≈ 0.032 at N = 1000: allow 5/√N = 0.16.
  const auto f = chiso_test::two_level();
  const auto d = forty_units();
  choices c;
  c.add("dominant", weight_choice{{{"root"}, {}}, uniform_factor{0.9}});
  c.add("inert", aggregation_choice{{{"p1"}, {}},
                                    {aggregate::arithmetic_mean{}, aggregate::arithmetic_mean{}},
                                    {}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  sensitivity_options o;
  o.n = 1000;
  o.seed = 12;
  o.bootstrap = 200;
  const auto r = run_sensitivity(m, o);
  EXPECT_EQ(r.runs, 1000u * 4u);
  ASSERT_EQ(r.inputs, (std::vector<std::string>{"dominant", "inert"}));
  const auto& s = r.mean_abs_rank_shift;
  EXPECT_EQ(s.total[1], 0.0);
  EXPECT_EQ(s.first[0], 1.0);

  const double tol = 5.0 / std::sqrt(static_cast<double>(o.n));
  EXPECT_NEAR(s.total[0], 1.0, tol);
  EXPECT_NEAR(s.first[1], 0.0, tol);
  EXPECT_GT(s.variance, 0.0);

  // Bootstrap: the exact zeros and ones hold on every resample.
  EXPECT_EQ(s.total_lower[1], 0.0);
  EXPECT_EQ(s.total_upper[1], 0.0);
  EXPECT_EQ(s.first_lower[0], 1.0);
  EXPECT_EQ(s.first_upper[0], 1.0);
  EXPECT_LE(s.total_lower[0], s.total[0]);
  EXPECT_GE(s.total_upper[0], s.total[0]);

  // Per unit: the same structure wherever the unit's rank varies; unit 0 is always first, so
  // its rank has no variance and its indices are undefined.
  const auto& u = r.units;
  ASSERT_EQ(u.first.rows(), 40);
  EXPECT_EQ(u.variance[0], 0.0);
  EXPECT_TRUE(std::isnan(u.first(0, 0)));
  int varying = 0;
  for (Eigen::Index i = 1; i < 40; ++i) {
    if (!(u.variance[i] > 0)) continue;
    ++varying;
    EXPECT_EQ(u.total(i, 1), 0.0);
    EXPECT_EQ(u.first(i, 0), 1.0);
  }
  EXPECT_GT(varying, 20);
}

TEST(sensitivity, minor_input_gets_a_small_share) {
  // An order-of-magnitude check, not a golden value: ±90% on the root's weights against ±2% on
  // p1's (which moves p1 by at most 2% of |a − b| / 2 points, rarely enough to swap two units).
  const auto f = chiso_test::two_level();
  const auto d = forty_units();
  choices c;
  c.add("root_weights", weight_choice{{{"root"}, {}}, uniform_factor{0.9}});
  c.add("p1_weights", weight_choice{{{"p1"}, {}}, uniform_factor{0.02}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  sensitivity_options o;
  o.n = 500;
  o.bootstrap = 0;
  o.units = false;
  const auto r = run_sensitivity(m, o);
  EXPECT_GT(r.mean_abs_rank_shift.total[0], 0.8);
  EXPECT_LT(r.mean_abs_rank_shift.total[1], 0.2);
  EXPECT_GT(r.mean_abs_rank_shift.total[1], 0.0);
  EXPECT_TRUE(std::isnan(r.mean_abs_rank_shift.total_lower[0])); // no bootstrap asked
  EXPECT_EQ(r.units.first.size(), 0);
}

TEST(sensitivity, rows_of_a_and_b_are_replications) {
  // Row k of A is replication k of a run with the same seed, row k of B replication N + k.
  const auto f = chiso_test::two_level();
  const auto d = forty_units();
  choices c;
  c.add("w", weight_choice{{}, dirichlet{3.0}});
  c.add("agg",
        aggregation_choice{{{}, {2}}, {aggregate::arithmetic_mean{}, aggregate::minimum{}}, {}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  sensitivity_options o;
  o.n = 30;
  o.seed = 4;
  o.bootstrap = 10;
  const auto r = run_sensitivity(m, o);
  auto shift = [&](const result& x) {
    double s = 0;
    for (Eigen::Index i = 0; i < x.rank.size(); ++i)
      s += std::abs(x.rank[i] - m.nominal().rank[i]);
    return s / static_cast<double>(x.rank.size());
  };
  for (std::size_t k : {0u, 29u}) {
    EXPECT_DOUBLE_EQ(r.y_a[static_cast<Eigen::Index>(k)], shift(m.replicate(4, k).full));
    EXPECT_DOUBLE_EQ(r.y_b[static_cast<Eigen::Index>(k)], shift(m.replicate(4, 30 + k).full));
  }
  // Row k of A_B^(1): A's draw of input 0, B's of input 1.
  auto a = m.sample(4, 7), b = m.sample(4, 37);
  a[1] = b[1];
  EXPECT_DOUBLE_EQ(r.y_ab(7, 1), shift(m.evaluate_full(a)));
}

TEST(sensitivity, bit_identical_on_one_and_two_threads) {
  const auto f = chiso_test::two_level();
  const auto d = forty_units();
  choices c;
  c.add("w", weight_choice{{}, dirichlet{3.0}});
  c.add("norm",
        normalisation_choice{
            {}, {normalise::min_max{1.0, 100.0, false}, normalise::z_score{10.0, 2.0}}, {}});
  c.add("leave", leave_out_choice{{"a", "d"}, leave_out_mode::one_at_a_time, 1, true});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  sensitivity_options o;
  o.n = 101;
  o.bootstrap = 50;
  o.threads = 1;
  const auto one = run_sensitivity(m, o);
  o.threads = 2;
  const auto two = run_sensitivity(m, o);
  EXPECT_TRUE(same_bits(one.y_a, two.y_a));
  EXPECT_TRUE(same_bits(one.y_b, two.y_b));
  EXPECT_TRUE(same_bits(one.y_ab, two.y_ab));
  const auto &x = one.mean_abs_rank_shift, &y = two.mean_abs_rank_shift;
  for (auto [p, q] :
       {std::pair{&x.first, &y.first}, std::pair{&x.total, &y.total},
        std::pair{&x.first_lower, &y.first_lower}, std::pair{&x.total_upper, &y.total_upper}})
    EXPECT_TRUE(same_bits(*p, *q));
  EXPECT_TRUE(same_bits(one.units.total, two.units.total));
  EXPECT_TRUE(same_bits(one.units.first_upper, two.units.first_upper));
}

TEST(sensitivity, needs_inputs_and_two_rows) {
  const auto f = chiso_test::two_level();
  const auto d = forty_units();
  const auto m0 = model::compile(plan::compile(f, d.columns), d, choices{});
  EXPECT_THROW((void)run_sensitivity(m0, {}), usage_error);
  choices c;
  c.add("w", weight_choice{{}, uniform_factor{0.1}});
  const auto m = model::compile(plan::compile(f, d.columns), d, c);
  sensitivity_options o;
  o.n = 1;
  EXPECT_THROW((void)run_sensitivity(m, o), usage_error);
}

} // namespace

} // namespace chiso_test::sensitivity_test
