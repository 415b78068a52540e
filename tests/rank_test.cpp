// Tests of rank.hpp: tie methods, order, groups, missing scores and rounding before ranking.
#include <chiso/rank.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "support/values.hpp"

namespace chiso_test::rank_test {

using chiso_test::NA;

namespace {

std::vector<double> ranks(const std::vector<double>& s, chiso::rank_options o = {},
                          const std::vector<std::uint32_t>& groups = {}) {
  Eigen::VectorXd x =
      Eigen::Map<const Eigen::VectorXd>(s.data(), static_cast<Eigen::Index>(s.size()));
  Eigen::VectorXd out(x.size());
  chiso::rank(x, o, groups, out);
  return {out.data(), out.data() + out.size()};
}

chiso::rank_options with(chiso::rank_method m,
                         chiso::rank_order ord = chiso::rank_order::descending) {
  chiso::rank_options o;
  o.method = m;
  o.order = ord;
  return o;
}

} // namespace

// Scores 9, 8, 8, 7 given in a shuffled unit order: 8, 9, 7, 8.
TEST(rank, competition_is_the_default_1_2_2_4) {
  EXPECT_EQ(ranks({8, 9, 7, 8}), (std::vector<double>{2, 1, 4, 2}));
}

TEST(rank, dense_1_2_2_3) {
  EXPECT_EQ(ranks({8, 9, 7, 8}, with(chiso::rank_method::dense)),
            (std::vector<double>{2, 1, 3, 2}));
}

TEST(rank, average_1_2p5_2p5_4) {
  EXPECT_EQ(ranks({8, 9, 7, 8}, with(chiso::rank_method::average)),
            (std::vector<double>{2.5, 1, 4, 2.5}));
  // three-way tie after the leader: positions 2, 3, 4 → (2 + 4) / 2 = 3
  EXPECT_EQ(ranks({5, 5, 6, 5}, with(chiso::rank_method::average)),
            (std::vector<double>{3, 3, 1, 3}));
}

TEST(rank, ordinal_breaks_ties_by_unit_order) {
  // the first 8 in the data (unit 0) before the second (unit 3)
  EXPECT_EQ(ranks({8, 9, 7, 8}, with(chiso::rank_method::ordinal)),
            (std::vector<double>{2, 1, 4, 3}));
}

TEST(rank, ascending_gives_rank_one_to_the_lowest) {
  EXPECT_EQ(
      ranks({8, 9, 7, 8}, with(chiso::rank_method::competition, chiso::rank_order::ascending)),
      (std::vector<double>{2, 4, 1, 2}));
  EXPECT_EQ(ranks({8, 9, 7, 8}, with(chiso::rank_method::dense, chiso::rank_order::ascending)),
            (std::vector<double>{2, 3, 1, 2}));
}

TEST(rank, groups_are_ranked_separately) {
  // group 0: units 0, 2, 4 with 0.5, 0.9, 0.5 → 0.9 first, the two 0.5 share 2
  // group 1: units 1, 3, 5 with 0.1, 0.3, 0.2 → 3, 1, 2
  EXPECT_EQ(ranks({0.5, 0.1, 0.9, 0.3, 0.5, 0.2}, {}, {0, 1, 0, 1, 0, 1}),
            (std::vector<double>{2, 3, 1, 1, 2, 2}));
  // group codes need not be sorted nor contiguous in the data
  EXPECT_EQ(ranks({1, 2, 3, 4}, {}, {7, 3, 7, 3}), (std::vector<double>{2, 2, 1, 1}));
}

TEST(rank, missing_scores_are_unranked_and_do_not_count) {
  const auto r = ranks({NA, 0.4, 0.8, NA, 0.4});
  EXPECT_TRUE(std::isnan(r[0]));
  EXPECT_TRUE(std::isnan(r[3]));
  EXPECT_EQ(r[2], 1);
  EXPECT_EQ(r[1], 2);
  EXPECT_EQ(r[4], 2);
  const auto all_missing = ranks({NA, NA});
  EXPECT_TRUE(std::isnan(all_missing[0]) && std::isnan(all_missing[1]));
}

TEST(rank, round_to_makes_scores_equal_to_4_decimals_tie) {
  chiso::rank_options o;
  o.round_to = 4;
  // 0.12344 → 0.1234 and 0.12341 → 0.1234: tie
  EXPECT_EQ(ranks({0.12341, 0.12344, 0.2}, o), (std::vector<double>{2, 2, 1}));
  // without rounding they differ
  EXPECT_EQ(ranks({0.12341, 0.12344, 0.2}), (std::vector<double>{3, 2, 1}));
  // 0.12344 → 0.1234 but 0.12345 → 0.1235 (half away from zero on the decimal text, as published
  // tables round)
  EXPECT_EQ(ranks({0.12344, 0.12345}, o), (std::vector<double>{2, 1}));
  // 0.12345 and 0.12354 both round to 0.1235, so they tie at 4 decimals
  EXPECT_EQ(ranks({0.12345, 0.12354}, o), (std::vector<double>{1, 1}));
  // ...and differ at 5
  o.round_to = 5;
  EXPECT_EQ(ranks({0.12345, 0.12354}, o), (std::vector<double>{2, 1}));
}

TEST(rank, misuse_throws_usage_error) {
  Eigen::VectorXd x(3), out(3), short_out(2);
  x << 1, 2, 3;
  const std::vector<std::uint32_t> two_groups{0, 1};
  EXPECT_THROW(chiso::rank(x, {}, two_groups, out), chiso::usage_error);
  EXPECT_THROW(chiso::rank(x, {}, {}, short_out), chiso::usage_error);
  chiso::rank_options o;
  o.round_to = -1;
  try {
    chiso::rank(x, o, {}, out);
    FAIL() << "expected usage_error";
  } catch (const chiso::usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("round_to must be in [0, 15]"), std::string::npos);
  }
}

