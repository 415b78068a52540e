// Live ranks (declared in include/chiso/live/ranked_scores.hpp), compiled once into libchiso.
#include "chiso/live/ranked_scores.hpp"

#include "chiso/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace chiso::live {

ranked_scores::ranked_scores(Eigen::Ref<const Eigen::VectorXd> scores, const rank_options& opt,
                             std::span<const std::uint32_t> groups)
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

void ranked_scores::update(std::size_t unit, double score) {
  check(unit, "update");
  auto& tree = trees_[tree_of_[unit]];
  if (!std::isnan(key_[unit])) tree.erase(key_[unit]);
  score_[unit] = score;
  key_[unit] = std::isnan(score) ? score : key_of(score);
  if (!std::isnan(key_[unit])) tree.insert(key_[unit]);
}

double ranked_scores::rank_of(std::size_t unit) const {
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

void ranked_scores::ranks(Eigen::Ref<Eigen::VectorXd> out) const {
  if (static_cast<std::size_t>(out.size()) != size())
    throw usage_error("ranked_scores::ranks: output has " + std::to_string(out.size()) +
                      " entries for " + std::to_string(size()) + " units");
  for (std::size_t i = 0; i < size(); ++i)
    out[static_cast<Eigen::Index>(i)] = rank_of(i);
}

} // namespace chiso::live
