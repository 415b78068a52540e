#pragma once
/// \file column.hpp
/// What a scoring method (normalisation or point rule) sees of its indicator, and where it
/// reports expected non-success.
///
/// **The method concept.** A method is a small value type `M` with
///   - `static constexpr std::string_view name` (its spec-file name, e.g. "min_max");
///   - `void operator()(Eigen::Ref<const Eigen::VectorXd> x, const column_context& ctx,
///                      Eigen::Ref<Eigen::VectorXd> out, diagnostics_sink& sink) const`
///     mapping one indicator's prepared raw column (transform applied, denominator divided;
///     NaN = missing) to scores. Missing in gives missing out; `x` and `out` never alias.
///   - optionally `void validate(const column_context&) const` throwing `framework_error` when
///     parameters are unusable (e.g. goalposts without bounds);
///   - optionally `static constexpr bool is_point_rule = true` for point rules (their scores are
///     points in [0, max_points]);
///   - optionally `static constexpr bool elementwise = true`, or `bool is_elementwise(const
///     column_context&) const`, when a unit's score depends on its own value only (no
///     statistic of the column): live updates (live/scoreboard.hpp) then rescore one cell.
///     Point rules are elementwise.
/// Direction is part of the context: each method documents how it applies it (location/scale
/// methods negate the values first, as COINr does; ratio methods take the reciprocal ratio).

#include "chiso/error.hpp"

#include <Eigen/Core>

#include <optional>
#include <string>
#include <vector>

namespace chiso {

/// Metadata of the indicator a method is applied to; bounds and target are on the same
/// (transformed) scale as `x`, in raw orientation (not multiplied by the direction).
struct column_context {
  int direction = 1;                  ///< +1 higher is better, -1 lower is better
  std::optional<double> lower{};      ///< fixed lower bound / goalpost
  std::optional<double> upper{};      ///< fixed upper bound / goalpost
  std::optional<double> target{};     ///< target value
  std::optional<double> max_points{}; ///< maximum points (point rules)
  std::string id{};                   ///< indicator id, for messages
};

/// Collects diagnostics for one node during evaluation.
class diagnostics_sink {
public:
  /// `kind` names what the node is in messages: "node" (an aggregate) or "indicator".
  diagnostics_sink(std::vector<diagnostic>& out, std::size_t node, std::string_view node_id,
                   std::string_view kind = "node")
      : out_(&out), node_(node), node_id_(node_id), kind_(kind) {}

  /// Something about the whole column (constant column, no data...).
  void column(diagnostic_code code, const std::string& what) {
    out_->push_back({code, node_, diagnostic::npos, prefix() + what});
  }
  /// Something about one unit's cell (the unit is named by whoever presents the diagnostic).
  void cell(std::size_t unit, diagnostic_code code, const std::string& what) {
    out_->push_back({code, node_, unit, prefix() + what});
  }
  std::size_t node() const noexcept { return node_; }
  /// The node's id, as in messages.
  std::string_view node_id() const noexcept { return node_id_; }

private:
  std::vector<diagnostic>* out_{};
  std::size_t node_{};
  std::string_view node_id_{};
  std::string_view kind_{};
  std::string prefix() const { return std::string(kind_) + " '" + std::string(node_id_) + "': "; }
};

} // namespace chiso
