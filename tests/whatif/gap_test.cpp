// What moves a unit up (whatif/gap.hpp). Every golden value below is worked by hand in the
// comment above it; the engine is used only to check minimality (one step less does not reach).
#include <chiso/whatif/gap.hpp>

#include <gtest/gtest.h>

#include "support/whatif.hpp"

#include <cmath>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace chiso_test::gap_test {

namespace {

using chiso::whatif::gap_status;

// Rank of `unit` after setting its value in `column` to `v` (the engine, for minimality).
double rank_with(const chiso::plan& p, chiso::dataset d, std::size_t unit, std::size_t column,
                 double v) {
  d.values(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(column)) = v;
  return chiso::evaluate(p, d).rank[static_cast<Eigen::Index>(unit)];
}

// Three units, two indicators on min-max with OBSERVED bounds, index = mean(a, b), ranked on
// values rounded to 4 decimals (as DTI publishes them):
//        a    b      a score       b score          index   rank
//   A    8    2      0.8           0               0.4      3
//   B   10    4      1             0.25            0.625    1
//   C    0   10      0             1               0.5      2
chiso::framework three_units() {
  chiso::framework f;
  f.indicators = {make_indicator("a", chiso::normalise::min_max{}),
                  make_indicator("b", chiso::normalise::min_max{})};
  f.nodes = {{.id = "index", .children = {{"a", 1}, {"b", 1}}}};
  f.ranking.options.round_to = 4;
  return f;
}
chiso::dataset three_units_data() {
  return make_data({"A", "B", "C"}, {"a", "b"}, {{8, 2}, {10, 4}, {0, 10}});
}

} // namespace

TEST(gap, observed_bounds_move_with_the_units_value) {
  const auto d = three_units_data();
  const auto p = chiso::plan::compile(three_units(), d.columns);
  // To rank 1. Through a: beyond a = 10 the maximum is A's own value t, so A's a score stays 1
  // (index 0.5, tying C) while B's falls to 10/t: B's index (10/t + 0.25)/2 must publish as
  // 0.5000 at most, i.e. stay below 0.50005 ⇔ 10/t < 0.7501 ⇔ t > 10/0.7501 = 13.3315558.
  // (With the bounds held at [0, 10], A's index t/20 ≥ 0.625 would say 12.5.)
  // Through b: above b = 4, B holds the minimum, so b scores (t − 4)/6 for A, 0 for B, 1 for
  // C; B and C are at 0.5; A's (0.8 + (t − 4)/6)/2 ≥ 0.49995 ⇔ t ≥ 5.1994 (bounds held at
  // [2, 10] would say 5.5996: the minimum moved from A's 2 to B's 4).
  const auto g = chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{1});
  EXPECT_FALSE(g.already);
  EXPECT_EQ(g.rank_now, 3);
  EXPECT_EQ(g.target_rank, 1);
  ASSERT_EQ(g.indicators.size(), 2u);
  const auto& a = g.indicators[0];
  const auto& b = g.indicators[1];
  EXPECT_EQ(a.status, gap_status::reachable);
  EXPECT_NEAR(a.value_needed, 10 / 0.7501, 1e-9);
  EXPECT_EQ(a.rank_after, 1);
  EXPECT_EQ(b.status, gap_status::reachable);
  EXPECT_NEAR(b.value_needed, 5.1994, 1e-9);
  EXPECT_EQ(b.value_now, 2);
  // Minimal: 1e-3 less does not reach rank 1.
  EXPECT_GT(rank_with(p, d, 0, 0, a.value_needed - 1e-3), 1);
  EXPECT_GT(rank_with(p, d, 0, 1, b.value_needed - 1e-3), 1);
  EXPECT_EQ(rank_with(p, d, 0, 0, a.value_needed), 1);
  // The exact boundary: the double just before does not reach either.
  EXPECT_GT(rank_with(p, d, 0, 0, std::nextafter(a.value_needed, 0.0)), 1);
}

