// Live updates: after any sequence of single-cell changes the scoreboard holds exactly what a
// full evaluation of the current values gives (property test), and fixed bounds cost one cell.
#include <chiso/live/scoreboard.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::scoreboard_test {

using chiso_test::NA;

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

// Data columns: a, b, c, d, e, num, pop. Indicators:
//   fa  min-max with fixed bounds [0, 100]          (elementwise)
//   ob  min-max on observed bounds, direction −1    (column statistics)
//   zc  z-score (10, 2)                             (column statistics)
//   gd  goalposts [0, 50]                           (elementwise)
//   sh  ratio rule, 10 points, full at 0.8 of num/pop, zero population → 0 points
//   e   identity, capped by nothing
// Nodes: p1 = mean(fa, ob, zc) with min_coverage 0.6; p2 = geometric(gd, sh, e) (non-positive
// inputs give diagnostics); p3 = minimum(ob, e) (ob shared); index = sum(p1 ×2, p2, p3) capped
// at 150. Ranked in two groups, on values rounded to 2 decimals.
chiso::framework model() {
  chiso::framework f;
  auto ind = [&](std::string id, chiso::method m) -> chiso::indicator& {
    chiso::indicator i;
    i.id = std::move(id);
    i.method = std::move(m);
    f.indicators.push_back(i);
    return f.indicators.back();
  };
  auto& fa = ind("fa", chiso::normalise::min_max{0, 100, true});
  fa.column = "a";
  fa.lower = 0;
  fa.upper = 100;
  auto& ob = ind("ob", chiso::normalise::min_max{0, 100, false});
  ob.column = "b";
  ob.direction = -1;
  ind("zc", chiso::normalise::z_score{10, 2}).column = "c";
  auto& gd = ind("gd", chiso::normalise::goalposts{100, false});
  gd.column = "d";
  gd.lower = 0;
  gd.upper = 50;
  auto& sh = ind("sh", chiso::points::ratio{0.8, true});
  sh.column = "num";
  sh.denominator = "pop";
  sh.points = 10;
  sh.if_zero_denominator = chiso::empty_policy::zero;
  ind("e", chiso::normalise::identity{});
  chiso::node p1, p2, p3, index;
  p1.id = "p1";
  p1.children = {{"fa", 1}, {"ob", 2}, {"zc", 1}};
  p1.min_coverage = 0.6;
  p2.id = "p2";
  p2.children = {{"gd", 1}, {"sh", 1}, {"e", 2}};
  p2.aggregation = chiso::aggregate::geometric_mean{};
  p3.id = "p3";
  p3.children = {{"ob", 1}, {"e", 1}};
  p3.aggregation = chiso::aggregate::minimum{};
  index.id = "index";
  index.children = {{"p1", 2}, {"p2", 1}, {"p3", 1}};
  index.aggregation = chiso::aggregate::weighted_sum{};
  index.cap = 150;
  f.nodes = {index, p1, p2, p3};
  f.ranking.options.round_to = 2;
  return f;
}

const std::vector<std::string> columns{"a", "b", "c", "d", "e", "num", "pop"};

// A random raw value for column j: sometimes missing, zero, negative or a new extreme.
double draw(std::mt19937_64& g, std::size_t j) {
  const auto u = g() % 100;
  if (u < 8) return NA;
  if (u < 12) return 0.0;
  if (u < 15) return -5.0 - static_cast<double>(g() % 10);
  if (u < 18) return 500.0 + static_cast<double>(g() % 100);
  const double x = static_cast<double>(g() % 10000) / 100; // [0, 100), two decimals
  return j == 6 ? std::round(x) : x;                       // populations are counts
}

void expect_equals_full_evaluation(const chiso::live::scoreboard& sb,
                                   const std::vector<std::uint32_t>& groups, int step) {
  const auto& p = sb.compiled();
  chiso::result full;
  chiso::evaluate(p, sb.values(), groups, full);
  ASSERT_EQ(sb.scores().cols(), full.scores.cols());
  for (Eigen::Index k = 0; k < full.scores.cols(); ++k)
    for (Eigen::Index i = 0; i < full.scores.rows(); ++i)
      ASSERT_TRUE(same_bits(sb.scores()(i, k), full.scores(i, k)))
          << "step " << step << ": " << p.ids()[static_cast<std::size_t>(k)] << " unit " << i
          << ": live " << sb.scores()(i, k) << ", full " << full.scores(i, k);
  for (Eigen::Index i = 0; i < full.rank.size(); ++i) {
    const double live = sb.rank(static_cast<std::size_t>(i));
    ASSERT_TRUE(std::isnan(live) ? std::isnan(full.rank[i]) : live == full.rank[i])
        << "step " << step << ": rank of unit " << i;
  }
  auto key = [](const chiso::diagnostic& d) {
    return std::make_tuple(d.node, d.unit, static_cast<int>(d.code), d.message);
  };
  std::vector<decltype(key(full.diagnostics[0]))> want, got;
  for (const auto& d : full.diagnostics)
    want.push_back(key(d));
  for (const auto& d : sb.diagnostics())
    got.push_back(key(d));
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  ASSERT_EQ(got, want) << "step " << step;
}

} // namespace

