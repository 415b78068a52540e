#pragma once
/// \file live/ranked_scores.hpp
/// Live ranks: scores of n units that change one at a time (the Decision 766 index is
/// recomputed in real time from the national public-service portal), each unit's rank
/// available at any moment without re-ranking everyone.
///
/// Ranks are exactly those of `chiso::rank` (rank.hpp) with the same `rank_options`: the same
/// order (descending: rank 1 = highest), the same rounding before comparing (`round_to`, via
/// `round_decimal`), ranked separately within each group, missing (NaN) scores unranked and not
/// counted. With key(s) = ∓ round(s) (− for descending), "better" means a smaller key, and
/// within the unit's group:
///   competition  1 + #{keys < key}                       (1, 2, 2, 4)
///   dense        1 + #{distinct keys < key}              (1, 2, 2, 3)
///   average      #{keys < key} + (1 + #{keys = key}) / 2  (1, 2.5, 2.5, 4)
/// `ordinal` (ties broken by unit order) is refused: it would need unit order inside ties.
/// One `order_statistics` per group; update and rank_of are expected O(log n).

#include "chiso/error.hpp"
#include "chiso/live/order_statistics.hpp"
#include "chiso/rank.hpp"
#include "chiso/round.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace chiso::live {

/// Scores of n units, ranked live within their groups.
class ranked_scores {
public:
  /// Starts from `scores` (NaN = unranked) with unit i in group `groups[i]` (any codes; empty
  /// means one group). Throws `usage_error` on a group vector of the wrong size, round_to
  /// outside [0, 15], or rank_method::ordinal. O(n log n).
  explicit ranked_scores(Eigen::Ref<const Eigen::VectorXd> scores, const rank_options& opt = {},
                         std::span<const std::uint32_t> groups = {})
      : opt_(opt), sign_(opt.order == rank_order::descending ? -1.0 : 1.0) {
    const auto n = static_cast<std::size_t>(scores.size());
    if (!groups.empty() && groups.size() != n)
      throw usage_error("ranked_scores: " + std::to_string(groups.size()) + " group codes for " +
                        std::to_string(n) + " scores");
    if (opt.round_to && (*opt.round_to < 0 || *opt.round_to > 15))
      throw usage_error("ranked_scores: round_to must be in [0, 15], got " +
                        std::to_string(*opt.round_to));
    if (opt.method == rank_method::ordinal)
      throw usage_error("ranked_scores: rank method 'ordinal' is not supported live (ties would "
                        "need unit order); use competition, dense or average");
    // Group codes → tree index, by sorted distinct code (deterministic, independent of order).
    std::vector<std::uint32_t> codes(groups.begin(), groups.end());
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    trees_.resize(codes.empty() ? 1 : codes.size());
    tree_of_.assign(n, 0);
    for (std::size_t i = 0; i < groups.size(); ++i)
      tree_of_[i] = static_cast<std::uint32_t>(
          std::lower_bound(codes.begin(), codes.end(), groups[i]) - codes.begin());
    score_.assign(n, std::numeric_limits<double>::quiet_NaN());
    key_.assign(n, std::numeric_limits<double>::quiet_NaN());
    for (std::size_t i = 0; i < n; ++i)
      update(i, scores[static_cast<Eigen::Index>(i)]);
  }

  /// Sets unit `unit`'s score (NaN makes it unranked). Throws `usage_error` when unit ≥ size().
  void update(std::size_t unit, double score) {
    check(unit, "update");
    auto& tree = trees_[tree_of_[unit]];
    if (!std::isnan(key_[unit])) tree.erase(key_[unit]);
    score_[unit] = score;
    key_[unit] = std::isnan(score) ? score : key_of(score);
    if (!std::isnan(key_[unit])) tree.insert(key_[unit]);
  }

  /// Rank of `unit` within its group under the options' method; NaN when its score is missing.
  double rank_of(std::size_t unit) const {
    check(unit, "rank_of");
    const double k = key_[unit];
    if (std::isnan(k)) return k;
    const auto p = trees_[tree_of_[unit]].locate(k);
    switch (opt_.method) {
    case rank_method::dense: return 1.0 + static_cast<double>(p.distinct_less);
    case rank_method::average:
      return static_cast<double>(p.less) + (1.0 + static_cast<double>(p.equal)) / 2;
    case rank_method::competition:
    case rank_method::ordinal: break;
    }
    return 1.0 + static_cast<double>(p.less);
  }

  /// Every unit's rank into `out` (size n). O(n log n).
  void ranks(Eigen::Ref<Eigen::VectorXd> out) const {
    if (static_cast<std::size_t>(out.size()) != size())
      throw usage_error("ranked_scores::ranks: output has " + std::to_string(out.size()) +
                        " entries for " + std::to_string(size()) + " units");
    for (std::size_t i = 0; i < size(); ++i)
      out[static_cast<Eigen::Index>(i)] = rank_of(i);
  }

  /// The score as last given (not rounded).
  double score_of(std::size_t unit) const {
    check(unit, "score_of");
    return score_[unit];
  }

  /// Number of units; number of ranked units in `unit`'s group.
  std::size_t size() const noexcept { return score_.size(); }
  std::size_t ranked_in_group_of(std::size_t unit) const {
    check(unit, "ranked_in_group_of");
    return trees_[tree_of_[unit]].size();
  }

  const rank_options& options() const noexcept { return opt_; }

private:
  rank_options opt_;
  double sign_;
  std::vector<double> score_;
  std::vector<double> key_; // sign · rounded score; NaN = unranked
  std::vector<std::uint32_t> tree_of_;
  std::vector<order_statistics> trees_;

  double key_of(double s) const {
    return sign_ * (opt_.round_to ? round_decimal(s, *opt_.round_to) : s);
  }

  void check(std::size_t unit, const char* fn) const {
    if (unit >= score_.size())
      throw usage_error(std::string("ranked_scores::") + fn + ": unit " + std::to_string(unit) +
                        " out of range (" + std::to_string(score_.size()) + " units)");
  }
};

} // namespace chiso::live
