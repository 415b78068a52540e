#pragma once
/// \file tools/chiso/periods.hpp
/// What `score`, `trend` and `targets` share: the data of one or more periods (a wide file, a
/// long file with a `period` column, or `--data P=FILE,P=FILE,...`), restated on new units with
/// `--mapping`, and scored together (`evaluate_periods`, the spec's `periods.scaling`).

#include "session.hpp"

#include <chiso/score.hpp>
#include <chiso/time/series.hpp>

#include <Eigen/Core>

#include <cstddef>
#include <string>
#include <vector>

namespace chiso::cli {

/// Every period scored: one `session` per period (in time order), and the units of all periods.
struct scored_periods {
  std::vector<std::string> labels; ///< period labels in time order ({""} for one wide file)
  bool has_periods = false;        ///< the data has periods: outputs get a `period` column
  std::vector<session> periods;    ///< one per label
  /// Units of all periods, in order of first appearance (periods in time order), and each
  /// one's row in every period (`units.row[k][u]`, `panel_units::npos` when absent).
  time::panel_units units;
  std::vector<std::string> unit_names;  ///< one per unit, or empty when the data has no names
  std::vector<std::string> unit_groups; ///< ranking group label per unit, or empty

  const chiso::plan& plan() const { return periods.front().plan; }
  const framework& f() const { return periods.front().f(); }
  const std::string& group_by() const { return periods.front().group_by; }
  /// The units of all periods and the columns naming them (a `name` column when the data has
  /// names), as views into this.
  io::unit_rows unit_rows() const {
    io::unit_rows u;
    u.ids = units.ids;
    u.names = !unit_names.empty();
    u.unit_names = unit_names;
    u.group_by = group_by();
    u.groups = unit_groups;
    return u;
  }
  /// Node k's scores, units × periods (NaN where missing or absent).
  Eigen::MatrixXd scores(std::size_t k) const;
  /// Node k's ranks, units × periods: the root's as scored, any other ranked like the root
  /// (same options and groups) within each period (`time::node_ranks`).
  Eigen::MatrixXd ranks(std::size_t k) const;
  /// The periods as numbers (years, or period indices; `io::period_times`): `input_error`
  /// naming the first label that is not a number, for `command`.
  Eigen::VectorXd times(const std::string& command) const;
};

/// The data named by `--data` (one file, wide or long, or `P=FILE,...`; else the spec's sample)
/// read for framework `fw` with `extra` columns, periods in order (sorted by value when all are
/// numbers). Problems in the files are returned, not thrown; a file that cannot be read as CSV
/// throws.
io::framework_panel read_period_data(const parsed_args& a, const loaded_framework& fw,
                                     const command_spec& cmd,
                                     const std::vector<std::string>& extra = {});

/// Reads the framework and the data named on the command line (`--data`: one file, or
/// `P=FILE,...`), applies the overrides and `--mapping`, compiles once and scores every period.
/// Periods are sorted by value when every label is a number, else kept in order of first
/// appearance. Problems in the data (all files) are reported together as one input_error.
/// `what`: keep::aggregates when the caller reads aggregates only (indicator scores are then
/// not kept, and each period's input values are released once scored: `score` without --all
/// and --prepared); a framework without aggregates always keeps everything.
scored_periods run_periods(const parsed_args& a, const command_spec& cmd, const overrides& o,
                           keep what = keep::all);

/// Prints every period's diagnostics as warnings on stderr (prefixed "period P: " when the
/// data has periods).
void report_diagnostics(const scored_periods& p);

/// The period of a label given with `--option`; `usage` listing the periods when unknown.
std::size_t period_index(const scored_periods& p, const std::string& label, const command_spec& cmd,
                         const std::string& option);

/// Plan indices of `--nodes ID,ID,...` (nodes or indicators; `usage` naming an unknown id),
/// else the aggregate nodes (root first, then the others in spec order).
std::vector<std::size_t> chosen_nodes(const parsed_args& a, const scored_periods& p,
                                      const command_spec& cmd);

} // namespace chiso::cli
