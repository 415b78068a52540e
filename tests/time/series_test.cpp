// Tests of time/series.hpp: units aligned across periods, a node's ranks in a period, an
// indicator's raw values, the targets a framework declares, and status counts over the units
// present in a period. Every expected value is worked out by hand in the comments.
#include <chiso/framework.hpp>
#include <chiso/plan.hpp>
#include <chiso/score.hpp>
#include <chiso/time/series.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::series_test {

using chiso_test::NA;

namespace {

constexpr auto npos = chiso::time::panel_units::npos;
using chiso::time::target_status;

// a = 100 · x / pop (identity), b (identity); top = mean(a, b). Targets: a's value 80 by 2027,
// b's score 0.5 by 2026 (declared second on b), top's score 0.6 by 2030.
chiso::framework model() {
  chiso::framework f;
  chiso::indicator a, b;
  a.id = "a";
  a.column = "x";
  a.denominator = "pop";
  a.scale = 100;
  a.method = chiso::normalise::identity{};
  chiso::time::tracked_target ta;
  ta.goal.value = 80;
  ta.goal.deadline = 2027;
  a.targets = {ta};
  b.id = "b";
  b.method = chiso::normalise::identity{};
  chiso::time::tracked_target tb;
  tb.goal.value = 0.5;
  tb.goal.deadline = 2026;
  tb.of = chiso::time::target_of::score;
  b.targets = {tb};
  f.indicators = {a, b};
  chiso::node top;
  top.id = "top";
  top.children = {{"a", 1}, {"b", 1}};
  chiso::time::tracked_target tt;
  tt.goal.value = 0.6;
  tt.goal.deadline = 2030;
  tt.of = chiso::time::target_of::score;
  top.targets = {tt};
  f.nodes = {top};
  return f;
}

chiso::plan compiled() {
  return chiso::plan::compile(model(), std::vector<std::string>{"x", "pop", "b"});
}

chiso::dataset period(std::vector<std::string> ids) {
  chiso::dataset d;
  d.unit_ids = std::move(ids);
  return d;
}

} // namespace

TEST(series, align_units_in_order_of_first_appearance) {
  // 2023: u1 u2 u3; 2024: u3 u1; 2025: u4 u1 -> u1 u2 u3 u4, with each one's row per period.
  const std::vector<chiso::dataset> data{period({"u1", "u2", "u3"}), period({"u3", "u1"}),
                                         period({"u4", "u1"})};
  const auto u = chiso::time::align_units(data);
  EXPECT_EQ(u.ids, (std::vector<std::string>{"u1", "u2", "u3", "u4"}));
  ASSERT_EQ(u.n_periods(), 3u);
  EXPECT_EQ(u.row[0], (std::vector<std::size_t>{0, 1, 2, npos}));
  EXPECT_EQ(u.row[1], (std::vector<std::size_t>{1, npos, 0, npos}));
  EXPECT_EQ(u.row[2], (std::vector<std::size_t>{1, npos, npos, 0}));
  EXPECT_TRUE(u.present(2, 3));
  EXPECT_FALSE(u.present(1, 1));
  // gather: out(u, t) = 10·t + row, NaN where absent.
  const auto m = u.gather([](std::size_t t, std::size_t i) { return 10.0 * t + i; });
  ASSERT_EQ(m.rows(), 4);
  ASSERT_EQ(m.cols(), 3);
  EXPECT_EQ(m(0, 0), 0.0);
  EXPECT_EQ(m(0, 1), 11.0);
  EXPECT_EQ(m(0, 2), 21.0);
  EXPECT_EQ(m(2, 1), 10.0);
  EXPECT_EQ(m(3, 2), 20.0);
  EXPECT_TRUE(std::isnan(m(1, 1)));
  EXPECT_TRUE(std::isnan(m(3, 0)));
}

TEST(series, align_units_rejects_a_repeated_unit) {
  const std::vector<std::vector<std::string>> ids{{"u1"}, {"u2", "u2"}};
  EXPECT_THROW(chiso::time::align_units(std::span<const std::vector<std::string>>(ids)),
               chiso::usage_error);
}

