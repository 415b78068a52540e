#pragma once
/// \file aggregate/benefit_of_the_doubt.hpp
/// Benefit of the doubt as the aggregation of a node: each unit's parent score is its
/// benefit-of-the-doubt score over the node's children, one linear programme per unit
/// (weights/benefit_of_the_doubt.hpp). The programmes are solved by GLPK in the compiled
/// library (src/benefit_of_the_doubt.cpp): the evaluation is declared here and defined there,
/// so a program that evaluates such a node links chiso::chiso.

#include "chiso/aggregate/node_view.hpp"
#include "chiso/detail/column_stats.hpp"
#include "chiso/error.hpp"
#include "chiso/param.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::aggregate {

/// Benefit-of-the-doubt aggregation (Melyn & Moesen 1991; Cherchye et al. 2007; Handbook 2008
/// §6.1): over the children with weight w_j > 0 (the declared weights only select children —
/// each unit chooses its own), unit i's parent is
///   s_i = max_v Σ_j v_j x_ij  s.t.  Σ_j v_j x_kj ≤ 1 for every unit k taking part,  v ≥ 0,
/// in [0, 1], 1 on the frontier, plus the optional share bounds
///   lower_j ≤ v_j b_j / Σ_k v_k b_k ≤ upper_j
/// (b = the children's means over the units taking part, or the unit's own values with
/// `own_shares`: Cherchye et al.'s "pie shares", then dominance is no longer guaranteed).
/// A unit takes part when every selected child is observed and ≥ 0; otherwise its parent is
/// missing with a `below_coverage` (a child missing) or `invalid_value` (a child < 0: normalise
/// to a non-negative scale first) diagnostic, and it does not constrain the others. The score
/// depends on the other units (`across_units`); it is not additive.
struct benefit_of_the_doubt {
  static constexpr std::string_view name = "benefit_of_the_doubt";
  static constexpr bool across_units = true;
  std::vector<double> lower{}; ///< L_j per child (node order), or empty (0)
  std::vector<double> upper{}; ///< U_j per child, or empty (1)
  bool own_shares = false;     ///< bounds on the unit's own shares instead of the mean's
  static constexpr std::string_view summary =
      "benefit of the doubt: each unit's most favourable weights (one linear programme per unit)";
  static constexpr auto parameters() {
    return std::tuple{
        param::field{"lower", &benefit_of_the_doubt::lower, "lowest share per child (default 0)",
                     param::between(0, 1)},
        param::field{"upper", &benefit_of_the_doubt::upper, "highest share per child (default 1)",
                     param::between(0, 1)},
        param::field{"shares",
                     &benefit_of_the_doubt::own_shares,
                     "mean: bounds on the mean unit's shares; own: on each unit's own",
                     {{"mean", false}, {"own", true}}}};
  }

  /// Checks the share bounds of a node with `n_children` children.
  void validate(const std::string& node_id, std::size_t n_children) const {
    const std::string who = "node '" + node_id + "': " + std::string(name);
    for (const auto* b : {&lower, &upper})
      if (!b->empty() && b->size() != n_children)
        throw framework_error(who + " has " + std::to_string(b->size()) + " " +
                              (b == &lower ? "lower" : "upper") + " share bounds for " +
                              std::to_string(n_children) + " children");
    double sum_lower = 0, sum_upper = 0;
    for (std::size_t j = 0; j < std::max(lower.size(), upper.size()); ++j) {
      const double l = lower.empty() ? 0.0 : lower[j];
      const double u = upper.empty() ? 1.0 : upper[j];
      if (!(l >= 0 && l <= u && u <= 1))
        throw framework_error(who + " share bounds of child " + std::to_string(j + 1) + " are [" +
                              chiso::detail::num(l) + ", " + chiso::detail::num(u) +
                              "]; they need 0 <= lower <= upper <= 1");
      sum_lower += l;
      sum_upper += u;
    }
    if (!lower.empty() && sum_lower > 1 + 1e-12)
      throw framework_error(who + " lower share bounds sum to " + chiso::detail::num(sum_lower) +
                            " > 1: no weights meet them");
    if (!upper.empty() && sum_upper < 1 - 1e-12)
      throw framework_error(who + " upper share bounds sum to " + chiso::detail::num(sum_upper) +
                            " < 1: no weights meet them");
  }

  /// Scores the units (src/benefit_of_the_doubt.cpp, GLPK).
  void operator()(const node_view& v, double* out, workspace&, diagnostics_sink& sink) const;
};

} // namespace chiso::aggregate
