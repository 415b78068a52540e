#pragma once
/// \file io/result_tables.hpp
/// The result tables the CLI writes and Python returns, shaped once (io/table.hpp): the scored
/// units (`chiso score`, Python `Result.table`), score and rank changes between periods
/// (`chiso trend`, `Periods.trend`), the uncertainty summary (`chiso uncertainty`,
/// `Uncertainty.summary`) and the sensitivity indices (`chiso sensitivity`,
/// `Sensitivity.indices` and `.units`). Every per-unit table starts with the same unit columns
/// (`unit_rows`).

#include "chiso/fwd.hpp"
#include "chiso/io/table.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chiso::time {
struct trend_result;
struct target_result;
struct declared_target;
struct panel_units;
} // namespace chiso::time

namespace chiso::io {

/// The units a per-unit table lists, and the columns that name them: `unit`, `name` (when
/// `names`), and the ranking group column `group_by` (when not empty).
struct unit_rows {
  std::span<const std::string> ids;        ///< one per unit
  bool names = false;                      ///< a `name` column
  std::span<const std::string> unit_names; ///< its cells (empty: blank cells)
  std::string group_by;                    ///< the group column's name, "" for none
  std::span<const std::string> groups;     ///< its cells (empty: blank cells)

  std::size_t size() const noexcept { return ids.size(); }
  /// Adds the unit columns to `t`; the group column's JSON key is "group" when `group_key`,
  /// else its name (as `chiso trend` and `chiso targets` write it).
  void add_columns(table& t, bool group_key = true) const;
  /// Unit `u`'s cells of those columns.
  void add_cells(table& t, std::size_t u) const;
};

/// Ranks of columns other than the root (score table `rank_<id>`): (plan index, rank per unit).
using ranked_columns = std::vector<std::pair<std::size_t, Eigen::VectorXd>>;

/// Which columns the score table has.
struct score_layout {
  std::vector<std::size_t> nodes;      ///< plan indices of the aggregate nodes (root first)
  std::vector<std::size_t> indicators; ///< plan indices of the indicators shown
  std::vector<std::size_t> ranked;     ///< plan indices with a rank_<id> column
  bool period = false;                 ///< a first `period` column
  bool rank_first = false;             ///< rank, unit, ... and no rank_<id> (aligned text)
  std::optional<int> digits;           ///< display rounding of the scores
};

/// The empty score table: [period,] unit[, name][, group], a number column per node (JSON:
/// "scores") and per indicator ("indicators") named by its id in `ids` (plan order), rank,
/// rank_<id> per ranked column ("ranks"), and band when `bands` is true.
table score_table(const std::vector<std::string>& ids, const unit_rows& units, bool bands,
                  const score_layout& l);

/// Appends one row per unit with the scores, ranks and bands of `r` (`band_labels`: the
/// framework's band labels, best first, empty when it has none; `ranks`: the ranked columns of
/// `l.ranked`, in order; `period`: the `period` cell).
void add_score_rows(table& t, const unit_rows& units, const result& r,
                    const std::vector<std::string>& band_labels, const score_layout& l,
                    const ranked_columns& ranks = {}, std::string_view period = {});

/// The empty trend table: node, unit[, name][, group], from, to, base, score_from, score_to,
/// score_change (`digits`), rank_from, rank_to, rank_change, status.
table trend_table(const unit_rows& units, std::optional<int> digits);

/// Appends node `node`'s rows: for each comparison c of `ch` and each unit, the change from
/// period `from` (or c) to period `to` (or c + 1) when `from` ≥ 0; `scores` and `ranks` are
/// units × periods, `labels` the period labels. `base` is the period actually compared from
/// (empty when none; then score_from and rank_from are missing).
void add_trend_rows(table& t, const unit_rows& units, std::string_view node,
                    const Eigen::MatrixXd& scores, const Eigen::MatrixXd& ranks,
                    const time::trend_result& ch, std::span<const std::string> labels,
                    Eigen::Index from = -1, Eigen::Index to = -1);

/// The empty targets table: id, kind, of, target, deadline, period, then unit[, name][,
/// group], value, attainment, gap, progress, required_growth (`digits`), growth_case,
/// historical_growth, projection_least_squares, projection_last_two, projection_compound
/// (`digits`), observations, projection, status; or with `summary`: [group], achieved,
/// on_track, off_track, no_data, total.
table targets_table(const unit_rows& units, bool summary, std::optional<int> digits);

/// Appends target `x`'s rows: per period (`labels`) and unit present in it (`present`), the
/// tracked `values` (units × periods) and what `res` judged; with `summary`, per period and
/// ranking group (order of first appearance in `units.groups`; one row without a group
/// column) the number of present units per status and their total.
void add_target_rows(table& t, const unit_rows& units, const time::declared_target& x,
                     const Eigen::MatrixXd& values, const time::target_result& res,
                     const time::panel_units& present, std::span<const std::string> labels,
                     bool summary);

/// The uncertainty summary: one row per tracked node and unit: unit[, name][, group], node,
/// nominal_score, nominal_rank, rank_{mean, median, lower, upper}, score_{mean, median,
/// lower, upper} (JSON: grouped under "rank" and "score"), missing. With `node`, that tracked
/// node's rows alone and no node column.
table uncertainty_table(const unit_rows& units, const robust::uncertainty_result& r,
                        std::optional<int> digits, std::optional<std::size_t> node = {});

/// One row per replication of an uncertainty run on model `m`: replication, what each input
/// drew (`robust::model::describe`; JSON: grouped under "choices"), and the root's mean
/// absolute rank shift.
table uncertainty_draws_table(const robust::model& m, const robust::uncertainty_result& r,
                              std::optional<int> digits);

/// The sensitivity indices of the mean absolute rank shift, one row per input: input, first,
/// first_lower, first_upper, total, total_lower, total_upper. With `per_unit`, those of each
/// unit's rank: unit[, name][, group], input, the indices, rank_variance (unit-major).
table sensitivity_table(const unit_rows& units, const robust::sensitivity_result& r,
                        std::optional<int> digits, bool per_unit);

} // namespace chiso::io
