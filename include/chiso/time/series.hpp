#pragma once
/// \file time/series.hpp
/// A scored panel (panel.hpp: one `dataset` and one `result` per period) seen as series,
/// units × periods: the units of all periods aligned on one list, a node's scores and ranks,
/// an indicator's raw values, and the targets a framework declares. These are the inputs of
/// `time::consecutive_changes` / `changes_between` (trend.hpp) and `time::track_target`
/// (targets.hpp); `chiso trend`, `chiso targets` and the Python module build their matrices
/// with them (docs/time.md §1.6, §2).

#include "chiso/dataset.hpp"
#include "chiso/error.hpp"
#include "chiso/fwd.hpp"
#include "chiso/time/targets.hpp"
#include "chiso/tracked_target.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chiso::time {

/// Where every unit of a panel is. `ids` lists the units of all periods in order of first
/// appearance (periods in order, rows in order); `row[t][u]` is unit u's row in period t, or
/// `npos` when the unit is not in that period (it entered later, left, or was merged away).
struct panel_units {
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  std::vector<std::string> ids{};
  std::vector<std::vector<std::size_t>> row{};

  std::size_t n_units() const noexcept { return ids.size(); }
  std::size_t n_periods() const noexcept { return row.size(); }
  bool present(std::size_t t, std::size_t u) const { return row.at(t).at(u) != npos; }

  /// A units × periods matrix: out(u, t) = cell(t, row[t][u]) where unit u is in period t,
  /// NaN elsewhere. `cell(t, i)` returns period t's value at row i (a double).
  template <class Cell> Eigen::MatrixXd gather(Cell&& cell) const {
    Eigen::MatrixXd m = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(ids.size()),
                                                  static_cast<Eigen::Index>(row.size()),
                                                  std::numeric_limits<double>::quiet_NaN());
    for (std::size_t t = 0; t < row.size(); ++t)
      for (std::size_t u = 0; u < ids.size(); ++u)
        if (row[t][u] != npos)
          m(static_cast<Eigen::Index>(u), static_cast<Eigen::Index>(t)) = cell(t, row[t][u]);
    return m;
  }
};

/// Aligns the units of several periods (`unit_ids[t]`: period t's unit ids, distinct within a
/// period). Throws usage_error when an id repeats within a period.
panel_units align_units(std::span<const std::vector<std::string>> unit_ids);

/// Same from the datasets of a panel (their `unit_ids`).
panel_units align_units(std::span<const dataset> data);

/// Ranks of node (or indicator) k in one period's result (evaluated with keep::all): the root's
/// as evaluated (`r.rank`); any other node or indicator ranked like the root — the framework's
/// ranking options, within `groups` (the period's ranking group codes, `ranking_groups`; empty:
/// one group) — so "27th of 63" per pillar and per indicator follows the index's rules.
Eigen::VectorXd node_ranks(const plan& p, const result& r, std::span<const std::uint32_t> groups,
                           std::size_t k);

/// Indicator k's raw value for every unit of `values` (units × the data columns `p` was
/// compiled against), what a target `of: value` tracks:
///   v = x / d · scale   (x the indicator's column, d its denominator when it has one),
/// before any transform, imputation or normalisation; NaN where x is missing or d is missing or
/// 0. Throws usage_error when k is not an indicator.
Eigen::VectorXd indicator_values(const plan& p, std::size_t k,
                                 Eigen::Ref<const Eigen::MatrixXd> values);

/// A target declared on an indicator or aggregate node (spec key `targets`).
struct declared_target {
  std::string id{};        ///< the indicator's or node's id
  bool on_node = false;    ///< declared on an aggregate node (else on an indicator)
  std::size_t index = 0;   ///< plan index of the indicator or node
  tracked_target target{}; ///< the target, its options, and what it tracks (`of`)

  /// "indicator" or "node".
  std::string_view kind() const noexcept { return on_node ? "node" : "indicator"; }
  /// Whether it tracks an indicator's raw value (`indicator_values`) rather than a score.
  bool tracks_value() const noexcept { return !on_node && target.of == target_of::value; }
};

/// Every target `p`'s framework declares: the indicators' (framework order, each one's in
/// declaration order), then the aggregate nodes' (framework order).
std::vector<declared_target> declared_targets(const plan& p);

/// `count_status` (targets.hpp) over the units present in period t of the panel: units absent
/// from the period are not counted. `groups[u]`: aligned unit u's group code (dense, as
/// `chiso::group_codes` makes them; empty: one group 0). The table has one row per group code
/// of `groups` (max + 1; one row without groups), absent units in none of them.
status_table count_present(const target_result& r, const panel_units& units, std::size_t t,
                           std::span<const std::uint32_t> groups = {});

} // namespace chiso::time