TEST(rank, group_codes_in_order_of_first_appearance) {
  EXPECT_EQ(chiso::group_codes({"no", "yes", "no", "maybe", "yes"}),
            (std::vector<std::uint32_t>{0, 1, 0, 2, 1}));
}

TEST(rank, competition_equals_one_plus_count_strictly_higher) {
  // The peers' definition (PEERS.md): rank = 1 + #{units with a strictly higher score}.
  const std::vector<double> s{3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NA, 8, 9, 7, 9};
  const auto r = ranks(s);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::isnan(s[i])) continue;
    int higher = 0;
    for (double t : s)
      higher += t > s[i];
    EXPECT_EQ(r[i], 1 + higher) << "unit " << i;
  }
}

// From 2,048 units the sort is a radix sort on the bits of the keys: check every rank method
// against definitions that need no sort, on data with many ties, negative values, −0 and +0,
// infinities, missing scores and groups, in both orders.
TEST(rank, large_inputs_match_the_definitions) {
  const std::size_t n = 2500;
  std::vector<double> s(n);
  std::vector<std::uint32_t> g(n);
  std::uint64_t state = 12345;
  auto next = [&] { // splitmix64
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  const double specials[] = {0.0,
                             -0.0,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             NA,
                             1e300,
                             -1e-300};
  for (std::size_t i = 0; i < n; ++i) {
    const auto u = next();
    s[i] = u % 10 == 0 ? specials[(u >> 8) % 7]
                       : static_cast<double>(static_cast<std::int64_t>((u >> 8) % 400) - 200) / 8;
    g[i] = static_cast<std::uint32_t>((u >> 40) % 3);
  }
  for (auto order : {chiso::rank_order::descending, chiso::rank_order::ascending})
    for (auto method : {chiso::rank_method::competition, chiso::rank_method::dense,
                        chiso::rank_method::average, chiso::rank_method::ordinal}) {
      chiso::rank_options o;
      o.method = method;
      o.order = order;
      Eigen::VectorXd r(static_cast<Eigen::Index>(n));
      chiso::rank(Eigen::Map<const Eigen::VectorXd>(s.data(), static_cast<Eigen::Index>(n)), o, g,
                  r);
      for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(s[i])) {
          EXPECT_TRUE(std::isnan(r[static_cast<Eigen::Index>(i)]));
          continue;
        }
        // better / equal-before / equal counts among ranked units of the same group.
        double better = 0, equal = 0, equal_before = 0;
        std::vector<double> distinct_better;
        for (std::size_t j = 0; j < n; ++j) {
          if (g[j] != g[i] || std::isnan(s[j])) continue;
          const bool b = order == chiso::rank_order::descending ? s[j] > s[i] : s[j] < s[i];
          if (b) {
            ++better;
            distinct_better.push_back(s[j] == 0 ? 0.0 : s[j]);
          } else if (s[j] == s[i]) {
            ++equal;
            equal_before += j < i;
          }
        }
        std::sort(distinct_better.begin(), distinct_better.end());
        const double n_distinct = static_cast<double>(
            std::unique(distinct_better.begin(), distinct_better.end()) - distinct_better.begin());
        double want = 0;
        switch (method) {
        case chiso::rank_method::competition: want = 1 + better; break;
        case chiso::rank_method::dense: want = 1 + n_distinct; break;
        case chiso::rank_method::average: want = better + (1 + equal) / 2; break;
        case chiso::rank_method::ordinal: want = 1 + better + equal_before; break;
        }
        ASSERT_EQ(r[static_cast<Eigen::Index>(i)], want)
            << "unit " << i << " score " << s[i] << " method " << chiso::to_string(method)
            << " order " << chiso::to_string(order);
      }
    }
}

} // namespace chiso_test::rank_test
