// Tests of live/order_statistics.hpp: counts against a sorted-vector model under random
// inserts and erases (with duplicates), the treap's own invariants, and misuse.
#include <chiso/live/order_statistics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace chiso_test::order_statistics_test {

namespace {

// Model answers on a sorted vector.
std::size_t model_less(const std::vector<double>& v, double k) {
  return static_cast<std::size_t>(std::lower_bound(v.begin(), v.end(), k) - v.begin());
}
std::size_t model_equal(const std::vector<double>& v, double k) {
  auto r = std::equal_range(v.begin(), v.end(), k);
  return static_cast<std::size_t>(r.second - r.first);
}
std::size_t model_distinct_less(const std::vector<double>& v, double k) {
  std::vector<double> u(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(model_less(v, k)));
  u.erase(std::unique(u.begin(), u.end()), u.end());
  return u.size();
}

} // namespace

TEST(order_statistics, small_example_by_hand) {
  chiso::live::order_statistics s;
  for (double x : {5.0, 3.0, 5.0, 1.0, 5.0, 4.0})
    s.insert(x);
  // held: 1, 3, 4, 5, 5, 5
  EXPECT_EQ(s.size(), 6u);
  EXPECT_EQ(s.distinct_size(), 4u);
  EXPECT_EQ(s.count_less(5.0), 3u); // 1, 3, 4
  EXPECT_EQ(s.count(5.0), 3u);
  EXPECT_EQ(s.distinct_less(5.0), 3u); // 1, 3, 4
  EXPECT_EQ(s.count_less(3.5), 2u);    // a key not held: 1, 3
  EXPECT_EQ(s.count(3.5), 0u);
  EXPECT_EQ(s.count_less(0.0), 0u);
  EXPECT_EQ(s.count_less(9.0), 6u);
  EXPECT_EQ(s.distinct_less(9.0), 4u);
  EXPECT_EQ(s.kth(0), 1.0);
  EXPECT_EQ(s.kth(3), 5.0);
  EXPECT_EQ(s.kth(5), 5.0);
  s.erase(5.0);
  EXPECT_EQ(s.count(5.0), 2u);
  EXPECT_EQ(s.distinct_size(), 4u);
  s.erase(3.0);
  EXPECT_EQ(s.distinct_less(5.0), 2u); // 1, 4
  EXPECT_TRUE(s.valid());
}

TEST(order_statistics, signed_zeros_are_one_key) {
  chiso::live::order_statistics s;
  s.insert(0.0);
  s.insert(-0.0);
  EXPECT_EQ(s.count(0.0), 2u);
  EXPECT_EQ(s.distinct_size(), 1u);
  s.erase(-0.0);
  EXPECT_EQ(s.count(0.0), 1u);
}

TEST(order_statistics, infinities_are_keys) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  chiso::live::order_statistics s;
  s.insert(inf);
  s.insert(-inf);
  s.insert(0);
  EXPECT_EQ(s.count_less(inf), 2u);
  EXPECT_EQ(s.count_less(-inf), 0u);
}

TEST(order_statistics, matches_sorted_vector_under_random_operations) {
  std::mt19937_64 rng(20250701);
  chiso::live::order_statistics s;
  std::vector<double> model;
  for (int step = 0; step < 20000; ++step) {
    // few distinct keys → many duplicates; erase about 45% of the time
    const double key = static_cast<double>(rng() % 60) / 4.0;
    if (!model.empty() && rng() % 100 < 45) {
      const double victim = model[rng() % model.size()];
      s.erase(victim);
      model.erase(std::lower_bound(model.begin(), model.end(), victim));
    } else {
      s.insert(key);
      model.insert(std::upper_bound(model.begin(), model.end(), key), key);
    }
    const double probe = static_cast<double>(rng() % 64) / 4.0 - 0.5;
    ASSERT_EQ(s.size(), model.size());
    ASSERT_EQ(s.count_less(probe), model_less(model, probe)) << "step " << step;
    ASSERT_EQ(s.count(probe), model_equal(model, probe)) << "step " << step;
    ASSERT_EQ(s.distinct_less(probe), model_distinct_less(model, probe)) << "step " << step;
    if (!model.empty()) {
      const std::size_t k = rng() % model.size();
      ASSERT_EQ(s.kth(k), model[k]);
    }
    if (step % 500 == 0) {
      ASSERT_TRUE(s.valid()) << "step " << step;
    }
  }
  ASSERT_TRUE(s.valid());
  s.clear();
  EXPECT_TRUE(s.empty());
  EXPECT_EQ(s.count_less(100), 0u);
}

TEST(order_statistics, misuse) {
  chiso::live::order_statistics s;
  EXPECT_THROW(s.insert(std::numeric_limits<double>::quiet_NaN()), chiso::usage_error);
  EXPECT_THROW(s.erase(1.0), chiso::usage_error);
  EXPECT_THROW(s.kth(0), chiso::usage_error);
  s.insert(1.0);
  s.erase(1.0);
  EXPECT_THROW(s.erase(1.0), chiso::usage_error);
  EXPECT_EQ(s.locate(std::numeric_limits<double>::quiet_NaN()).less, 0u);
}

} // namespace chiso_test::order_statistics_test
