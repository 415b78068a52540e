#pragma once
/// \file tools/chiso/session.hpp
/// What `score` and `explain` share: read the framework and the data, apply the overrides,
/// compile and evaluate, and present the diagnostics.

#include "args.hpp"
#include "inputs.hpp"

#include <chiso/io/result_tables.hpp>
#include <chiso/plan.hpp>
#include <chiso/score.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace chiso::cli {

/// `--normalise` / `--aggregate` parsed (before any file is read, so usage errors come first).
struct overrides {
  std::optional<chiso::method> normalise;
  std::optional<chiso::aggregation> aggregate;
};

/// Parses the override options `cmd` accepts.
overrides parse_overrides(const parsed_args& a, const command_spec& cmd);

/// Applies the overrides to `f`; `framework_error` when that makes it invalid.
void apply_overrides(framework& f, const overrides& o);

/// A framework evaluated on a data file.
struct session {
  loaded_framework fw;
  io::framework_data data;
  chiso::plan plan;
  chiso::result result;
  std::vector<std::uint32_t> groups;        ///< ranking group code per unit (empty: one group)
  std::vector<std::uint32_t> impute_groups; ///< imputation group codes (imputation by group)
  std::string group_by;                     ///< ranking group column, or ""

  const framework& f() const { return plan.framework(); }
  /// Aggregate node indices of the plan: root first, then the others in spec order. For a
  /// framework without nodes, every indicator.
  std::vector<std::size_t> node_columns() const;
  /// The unit's group label ("" when not grouped).
  const std::string& group_label(std::size_t unit) const;
  /// The units and the columns naming them in per-unit tables (a `name` column when `names`),
  /// as views into this session.
  io::unit_rows unit_rows(bool names) const;
  /// The framework's band labels, best first (empty without bands).
  std::vector<std::string> band_labels() const;
};

/// Loads, overrides, checks the data (every problem → one input_error), compiles, evaluates.
session run_session(const parsed_args& a, const command_spec& cmd, const overrides& o);

/// "<data file>:<line>: unit '<id>': " for a unit row (the file alone for npos).
std::string where_unit(const session& s, std::size_t unit);

/// Diagnostic text naming the unit (id and data line) instead of its row index.
std::string describe(const session& s, const diagnostic& d);

/// Prints the result's diagnostics on stderr as warnings (at most 50), and a note of what data
/// preparation did when the framework imputes or treats outliers.
void report_diagnostics(const session& s);

/// The note on stderr of what data preparation did (when the framework imputes or treats
/// outliers), its text after "note: " starting with `prefix` (e.g. "period 2024: ").
void report_preparation(const session& s, const std::string& prefix = "");

/// Every cell data preparation imputed or treated, as CSV: [period,] unit, indicator, step
/// (impute or treat), method, before, after (empty: missing); the header line when `header`.
void write_preparation(std::ostream& out, const session& s, const std::string* period = nullptr,
                       bool header = true);

} // namespace chiso::cli