TEST(gap, default_target_is_one_rank_up) {
  const auto d = three_units_data();
  const auto p = chiso::plan::compile(three_units(), d.columns);
  // A is 3rd: rank 2 needs A to publish C's 0.5 (a tie is enough). Through a (inside
  // [0, 10], bounds unmoved): t/20 ≥ 0.49995 ⇔ t ≥ 9.999. Through b: 5.1994 as above (B
  // drops to 0.5 too: A ends 1st).
  const auto g = chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{});
  EXPECT_EQ(g.target_rank, 2);
  EXPECT_EQ(g.score_needed, 0.5);
  EXPECT_FALSE(g.score_needed_strict);
  EXPECT_NEAR(g.indicators[0].value_needed, 9.999, 1e-9);
  EXPECT_EQ(g.indicators[0].rank_after, 2);
  EXPECT_NEAR(g.indicators[1].value_needed, 5.1994, 1e-9);
  EXPECT_EQ(g.indicators[1].rank_after, 1);
}

TEST(gap, already_there_is_stated) {
  const auto d = three_units_data();
  const auto p = chiso::plan::compile(three_units(), d.columns);
  // B is 1st: one rank up is rank 1, where it is.
  const auto g = chiso::whatif::gap(p, d, 1, chiso::whatif::to_rank{});
  EXPECT_TRUE(g.already);
  EXPECT_EQ(g.indicators[0].status, gap_status::already);
  EXPECT_TRUE(std::isnan(g.indicators[0].value_needed));
  // C (2nd) to rank 3: already.
  EXPECT_TRUE(chiso::whatif::gap(p, d, 2, chiso::whatif::to_rank{3}).already);
}

// Identity indicators x, y; index = mean; ranked on values rounded to 2 decimals:
//        x       y     index    rounded
//   P    0.4     0.7   0.55     0.55
//   Q    0.6098  0.6   0.6049   0.60
//   R    0.2     0.2   0.2      0.20
TEST(gap, a_tie_at_the_rounded_value_is_enough) {
  chiso::framework f;
  f.indicators = {make_indicator("x", chiso::normalise::identity{}),
                  make_indicator("y", chiso::normalise::identity{})};
  f.nodes = {{.id = "index", .children = {{"x", 1}, {"y", 1}}}};
  f.ranking.options.round_to = 2;
  const auto d = make_data({"P", "Q", "R"}, {"x", "y"}, {{0.4, 0.7}, {0.6098, 0.6}, {0.2, 0.2}});
  const auto p = chiso::plan::compile(f, d.columns);
  // P to rank 1: a tie with Q's published 0.60 is enough: round2((x + 0.7)/2) ≥ 0.60 ⇔
  // (x + 0.7)/2 ≥ 0.595 ⇔ x ≥ 0.49 (unrounded it would take x ≥ 0.5098). Through y:
  // (0.4 + y)/2 ≥ 0.595 ⇔ y ≥ 0.79.
  const auto g = chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{1});
  EXPECT_EQ(g.score_needed, 0.6);
  EXPECT_NEAR(g.indicators[0].value_needed, 0.49, 1e-12);
  EXPECT_NEAR(g.indicators[1].value_needed, 0.79, 1e-12);
  EXPECT_EQ(g.indicators[0].rank_after, 1);
  EXPECT_GT(rank_with(p, d, 0, 0, g.indicators[0].value_needed - 1e-3), 1);
  EXPECT_GT(rank_with(p, d, 0, 1, g.indicators[1].value_needed - 1e-3), 1);
}

