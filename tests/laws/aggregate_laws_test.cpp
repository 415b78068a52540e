// Law suite over every built-in aggregation (STYLE.md: a law suite per concept, as manif does):
// equal children give that value, means stay within their children, improving a child never
// lowers the parent, weights scale freely, permuting units permutes results, permuting children
// (with their weights) changes nothing.
#include <chiso/method.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::aggregate_laws_test {

using chiso_test::NA;

struct builtin {
  std::string name;
  chiso::aggregation aggregation;
  bool is_sum = false; // weighted sum: scales with the weights instead of averaging
  bool mean = true;    // a mean of the unit's own children (not an outranking or standardisation)
  // Solved by a linear programme per unit (GLPK): the optimum is unique, its last bits depend
  // on the simplex path, which the order of the units changes.
  bool solved = false;
};

std::vector<builtin> builtins() {
  using namespace chiso::aggregate;
  return {{"arithmetic_mean", arithmetic_mean{}},
          {"sum", weighted_sum{}, true},
          {"geometric_mean", geometric_mean{}},
          {"harmonic_mean", harmonic_mean{}},
          {"generalised_mean_p2", generalised_mean{2.0}},
          {"generalised_mean_p0_5", generalised_mean{0.5}},
          {"generalised_mean_p0", generalised_mean{0.0}},
          {"generalised_mean_pm3", generalised_mean{-3.0}},
          {"generalised_mean_pm40", generalised_mean{-40.0}},
          {"minimum", minimum{}},
          // Across units: a unit's score depends on the other units' children.
          {"copeland", copeland{}, false, false},
          {"mazziotta_pareto", mazziotta_pareto{}, false, false},
          {"adjusted_mazziotta_pareto", adjusted_mazziotta_pareto{}, false, false},
          {"benefit_of_the_doubt", benefit_of_the_doubt{}, false, false, true}};
}

std::vector<builtin> means() {
  auto all = builtins();
  all.erase(std::remove_if(all.begin(), all.end(), [](const builtin& b) { return !b.mean; }),
            all.end());
  return all;
}

using outcome = chiso_test::run_result;

outcome apply(const chiso::aggregation& a, const std::vector<std::vector<double>>& children,
              const std::vector<double>& weights, double min_coverage) {
  return std::visit(
      [&](const auto& agg) {
        return chiso_test::run_node(agg, children, weights, min_coverage, 0, "law");
      },
      a);
}

// 6 children × 60 units in [1, 100] (inside every mean's domain), ~5% missing; weights unequal,
// one of them 0; no subset of weights sums to within 0.1 of 0.55 of the total (so coverage
// decisions cannot flip by rounding when weights are rescaled).
struct sample {
  std::vector<std::vector<double>> children;
  std::vector<double> weights{1.0, 2.5, 0.5, 3.0, 1.5, 0.0};
  static constexpr double coverage = 0.55;
  explicit sample(unsigned seed, std::size_t n = 60) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(1.0, 100.0), m(0.0, 1.0);
    children.assign(weights.size(), std::vector<double>(n));
    for (auto& c : children)
      for (auto& x : c)
        x = m(rng) < 0.05 ? NA : u(rng);
  }
  double total() const { return std::accumulate(weights.begin(), weights.end(), 0.0); }
};

bool same_or_both_missing(double a, double b, double rel) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  return std::abs(a - b) <= rel * std::max(1.0, std::abs(b));
}

class aggregation_laws : public ::testing::TestWithParam<builtin> {};
// The laws of means only: Copeland scores are net wins (equal children give 0, not that value)
// and Mazziotta–Pareto standardises over the units (it can leave the children's range).
class mean_laws : public ::testing::TestWithParam<builtin> {};

