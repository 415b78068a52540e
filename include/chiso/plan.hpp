#pragma once
/// \file plan.hpp
/// A framework compiled once into a flat plan: indicator steps bound to data columns, then
/// aggregate steps in topological order, each reading its children's score columns. Evaluate it
/// for all units at once with `evaluate` (score.hpp).

#include "chiso/dataset.hpp"
#include "chiso/framework.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace chiso {

/// A raw value outside an indicator's declared valid range (an input error, reported with the
/// unit and column so a reader can point at the file position).
struct data_problem {
  std::size_t unit;
  std::size_t column;
  double value;
  std::string rule;
};

/// The compiled framework. Node indices: indicators first (0 … n_indicators − 1, in framework
/// order), then aggregate nodes (in framework order). Evaluation visits aggregates in
/// topological order (`order()`), children before parents.
class plan {
public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// One indicator: its data columns and method.
  struct indicator_step {
    std::size_t column = npos;
    std::size_t denominator = npos;
    double scale = 1.0;
    chiso::transform transform = transform::none;
    chiso::method method;
    column_context context;
    empty_policy if_zero = empty_policy::missing;
    empty_policy if_missing = empty_policy::missing;
    std::optional<double> valid_min, valid_max;
  };
  /// One aggregate node: children as node indices, weights, method and rules.
  struct node_step {
    std::size_t index = 0;
    std::vector<std::size_t> children;
    std::vector<double> weights;
    chiso::aggregation aggregation;
    double min_coverage = 0.0;
    std::optional<double> cap;
    std::optional<weight_rule> weights_from; ///< weights from the children's scores
  };

  plan() = default;

  /// Validates `f` and binds its indicators to `columns` (the data's column names).
  /// Throws framework_error on an invalid framework, input_error when a data column an
  /// indicator needs is absent (listing every absent column).
  static plan compile(const framework& f, std::span<const std::string> columns);

  std::size_t n_indicators() const noexcept { return indicators_.size(); }
  std::size_t n_nodes() const noexcept { return ids_.size(); }
  std::size_t root() const noexcept { return root_; }
  bool is_indicator(std::size_t k) const noexcept { return k < indicators_.size(); }
  const std::vector<std::string>& ids() const noexcept { return ids_; }
  /// Index of a node or indicator id; throws usage_error when unknown.
  std::size_t index(const std::string& id) const {
    auto it = index_.find(id);
    if (it == index_.end()) throw usage_error("unknown node or indicator '" + id + "'");
    return it->second;
  }
  bool contains(const std::string& id) const { return index_.count(id) != 0; }
  const std::vector<indicator_step>& indicator_steps() const noexcept { return indicators_; }
  const std::vector<node_step>& node_steps() const noexcept { return nodes_; }
  /// Positions in `node_steps()` in evaluation order (children first).
  const std::vector<std::size_t>& order() const noexcept { return order_; }
  /// The framework compiled (a copy).
  const chiso::framework& framework() const noexcept { return framework_; }

  /// Effective (nominal) weights: row k gives how much each indicator weighs in node k when
  /// every value is present: E(k) = Σ_j ŵ_j E(child_j), ŵ_j = w_j / Σ w for means and
  /// ŵ_j = w_j for sums; E(indicator i) = e_i. For non-additive aggregations this is the
  /// nominal weight, not a contribution. Size n_nodes × n_indicators.
  /// Computed on first use (nodes × indicators doubles: 9 MB at 1,000 indicators, more than
  /// the compilation itself needs); safe to call from several threads.
  const Eigen::MatrixXd& effective_weights() const {
    std::call_once(effective_->once, [this] { effective_->E = compute_effective_weights(); });
    return effective_->E;
  }

  /// Whether evaluation prepares the data first (the framework imputes, also along periods, or
  /// treats outliers): `prepare` (prepare.hpp) runs before the indicators are normalised.
  bool prepares() const noexcept { return prepares_; }
  /// Whether the preparation needs group codes per unit (imputation by group).
  bool needs_imputation_groups() const noexcept {
    return framework_.impute && std::holds_alternative<impute_by_group>(framework_.impute->method);
  }

  /// Raw values outside the declared valid ranges, in unit then column order.
  std::vector<data_problem> check(Eigen::Ref<const Eigen::MatrixXd> values) const;

private:
  chiso::framework framework_;
  std::vector<indicator_step> indicators_;
  std::vector<node_step> nodes_;
  std::vector<std::size_t> order_;
  std::vector<std::string> ids_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t root_ = 0;
  bool prepares_ = false;
  Eigen::MatrixXd compute_effective_weights() const;
  struct lazy_matrix {
    std::once_flag once;
    Eigen::MatrixXd E;
  };
  /// Shared by copies of the plan (which never changes after compile).
  std::shared_ptr<lazy_matrix> effective_ = std::make_shared<lazy_matrix>();
};

} // namespace chiso
