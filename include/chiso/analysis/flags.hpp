#pragma once
/// \file analysis/flags.hpp
/// Checks of a framework's structure on scored data: for each aggregate node, how each child
/// correlates with the node, Cronbach's alpha and a PCA summary of its children, and flags for
/// children correlating negatively with their parent or sibling pairs correlating so strongly
/// that one may double-count the other (OECD/JRC Handbook 2008, step 4 "multivariate
/// analysis"; COINr `get_corr_flags`, `plot_corr(flagcolours = TRUE)`).

#include "chiso/analysis/correlation.hpp"
#include "chiso/analysis/cronbach.hpp"
#include "chiso/analysis/pca.hpp"
#include "chiso/fwd.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::analysis {

/// Thresholds and methods of `correlation_flags`. Defaults are COINr's: `plot_corr`'s
/// `flagthresh = c(-0.4, 0.3, 0.9)` colours r ≤ −0.4 "Negative" and r ≥ 0.9 "High", and
/// `get_corr_flags`' default `cor_thresh` is 0.9 (it flags r > 0.9, compared signed).
struct flag_options {
  correlation_method method = correlation_method::pearson;
  double negative_with_parent = -0.4; ///< flag a child whose r with its parent is ≤ this
  double collinear = 0.9;             ///< flag a sibling pair whose r is ≥ this
  bool collinear_absolute = false;    ///< compare |r| instead of r with `collinear`
  missing_rows alpha_rows = missing_rows::pairwise; ///< rows Cronbach's alpha uses
};

/// What a correlation flag says.
enum class flag_kind {
  negative_with_parent, ///< a child correlates negatively with the node it feeds
  collinear,            ///< two children of one node correlate (almost) perfectly
};

/// "negative_with_parent" or "collinear".
constexpr std::string_view to_string(flag_kind k) noexcept {
  return k == flag_kind::negative_with_parent ? "negative_with_parent" : "collinear";
}

/// One flagged correlation. Node indices are the plan's (indicators first, then aggregates).
struct correlation_flag {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  flag_kind kind = flag_kind::negative_with_parent;
  std::size_t node = 0; ///< the aggregate node (parent)
  std::size_t a = 0;    ///< the child (negative_with_parent) or the first sibling
  std::size_t b = npos; ///< the second sibling (collinear), else npos
  double r = 0;         ///< the correlation
  std::size_t n = 0;    ///< complete rows it used
  std::string message;  ///< human text naming the ids, r, n and the threshold
};

/// What `correlation_flags` finds for one aggregate node.
struct node_report {
  std::size_t node = 0;                      ///< plan index of the node
  int level = 0;                             ///< see `node_levels`
  std::vector<std::size_t> children;         ///< plan indices, in the node's order
  std::vector<pair_correlation> with_parent; ///< r(child score, node score), per child
  cronbach_result alpha;                     ///< of the children's scores
  pca_result pca;                            ///< of the children's scores
};

/// Everything `correlation_flags` finds.
struct flag_report {
  std::vector<node_report> nodes;      ///< one per aggregate node, in framework order
  std::vector<correlation_flag> flags; ///< by node; each node's negatives, then its pairs
};

/// Level of every plan node, as COINr numbers them: 1 for an indicator, and for an aggregate
/// node 1 + the highest level among its children (the root has the highest level).
std::vector<int> node_levels(const plan& p);

/// For every aggregate node of `p`, on the scores of `r` (the result of evaluating `p`;
/// indicators' scores are their normalised values or points):
///   - r(child, node) for each child, over the units where both are scored (`options.method`,
///     see `correlation`); a child with r ≤ `negative_with_parent` (−0.4) is flagged
///     `negative_with_parent`: it pulls against the concept its parent measures;
///   - r(child_i, child_j) for each pair of children; a pair with r ≥ `collinear` (0.9; |r|
///     with `collinear_absolute`) is flagged `collinear`: the two may measure the same thing
///     and be counted twice (COINr `get_corr_flags` looks within groups the same way);
///   - Cronbach's alpha (`cronbach_alpha`) and a PCA summary (`pca`) of the children's scores.
/// Undefined correlations (NaN: too few common units, no spread) are never flagged.
/// Throws usage_error when `r` was not evaluated with `p`.
flag_report correlation_flags(const plan& p, const result& r, const flag_options& options = {});

} // namespace chiso::analysis
