#pragma once
/// \file weights/common.hpp
/// What every weighting method returns, how it names the children in messages, and the input
/// checks they share.
///
/// **The weighting concept.** A weighting method is a function of the children's score columns
/// of one node, `X` (units × children, column-major, NaN = missing), and its own options, that
/// returns a struct deriving from `weight_result`: weights `w` (one per child, each ≥ 0,
/// Σ w = 1) plus the method's own diagnostics. Expected non-success that still leaves usable
/// weights (rows dropped for missing values, a negative PCA loading, an inconsistent AHP matrix
/// under the `warn` policy) is a human-readable line in `warnings`; input on which the method is
/// undefined (fewer than 2 complete rows, a constant column, a negative value for entropy) throws
/// `framework_error` naming the node, the child and the rule; mismatched sizes throw
/// `usage_error`. The data-driven methods use the **complete rows** of `X` (listwise deletion,
/// as COINr's `get_PCA` and R's `na.omit`): every statistic of one call is over the same units.
///
/// The data-driven methods (pca, ahp, critic, entropy, correlation_balance, benefit_of_the_doubt)
/// and the checks below are compiled once in the library (src/weights/*.cpp,
/// src/benefit_of_the_doubt.cpp): their headers declare them and need only <Eigen/Core>; a
/// program that calls them links chiso::chiso.

#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"

#include <Eigen/Core>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace chiso::weights {

/// Names used in messages: the node the weights are for and its children, in column order.
/// Both optional; without them messages say "column 3" (1-based).
struct labels {
  std::string node{};                  ///< e.g. "pillar_gov"
  std::vector<std::string> children{}; ///< one per column of X, or empty
};

/// Weights of the children of one node and what the method has to say about them.
struct weight_result {
  Eigen::VectorXd w;                 ///< one per child, ≥ 0, Σ = 1
  std::vector<std::string> warnings; ///< expected non-success worth showing a user
  std::size_t rows_used = 0;         ///< complete rows the weights were computed from
};

namespace detail {

using chiso::detail::nan;
using chiso::detail::num;

/// "weights for node 'x' (method): " or "weights (method): ".
inline std::string prefix(const labels& l, const char* method) {
  std::string s = "weights";
  if (!l.node.empty()) s += " for node '" + l.node + "'";
  return s + " (" + method + "): ";
}

/// "child 'awareness'" or "column 3" (1-based).
inline std::string child_name(const labels& l, Eigen::Index j) {
  if (static_cast<std::size_t>(j) < l.children.size())
    return "child '" + l.children[static_cast<std::size_t>(j)] + "'";
  return "column " + std::to_string(j + 1);
}

/// Checks the shape of X against the labels and that no value is infinite; throws usage_error
/// (sizes) or framework_error (values) naming row and child.
void check_matrix(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l, const char* method);

/// The rows of X with no missing value (listwise deletion), in order; adds a warning when rows
/// were dropped, and throws framework_error when fewer than `min_rows` remain.
Eigen::MatrixXd complete_rows(Eigen::Ref<const Eigen::MatrixXd> x, const labels& l,
                              const char* method, std::size_t min_rows,
                              std::vector<std::string>& warnings);

} // namespace detail
} // namespace chiso::weights
