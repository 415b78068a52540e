// The least-cost combination (whatif/cheapest.hpp). Every golden value below is worked by hand
// in the comment above it (the linear programme solved on paper); the engine is used only to
// check that the combination reaches the target.
#include <chiso/whatif/cheapest.hpp>

#include <gtest/gtest.h>

#include "support/whatif.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace chiso_test::cheapest_test {

namespace {

// Two indicators on goalposts [0, 10] (values valid in [0, 10]), index = mean with weights
// a 2, b 1:
//        a   b    a score  b score   index
//   A    2   4    0.2      0.4       (0.4 + 0.4)/3 = 0.2667   rank 3
//   B    6   6    0.6      0.6       0.6                      rank 1
//   C    5   2    0.5      0.2       (1.0 + 0.2)/3 = 0.4      rank 2
chiso::framework goalposts_mean(std::optional<int> round_to = std::nullopt) {
  chiso::framework f;
  for (const char* id : {"a", "b"}) {
    auto i = make_indicator(id, chiso::normalise::goalposts{});
    i.lower = 0;
    i.upper = 10;
    i.valid_min = 0;
    i.valid_max = 10;
    f.indicators.push_back(i);
  }
  f.nodes = {{.id = "index", .children = {{"a", 2}, {"b", 1}}}};
  f.ranking.options.round_to = round_to;
  return f;
}
chiso::dataset goalposts_data() {
  return make_data({"A", "B", "C"}, {"a", "b"}, {{2, 4}, {6, 6}, {5, 2}});
}

// The data with the combination applied, evaluated by the engine.
chiso::result with_changes(const chiso::plan& p, chiso::dataset d,
                           const chiso::whatif::cheapest_report& c) {
  for (const auto& x : c.changes)
    d.values(static_cast<Eigen::Index>(c.unit), static_cast<Eigen::Index>(x.column)) =
        x.value_needed;
  return chiso::evaluate(p, d);
}

} // namespace

TEST(cheapest, equal_costs_choose_the_heavier_indicator) {
  const auto d = goalposts_data();
  const auto p = chiso::plan::compile(goalposts_mean(), d.columns);
  // A to a score of 0.5. Scores y_a ∈ [0.2, 1], y_b ∈ [0.4, 1]; index (2 y_a + y_b)/3 ≥ 0.5.
  // At equal cost per unit of score, a raises the index by 2/3 per unit and b by 1/3: all on
  // a, 2 y_a + 0.4 = 1.5 ⇒ y_a = 0.55 ⇒ a = 5.5, cost 0.35.
  const auto c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_score{0.5});
  ASSERT_TRUE(c.reachable) << c.reason;
  EXPECT_FALSE(c.unit_costs);
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].indicator, 0u);
  EXPECT_EQ(c.changes[0].value_now, 2);
  EXPECT_NEAR(c.changes[0].value_needed, 5.5, 1e-9);
  EXPECT_NEAR(c.changes[0].cost, 0.35, 1e-9);
  EXPECT_NEAR(c.total_cost, 0.35, 1e-9);
  EXPECT_NEAR(c.lp_cost, 0.35, 1e-9);
  EXPECT_NEAR(c.score_after, 0.5, 1e-9);
  EXPECT_GE(with_changes(p, d, c).node(p.root())[0], 0.5);
}

