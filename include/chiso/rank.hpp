#pragma once
/// \file rank.hpp
/// Ranking units on a score, within groups.

#include "chiso/error.hpp"
#include "chiso/round.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chiso {

/// How tied scores are ranked (for scores 9, 8, 8, 7 in descending order).
enum class rank_method {
  competition, ///< 1, 2, 2, 4 — "standard competition" ranking, used by DTI tables
  dense,       ///< 1, 2, 2, 3
  average,     ///< 1, 2.5, 2.5, 4 — fractional ranking
  ordinal,     ///< 1, 2, 3, 4 — ties broken by unit order in the data
};

/// Whether rank 1 goes to the highest (descending) or lowest score.
enum class rank_order { descending, ascending };

/// Spec-file names.
inline constexpr std::string_view to_string(rank_method m) noexcept {
  switch (m) {
  case rank_method::competition: return "competition";
  case rank_method::dense: return "dense";
  case rank_method::average: return "average";
  case rank_method::ordinal: return "ordinal";
  }
  return "competition";
}
inline constexpr std::string_view to_string(rank_order o) noexcept {
  return o == rank_order::descending ? "descending" : "ascending";
}

/// How to rank: method, order, and an optional rounding of scores before comparing (official
/// tables rank the published 4-decimal values, so units equal to 4 decimals share a rank).
struct rank_options {
  rank_method method = rank_method::competition;
  rank_order order = rank_order::descending;
  std::optional<int> round_to;
};

/// Dense integer codes for group labels, in order of first appearance.
inline std::vector<std::uint32_t> group_codes(const std::vector<std::string>& labels) {
  std::unordered_map<std::string, std::uint32_t> seen;
  std::vector<std::uint32_t> codes(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i)
    codes[i] = seen.emplace(labels[i], static_cast<std::uint32_t>(seen.size())).first->second;
  return codes;
}

/// Ranks `scores` into `out` within each group (`groups[i]` is unit i's group code; empty means
/// one group). Missing scores get a missing rank and do not count. O(n log n).
inline void rank(Eigen::Ref<const Eigen::VectorXd> scores, const rank_options& opt,
                 std::span<const std::uint32_t> groups, Eigen::Ref<Eigen::VectorXd> out) {
  const auto n = static_cast<std::size_t>(scores.size());
  if (!groups.empty() && groups.size() != n)
    throw usage_error("rank: " + std::to_string(groups.size()) + " group codes for " +
                      std::to_string(n) + " scores");
  if (static_cast<std::size_t>(out.size()) != n) throw usage_error("rank: output size differs");
  if (opt.round_to && (*opt.round_to < 0 || *opt.round_to > 15))
    throw usage_error("rank: round_to must be in [0, 15], got " + std::to_string(*opt.round_to));
  std::vector<double> key(n);
  std::vector<std::uint32_t> idx;
  idx.reserve(n);
  const double sign = opt.order == rank_order::descending ? -1.0 : 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = scores[static_cast<Eigen::Index>(i)];
    out[static_cast<Eigen::Index>(i)] = std::nan("");
    if (std::isnan(s)) continue;
    key[i] = sign * (opt.round_to ? round_decimal(s, *opt.round_to) : s);
    idx.push_back(static_cast<std::uint32_t>(i));
  }
  auto grp = [&](std::uint32_t i) { return groups.empty() ? 0u : groups[i]; };
  std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
    const auto ga = grp(a), gb = grp(b);
    return ga != gb ? ga < gb : key[a] < key[b];
  });
  std::size_t start = 0; // first position of the current group
  std::size_t dense = 0;
  for (std::size_t k = 0; k < idx.size();) {
    if (k == 0 || grp(idx[k]) != grp(idx[k - 1])) {
      start = k;
      dense = 0;
    }
    std::size_t e = k + 1;
    while (e < idx.size() && grp(idx[e]) == grp(idx[k]) && key[idx[e]] == key[idx[k]])
      ++e;
    ++dense;
    const double first = static_cast<double>(k - start + 1);
    const double last = static_cast<double>(e - start);
    for (std::size_t t = k; t < e; ++t) {
      double r = first;
      switch (opt.method) {
      case rank_method::competition: r = first; break;
      case rank_method::dense: r = static_cast<double>(dense); break;
      case rank_method::average: r = (first + last) / 2; break;
      case rank_method::ordinal: r = static_cast<double>(t - start + 1); break;
      }
      out[idx[t]] = r;
    }
    k = e;
  }
}

} // namespace chiso
