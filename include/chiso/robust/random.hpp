#pragma once
/// \file robust/random.hpp
/// The random numbers of robustness runs, written out so that the same seed gives the same
/// numbers with any standard library (std::uniform_real_distribution and friends leave their
/// algorithms to the library; std::mt19937_64 does not).
///
/// Every replication k and uncertain input i draws from its own generator, seeded by
/// `stream_seed(seed, k, i)`: what a replication samples depends on (seed, k, i) only, never on
/// the thread that ran it or on the other replications, so results are bit-identical for any
/// thread count and any replication can be re-run alone.

#include <cmath>
#include <cstdint>
#include <random>

namespace chiso::robust {

/// The generator of every robustness stream (Matsumoto & Nishimura's 64-bit Mersenne Twister;
/// its output sequence is fixed by the C++ standard).
using generator = std::mt19937_64;

/// The finaliser of splitmix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
/// generators"): a bijection of 64-bit words that mixes every input bit into every output bit.
///   z ← (z ⊕ (z ≫ 30))·0xBF58476D1CE4E5B9; z ← (z ⊕ (z ≫ 27))·0x94D049BB133111EB; z ⊕ (z ≫ 31).
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Seed of stream (a, b) of a run seeded `seed` (a = replication, b = uncertain input):
///   s = mix64(mix64(mix64(seed + γ) + γ·(a + 1)) + γ·(b + 1)),  γ = 0x9E3779B97F4A7C15
/// (splitmix64's increment, the golden ratio in 64 bits), so neighbouring (a, b) get unrelated
/// seeds.
constexpr std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b) noexcept {
  constexpr std::uint64_t golden = 0x9E3779B97F4A7C15ull;
  std::uint64_t z = mix64(seed + golden);
  z = mix64(z + golden * (a + 1));
  return mix64(z + golden * (b + 1));
}

/// Uniform double in [0, 1): the top 53 bits of one 64-bit draw, u = ⌊x / 2¹¹⌋ · 2⁻⁵³
/// (every value a multiple of 2⁻⁵³, each equally likely).
inline double uniform01(generator& g) {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}

/// Uniform integer in [0, m) without bias, m ≥ 1: draws x until x ≥ (2⁶⁴ mod m) and returns
/// x mod m (the accepted range holds a whole number of copies of [0, m)).
inline std::uint64_t uniform_below(generator& g, std::uint64_t m) {
  const std::uint64_t reject_below = (0 - m) % m; // 2^64 mod m
  for (;;) {
    const std::uint64_t x = g();
    if (x >= reject_below) return x % m;
  }
}

/// Standard normal by the Box–Muller transform (Box & Muller 1958), one value per call:
///   z = √(−2 ln u₁) · cos(2π u₂),  u₁ ∈ (0, 1), u₂ ∈ [0, 1).
double standard_normal(generator& g);

/// Gamma(α, 1) variate, α > 0, by Marsaglia & Tsang (2000), "A simple method for generating
/// gamma variables", ACM TOMS 26(3): with d = α − 1/3, c = 1/√(9d), repeat x ~ N(0, 1),
/// v = (1 + c·x)³ until v > 0 and (u < 1 − 0.0331·x⁴ or ln u < x²/2 + d·(1 − v + ln v)),
/// u ~ U(0, 1); return d·v. For α < 1 (their §6): Gamma(α + 1) · u^(1/α).
double gamma(generator& g, double alpha);

} // namespace chiso::robust