TEST(cheapest, unequal_costs_change_the_choice) {
  const auto d = goalposts_data();
  const auto p = chiso::plan::compile(goalposts_mean(), d.columns);
  // Costs per unit of value: a 3, b 1. Per unit of score (0.1 per unit of value): a 30, b 10;
  // index gained per unit of cost: a (2/3)/30 = 1/45, b (1/3)/10 = 1/30: b first, up to its
  // limit 10 (y_b = 1, cost 6), then 2 y_a + 1 = 1.5 ⇒ y_a = 0.25 ⇒ a = 2.5 (cost 1.5).
  // Total 7.5.
  chiso::whatif::cheapest_options o;
  o.costs = {{0, 3.0}, {1, 1.0}};
  const auto c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_score{0.5}, o);
  ASSERT_TRUE(c.reachable) << c.reason;
  EXPECT_TRUE(c.unit_costs);
  ASSERT_EQ(c.changes.size(), 2u);
  EXPECT_EQ(c.changes[0].indicator, 0u);
  EXPECT_NEAR(c.changes[0].value_needed, 2.5, 1e-9);
  EXPECT_NEAR(c.changes[0].cost, 1.5, 1e-8);
  EXPECT_EQ(c.changes[1].indicator, 1u);
  EXPECT_NEAR(c.changes[1].value_needed, 10, 1e-9);
  EXPECT_NEAR(c.changes[1].cost, 6, 1e-8);
  EXPECT_NEAR(c.total_cost, 7.5, 1e-8);
  EXPECT_NEAR(c.lp_cost, 7.5, 1e-9);
  EXPECT_GE(with_changes(p, d, c).node(p.root())[0], 0.5);
}

TEST(cheapest, a_rank_target_on_rounded_scores) {
  const auto d = goalposts_data();
  const auto p = chiso::plan::compile(goalposts_mean(4), d.columns);
  // A to rank 1: tie B's published 0.6000 (ties share rank 1), i.e. an index ≥ 0.59995:
  // all on a (as above), 2 y_a + 0.4 ≥ 1.79985 ⇒ y_a = 0.699925 ⇒ a = 6.99925.
  const auto c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_rank{1});
  ASSERT_TRUE(c.reachable) << c.reason;
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_NEAR(c.changes[0].value_needed, 6.99925, 1e-9);
  EXPECT_EQ(c.rank_after, 1);
  EXPECT_EQ(with_changes(p, d, c).rank[0], 1);
}

TEST(cheapest, sum_of_points_with_counts) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // Sơn La (11.2) to a published 25.00: index ≥ 24.995, +13.795 points. A dossier each:
  //   online:  6 points at 500 of 1000 dossiers online: (500 − 100)/(6 − 1.2) = 83.33 per point
  //   on_time: 20 points at 1000 of 1000:               (1000 − 500)/10        = 50 per point
  // On time first, to its limit (+10 points, 500 dossiers), then online +3.795 points:
  // 6 (t/1000)/0.5 ≥ 4.995 ⇔ t ≥ 416.25 → 417 dossiers (416 gives 24.992 → 24.99).
  // Total 317 + 500 = 817 dossiers; index 5.004 + 20 = 25.004.
  chiso::whatif::cheapest_options o;
  o.costs = {{0, 1.0}, {1, 1.0}};
  const auto c = chiso::whatif::cheapest(p, d, 2, chiso::whatif::to_score{25}, o);
  ASSERT_TRUE(c.reachable) << c.reason;
  ASSERT_EQ(c.changes.size(), 2u);
  EXPECT_TRUE(c.changes[0].whole);
  EXPECT_EQ(c.changes[0].column, 1u);
  EXPECT_EQ(c.changes[0].value_needed, 417);
  EXPECT_EQ(c.changes[0].cost, 317);
  EXPECT_EQ(c.changes[1].column, 3u);
  EXPECT_EQ(c.changes[1].value_needed, 1000);
  EXPECT_EQ(c.changes[1].cost, 500);
  EXPECT_EQ(c.total_cost, 817);
  EXPECT_NEAR(c.lp_cost, 816.25, 1e-6);
  EXPECT_NEAR(c.score_after, 25.004, 1e-9);
  // One dossier less online does not reach.
  auto less = d;
  less.values(2, 1) = 416;
  less.values(2, 3) = 1000;
  EXPECT_NEAR(chiso::evaluate(p, less).node(p.root())[2], 24.992, 1e-9);
}

