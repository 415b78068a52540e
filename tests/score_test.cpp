// Tests of score.hpp: evaluating a plan (scores, ranks, bands, diagnostics, misuse) and each
// indicator's contribution to a unit's score.
#include <chiso/score.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::score_test {

using chiso_test::NA;

namespace {

bool has(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

chiso::indicator identity(const std::string& id) {
  chiso::indicator i;
  i.id = id;
  i.method = chiso::normalise::identity{};
  return i;
}

// top = mean(mid ×1, c ×3); mid = mean(a ×1, b ×1)
chiso::framework two_levels() {
  chiso::framework f;
  f.indicators = {identity("a"), identity("b"), identity("c")};
  chiso::node top, mid;
  top.id = "top";
  top.children = {{"mid", 1}, {"c", 3}};
  mid.id = "mid";
  mid.children = {{"a", 1}, {"b", 1}};
  f.nodes = {top, mid};
  return f;
}

chiso::dataset data(std::vector<std::string> cols,
                    std::initializer_list<std::initializer_list<double>> rows) {
  chiso::dataset d;
  d.columns = std::move(cols);
  d.values.resize(static_cast<Eigen::Index>(rows.size()),
                  static_cast<Eigen::Index>(d.columns.size()));
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (double v : row)
      d.values(i, j++) = v;
    d.unit_ids.push_back("u" + std::to_string(++i));
  }
  return d;
}

} // namespace

