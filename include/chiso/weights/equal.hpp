#pragma once
/// \file weights/equal.hpp

#include "chiso/weights/common.hpp"

#include <cstddef>

namespace chiso::weights {

/// Equal weights (Handbook 2008 §6.1, the most common choice): w_j = 1/k for k children.
/// Throws usage_error when k = 0.
inline weight_result equal(std::size_t k, const labels& l = {}) {
  if (k == 0) throw usage_error(detail::prefix(l, "equal") + "the node has no children");
  weight_result r;
  r.w = Eigen::VectorXd::Constant(static_cast<Eigen::Index>(k), 1.0 / static_cast<double>(k));
  return r;
}

} // namespace chiso::weights
