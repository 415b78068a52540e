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

#include <cstddef>
#include <cstdint>
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
                         std::span<const std::uint32_t> groups = {});

  /// Sets unit `unit`'s score (NaN makes it unranked). Throws `usage_error` when unit ≥ size().
  void update(std::size_t unit, double score);

  /// Rank of `unit` within its group under the options' method; NaN when its score is missing.
  double rank_of(std::size_t unit) const;

  /// Every unit's rank into `out` (size n). O(n log n).
  void ranks(Eigen::Ref<Eigen::VectorXd> out) const;

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