// Decision 766 in small: psq_small() and psq_data() in tests/support/whatif.hpp, worked by
// hand there.
TEST(gap, a_766_province_needs_a_whole_number_of_dossiers) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // Huế (2nd) to rank 1: a published 20.00 ties Đà Nẵng, i.e. an index ≥ 19.995.
  // Online: 15 + 6·(t/90000)/0.5 = 15 + t/7500 ≥ 19.995 ⇔ t ≥ 37462.5 → 37463 dossiers
  // (37462 gives 19.99493 → 19.99); the rate 37463/90000 = 0.416255… Unrounded: 37500.
  // On time: 2.6667 + 20·t/80000 ≥ 19.995 ⇔ t ≥ 69313.33 → 69314 (rate 0.866425).
  const auto g = chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{});
  EXPECT_EQ(g.target_rank, 1);
  EXPECT_EQ(g.score_needed, 20);
  const auto& online = g.indicators[0];
  EXPECT_TRUE(online.whole);
  EXPECT_EQ(online.column, 1u);
  EXPECT_EQ(online.value_now, 20000);
  EXPECT_EQ(online.value_needed, 37463);
  EXPECT_NEAR(online.rate_needed, 37463.0 / 90000, 1e-15);
  EXPECT_EQ(online.limit, 90000); // a share of counts: at most every dossier received
  EXPECT_EQ(g.indicators[1].value_needed, 69314);
  EXPECT_NEAR(g.indicators[1].rate_needed, 0.866425, 1e-12);
  // One dossier less does not reach.
  EXPECT_EQ(rank_with(p, d, 0, 1, 37462), 2);
  EXPECT_EQ(rank_with(p, d, 0, 3, 69313), 2);
  EXPECT_EQ(rank_with(p, d, 0, 1, 37463), 1);
}

TEST(gap, an_unreachable_target_is_stated) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // Sơn La (3rd, 11.2) to rank 1 (≥ 19.995): online gives at most 6 points, 10 + 6 = 16:
  // not reachable even with every dossier online. On time: 1.2 + 20·t/1000 ≥ 19.995 ⇔
  // t ≥ 939.75 → 940 (939 gives 19.98).
  const auto g = chiso::whatif::gap(p, d, 2, chiso::whatif::to_rank{1});
  EXPECT_EQ(g.indicators[0].status, gap_status::unreachable);
  EXPECT_TRUE(std::isnan(g.indicators[0].value_needed));
  EXPECT_EQ(g.indicators[0].limit, 1000);
  EXPECT_EQ(g.indicators[1].status, gap_status::reachable);
  EXPECT_EQ(g.indicators[1].value_needed, 940);
}

TEST(gap, score_and_band_targets) {
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  // Band "good" starts at 20 (classified on the published value): as rank 1 above, 37463.
  const auto band = chiso::whatif::gap(p, d, 0, chiso::whatif::to_band{"good"});
  EXPECT_EQ(band.score_needed, 20);
  EXPECT_EQ(band.indicators[0].value_needed, 37463);
  // Score 18: 15 + t/7500 ≥ 17.995 ⇔ t ≥ 22462.5 → 22463.
  const auto score = chiso::whatif::gap(p, d, 0, chiso::whatif::to_score{18});
  EXPECT_EQ(score.indicators[0].value_needed, 22463);
  EXPECT_THROW(chiso::whatif::gap(p, d, 0, chiso::whatif::to_band{"great"}), chiso::usage_error);
  EXPECT_THROW(chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{0.5}), chiso::usage_error);
  EXPECT_THROW(chiso::whatif::gap(p, d, 7, chiso::whatif::to_rank{}), chiso::usage_error);
}

TEST(gap, ranks_within_the_units_group) {
  // Identity x, y; index = mean; ranked within group g:
  //   U1 (north) 0.5 0.5 → 0.5;  U2 (north) 0.3 0.5 → 0.4;  U3 (south) 0.9 0.9 → 0.9.
  // U2 is 2nd of 2 in the north; rank 1 there needs (x + 0.5)/2 ≥ 0.5 ⇔ x ≥ 0.5 (a tie with
  // U1); overall rank 1 would need x ≥ 1.3.
  chiso::framework f;
  f.indicators = {make_indicator("x", chiso::normalise::identity{}),
                  make_indicator("y", chiso::normalise::identity{})};
  f.nodes = {{.id = "index", .children = {{"x", 1}, {"y", 1}}}};
  f.ranking.group_by = "g";
  auto d = make_data({"U1", "U2", "U3"}, {"x", "y"}, {{0.5, 0.5}, {0.3, 0.5}, {0.9, 0.9}});
  d.groups.push_back({"g", {"north", "north", "south"}});
  const auto p = chiso::plan::compile(f, d.columns);
  const auto g = chiso::whatif::gap(p, d, 1, chiso::whatif::to_rank{});
  EXPECT_EQ(g.rank_now, 2);
  EXPECT_EQ(g.group_size, 2u);
  EXPECT_EQ(g.target_rank, 1);
  EXPECT_NEAR(g.indicators[0].value_needed, 0.5, 1e-12);
  EXPECT_EQ(g.indicators[0].rank_after, 1);
  EXPECT_GT(rank_with(p, d, 1, 0, g.indicators[0].value_needed - 1e-3), 1);
}