TEST_P(mean_laws, equal_children_give_that_value) {
  const auto& b = GetParam();
  sample s(1);
  // every child of unit i equals v_i (missing cells stay missing)
  for (std::size_t i = 0; i < s.children[0].size(); ++i) {
    const double v = 1.0 + static_cast<double>(i) * 1.37;
    for (auto& c : s.children)
      if (!std::isnan(c[i])) c[i] = v;
  }
  const auto r = apply(b.aggregation, s.children, s.weights, 0.0);
  for (std::size_t i = 0; i < r.out.size(); ++i) {
    const double v = 1.0 + static_cast<double>(i) * 1.37;
    bool any = false;
    for (std::size_t j = 0; j < s.weights.size(); ++j)
      any = any || (s.weights[j] > 0 && !std::isnan(s.children[j][i]));
    if (!any) {
      EXPECT_TRUE(std::isnan(r.out[i]));
      continue;
    }
    // a sum of equal children (scaled up over missing ones) is v · Σw
    const double expected = b.is_sum ? v * s.total() : v;
    EXPECT_NEAR(r.out[i], expected, 1e-12 * expected) << b.name << " unit " << i;
  }
  EXPECT_TRUE(r.diags.empty());
}

TEST_P(mean_laws, means_lie_between_the_smallest_and_largest_child) {
  // For a sum (scaled up over missing children) the bounds are min · Σw and max · Σw.
  const auto& b = GetParam();
  sample s(2);
  const double k = b.is_sum ? s.total() : 1.0;
  const auto r = apply(b.aggregation, s.children, s.weights, 0.0);
  for (std::size_t i = 0; i < r.out.size(); ++i) {
    double lo = INFINITY, hi = -INFINITY;
    for (std::size_t j = 0; j < s.weights.size(); ++j)
      if (s.weights[j] > 0 && !std::isnan(s.children[j][i])) {
        lo = std::min(lo, s.children[j][i]);
        hi = std::max(hi, s.children[j][i]);
      }
    if (lo > hi) continue;
    EXPECT_GE(r.out[i], k * lo * (1 - 1e-14)) << b.name << " unit " << i;
    EXPECT_LE(r.out[i], k * hi * (1 + 1e-14)) << b.name << " unit " << i;
  }
}

TEST_P(mean_laws, improving_one_child_never_lowers_the_parent) {
  const auto& b = GetParam();
  sample s(3);
  const auto before = apply(b.aggregation, s.children, s.weights, 0.0);
  std::mt19937_64 rng(33);
  std::uniform_real_distribution<double> delta(0.0, 50.0);
  for (std::size_t j = 0; j < s.children.size(); ++j) {
    auto better = s.children;
    for (auto& x : better[j])
      if (!std::isnan(x)) x += delta(rng);
    const auto after = apply(b.aggregation, better, s.weights, 0.0);
    for (std::size_t i = 0; i < after.out.size(); ++i) {
      if (std::isnan(before.out[i])) continue;
      EXPECT_GE(after.out[i], before.out[i] * (1 - 1e-14))
          << b.name << ": raising child " << j << " lowered unit " << i;
    }
  }
}

TEST_P(aggregation_laws, scaling_all_weights_changes_nothing) {
  const auto& b = GetParam();
  sample s(4);
  const auto base = apply(b.aggregation, s.children, s.weights, sample::coverage);
  for (double c : {1e-3, 3.7, 1e4}) {
    auto w = s.weights;
    for (auto& x : w)
      x *= c;
    const auto r = apply(b.aggregation, s.children, w, sample::coverage);
    ASSERT_EQ(r.diags.size(), base.diags.size()) << b.name << " c = " << c;
    for (std::size_t i = 0; i < r.out.size(); ++i) {
      // a sum scales with its weights; everything else is invariant
      const double expected = b.is_sum ? c * base.out[i] : base.out[i];
      EXPECT_TRUE(same_or_both_missing(r.out[i], expected, 1e-12))
          << b.name << " c = " << c << " unit " << i << ": " << r.out[i] << " vs " << expected;
    }
  }
}

