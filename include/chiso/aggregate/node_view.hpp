#pragma once
/// \file aggregate/node_view.hpp
/// What an aggregation sees of one aggregate node, and the aggregation concept.
///
/// **The aggregation concept.** An aggregation is a small value type `A` with
///   - `static constexpr std::string_view name` (its spec-file name);
///   - `void operator()(const node_view& v, double* out, workspace& ws,
///                      diagnostics_sink& sink) const` writing the parent score of every unit;
///   - optionally `static constexpr bool additive = true` when the parent is Σ share_j · x_j
///     with shares summing to 1 over the children present (arithmetic mean) or to the scale of
///     the sum: then each child's contribution to a unit's score is defined;
///   - optionally `void validate(const std::string& node_id) const` for its parameters;
///   - `static constexpr bool across_units = true` when a unit's parent score depends on other
///     units' children (outranking, standardising over units): live updates then recompute
///     the whole node instead of one unit's cell.
/// Missing children are skipped and the weights of those present renormalised (Handbook 2008
/// §6; COINr's default). When the weight share present Σ_avail w / Σ_all w falls below the
/// node's `min_coverage`, the parent is missing and a `below_coverage` diagnostic is recorded.

#include "chiso/column.hpp"

#include <cstddef>
#include <span>
#include <vector>

namespace chiso::aggregate {

/// Children of one node for all units: column pointers (each n long, NaN = missing) and
/// non-negative weights, plus the node's minimum coverage in [0, 1].
struct node_view {
  std::span<const double* const> children;
  std::span<const double> weights;
  std::size_t n = 0;
  double min_coverage = 0.0;
};

/// Scratch buffers reused across nodes and evaluations (no allocation per unit or per node once
/// sized).
struct workspace {
  std::vector<double> num, den, ref;
  std::vector<unsigned char> bad;
  void resize(std::size_t n) {
    if (num.size() < n) {
      num.resize(n);
      den.resize(n);
      ref.resize(n);
      bad.resize(n);
    }
  }
};

} // namespace chiso::aggregate