TEST(gap, rank_of_unit_agrees_with_rank) {
  std::mt19937_64 r(11);
  Eigen::VectorXd s(40), out(40);
  std::vector<std::uint32_t> groups(40);
  for (Eigen::Index i = 0; i < 40; ++i) {
    s[i] = r() % 7 == 0 ? std::nan("") : static_cast<double>(r() % 9) / 8 + 1e-4 * (r() % 3);
    groups[static_cast<std::size_t>(i)] = static_cast<std::uint32_t>(r() % 3);
  }
  for (auto m : {chiso::rank_method::competition, chiso::rank_method::dense,
                 chiso::rank_method::average, chiso::rank_method::ordinal})
    for (auto o : {chiso::rank_order::descending, chiso::rank_order::ascending})
      for (auto round : {std::optional<int>{}, std::optional<int>{2}}) {
        const chiso::rank_options opt{m, o, round};
        chiso::rank(s, opt, groups, out);
        for (std::size_t i = 0; i < 40; ++i) {
          const double got = chiso::whatif::rank_of_unit(s, opt, groups, i);
          const double want = out[static_cast<Eigen::Index>(i)];
          EXPECT_TRUE(std::isnan(want) ? std::isnan(got) : got == want) << i;
        }
      }
}

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

void expect_same(const chiso::whatif::gap_report& a, const chiso::whatif::gap_report& b) {
  ASSERT_EQ(a.indicators.size(), b.indicators.size());
  EXPECT_TRUE(same_bits(a.score_needed, b.score_needed));
  for (std::size_t k = 0; k < a.indicators.size(); ++k) {
    const auto &x = a.indicators[k], &y = b.indicators[k];
    EXPECT_EQ(x.status, y.status) << k;
    EXPECT_TRUE(same_bits(x.value_needed, y.value_needed))
        << k << ": " << x.value_needed << " vs " << y.value_needed;
    EXPECT_TRUE(same_bits(x.score_after, y.score_after)) << k;
    EXPECT_TRUE(same_bits(x.rank_after, y.rank_after)) << k;
  }
}

} // namespace