TEST(scoreboard, random_updates_equal_a_full_evaluation) {
  std::mt19937_64 g(2026);
  const Eigen::Index n = 60;
  Eigen::MatrixXd x(n, 7);
  std::vector<std::uint32_t> groups(static_cast<std::size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 7; ++j)
      x(i, j) = draw(g, static_cast<std::size_t>(j));
    groups[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(i % 2);
  }
  chiso::live::scoreboard sb(chiso::plan::compile(model(), columns), x, groups);
  expect_equals_full_evaluation(sb, groups, 0);
  for (int step = 1; step <= 400; ++step) {
    const auto unit = static_cast<std::size_t>(g() % static_cast<std::uint64_t>(n));
    const auto col = static_cast<std::size_t>(g() % 7);
    sb.set(unit, col, draw(g, col));
    expect_equals_full_evaluation(sb, groups, step);
  }
  // Both kinds of update happened: one-cell ones and whole columns (moved bounds).
  EXPECT_GT(sb.stats().cells, 0u);
  EXPECT_GT(sb.stats().columns, 0u);
  EXPECT_GT(sb.stats().rank_rebuilds, 0u);
}

TEST(scoreboard, fixed_bounds_cost_one_cell_per_node) {
  Eigen::MatrixXd x(4, 7);
  // a, b, c, d, e, num, pop
  x << 10, 1, 1, 10, 5, 4, 10, //
      20, 2, 2, 20, 6, 8, 10,  //
      30, 3, 3, 30, 7, 2, 10,  //
      40, 4, 5, 40, 8, 6, 10;
  chiso::live::scoreboard sb(chiso::plan::compile(model(), columns), x);
  const auto p1 = sb.compiled().index("p1");
  // Unit 0's a: 10 → 90. fa = min-max on fixed [0, 100] → 90; only fa, p1 and index are
  // recomputed, for unit 0 alone: 3 cells, no column, no rank rebuild.
  sb.set(0, 0, 90);
  EXPECT_EQ(sb.stats().cells, 3u);
  EXPECT_EQ(sb.stats().columns, 0u);
  EXPECT_EQ(sb.stats().rank_rebuilds, 0u);
  EXPECT_DOUBLE_EQ(sb.score(0, sb.compiled().index("fa")), 90);
  // p1 = (1·90 + 2·ob + 1·zc) / 4 with ob(unit 0) = 100 (b = 1 is the best of b, direction −1)
  // and zc(unit 0) = 10 + 2·(1 − 2.75)/sd(1, 2, 3, 5) = 10 + 2·(−1.75)/1.707825… = 7.950584…
  const double sd = std::sqrt((1.75 * 1.75 + 0.75 * 0.75 + 0.25 * 0.25 + 2.25 * 2.25) / 3);
  EXPECT_NEAR(sb.score(0, p1), (90 + 200 + 10 - 3.5 / sd) / 4, 1e-12);
  // Unit 3's b: 4 → 0 moves ob's observed best bound: the whole column is rescored, and every
  // unit's p1, p3 and index with it.
  sb.set(3, 1, 0);
  EXPECT_EQ(sb.stats().columns, 4u); // ob, p1, p3, index
  EXPECT_EQ(sb.stats().rank_rebuilds, 1u);
  EXPECT_DOUBLE_EQ(sb.score(3, sb.compiled().index("ob")), 100);
  // b = {1, 2, 3, 0}, direction −1: −b = {−1, −2, −3, 0}, worst −3, best 0;
  // unit 0: (−1 − (−3)) / 3 · 100 = 66.67 (it was 100, the best, before).
  EXPECT_DOUBLE_EQ(sb.score(0, sb.compiled().index("ob")), 200.0 / 3);
  EXPECT_THROW(sb.set(4, 0, 1), chiso::usage_error);
}

TEST(scoreboard, weights_from_the_data_follow_a_one_cell_update) {
  // Node weights from the data (entropy, CRITIC, PCA, correlation balance) depend on every
  // unit's children: one changed cell moves every unit's parent. A one-unit recomputation
  // with the plan's fixed weights would leave them stale. Indicators on fixed bounds [0, 100]
  // (elementwise: only the changed unit's indicator score moves), index = mean with weights
  // from the data.
  for (const chiso::weight_rule& rule : {chiso::weight_rule{chiso::weights::entropy_rule_t{}},
                                         chiso::weight_rule{chiso::weights::critic_rule_t{}},
                                         chiso::weight_rule{chiso::weights::pca_rule_t{}},
                                         chiso::weight_rule{chiso::weights::balance_rule_t{}}}) {
    chiso::framework f;
    for (const char* id : {"a", "b", "c"}) {
      chiso::indicator i;
      i.id = id;
      i.method = chiso::normalise::min_max{0, 1, true};
      i.lower = 0;
      i.upper = 100;
      f.indicators.push_back(i);
    }
    chiso::node index;
    index.id = "index";
    index.children = {{"a", 1}, {"b", 1}, {"c", 1}};
    index.weights_from = rule;
    f.nodes = {index};
    Eigen::MatrixXd x(5, 3);
    x << 10, 80, 30, //
        20, 60, 35,  //
        40, 70, 20,  //
        50, 20, 60,  //
        90, 30, 45;
    const std::vector<std::string> names{"a", "b", "c"};
    chiso::live::scoreboard sb(chiso::plan::compile(f, names), x);
    expect_equals_full_evaluation(sb, {}, 0);
    sb.set(0, 0, 95);
    expect_equals_full_evaluation(sb, {}, 1);
    sb.set(3, 2, 5);
    expect_equals_full_evaluation(sb, {}, 2);
  }
}

} // namespace chiso_test::scoreboard_test
