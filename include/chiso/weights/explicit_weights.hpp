#pragma once
/// \file weights/explicit_weights.hpp

#include "chiso/weights/common.hpp"

#include <cmath>

namespace chiso::weights {

/// Explicit weights (points, expert judgement) scaled to sum to 1: w_j = v_j / Σ_k v_k.
/// Each v_j must be finite and ≥ 0, and Σ v > 0; otherwise framework_error naming the child
/// (e.g. DTI 922 points 100, 100, 100, 100, 100, 0, 200, 150, 150 → 0.1, …, 0, 0.2, 0.15, 0.15).
/// A zero weight is allowed (the child is collected but not aggregated).
inline weight_result explicit_weights(Eigen::Ref<const Eigen::VectorXd> v, const labels& l = {}) {
  const char* m = "explicit";
  if (v.size() == 0) throw usage_error(detail::prefix(l, m) + "the node has no children");
  if (!l.children.empty() && l.children.size() != static_cast<std::size_t>(v.size()))
    throw usage_error(detail::prefix(l, m) + std::to_string(l.children.size()) +
                      " child names for " + std::to_string(v.size()) + " weights");
  double total = 0;
  for (Eigen::Index j = 0; j < v.size(); ++j) {
    if (!std::isfinite(v[j]))
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) +
                            " has a weight that is not a finite number");
    if (v[j] < 0)
      throw framework_error(detail::prefix(l, m) + detail::child_name(l, j) + " has weight " +
                            detail::num(v[j]) + "; weights must be >= 0");
    total += v[j];
  }
  if (!(total > 0))
    throw framework_error(detail::prefix(l, m) + "the weights sum to 0; at least one must be > 0");
  weight_result r;
  r.w = v / total;
  return r;
}

} // namespace chiso::weights