TEST(gap, one_unit_probes_equal_full_evaluations) {
  // Mixed methods: fixed and observed min-max, z-score, goalposts, a ratio rule on counts;
  // mean, geometric mean, minimum and a capped sum; two groups; rounding to 2 decimals.
  chiso::framework f;
  auto fa = make_indicator("fa", chiso::normalise::min_max{0, 100, true});
  fa.lower = 0;
  fa.upper = 100;
  auto ob = make_indicator("ob", chiso::normalise::min_max{0, 100, false});
  ob.direction = -1;
  auto zc = make_indicator("zc", chiso::normalise::z_score{10, 2});
  auto gd = make_indicator("gd", chiso::normalise::goalposts{100, false});
  gd.lower = 0;
  gd.upper = 50;
  auto sh = make_indicator("sh", chiso::points::ratio{0.8, true});
  sh.column = "num";
  sh.denominator = "pop";
  sh.points = 10;
  f.indicators = {fa, ob, zc, gd, sh};
  f.nodes = {
      {.id = "index",
       .children = {{"p1", 2}, {"p2", 1}, {"p3", 1}},
       .aggregation = chiso::aggregate::weighted_sum{},
       .cap = 150},
      {.id = "p1", .children = {{"fa", 1}, {"ob", 2}, {"zc", 1}}},
      {.id = "p2",
       .children = {{"gd", 1}, {"sh", 1}},
       .aggregation = chiso::aggregate::geometric_mean{}},
      {.id = "p3", .children = {{"ob", 1}, {"gd", 1}}, .aggregation = chiso::aggregate::minimum{}}};
  f.ranking.options.round_to = 2;
  f.ranking.group_by = "g";
  std::mt19937_64 r(5);
  const std::size_t n = 30;
  chiso::dataset d;
  d.columns = {"fa", "ob", "zc", "gd", "num", "pop"};
  d.values.resize(static_cast<Eigen::Index>(n), 6);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < n; ++i) {
    d.unit_ids.push_back("u" + std::to_string(i));
    labels.push_back(i % 3 == 0 ? "a" : "b");
    const auto ii = static_cast<Eigen::Index>(i);
    for (Eigen::Index j = 0; j < 4; ++j)
      d.values(ii, j) = static_cast<double>(r() % 10000) / 100;
    d.values(ii, 5) = static_cast<double>(100 + r() % 900);
    d.values(ii, 4) = static_cast<double>(r() % 100);
  }
  d.groups.push_back({"g", labels});
  const auto p = chiso::plan::compile(f, d.columns);
  for (std::size_t u : {1u, 4u, 9u, 17u, 26u})
    for (const chiso::whatif::goal& goal : {chiso::whatif::goal{chiso::whatif::to_rank{}},
                                            chiso::whatif::goal{chiso::whatif::to_rank{1}},
                                            chiso::whatif::goal{chiso::whatif::to_score{120}}}) {
      const auto fast = chiso::whatif::gap(p, d, u, goal);
      const auto full = chiso::whatif::gap(p, d, u, goal, {chiso::whatif::evaluation::full});
      expect_same(fast, full);
    }
}

} // namespace chiso_test::gap_test

