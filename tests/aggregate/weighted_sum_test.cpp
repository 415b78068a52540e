// Tests of aggregate/weighted_sum.hpp: weighted sum of points (DTI, Decision 766), scaled up over
// missing children, and the node cap applied by the engine (Decision 766 group maxima).
#include <chiso/aggregate/weighted_sum.hpp>
#include <chiso/score.hpp>

#include "support/run_node.hpp"
#include "support/values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace chiso_test::weighted_sum_test {

using chiso_test::NA;

namespace {

using chiso_test::run_result;

template <class A>
run_result run(const A& a, const std::vector<std::vector<double>>& children,
               const std::vector<double>& weights, double min_coverage = 0.0) {
  return chiso_test::run_node(a, children, weights, min_coverage, 3, "transparency");
}

} // namespace

TEST(weighted_sum, hand_worked_points) {
  // Decision 766 transparency group: weights = points 6, 4, 2, 6 on shares in [0, 1]
  // unit 0: 6·1 + 4·0.75 + 2·1 + 6·0.75 = 6 + 3 + 2 + 4.5 = 15.5
  // unit 1: 6·0.5 + 4·0 + 2·0 + 6·1 = 3 + 0 + 0 + 6 = 9
  const auto r =
      run(chiso::aggregate::weighted_sum{}, {{1, 0.5}, {0.75, 0}, {1, 0}, {0.75, 1}}, {6, 4, 2, 6});
  EXPECT_NEAR(r.out[0], 15.5, 1e-13);
  EXPECT_NEAR(r.out[1], 9.0, 1e-13);
  EXPECT_TRUE(r.diags.empty());
}

TEST(weighted_sum, scaled_up_over_missing_children) {
  // unit 0: child 2 missing → Σ_avail w x = 6·1 + 2·1 + 6·0.75 = 12.5 over Σ_avail w = 14,
  //         scaled to Σ_all w = 18: 12.5 · 18 / 14 = 225 / 14 = 16.0714285714…
  // unit 1: only child 4 present → 6·0.5 · 18 / 6 = 9
  const auto r = run(chiso::aggregate::weighted_sum{}, {{1, NA}, {NA, NA}, {1, NA}, {0.75, 0.5}},
                     {6, 4, 2, 6});
  EXPECT_NEAR(r.out[0], 225.0 / 14.0, 1e-13);
  EXPECT_NEAR(r.out[1], 9.0, 1e-13);
}

TEST(weighted_sum, min_coverage_one_makes_any_missing_child_missing) {
  const auto r =
      run(chiso::aggregate::weighted_sum{}, {{1, 1}, {NA, 0.5}}, {6, 4}, /*min_coverage=*/1.0);
  EXPECT_TRUE(std::isnan(r.out[0]));
  EXPECT_NEAR(r.out[1], 8.0, 1e-13); // 6 + 4·0.5
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].code, chiso::diagnostic_code::below_coverage);
  EXPECT_NE(r.diags[0].message.find("node 'transparency'"), std::string::npos);
}

TEST(weighted_sum, is_additive_and_named_sum) {
  EXPECT_TRUE(chiso::aggregate::weighted_sum::additive);
  EXPECT_EQ(chiso::aggregate::weighted_sum::name, "sum");
}

TEST(weighted_sum, node_cap_limits_the_score_in_the_engine) {
  // Two point indicators summed in a group capped at 18 (a Decision 766 group maximum):
  // unit u1: 10 + 12 = 22 → capped to 18; u2: 5 + 6 = 11 (under the cap, unchanged);
  // u3: both missing → missing (the cap does not invent a score).
  chiso::framework f;
  for (const char* id : {"p1", "p2"}) {
    chiso::indicator ind;
    ind.id = id;
    ind.method = chiso::normalise::identity{};
    f.indicators.push_back(ind);
  }
  chiso::node g;
  g.id = "group";
  g.children = {{"p1", 1}, {"p2", 1}};
  g.aggregation = chiso::aggregate::weighted_sum{};
  g.cap = 18.0;
  f.nodes.push_back(g);
  chiso::dataset d;
  d.unit_ids = {"u1", "u2", "u3"};
  d.columns = {"p1", "p2"};
  d.values.resize(3, 2);
  d.values << 10, 12, 5, 6, NA, NA;
  const auto r = chiso::score(f, d);
  const auto p = chiso::plan::compile(f, d.columns);
  const auto k = static_cast<Eigen::Index>(p.index("group"));
  EXPECT_EQ(r.scores(0, k), 18.0);
  EXPECT_EQ(r.scores(1, k), 11.0);
  EXPECT_TRUE(std::isnan(r.scores(2, k)));
}

} // namespace chiso_test::weighted_sum_test