TEST(score, evaluates_every_level_ranks_and_bands_the_root) {
  auto f = two_levels();
  f.bands = {{"good", 0.8}, {"fair", 0.5}, {"poor"}};
  // u1: mid = (0.2 + 0.6) / 2 = 0.4; top = (0.4 + 3·1.0) / 4 = 3.4 / 4 = 0.85
  // u2: mid = (1 + 1) / 2 = 1;       top = (1 + 3·0.5) / 4 = 2.5 / 4 = 0.625
  // u3: c missing → top = mid = (0 + 0.2) / 2 = 0.1
  const auto d = data({"a", "b", "c"}, {{0.2, 0.6, 1.0}, {1, 1, 0.5}, {0, 0.2, NA}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  const auto top = static_cast<Eigen::Index>(p.index("top"));
  const auto mid = static_cast<Eigen::Index>(p.index("mid"));
  EXPECT_NEAR(r.scores(0, mid), 0.4, 1e-15);
  EXPECT_NEAR(r.scores(0, top), 0.85, 1e-15);
  EXPECT_NEAR(r.scores(1, top), 0.625, 1e-15);
  EXPECT_NEAR(r.scores(2, top), 0.1, 1e-15);
  EXPECT_EQ(r.rank[0], 1);
  EXPECT_EQ(r.rank[1], 2);
  EXPECT_EQ(r.rank[2], 3);
  EXPECT_EQ(r.band, (std::vector<int>{0, 1, 2}));
  EXPECT_TRUE(r.diagnostics.empty());
}

TEST(score, bands_and_ranks_use_the_rounded_score_when_round_to_is_set) {
  auto f = two_levels();
  f.bands = {{"good", 0.8}, {"poor"}};
  f.ranking.options.round_to = 4;
  // top = (mid + 3c) / 4 with a = b = c = x gives x: 0.79996 → 0.8000 → good; 0.80004 → 0.8000
  const auto d = data({"a", "b", "c"}, {{0.79996, 0.79996, 0.79996}, {0.80004, 0.80004, 0.80004}});
  const auto r = chiso::score(f, d);
  EXPECT_EQ(r.band, (std::vector<int>{0, 0}));
  EXPECT_EQ(r.rank[0], 1);
  EXPECT_EQ(r.rank[1], 1);
}

TEST(score, ranks_within_the_frameworks_group_column) {
  auto f = two_levels();
  f.ranking.group_by = "kind";
  auto d = data({"a", "b", "c"}, {{1, 1, 1}, {0.5, 0.5, 0.5}, {0.2, 0.2, 0.2}, {0.9, 0.9, 0.9}});
  d.groups = {{"kind", {"x", "y", "y", "x"}}};
  const auto r = chiso::score(f, d);
  EXPECT_EQ(r.rank[0], 1);
  EXPECT_EQ(r.rank[3], 2);
  EXPECT_EQ(r.rank[1], 1);
  EXPECT_EQ(r.rank[2], 2);
  d.groups.clear();
  d.source = "provinces.csv";
  try {
    (void)chiso::score(f, d);
    FAIL() << "expected input_error";
  } catch (const chiso::input_error& e) {
    EXPECT_TRUE(
        has(e.what(), "provinces.csv: ranking is by group column 'kind', which the data lacks"))
        << e.what();
  }
}

TEST(score, result_is_reusable_across_evaluations) {
  const auto f = two_levels();
  const auto d1 = data({"a", "b", "c"}, {{0.2, 0.6, 1.0}, {1, 1, 0.5}});
  const auto d2 = data({"a", "b", "c"}, {{1, 1, 1}, {0, 0, 0}, {0.5, 0.5, 0.5}});
  const auto p = chiso::plan::compile(f, d1.columns);
  chiso::result r;
  chiso::evaluate(p, d1.values, {}, r);
  chiso::evaluate(p, d2.values, {}, r);
  EXPECT_EQ(r.scores.rows(), 3);
  EXPECT_EQ(r.rank.size(), 3);
  EXPECT_EQ(r.band.size(), 3u);
  EXPECT_NEAR(r.scores(2, static_cast<Eigen::Index>(p.root())), 0.5, 1e-15);
}

TEST(score, values_with_too_few_columns_is_a_usage_error) {
  const auto f = two_levels();
  const std::vector<std::string> cols{"a", "b", "c"};
  const auto p = chiso::plan::compile(f, cols);
  Eigen::MatrixXd two_cols(2, 2);
  two_cols.setZero();
  chiso::result r;
  try {
    chiso::evaluate(p, two_cols, {}, r);
    FAIL() << "expected usage_error";
  } catch (const chiso::usage_error& e) {
    EXPECT_TRUE(has(e.what(), "values has 2 columns but indicator 'c' reads column 2")) << e.what();
  }
}

TEST(contributions, arithmetic_mean_rows_sum_to_the_score) {
  const auto f = two_levels();
  // u1: a = 0.2, b = 0.6, c = 1: top = 0.85; shares: a, b 1/4 · 1/2 = 0.125, c 3/4
  //     → contributions 0.025, 0.075, 0.75 (sum 0.85)
  // u2: c missing: top = mid = (0.4 + 0.8) / 2 = 0.6; shares renormalised: a, b 0.5, c 0
  //     → 0.2, 0.4, 0
  // u3: b missing too: top = mid = a = 0.3; share of a 1 → 0.3, 0, 0
  const auto d = data({"a", "b", "c"}, {{0.2, 0.6, 1.0}, {0.4, 0.8, NA}, {0.3, NA, NA}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  const auto c = chiso::contributions(p, r, p.index("top"));
  ASSERT_EQ(c.rows(), 3);
  ASSERT_EQ(c.cols(), 3);
  EXPECT_NEAR(c(0, 0), 0.025, 1e-15);
  EXPECT_NEAR(c(0, 1), 0.075, 1e-15);
  EXPECT_NEAR(c(0, 2), 0.75, 1e-15);
  EXPECT_NEAR(c(1, 0), 0.2, 1e-15);
  EXPECT_NEAR(c(1, 1), 0.4, 1e-15);
  EXPECT_EQ(c(1, 2), 0.0);
  EXPECT_NEAR(c(2, 0), 0.3, 1e-15);
  EXPECT_EQ(c(2, 1), 0.0);
  const auto top = static_cast<Eigen::Index>(p.index("top"));
  for (Eigen::Index i = 0; i < 3; ++i)
    EXPECT_NEAR(c.row(i).sum(), r.scores(i, top), 1e-15);
  // at the middle node: only a and b contribute
  const auto cm = chiso::contributions(p, r, p.index("mid"));
  EXPECT_NEAR(cm(0, 0), 0.1, 1e-15);
  EXPECT_NEAR(cm(0, 1), 0.3, 1e-15);
  EXPECT_EQ(cm(0, 2), 0.0);
  // at an indicator: the indicator's own score
  const auto ci = chiso::contributions(p, r, p.index("b"));
  EXPECT_EQ(ci(0, 1), 0.6);
  EXPECT_EQ(ci(0, 0), 0.0);
}

TEST(contributions, weighted_sum_rows_sum_to_the_score_including_scaled_up_missing) {
  // total = sum(p1 ×6, p2 ×4) on shares; u1: 6·0.5 + 4·1 = 7 → 3 and 4
  // u2: p2 missing → 6·0.5 · 10/6 = 5, all from p1
  chiso::framework f;
  f.indicators = {identity("p1"), identity("p2")};
  chiso::node t;
  t.id = "total";
  t.children = {{"p1", 6}, {"p2", 4}};
  t.aggregation = chiso::aggregate::weighted_sum{};
  f.nodes = {t};
  const auto d = data({"p1", "p2"}, {{0.5, 1}, {0.5, NA}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  const auto c = chiso::contributions(p, r, p.root());
  EXPECT_NEAR(c(0, 0), 3.0, 1e-14);
  EXPECT_NEAR(c(0, 1), 4.0, 1e-14);
  EXPECT_NEAR(c(1, 0), 5.0, 1e-14);
  EXPECT_EQ(c(1, 1), 0.0);
  EXPECT_NEAR(r.scores(1, 2), 5.0, 1e-14);
}

TEST(contributions, capped_node_still_adds_up_to_its_score) {
  // group = sum(p1, p2) capped at 18: u1 10 + 12 = 22 → 18; contributions scaled by 18/22:
  // 10·18/22 = 90/11 and 12·18/22 = 108/11 (sum 198/11 = 18)
  chiso::framework f;
  f.indicators = {identity("p1"), identity("p2")};
  chiso::node g;
  g.id = "group";
  g.children = {{"p1", 1}, {"p2", 1}};
  g.aggregation = chiso::aggregate::weighted_sum{};
  g.cap = 18;
  f.nodes = {g};
  const auto d = data({"p1", "p2"}, {{10, 12}, {5, 6}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  const auto c = chiso::contributions(p, r, p.root());
  EXPECT_NEAR(c(0, 0), 90.0 / 11.0, 1e-13);
  EXPECT_NEAR(c(0, 1), 108.0 / 11.0, 1e-13);
  EXPECT_NEAR(c.row(0).sum(), 18.0, 1e-13);
  EXPECT_EQ(c(1, 0), 5.0); // under the cap: untouched
  EXPECT_EQ(c(1, 1), 6.0);
}

TEST(contributions, geometric_node_is_a_usage_error_naming_it) {
  auto f = two_levels();
  f.nodes[1].aggregation = chiso::aggregate::geometric_mean{};
  const auto d = data({"a", "b", "c"}, {{0.2, 0.6, 1.0}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto r = chiso::evaluate(p, d);
  try {
    (void)chiso::contributions(p, r, p.index("top"));
    FAIL() << "expected usage_error";
  } catch (const chiso::usage_error& e) {
    EXPECT_TRUE(has(e.what(), "node 'mid' is not additive (geometric_mean)")) << e.what();
  }
  EXPECT_THROW((void)chiso::contributions(p, r, 99), chiso::usage_error);
}

} // namespace chiso_test::score_test
