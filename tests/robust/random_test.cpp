// The written-out random numbers of robustness runs: published values of the generators, and
// the distributions' moments.

#include <chiso/robust/random.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <vector>

namespace chiso_test::random_test {

namespace {

using namespace chiso::robust;

TEST(random, generator_is_the_standard_mersenne_twister) {
  // C++ standard [rand.predef]: the 10000th output of a default-constructed mt19937_64 is
  // 9981545732273789042.
  generator g;
  g.discard(9999);
  EXPECT_EQ(g(), 9981545732273789042ull);
}

TEST(random, mix64_is_the_splitmix64_finaliser) {
  // splitmix64 seeded with 0 (Steele, Lea & Flood 2014; Vigna's reference splitmix64.c):
  // its first outputs are mix64(γ), mix64(2γ), mix64(3γ): 0xE220A8397B1DCDAF,
  // 0x6E789E6AA1B965F4, 0x06C45D188009454F.
  constexpr std::uint64_t golden = 0x9E3779B97F4A7C15ull;
  EXPECT_EQ(mix64(golden), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(mix64(2 * golden), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(mix64(3 * golden), 0x06C45D188009454Full);
}

TEST(random, stream_seeds_differ_across_replications_and_inputs) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t a = 0; a < 100; ++a)
    for (std::uint64_t b = 0; b < 10; ++b)
      seen.insert(stream_seed(42, a, b));
  EXPECT_EQ(seen.size(), 1000u);
  EXPECT_NE(stream_seed(1, 0, 0), stream_seed(2, 0, 0));
  EXPECT_EQ(stream_seed(1, 5, 3), stream_seed(1, 5, 3));
}

TEST(random, uniform01_is_the_top_53_bits) {
  generator g(7), h(7);
  for (int k = 0; k < 10; ++k) {
    const double u = uniform01(g);
    EXPECT_EQ(u, static_cast<double>(h() >> 11) / 9007199254740992.0); // 2^53
    EXPECT_GE(u, 0.0);
    EXPECT_LT(u, 1.0);
  }
}

TEST(random, uniform_below_covers_the_range_evenly) {
  // m = 6, M = 60,000 draws: each count ~ Binomial(60000, 1/6), sd 91.3; allow 5 sd.
  generator g(3);
  std::vector<int> count(6, 0);
  for (int k = 0; k < 60000; ++k) {
    const auto x = uniform_below(g, 6);
    ASSERT_LT(x, 6u);
    ++count[x];
  }
  for (int c : count)
    EXPECT_NEAR(c, 10000, 5 * 91.3);
  EXPECT_EQ(uniform_below(g, 1), 0u);
}

/// Mean and variance of M draws of `f`.
template <class F> std::pair<double, double> moments(F f, int M) {
  double s = 0, s2 = 0;
  for (int k = 0; k < M; ++k) {
    const double x = f();
    s += x;
    s2 += x * x;
  }
  const double mean = s / M;
  return {mean, s2 / M - mean * mean};
}

TEST(random, standard_normal_moments) {
  // M = 100,000: the mean has sd 0.0032, the variance's sd is √(2/M) = 0.0045; allow 5 sd.
  generator g(11);
  const auto [m, v] = moments([&] { return standard_normal(g); }, 100000);
  EXPECT_NEAR(m, 0.0, 5 * 0.0032);
  EXPECT_NEAR(v, 1.0, 5 * 0.0045);
}

TEST(random, gamma_moments) {
  // Gamma(α, 1) has mean α and variance α (Marsaglia & Tsang for α ≥ 1, boosted for α < 1).
  // M = 100,000: the mean's sd is √(α/M); the variance's sd is about √((6α + 2α²)/M)
  // (fourth central moment 3α² + 6α): allow 5 sd.
  for (double alpha : {0.3, 1.0, 2.5, 40.0}) {
    generator g(static_cast<std::uint64_t>(alpha * 1000));
    const int M = 100000;
    const auto [m, v] = moments([&] { return gamma(g, alpha); }, M);
    EXPECT_NEAR(m, alpha, 5 * std::sqrt(alpha / M)) << alpha;
    EXPECT_NEAR(v, alpha, 5 * std::sqrt((6 * alpha + 2 * alpha * alpha) / M)) << alpha;
  }
}

TEST(random, gamma_is_positive) {
  generator g(1);
  for (int k = 0; k < 10000; ++k)
    EXPECT_GE(gamma(g, 0.05), 0.0);
}

} // namespace

} // namespace chiso_test::random_test