namespace chiso_test::gap_test {

TEST(gap, weights_from_the_data_agree_with_full_evaluations) {
  // A node with entropy weights: every probe moves every unit's parent through the weights
  // (the live scoreboard evaluates such columns whole); automatic and full agree bit for bit.
  chiso::framework f;
  for (const char* id : {"a", "b", "c"}) {
    auto i = make_indicator(id, chiso::normalise::min_max{0, 1, true});
    i.lower = 0;
    i.upper = 100;
    i.valid_min = 0;
    i.valid_max = 100;
    f.indicators.push_back(i);
  }
  f.nodes = {{.id = "index", .children = {{"a", 1}, {"b", 1}, {"c", 1}}}};
  f.nodes[0].weights_from = chiso::weights::entropy_rule_t{};
  f.ranking.options.round_to = 3;
  const auto d = make_data({"A", "B", "C", "D", "E"}, {"a", "b", "c"},
                           {{10, 80, 30}, {20, 60, 35}, {40, 70, 20}, {50, 20, 60}, {90, 30, 45}});
  const auto p = chiso::plan::compile(f, d.columns);
  for (std::size_t u = 0; u < 5; ++u) {
    const auto fast = chiso::whatif::gap(p, d, u, chiso::whatif::to_rank{1});
    const auto full =
        chiso::whatif::gap(p, d, u, chiso::whatif::to_rank{1}, {chiso::whatif::evaluation::full});
    for (std::size_t k = 0; k < 3; ++k) {
      const auto& x = fast.indicators[k];
      const auto& y = full.indicators[k];
      EXPECT_EQ(x.status, y.status) << u << " " << k;
      EXPECT_EQ(std::isnan(x.value_needed), std::isnan(y.value_needed)) << u << " " << k;
      if (!std::isnan(y.value_needed)) {
        EXPECT_EQ(x.value_needed, y.value_needed) << u << " " << k;
      }
    }
  }
}

TEST(gap, interpolation_finds_the_boundary_bisection_finds) {
  // Fixed and observed bounds, goalposts capped at their posts, a ratio rule on counts capped
  // at its points, a capped sum; ranked with and without rounding. Interpolation only chooses
  // where to probe: the answers are those of bisection alone, bit for bit, in fewer probes.
  for (const auto round_to : {std::optional<int>{}, std::optional<int>{3}}) {
    chiso::framework f;
    auto fa = make_indicator("fa", chiso::normalise::min_max{0, 100, true});
    fa.lower = 0;
    fa.upper = 100;
    fa.valid_min = 0;
    fa.valid_max = 100;
    auto gd = make_indicator("gd", chiso::normalise::goalposts{100, false});
    gd.lower = 10;
    gd.upper = 60;
    auto ob = make_indicator("ob", chiso::normalise::min_max{0, 100, false});
    auto sh = make_indicator("sh", chiso::points::ratio{0.8, true});
    sh.column = "num";
    sh.denominator = "pop";
    sh.points = 100;
    f.indicators = {fa, gd, ob, sh};
    f.nodes = {{.id = "index",
                .children = {{"p", 2}, {"sh", 1}},
                .aggregation = chiso::aggregate::weighted_sum{},
                .cap = 250},
               {.id = "p", .children = {{"fa", 3}, {"gd", 1}, {"ob", 1}}}};
    f.ranking.options.round_to = round_to;
    std::mt19937_64 r(11);
    const std::size_t n = 40;
    chiso::dataset d;
    d.columns = {"fa", "gd", "ob", "num", "pop"};
    d.values.resize(static_cast<Eigen::Index>(n), 5);
    for (std::size_t i = 0; i < n; ++i) {
      d.unit_ids.push_back("u" + std::to_string(i));
      const auto ii = static_cast<Eigen::Index>(i);
      for (Eigen::Index j = 0; j < 3; ++j)
        d.values(ii, j) = static_cast<double>(r() % 10000) / 100;
      d.values(ii, 4) = static_cast<double>(100 + r() % 900);
      d.values(ii, 3) = static_cast<double>(r() % 100);
    }
    const auto p = chiso::plan::compile(f, d.columns);
    std::size_t with = 0, without = 0;
    for (std::size_t u = 0; u < n; u += 3)
      for (const chiso::whatif::goal& goal : {chiso::whatif::goal{chiso::whatif::to_rank{}},
                                              chiso::whatif::goal{chiso::whatif::to_rank{1}},
                                              chiso::whatif::goal{chiso::whatif::to_score{180}}}) {
        const auto a = chiso::whatif::gap(p, d, u, goal);
        chiso::whatif::gap_options o;
        o.interpolate = false;
        const auto b = chiso::whatif::gap(p, d, u, goal, o);
        expect_same(a, b);
        for (std::size_t k = 0; k < a.indicators.size(); ++k) {
          with += a.indicators[k].probes;
          without += b.indicators[k].probes;
        }
      }
    EXPECT_LT(with, without);
  }
}

TEST(gap, an_evaluation_given_is_used_as_is) {
  // Starting from an evaluation already made (keep::all or keep::aggregates) gives the same
  // answers as evaluating again; one of other values is refused.
  const auto d = psq_data();
  const auto p = chiso::plan::compile(psq_small(), d.columns);
  const auto own = chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{1});
  for (const auto what : {chiso::keep::all, chiso::keep::aggregates}) {
    chiso::result r;
    chiso::evaluate(p, d.values, {}, {}, r, what);
    chiso::whatif::gap_options o;
    o.evaluated = &r;
    expect_same(chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{1}, o), own);
  }
  chiso::result small;
  chiso::evaluate(p, d.values.topRows(2), {}, {}, small);
  chiso::whatif::gap_options o;
  o.evaluated = &small;
  EXPECT_THROW((void)chiso::whatif::gap(p, d, 0, chiso::whatif::to_rank{1}, o), chiso::usage_error);
}

} // namespace chiso_test::gap_test
