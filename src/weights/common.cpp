// The input checks the data-driven weighting methods share (weights/common.hpp).
#include "chiso/weights/common.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace chiso::weights::detail {

void check_matrix(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l, const char* method) {
  if (x.cols() == 0) throw usage_error(prefix(l, method) + "the node has no children");
  if (!l.children.empty() && l.children.size() != static_cast<std::size_t>(x.cols()))
    throw usage_error(prefix(l, method) + std::to_string(l.children.size()) + " child names for " +
                      std::to_string(x.cols()) + " columns");
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (std::isinf(x(i, j)))
        throw framework_error(prefix(l, method) + child_name(l, j) + " is infinite at row " +
                              std::to_string(i + 1) + "; values must be finite or missing");
}

Eigen::MatrixXd complete_rows(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l,
                              const char* method, std::size_t min_rows,
                              std::vector<std::string>& warnings) {
  std::vector<Eigen::Index> keep;
  keep.reserve(static_cast<std::size_t>(x.rows()));
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    bool ok = true;
    for (Eigen::Index j = 0; j < x.cols() && ok; ++j)
      ok = !std::isnan(x(i, j));
    if (ok) keep.push_back(i);
  }
  if (keep.size() < min_rows)
    throw framework_error(prefix(l, method) + "needs at least " + std::to_string(min_rows) +
                          " units with every child observed, found " + std::to_string(keep.size()) +
                          " of " + std::to_string(x.rows()));
  if (keep.size() < static_cast<std::size_t>(x.rows()))
    warnings.push_back(prefix(l, method) +
                       std::to_string(x.rows() - static_cast<Eigen::Index>(keep.size())) + " of " +
                       std::to_string(x.rows()) +
                       " units left out because a child is missing (complete rows only)");
  Eigen::MatrixXd out(static_cast<Eigen::Index>(keep.size()), x.cols());
  for (Eigen::Index r = 0; r < out.rows(); ++r)
    out.row(r) = x.row(keep[static_cast<std::size_t>(r)]);
  return out;
}

} // namespace chiso::weights::detail
