#pragma once
/// \file framework.hpp
/// A framework: indicators and aggregate nodes forming a DAG (a child may have several
/// parents: DTI's three pillars share the five foundation indicators), a root, ranking and bands.

#include "chiso/band.hpp"
#include "chiso/indicator.hpp"
#include "chiso/rank.hpp"
#include "chiso/weights/rule.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace chiso {

/// A weighted child of an aggregate node (an indicator or another node).
struct child {
  std::string id{};
  double weight = 1.0;
};

/// An aggregate node: its children, how it combines them, and its rules for missing children.
struct node {
  std::string id{};
  std::string name{};
  std::vector<child> children{};
  chiso::aggregation aggregation = aggregate::arithmetic_mean{};
  double min_coverage = 0.0;   ///< minimum weight share of children present, in [0, 1]
  std::optional<double> cap{}; ///< upper cap of the score (Decision 766 group maxima)
  /// Children's weights taken from their scores at each evaluation (weights/rule.hpp) instead
  /// of `children[j].weight`.
  std::optional<weight_rule> weights_from{};
  /// Targets with deadlines tracked on the node's score (tracked_target.hpp; `chiso targets`).
  std::vector<time::tracked_target> targets{};
  std::string origin{}; ///< where it was declared, for messages
};

/// How the framework ranks units: the options, and the unit group column ranked separately
/// (DTI ministries: with / without public services).
struct ranking {
  rank_options options{};
  std::string group_by{};
};

/// Where the statistics of data-driven normalisations (observed min and max, mean, SD, ranks…)
/// come from when several periods are scored.
enum class period_scaling {
  per_period, ///< each period alone: scores say where a unit stands among that period's units
  pooled,     ///< all periods stacked: one scale for the whole panel, so a unit's score can
              ///< rise from one period to the next although its rank does not (COINr's
              ///< panel data with the same goalposts; the Handbook's "fixed reference year")
};

/// Spec-file names ("per_period", "pooled").
inline constexpr std::string_view to_string(period_scaling s) noexcept {
  return s == period_scaling::pooled ? "pooled" : "per_period";
}

/// The whole framework. Build it in C++ or read it from a spec file; `validate()` checks it.
struct framework {
  std::string id{};
  std::string name{};
  std::string description{};
  std::string version{};
  std::vector<indicator> indicators{};
  std::vector<node> nodes{};
  std::string root{}; ///< empty: the single node no other node has as a child
  chiso::ranking ranking{};
  std::vector<band> bands{};             ///< classified on the root score
  std::optional<int> display_decimals{}; ///< published precision (display only)
  period_scaling scaling{};              ///< statistics per period or pooled (panel.hpp)
  /// Imputation of missing prepared values before normalisation (prepare.hpp); none when unset.
  std::optional<chiso::imputation> impute{};
  /// Imputation along the periods, before `impute`, when several periods are scored together.
  std::optional<chiso::panel_imputation> impute_periods{};
  /// Outlier treatment of every indicator (unless it declares its own or none) after imputation.
  std::optional<chiso::treatment> treat{};

  /// Every rule broken, one message each (empty when valid): duplicate or empty ids, unknown
  /// children, cycles, negative, non-finite or all-zero weights, nodes without children,
  /// bad directions, coverage outside [0, 1], unusable method parameters, unknown root,
  /// bands out of order.
  std::vector<std::string> problems() const;

  /// Throws framework_error listing every problem.
  void validate() const;

  /// The root's id (resolved when `root` is empty). Throws framework_error when ambiguous.
  std::string root_id() const;

  const indicator* find_indicator(const std::string& id) const noexcept {
    for (const auto& i : indicators)
      if (i.id == id) return &i;
    return nullptr;
  }
  const node* find_node(const std::string& id) const noexcept {
    for (const auto& n : nodes)
      if (n.id == id) return &n;
    return nullptr;
  }
};

/// The context a method of indicator `ind` sees (bounds and target transformed).
column_context context_of(const indicator& ind);

namespace detail {
/// "<origin>: " (where a spec file declared it), or "" for a framework built in code.
std::string where(const std::string& origin);
} // namespace detail

} // namespace chiso
