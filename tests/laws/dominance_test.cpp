// Dominance law over every aggregation in include/chiso/aggregate/ and benefit of the doubt: a
// unit that dominates another (≥ on every child, > on at least one) never scores below it.
// Holds for the means and the minimum (increasing in each child), for Copeland (a dominator
// wins at least every contest the dominated unit wins), for MPI/AMPI while the rescaled children
// are in the monotone range (here: uniform data, z within ±2 SD), and for benefit of the doubt
// with the same feasible weights for every unit (no bounds, or bounds on mean shares).
#include <chiso/aggregate/arithmetic_mean.hpp>
#include <chiso/aggregate/benefit_of_the_doubt.hpp>
#include <chiso/aggregate/copeland.hpp>
#include <chiso/aggregate/generalised_mean.hpp>
#include <chiso/aggregate/geometric_mean.hpp>
#include <chiso/aggregate/harmonic_mean.hpp>
#include <chiso/aggregate/mazziotta_pareto.hpp>
#include <chiso/aggregate/minimum.hpp>
#include <chiso/aggregate/weighted_sum.hpp>
#include <chiso/weights/benefit_of_the_doubt.hpp>

#include "support/run_node.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::dominance_test {

using children_t = std::vector<std::vector<double>>;
using scorer = std::function<std::vector<double>(const children_t&, const std::vector<double>&)>;

struct contender {
  std::string name;
  scorer score;
};

template <class A> scorer node(A a) {
  return [a](const children_t& c, const std::vector<double>& w) {
    auto r = chiso_test::run_node(a, c, w, 0.0, 0, "dominance");
    return r.out;
  };
}

scorer bod(chiso::weights::bod_options o) {
  return [o](const children_t& c, const std::vector<double>&) {
    Eigen::MatrixXd x(static_cast<Eigen::Index>(c[0].size()), static_cast<Eigen::Index>(c.size()));
    for (std::size_t j = 0; j < c.size(); ++j)
      for (std::size_t i = 0; i < c[0].size(); ++i)
        x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = c[j][i];
    const auto r = chiso::weights::benefit_of_the_doubt(x, o);
    return std::vector<double>(r.score.data(), r.score.data() + r.score.size());
  };
}

std::vector<contender> contenders() {
  using namespace chiso::aggregate;
  chiso::weights::bod_options shares;
  shares.lower = Eigen::VectorXd::Constant(5, 0.1);
  shares.upper = Eigen::VectorXd::Constant(5, 0.4);
  adjusted_mazziotta_pareto fixed;
  fixed.lower.assign(5, 0.0);
  fixed.upper.assign(5, 120.0);
  return {{"arithmetic_mean", node(arithmetic_mean{})},
          {"sum", node(weighted_sum{})},
          {"geometric_mean", node(geometric_mean{})},
          {"harmonic_mean", node(harmonic_mean{})},
          {"generalised_mean_pm3", node(generalised_mean{-3.0})},
          {"generalised_mean_p0_5", node(generalised_mean{0.5})},
          {"generalised_mean_p2", node(generalised_mean{2.0})},
          {"minimum", node(minimum{})},
          {"copeland", node(copeland{})},
          {"mazziotta_pareto", node(mazziotta_pareto{})},
          {"mazziotta_pareto_sample_sd", node(mazziotta_pareto{-1.0, true})},
          {"adjusted_mazziotta_pareto", node(adjusted_mazziotta_pareto{})},
          {"adjusted_mazziotta_pareto_goalposts", node(fixed)},
          {"benefit_of_the_doubt", bod({})},
          {"benefit_of_the_doubt_node", node(benefit_of_the_doubt{})},
          {"benefit_of_the_doubt_mean_shares", bod(shares)}};
}

class dominance : public ::testing::TestWithParam<contender> {};

TEST_P(dominance, dominator_never_scores_below) {
  const auto& c = GetParam();
  for (unsigned seed = 1; seed <= 20; ++seed) {
    // 40 units × 5 children in [1, 100]; weights random, the last one 0 in odd seeds (a strict
    // improvement only there must leave the scores equal, not reversed).
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(1.0, 100.0), up(0.0, 5.0), wt(0.2, 3.0);
    const std::size_t n = 40, k = 5;
    children_t x(k, std::vector<double>(n));
    for (auto& col : x)
      for (auto& v : col)
        v = u(rng);
    std::vector<double> w(k);
    for (auto& v : w)
      v = wt(rng);
    if (seed % 2) w[k - 1] = 0;
    // unit a = p dominates unit b = p + 10 for p < 10: x_a = x_b + δ, δ ≥ 0, one δ ≥ 0.5 on
    // child p % k; for p = 9 only, that child is the last (weight 0 in odd seeds).
    for (std::size_t p = 0; p < 10; ++p) {
      const std::size_t a = p, b = p + 10;
      for (std::size_t j = 0; j < k; ++j)
        x[j][a] = x[j][b] + (p % 3 == 0 ? 0.0 : up(rng));
      x[(p == 9 ? k - 1 : p % k)][a] += 0.5 + up(rng);
    }
    const auto s = c.score(x, w);
    ASSERT_EQ(s.size(), n) << c.name;
    for (std::size_t p = 0; p < 10; ++p) {
      const double sa = s[p], sb = s[p + 10];
      ASSERT_FALSE(std::isnan(sa) || std::isnan(sb)) << c.name << " seed " << seed;
      EXPECT_GE(sa, sb - 1e-12 * std::max(1.0, std::abs(sb)))
          << c.name << " seed " << seed << ": unit " << p << " dominates unit " << p + 10;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(every_aggregation, dominance, ::testing::ValuesIn(contenders()),
                         [](const ::testing::TestParamInfo<contender>& info) {
                           return info.param.name;
                         });

} // namespace chiso_test::dominance_test