TEST(series, node_ranks_follow_the_roots_rules) {
  const auto p = compiled();
  chiso::result r;
  r.scores.resize(3, 3);   // a, b, top (plan order)
  r.scores << 0.5, 0.1, 0, //
      0.9, 0.2, 0,         //
      0.5, 0.3, 0;
  r.rank.resize(3);
  r.rank << 7, 8, 9; // the root's ranks are returned as evaluated
  const auto a = p.index("a");
  // a descending, competition: 0.9 -> 1, the two 0.5 tie at 2.
  auto ra = chiso::time::node_ranks(p, r, {}, a);
  EXPECT_EQ(ra[0], 2);
  EXPECT_EQ(ra[1], 1);
  EXPECT_EQ(ra[2], 2);
  // Within groups {u1, u3} and {u2}: the tie ranks 1 in its group, u2 1 in its own.
  const std::vector<std::uint32_t> g{0, 1, 0};
  ra = chiso::time::node_ranks(p, r, g, a);
  EXPECT_EQ(ra[0], 1);
  EXPECT_EQ(ra[1], 1);
  EXPECT_EQ(ra[2], 1);
  const auto root = chiso::time::node_ranks(p, r, g, p.root());
  EXPECT_EQ(root[0], 7);
  EXPECT_EQ(root[2], 9);
}

TEST(series, indicator_values_are_column_over_denominator_times_scale) {
  const auto p = compiled();
  // Columns x, pop, b. a = 100 · x / pop: 100 · 3 / 10 = 30; pop 0 -> NaN; pop NaN -> NaN;
  // x NaN -> NaN. b has no denominator: its column as is.
  Eigen::MatrixXd v(4, 3);
  v << 3, 10, 0.25, //
      2, 0, 0.5,    //
      1, NA, 0.75,  //
      NA, 4, NA;
  const auto a = chiso::time::indicator_values(p, p.index("a"), v);
  EXPECT_DOUBLE_EQ(a[0], 30.0);
  EXPECT_TRUE(std::isnan(a[1]));
  EXPECT_TRUE(std::isnan(a[2]));
  EXPECT_TRUE(std::isnan(a[3]));
  const auto b = chiso::time::indicator_values(p, p.index("b"), v);
  EXPECT_EQ(b[1], 0.5);
  EXPECT_TRUE(std::isnan(b[3]));
  EXPECT_THROW(chiso::time::indicator_values(p, p.root(), v), chiso::usage_error);
}

TEST(series, declared_targets_indicators_then_nodes) {
  const auto p = compiled();
  const auto d = chiso::time::declared_targets(p);
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].id, "a");
  EXPECT_EQ(d[0].kind(), "indicator");
  EXPECT_TRUE(d[0].tracks_value());
  EXPECT_EQ(d[0].target.goal.value, 80);
  EXPECT_EQ(d[1].id, "b");
  EXPECT_FALSE(d[1].tracks_value()); // of: score
  EXPECT_EQ(d[2].id, "top");
  EXPECT_EQ(d[2].kind(), "node");
  EXPECT_EQ(d[2].index, p.root());
  EXPECT_FALSE(d[2].tracks_value());
}

TEST(series, count_present_leaves_absent_units_out) {
  // Units u1 u2 u3; u2 absent from period 1. Statuses (unit × period):
  //   u1 achieved, no_data;  u2 on_track, (absent: achieved, not counted);  u3 off_track, achieved.
  const std::vector<std::vector<std::string>> ids{{"u1", "u2", "u3"}, {"u1", "u3"}};
  const auto units = chiso::time::align_units(std::span<const std::vector<std::string>>(ids));
  chiso::time::target_result r;
  r.attainment.resize(3, 2);
  r.status = {target_status::achieved, target_status::on_track, target_status::off_track,
              target_status::no_data,  target_status::achieved, target_status::achieved};
  // Groups g0 = {u1, u3}, g1 = {u2}. Period 1: g0 no_data 1 (u1), achieved 1 (u3); g1 empty.
  const std::vector<std::uint32_t> g{0, 1, 0};
  const auto t1 = chiso::time::count_present(r, units, 1, g);
  ASSERT_EQ(t1.counts.size(), 2u);
  EXPECT_EQ(t1.count(0, target_status::achieved), 1u);
  EXPECT_EQ(t1.count(0, target_status::no_data), 1u);
  EXPECT_EQ(t1.total(0), 2u);
  EXPECT_EQ(t1.total(1), 0u);
  // Period 0, one group: every unit present, one of each of achieved, on_track, off_track.
  const auto t0 = chiso::time::count_present(r, units, 0);
  ASSERT_EQ(t0.counts.size(), 1u);
  EXPECT_EQ(t0.count(0, target_status::on_track), 1u);
  EXPECT_EQ(t0.total(0), 3u);
  EXPECT_THROW(chiso::time::count_present(r, units, 2), chiso::usage_error);
}

} // namespace chiso_test::series_test
