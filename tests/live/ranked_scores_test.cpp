// Tests of live/ranked_scores.hpp: hand-worked live ranks, and the property that after any
// sequence of updates every unit's rank equals chiso::rank recomputed from scratch.
#include <chiso/live/ranked_scores.hpp>
#include <chiso/rank.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::ranked_scores_test {

using chiso_test::NA;

namespace {

Eigen::VectorXd vec(std::initializer_list<double> x) {
  Eigen::VectorXd v(static_cast<Eigen::Index>(x.size()));
  Eigen::Index i = 0;
  for (double a : x)
    v[i++] = a;
  return v;
}

std::vector<double> all_ranks(const chiso::live::ranked_scores& r) {
  Eigen::VectorXd out(static_cast<Eigen::Index>(r.size()));
  r.ranks(out);
  return {out.data(), out.data() + out.size()};
}

bool same(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

TEST(ranked_scores, competition_ranks_follow_updates) {
  // scores 8, 9, 7, 8 → ranks 2, 1, 4, 2 (1, 2, 2, 4 in score order)
  chiso::live::ranked_scores r(vec({8, 9, 7, 8}));
  EXPECT_EQ(all_ranks(r), (std::vector<double>{2, 1, 4, 2}));
  // unit 2 jumps to 10: 10, 9, 8, 8 → unit 2 first, unit 1 second, the 8s share 3
  r.update(2, 10);
  EXPECT_EQ(all_ranks(r), (std::vector<double>{3, 2, 1, 3}));
  // unit 1 becomes missing: unranked, and no longer counted (the 8s move up to 2)
  r.update(1, NA);
  EXPECT_TRUE(std::isnan(r.rank_of(1)));
  EXPECT_EQ(r.rank_of(0), 2);
  EXPECT_EQ(r.ranked_in_group_of(0), 3u);
  // and comes back tied with the leader: 10, 10, 8, 8 → 1, 1, 3, 3
  r.update(1, 10);
  EXPECT_EQ(all_ranks(r), (std::vector<double>{3, 1, 1, 3}));
  EXPECT_EQ(r.score_of(1), 10);
}

TEST(ranked_scores, dense_average_and_ascending) {
  chiso::rank_options o;
  o.method = chiso::rank_method::dense;
  EXPECT_EQ(all_ranks(chiso::live::ranked_scores(vec({8, 9, 7, 8}), o)),
            (std::vector<double>{2, 1, 3, 2}));
  o.method = chiso::rank_method::average; // positions 2 and 3 shared: 2.5
  EXPECT_EQ(all_ranks(chiso::live::ranked_scores(vec({8, 9, 7, 8}), o)),
            (std::vector<double>{2.5, 1, 4, 2.5}));
  o.method = chiso::rank_method::competition;
  o.order = chiso::rank_order::ascending; // 7 first, the 8s share 2, 9 last
  EXPECT_EQ(all_ranks(chiso::live::ranked_scores(vec({8, 9, 7, 8}), o)),
            (std::vector<double>{2, 4, 1, 2}));
}

TEST(ranked_scores, rounding_before_comparing_as_published_tables) {
  // 0.50045 and 0.5005 are equal at 4 decimals (0.50045 → 0.5005, half away from zero on the
  // decimal text), so they share rank 1 with round_to = 4, and not without rounding.
  chiso::rank_options o;
  o.round_to = 4;
  chiso::live::ranked_scores r(vec({0.50045, 0.5005, 0.4}), o);
  EXPECT_EQ(all_ranks(r), (std::vector<double>{1, 1, 3}));
  EXPECT_EQ(all_ranks(chiso::live::ranked_scores(vec({0.50045, 0.5005, 0.4}))),
            (std::vector<double>{2, 1, 3}));
  EXPECT_EQ(r.score_of(0), 0.50045); // the score is kept as given
}

TEST(ranked_scores, groups_are_ranked_separately) {
  // as the DTI ranks ministries with and without public services separately:
  // group 7: units 0, 2 (0.5, 0.9) → 2, 1; group 3: units 1, 3 (0.1, 0.3) → 2, 1
  const std::vector<std::uint32_t> g{7, 3, 7, 3};
  chiso::live::ranked_scores r(vec({0.5, 0.1, 0.9, 0.3}), {}, g);
  EXPECT_EQ(all_ranks(r), (std::vector<double>{2, 2, 1, 1}));
  // a group-3 unit overtaking everything moves only within its group
  r.update(1, 5.0);
  EXPECT_EQ(all_ranks(r), (std::vector<double>{2, 1, 1, 2}));
  EXPECT_EQ(r.ranked_in_group_of(0), 2u);
}

TEST(ranked_scores, misuse) {
  EXPECT_THROW(chiso::live::ranked_scores(vec({1, 2}), {}, std::vector<std::uint32_t>{0}),
               chiso::usage_error);
  chiso::rank_options o;
  o.method = chiso::rank_method::ordinal;
  EXPECT_THROW(chiso::live::ranked_scores(vec({1, 2}), o), chiso::usage_error);
  o = {};
  o.round_to = 16;
  EXPECT_THROW(chiso::live::ranked_scores(vec({1, 2}), o), chiso::usage_error);
  chiso::live::ranked_scores r(vec({1, 2}));
  try {
    r.update(2, 1.0);
    FAIL() << "no exception";
  } catch (const chiso::usage_error& e) {
    EXPECT_EQ(std::string(e.what()), "ranked_scores::update: unit 2 out of range (2 units)");
  }
  EXPECT_THROW((void)r.rank_of(5), chiso::usage_error);
}

// Property: after every random update (ties, NaNs, values equal only after rounding, ±0, ±∞),
// each unit's live rank equals chiso::rank over the current scores, for every supported method,
// both orders, with and without rounding, with and without groups.
struct live_case {
  chiso::rank_method method;
  chiso::rank_order order;
  std::optional<int> round_to;
  bool grouped;
};

class ranked_scores_property : public ::testing::TestWithParam<live_case> {};

TEST_P(ranked_scores_property, equals_rank_from_scratch_after_every_update) {
  const auto c = GetParam();
  chiso::rank_options o;
  o.method = c.method;
  o.order = c.order;
  o.round_to = c.round_to;
  constexpr double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> pool{0.1,  0.2,     0.2,    0.3,     0.50045, 0.5005, 0.50044999,
                                 0.0,  -0.0,    -0.25,  1.005,   1.01,    1.0,    inf,
                                 -inf, 0.12345, 0.1235, 0.12349, NA,      NA};
  const std::size_t n = 40;
  std::mt19937_64 rng(766 + static_cast<unsigned>(c.method) * 10 +
                      static_cast<unsigned>(c.order) * 3 + (c.grouped ? 1 : 0));
  auto draw = [&] {
    const auto k = rng() % (pool.size() + 10);
    // most draws from the pool (ties), some fresh values on a 0.001 grid
    return k < pool.size() ? pool[k] : static_cast<double>(rng() % 1000) / 1000.0;
  };
  std::vector<std::uint32_t> groups;
  if (c.grouped)
    for (std::size_t i = 0; i < n; ++i)
      groups.push_back(std::vector<std::uint32_t>{5, 2, 9}[rng() % 3]);
  Eigen::VectorXd s(static_cast<Eigen::Index>(n));
  for (auto& x : s)
    x = draw();
  chiso::live::ranked_scores live(s, o, groups);
  Eigen::VectorXd expected(s.size());
  for (int step = 0; step < 3000; ++step) {
    const auto u = static_cast<Eigen::Index>(rng() % n);
    s[u] = draw();
    live.update(static_cast<std::size_t>(u), s[u]);
    chiso::rank(s, o, groups, expected);
    for (Eigen::Index i = 0; i < s.size(); ++i)
      ASSERT_TRUE(same(live.rank_of(static_cast<std::size_t>(i)), expected[i]))
          << "step " << step << ", unit " << i << ": live "
          << live.rank_of(static_cast<std::size_t>(i)) << ", from scratch " << expected[i];
  }
}

INSTANTIATE_TEST_SUITE_P(
    methods, ranked_scores_property,
    ::testing::Values(
        live_case{chiso::rank_method::competition, chiso::rank_order::descending, {}, false},
        live_case{chiso::rank_method::competition, chiso::rank_order::descending, 4, true},
        live_case{chiso::rank_method::competition, chiso::rank_order::ascending, 2, false},
        live_case{chiso::rank_method::dense, chiso::rank_order::descending, {}, true},
        live_case{chiso::rank_method::dense, chiso::rank_order::ascending, 4, false},
        live_case{chiso::rank_method::average, chiso::rank_order::descending, 2, true},
        live_case{chiso::rank_method::average, chiso::rank_order::ascending, {}, false}),
    [](const auto& info) {
      const auto& c = info.param;
      return std::string(chiso::to_string(c.method)) + "_" +
             std::string(chiso::to_string(c.order)) +
             (c.round_to ? "_round" + std::to_string(*c.round_to) : std::string()) +
             (c.grouped ? "_grouped" : "");
    });

TEST(ranked_scores, equals_rank_from_scratch_at_scale) {
  // 3,000 units in 4 groups (rank.hpp switches sorting algorithm above 2,048 units), scores on a
  // coarse grid so that ties are frequent, 10% missing; all ranks compared after each update.
  const std::size_t n = 3000;
  std::mt19937_64 rng(34);
  auto draw = [&] { return rng() % 10 == 0 ? NA : static_cast<double>(rng() % 500) / 500.0; };
  std::vector<std::uint32_t> groups(n);
  for (auto& g : groups)
    g = static_cast<std::uint32_t>(rng() % 4);
  Eigen::VectorXd s(static_cast<Eigen::Index>(n));
  for (auto& x : s)
    x = draw();
  chiso::rank_options o;
  o.round_to = 2;
  chiso::live::ranked_scores live(s, o, groups);
  Eigen::VectorXd expected(s.size()), got(s.size());
  for (int step = 0; step < 100; ++step) {
    const auto u = static_cast<Eigen::Index>(rng() % n);
    s[u] = draw();
    live.update(static_cast<std::size_t>(u), s[u]);
    chiso::rank(s, o, groups, expected);
    live.ranks(got);
    for (Eigen::Index i = 0; i < s.size(); ++i)
      ASSERT_TRUE(same(got[i], expected[i])) << "step " << step << ", unit " << i;
  }
}

} // namespace chiso_test::ranked_scores_test