TEST_P(aggregation_laws, permuting_units_permutes_results) {
  const auto& b = GetParam();
  sample s(5);
  // make a few units fail (below coverage; non-positive for the means that need x > 0)
  s.children[1][3] = s.children[3][3] = NA;
  s.children[0][7] = 0.0;
  std::vector<std::size_t> perm(s.children[0].size());
  std::iota(perm.begin(), perm.end(), 0);
  std::shuffle(perm.begin(), perm.end(), std::mt19937_64(55));
  auto shuffled = s.children;
  for (std::size_t j = 0; j < s.children.size(); ++j)
    for (std::size_t i = 0; i < perm.size(); ++i)
      shuffled[j][i] = s.children[j][perm[i]];
  const auto a = apply(b.aggregation, s.children, s.weights, sample::coverage);
  const auto p = apply(b.aggregation, shuffled, s.weights, sample::coverage);
  for (std::size_t i = 0; i < perm.size(); ++i) {
    // each unit is computed on its own: bit-identical (to rounding for a linear programme)
    if (std::isnan(a.out[perm[i]]))
      EXPECT_TRUE(std::isnan(p.out[i])) << b.name << " unit " << i;
    else if (b.solved)
      EXPECT_NEAR(p.out[i], a.out[perm[i]], 1e-12) << b.name << " unit " << i;
    else
      EXPECT_EQ(p.out[i], a.out[perm[i]]) << b.name << " unit " << i;
  }
  ASSERT_EQ(a.diags.size(), p.diags.size()) << b.name;
  std::vector<std::size_t> ua, up;
  for (const auto& d : a.diags)
    ua.push_back(d.unit);
  for (const auto& d : p.diags)
    up.push_back(perm[d.unit]);
  std::sort(ua.begin(), ua.end());
  std::sort(up.begin(), up.end());
  EXPECT_EQ(ua, up) << b.name;
  EXPECT_FALSE(a.diags.empty()) << b.name; // unit 3 is below coverage whatever the method
}

TEST_P(aggregation_laws, permuting_children_with_their_weights_changes_nothing) {
  const auto& b = GetParam();
  sample s(6);
  const auto base = apply(b.aggregation, s.children, s.weights, sample::coverage);
  std::vector<std::size_t> perm(s.children.size());
  std::iota(perm.begin(), perm.end(), 0);
  std::mt19937_64 rng(66);
  for (int round = 0; round < 5; ++round) {
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<std::vector<double>> ch;
    std::vector<double> w;
    for (auto k : perm) {
      ch.push_back(s.children[k]);
      w.push_back(s.weights[k]);
    }
    const auto r = apply(b.aggregation, ch, w, sample::coverage);
    EXPECT_EQ(r.diags.size(), base.diags.size()) << b.name;
    for (std::size_t i = 0; i < r.out.size(); ++i)
      EXPECT_TRUE(same_or_both_missing(r.out[i], base.out[i], 1e-12))
          << b.name << " unit " << i << ": " << r.out[i] << " vs " << base.out[i];
  }
}

INSTANTIATE_TEST_SUITE_P(every_builtin, aggregation_laws, ::testing::ValuesIn(builtins()),
                         [](const ::testing::TestParamInfo<builtin>& info) {
                           return info.param.name;
                         });
INSTANTIATE_TEST_SUITE_P(every_mean, mean_laws, ::testing::ValuesIn(means()),
                         [](const ::testing::TestParamInfo<builtin>& info) {
                           return info.param.name;
                         });

TEST(aggregation_laws, every_builtin_is_covered) {
  // When a new aggregation joins chiso::aggregation, add it to builtins() above.
  EXPECT_EQ(std::variant_size_v<chiso::aggregation>, 11u); // 10 built-ins + custom_aggregation
  std::vector<std::string> names;
  for (const auto& b : builtins())
    names.emplace_back(chiso::name_of(b.aggregation));
  for (const char* n :
       {"arithmetic_mean", "sum", "geometric_mean", "harmonic_mean", "generalised_mean", "minimum",
        "copeland", "mazziotta_pareto", "adjusted_mazziotta_pareto", "benefit_of_the_doubt"})
    EXPECT_NE(std::find(names.begin(), names.end(), n), names.end()) << n;
}

} // namespace chiso_test::aggregate_laws_test