TEST(cheapest, costs_per_dossier_pick_the_cheaper_indicator) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // Huế (17.6667) to rank 1: a published 20.00 (ties Đà Nẵng), index ≥ 19.995, +2.3283 points.
  // Per point: online 7500 dossiers (6 (t/90000)/0.5 = t/7500), on time 4000 (20 t/80000).
  // Costs 1 and 1: on time, 2.6667 + 20 t/80000 ≥ 19.995 ⇔ t ≥ 69313.33 → 69314 (cost 9314).
  // Costs 1 and 2: per point online 7500, on time 8000: online, 15 + t/7500 ≥ 19.995 ⇔
  // t ≥ 37462.5 → 37463 (cost 17463).
  chiso::whatif::cheapest_options o;
  o.costs = {{0, 1.0}, {1, 1.0}};
  auto c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_rank{1}, o);
  ASSERT_TRUE(c.reachable) << c.reason;
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].indicator, 1u);
  EXPECT_EQ(c.changes[0].value_needed, 69314);
  EXPECT_EQ(c.total_cost, 9314);
  o.costs = {{0, 1.0}, {1, 2.0}};
  c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_rank{1}, o);
  ASSERT_TRUE(c.reachable) << c.reason;
  ASSERT_EQ(c.changes.size(), 1u);
  EXPECT_EQ(c.changes[0].indicator, 0u);
  EXPECT_EQ(c.changes[0].value_needed, 37463);
  EXPECT_EQ(c.total_cost, 17463);
  EXPECT_EQ(c.rank_after, 1);
}

TEST(cheapest, unreachable_targets_are_stated) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // 27 points: at most 6 + 20 = 26.
  auto c = chiso::whatif::cheapest(p, d, 2, chiso::whatif::to_score{27});
  EXPECT_FALSE(c.reachable);
  EXPECT_FALSE(c.reason.empty());
  EXPECT_TRUE(c.changes.empty());
  // 25 points with only online allowed (no cost for on time): at most 6 + 10 = 16.
  chiso::whatif::cheapest_options o;
  o.costs = {{0, 1.0}};
  c = chiso::whatif::cheapest(p, d, 2, chiso::whatif::to_score{25}, o);
  EXPECT_FALSE(c.reachable);
}

TEST(cheapest, already_there) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  const auto c = chiso::whatif::cheapest(p, d, 1, chiso::whatif::to_rank{1});
  EXPECT_TRUE(c.already);
  EXPECT_TRUE(c.reachable);
  EXPECT_TRUE(c.changes.empty());
  EXPECT_EQ(c.total_cost, 0);
}

TEST(cheapest, observed_bounds_are_verified_by_the_engine) {
  // Min-max on observed bounds: the linear model holds the bounds, the engine moves them; the
  // combination must still reach (re-scored).
  chiso::framework f;
  f.indicators = {make_indicator("a", chiso::normalise::min_max{}),
                  make_indicator("b", chiso::normalise::min_max{})};
  f.nodes = {{.id = "index", .children = {{"a", 1}, {"b", 1}}}};
  f.ranking.options.round_to = 4;
  const auto d = make_data({"A", "B", "C"}, {"a", "b"}, {{8, 2}, {10, 4}, {0, 10}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto c = chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_rank{1});
  ASSERT_TRUE(c.reachable) << c.reason;
  EXPECT_EQ(with_changes(p, d, c).rank[0], 1);
}

TEST(cheapest, other_aggregations_are_refused) {
  auto f = goalposts_mean();
  f.nodes[0].aggregation = chiso::aggregate::geometric_mean{};
  const auto d = goalposts_data();
  const auto p = chiso::plan::compile(f, d.columns);
  try {
    (void)chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_score{0.5});
    FAIL() << "no error";
  } catch (const chiso::usage_error& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("node 'index' aggregates with 'geometric_mean'"), std::string::npos) << m;
    EXPECT_NE(m.find("arithmetic mean or a weighted sum"), std::string::npos) << m;
  }
}

TEST(cheapest, bad_costs_are_refused) {
  const auto d = goalposts_data();
  const auto p = chiso::plan::compile(goalposts_mean(), d.columns);
  chiso::whatif::cheapest_options o;
  o.costs = {{0, 0.0}};
  EXPECT_THROW((void)chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_score{0.5}, o),
               chiso::usage_error);
  o.costs = {{5, 1.0}};
  EXPECT_THROW((void)chiso::whatif::cheapest(p, d, 0, chiso::whatif::to_score{0.5}, o),
               chiso::usage_error);
}

} // namespace chiso_test::cheapest_test
