// What-if scenarios (whatif/scenario.hpp): hand-worked before/after, and the live scoreboard
// giving the same numbers as full evaluations.
#include <chiso/whatif/scenario.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::scenario_test {

namespace {

// Three units, min-max on observed bounds, index = mean(a, b), ranks on 4 decimals:
//        a    b    index   rank
//   A    8    2    0.4     3
//   B   10    4    0.625   1
//   C    0   10    0.5     2
chiso::framework three_units() {
  chiso::framework f;
  chiso::indicator a, b;
  a.id = "a";
  b.id = "b";
  f.indicators = {a, b};
  f.nodes = {{.id = "index", .children = {{"a", 1}, {"b", 1}}}};
  f.ranking.options.round_to = 4;
  return f;
}

const std::vector<std::string> columns{"a", "b"};

Eigen::MatrixXd three_values() {
  Eigen::MatrixXd x(3, 2);
  x << 8, 2, 10, 4, 0, 10;
  return x;
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

} // namespace

TEST(scenario, a_new_maximum_moves_the_other_units) {
  const auto p = chiso::plan::compile(three_units(), columns);
  // A's a set to 13.5 (a new maximum): a scores A 1, B 10/13.5 = 0.740741, C 0; indexes A 0.5,
  // B (0.740741 + 0.25)/2 = 0.495370, C 0.5: A and C share rank 1, B drops to 3.
  const std::vector<chiso::whatif::scenario> s{{"a up", {{0, 0, 13.5}}, {}}};
  const auto o = chiso::whatif::run(p, columns, three_values(), {}, {}, s);
  ASSERT_EQ(o.size(), 1u);
  EXPECT_TRUE(o[0].live);
  EXPECT_EQ(o[0].rank_before[0], 3);
  EXPECT_EQ(o[0].rank_before[1], 1);
  EXPECT_DOUBLE_EQ(o[0].score_after[0], 0.5);
  EXPECT_NEAR(o[0].score_after[1], (10 / 13.5 + 0.25) / 2, 1e-15);
  EXPECT_NEAR(o[0].score_after[1], 0.495370, 1e-6);
  EXPECT_EQ(o[0].rank_after[0], 1);
  EXPECT_EQ(o[0].rank_after[1], 3);
  EXPECT_EQ(o[0].rank_after[2], 1);
}

TEST(scenario, weight_changes_recompile) {
  const auto p = chiso::plan::compile(three_units(), columns);
  // a weighs 3, b 1: A (3·0.8 + 0)/4 = 0.6, B (3·1 + 0.25)/4 = 0.8125, C (0 + 1)/4 = 0.25.
  const std::vector<chiso::whatif::scenario> s{{"weights", {}, {{"index", "a", 3}}}};
  const auto o = chiso::whatif::run(p, columns, three_values(), {}, {}, s);
  EXPECT_FALSE(o[0].live);
  EXPECT_DOUBLE_EQ(o[0].score_after[0], 0.6);
  EXPECT_DOUBLE_EQ(o[0].score_after[1], 0.8125);
  EXPECT_DOUBLE_EQ(o[0].score_after[2], 0.25);
  EXPECT_EQ(o[0].rank_after[0], 2);
  EXPECT_EQ(o[0].rank_after[2], 3);
  const std::vector<chiso::whatif::scenario> bad_child{{"x", {}, {{"index", "c", 1}}}};
  EXPECT_THROW(chiso::whatif::run(p, columns, three_values(), {}, {}, bad_child),
               chiso::usage_error);
  const std::vector<chiso::whatif::scenario> bad_weight{{"x", {}, {{"index", "a", -1}}}};
  EXPECT_THROW(chiso::whatif::run(p, columns, three_values(), {}, {}, bad_weight),
               chiso::usage_error);
  const std::vector<chiso::whatif::scenario> bad_cell{{"x", {{3, 0, 1}}, {}}};
  EXPECT_THROW(chiso::whatif::run(p, columns, three_values(), {}, {}, bad_cell),
               chiso::usage_error);
}

TEST(scenario, live_and_full_evaluations_agree) {
  // Observed and fixed min-max, z-score, geometric mean, a capped sum, two groups.
  chiso::framework f;
  chiso::indicator fa, ob, zc;
  fa.id = "fa";
  fa.method = chiso::normalise::min_max{0, 100, true};
  fa.lower = 0;
  fa.upper = 100;
  ob.id = "ob";
  ob.direction = -1;
  zc.id = "zc";
  zc.method = chiso::normalise::z_score{10, 2};
  f.indicators = {fa, ob, zc};
  f.nodes = {{.id = "index",
              .children = {{"p1", 2}, {"p2", 1}},
              .aggregation = chiso::aggregate::weighted_sum{},
              .cap = 2.5},
             {.id = "p1", .children = {{"fa", 1}, {"ob", 1}}},
             {.id = "p2",
              .children = {{"ob", 1}, {"zc", 1}},
              .aggregation = chiso::aggregate::geometric_mean{}}};
  f.ranking.options.round_to = 2;
  const std::vector<std::string> cols{"fa", "ob", "zc"};
  std::mt19937_64 r(3);
  const Eigen::Index n = 25;
  Eigen::MatrixXd x(n, 3);
  std::vector<std::uint32_t> groups;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j)
      x(i, j) = static_cast<double>(r() % 10000) / 100;
    groups.push_back(static_cast<std::uint32_t>(i % 2));
  }
  const auto p = chiso::plan::compile(f, cols);
  std::vector<chiso::whatif::scenario> s;
  for (int k = 0; k < 20; ++k) {
    chiso::whatif::scenario sc{"s" + std::to_string(k), {}, {}};
    for (int c = 0; c < 1 + k % 3; ++c)
      sc.cells.push_back({static_cast<std::size_t>(r() % n), static_cast<std::size_t>(r() % 3),
                          static_cast<double>(r() % 15000) / 100 - 20});
    s.push_back(sc);
  }
  const auto live = chiso::whatif::run(p, cols, x, groups, {}, s);
  const auto full = chiso::whatif::run(p, cols, x, groups, {}, s, chiso::whatif::evaluation::full);
  for (std::size_t k = 0; k < s.size(); ++k) {
    EXPECT_TRUE(live[k].live);
    EXPECT_FALSE(full[k].live);
    for (Eigen::Index i = 0; i < n; ++i) {
      EXPECT_TRUE(same_bits(live[k].score_after[i], full[k].score_after[i])) << k << " " << i;
      EXPECT_TRUE(same_bits(live[k].rank_after[i], full[k].rank_after[i])) << k << " " << i;
      EXPECT_TRUE(same_bits(live[k].score_before[i], full[k].score_before[i]));
    }
    EXPECT_EQ(live[k].band_after, full[k].band_after);
  }
}

} // namespace chiso_test::scenario_test
