#pragma once
/// \file whatif/scenario.hpp
/// What-if scenarios: change some units' data values and some nodes' weights, and see every
/// unit's root score, rank and band before and after (the rank changes of the other units
/// too: data-dependent normalisations move them).
///
/// A scenario of data changes alone is applied to a live scoreboard (live/scoreboard.hpp) when
/// the framework allows single-cell updates (no data preparation, ranks other than ordinal):
/// one board serves every scenario, each applied and then undone. Weight changes recompile the
/// framework and evaluate everything, as does `evaluation::full`. Both ways give the same
/// numbers bit for bit (tested).

#include "chiso/plan.hpp"
#include "chiso/score.hpp"
#include "chiso/whatif/gap.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace chiso::whatif {

/// Unit `unit`'s raw value in data column `column` set to `value` (NaN = missing).
struct cell_change {
  std::size_t unit = 0;
  std::size_t column = 0;
  double value = std::numeric_limits<double>::quiet_NaN();
};

/// The weight of child `child` in node `node` set to `weight` (≥ 0, finite).
struct weight_change {
  std::string node{};
  std::string child{};
  double weight = 1.0;
};

/// A named set of changes, applied together.
struct scenario {
  std::string name{};
  std::vector<cell_change> cells{};
  std::vector<weight_change> weights{};
};

/// Every unit's root score, rank (within its group) and band before and after a scenario.
struct outcome {
  Eigen::VectorXd score_before, rank_before, score_after, rank_after;
  std::vector<int> band_before, band_after;
  bool live = false; ///< the scoreboard applied it (else a full evaluation)
};

/// Applies each scenario to `values` (units × `columns`, the columns `p` was compiled against)
/// separately and evaluates. Throws usage_error for a cell out of range, an unknown node or
/// child (naming the children), a negative or non-finite weight; framework_error when new
/// weights make the framework invalid (a node whose weights all become 0).
std::vector<outcome>
run(const plan& p, std::span<const std::string> columns, Eigen::Ref<const Eigen::MatrixXd> values,
    std::span<const std::uint32_t> groups, std::span<const std::uint32_t> impute_groups,
    std::span<const scenario> scenarios, evaluation mode = evaluation::automatic);

/// The framework `f` with the weight changes applied (and checked as `run` checks them).
framework with_weights(framework f, std::span<const weight_change> changes);

} // namespace chiso::whatif
